#include "lks/http/retrying_http_client.h"

#include <algorithm>
#include <cctype>
#include <thread>

#include "core/json_reader.h"

namespace lks {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kDefaultRegionsMaxAge{5000};
constexpr std::chrono::milliseconds kMinTimeoutForFailover{5000};

std::string_view HostOf(std::string_view base_url) {
  size_t scheme = base_url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? base_url : base_url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') return rest.substr(0, rest.find(']') + 1);
  return rest.substr(0, rest.find(':'));
}

std::chrono::milliseconds MaxAge(std::string_view cache_control) {
  size_t p = cache_control.find("max-age=");
  if (p == std::string_view::npos) return kDefaultRegionsMaxAge;
  p += 8;
  int64_t secs = 0;
  bool any = false;
  while (p < cache_control.size() && std::isdigit(static_cast<unsigned char>(cache_control[p])) &&
         secs < 86400) {
    secs = secs * 10 + (cache_control[p++] - '0');
    any = true;
  }
  return any ? std::chrono::milliseconds(secs * 1000) : kDefaultRegionsMaxAge;
}

}  // namespace

StatusOr<std::string> NormalizeBaseUrl(std::string_view url, std::string_view field) {
  std::string out;
  if (url.starts_with("wss://")) {
    out = "https://" + std::string(url.substr(6));
  } else if (url.starts_with("ws://")) {
    out = "http://" + std::string(url.substr(5));
  } else if (url.starts_with("https://") || url.starts_with("http://")) {
    out = std::string(url);
  } else {
    return InvalidArgumentError(std::string(field) + ": '" +
                                std::string(url.substr(0, url.find('?'))) +
                                "' must start with ws://, wss://, http:// or https://");
  }
  while (!out.empty() && out.back() == '/') out.pop_back();
  if (HostOf(out).empty())
    return InvalidArgumentError(std::string(field) + ": no host in '" + out + "'");
  return out;
}

bool IsLiveKitCloudUrl(std::string_view base_url) {
  std::string host(HostOf(base_url));
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host.ends_with(".livekit.cloud");
}

RetryingHttpClient::RetryingHttpClient(std::shared_ptr<HttpClient> http, std::string base_url,
                                       RetryOptions options)
    : http_(std::move(http)), base_url_(std::move(base_url)), options_(std::move(options)) {}

StatusOr<std::unique_ptr<RetryingHttpClient>> RetryingHttpClient::Create(
    std::shared_ptr<HttpClient> http, std::string_view base_url, RetryOptions options) {
  if (!http) return InvalidArgumentError("http: must not be null");
  if (options.max_attempts < 1) return InvalidArgumentError("max_attempts: must be at least 1");
  for (auto d : options.backoff) {
    if (d.count() < 0) return InvalidArgumentError("backoff: must not be negative");
  }
  StatusOr<std::string> base = NormalizeBaseUrl(base_url, "url");
  if (!base.ok()) return base.status();
  for (std::string& f : options.fallback_urls) {
    StatusOr<std::string> n = NormalizeBaseUrl(f, "fallback_urls");
    if (!n.ok()) return n.status();
    f = std::move(*n);
  }
  return std::unique_ptr<RetryingHttpClient>(
      new RetryingHttpClient(std::move(http), std::move(*base), std::move(options)));
}

bool RetryingHttpClient::RegionFailoverActive(std::chrono::milliseconds timeout) const {
  switch (options_.region_failover) {
    case RegionFailover::kNever:
      return false;
    case RegionFailover::kAlways:
      return true;
    case RegionFailover::kAuto:
      return IsLiveKitCloudUrl(base_url_) && timeout >= kMinTimeoutForFailover;
  }
  return false;
}

std::vector<std::string> RetryingHttpClient::Regions(const HttpRequest& like) const {
  {
    std::lock_guard<std::mutex> lock(regions_mu_);
    if (!regions_.urls.empty() && Clock::now() < regions_.expires) return regions_.urls;
  }
  HttpRequest req;
  req.method = "GET";
  req.url = base_url_ + "/settings/regions";
  req.timeout = like.timeout;
  for (const auto& [k, v] : like.headers) {
    if (k != "Content-Type") req.headers.emplace_back(k, v);
  }
  StatusOr<HttpResponse> resp = http_->Send(req);
  if (!resp.ok() || resp->status != 200) return {};
  rapidjson::Document doc;
  if (!internal::ParseJson(resp->body, &doc, "regions").ok() || !doc.IsObject()) return {};
  const internal::JsonValue* list = internal::FindMember(doc, "regions");
  if (!list || !list->IsArray()) return {};
  std::vector<std::pair<int64_t, std::string>> found;
  for (const auto& r : list->GetArray()) {
    if (!r.IsObject()) continue;
    std::string url;
    int64_t distance = 0;
    if (!internal::ReadString(r, "url", &url).ok() || url.empty()) continue;
    (void)internal::ReadInt64(r, "distance", &distance);
    StatusOr<std::string> n = NormalizeBaseUrl(url, "regions.url");
    if (n.ok()) found.emplace_back(distance, std::move(*n));
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> urls;
  for (auto& [d, u] : found) urls.push_back(std::move(u));
  std::lock_guard<std::mutex> lock(regions_mu_);
  regions_.urls = urls;
  regions_.expires = Clock::now() + MaxAge(resp->Header("cache-control"));
  return urls;
}

StatusOr<HttpResponse> RetryingHttpClient::Send(std::string_view path, HttpRequest request,
                                                CallTrace* trace) const {
  const auto timeout = request.timeout.count() > 0 ? request.timeout : http_->options().timeout;
  const bool failover = RegionFailoverActive(timeout);
  std::vector<std::string> tried;
  std::vector<std::string> regions;
  bool regions_fetched = false;
  Status last_error;
  StatusOr<HttpResponse> last = UnavailableError("no attempt made");

  for (int attempt = 0; attempt < options_.max_attempts; ++attempt) {
    std::string base = base_url_;
    if (attempt > 0) {
      if (!options_.backoff.empty()) {
        size_t i = std::min(static_cast<size_t>(attempt - 1), options_.backoff.size() - 1);
        std::this_thread::sleep_for(options_.backoff[i]);
      }
      auto untried = [&](const std::string& u) {
        return std::find(tried.begin(), tried.end(), u) == tried.end();
      };
      auto next =
          std::find_if(options_.fallback_urls.begin(), options_.fallback_urls.end(), untried);
      if (next != options_.fallback_urls.end()) {
        base = *next;
      } else if (failover) {
        if (!regions_fetched) {
          regions = Regions(request);
          regions_fetched = true;
        }
        auto r = std::find_if(regions.begin(), regions.end(), untried);
        if (r != regions.end()) base = *r;
      }
    }
    tried.push_back(base);
    if (trace) {
      trace->attempts = attempt + 1;
      trace->urls.push_back(base);
    }
    request.url.assign(base).append(path);
    last = http_->Send(request);
    if (last.ok()) {
      if (last->status < 500) return last;
      continue;  // 5xx: retry
    }
    if (last.status().code() != StatusCode::kUnavailable) return last.status();
  }
  if (!last.ok() && options_.max_attempts > 1) {
    return last.status().Annotate("after " + std::to_string(options_.max_attempts) + " attempts");
  }
  return last;
}

}  // namespace lks
