#include "lks/http/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <mutex>

#include "lks/core/version.h"

namespace lks {
namespace {

std::once_flag g_curl_init_once;
CURLcode g_curl_init_result = CURLE_OK;

// libcurl's global state is set up once per process and never torn down: tearing it down while
// another library in the host still uses libcurl would break that library.
bool EnsureCurlGlobalInit() {
  std::call_once(g_curl_init_once,
                 [] { g_curl_init_result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return g_curl_init_result == CURLE_OK;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The URL as it may appear in a message: without query (a token could be there) or user info.
std::string RedactUrl(std::string_view url) {
  std::string_view u = url.substr(0, url.find_first_of("?#"));
  size_t scheme = u.find("://");
  size_t at = u.find('@');
  if (scheme != std::string_view::npos && at != std::string_view::npos && at > scheme) {
    size_t slash = u.find('/', scheme + 3);
    if (slash == std::string_view::npos || at < slash) {
      return std::string(u.substr(0, scheme + 3)) + std::string(u.substr(at + 1));
    }
  }
  return std::string(u);
}

size_t WriteBody(char* ptr, size_t size, size_t nmemb, void* userdata) {
  static_cast<std::string*>(userdata)->append(ptr, size * nmemb);
  return size * nmemb;
}

size_t WriteHeader(char* ptr, size_t size, size_t nmemb, void* userdata) {
  auto* headers = static_cast<HttpHeaders*>(userdata);
  std::string_view line(ptr, size * nmemb);
  if (line.starts_with("HTTP/")) {
    headers->clear();  // a new response (after 100 Continue or a proxy's CONNECT answer)
    return size * nmemb;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * nmemb;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
    value.remove_suffix(1);
  }
  headers->emplace_back(Lower(line.substr(0, colon)), std::string(value));
  return size * nmemb;
}

Status MapCurlError(CURLcode rc, const char* detail, const HttpRequest& req) {
  std::string msg = req.method + " " + RedactUrl(req.url) + ": ";
  msg += (detail && *detail) ? detail : curl_easy_strerror(rc);
  switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
      return DeadlineExceededError(std::move(msg)).WithReason("timeout");
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return UnavailableError(std::move(msg)).WithReason("connect");
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return InvalidArgumentError(std::move(msg)).WithReason("bad_url");
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
      return UnavailableError(std::move(msg)).WithReason("tls");
    case CURLE_OUT_OF_MEMORY:
      return ResourceExhaustedError(std::move(msg)).WithReason("out_of_memory");
    default:
      return UnavailableError(std::move(msg)).WithReason("transport");
  }
}

}  // namespace

std::string_view HttpResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return v;
    }
  }
  return {};
}

struct HttpClient::Impl {
  CURLSH* share = nullptr;
  // One mutex per kind of shared data, as libcurl's share interface asks.
  std::mutex locks[CURL_LOCK_DATA_LAST];
  std::mutex pool_mu;
  std::vector<CURL*> idle;
  std::atomic<long> connects{0};
  std::string user_agent;

  static void Lock(CURL*, curl_lock_data data, curl_lock_access, void* userptr) {
    static_cast<Impl*>(userptr)->locks[data].lock();
  }
  static void Unlock(CURL*, curl_lock_data data, void* userptr) {
    static_cast<Impl*>(userptr)->locks[data].unlock();
  }

  ~Impl() {
    for (CURL* h : idle) curl_easy_cleanup(h);
    if (share) curl_share_cleanup(share);
  }

  CURL* Acquire() {
    {
      std::lock_guard<std::mutex> lock(pool_mu);
      if (!idle.empty()) {
        CURL* h = idle.back();
        idle.pop_back();
        return h;
      }
    }
    return curl_easy_init();
  }

  void Release(CURL* h, size_t max_idle) {
    curl_easy_reset(h);
    std::lock_guard<std::mutex> lock(pool_mu);
    if (idle.size() < max_idle) {
      idle.push_back(h);
      return;
    }
    curl_easy_cleanup(h);
  }
};

HttpClient::HttpClient(const HttpClientOptions& options)
    : options_(options), impl_(std::make_unique<Impl>()) {}

HttpClient::~HttpClient() = default;

StatusOr<std::shared_ptr<HttpClient>> HttpClient::Create(const HttpClientOptions& options) {
  if (options.timeout.count() < 0) return InvalidArgumentError("timeout: must not be negative");
  if (options.connect_timeout.count() < 0)
    return InvalidArgumentError("connect_timeout: must not be negative");
  if (!EnsureCurlGlobalInit()) return InternalError("libcurl: global initialization failed");
  std::shared_ptr<HttpClient> client(new HttpClient(options));
  Impl& impl = *client->impl_;
  impl.user_agent = options.user_agent.empty() ? std::string("lkstudy/") + LKS_VERSION_STRING
                                               : options.user_agent;
  impl.share = curl_share_init();
  if (!impl.share) return InternalError("libcurl: cannot create a share handle");
  curl_share_setopt(impl.share, CURLSHOPT_LOCKFUNC, &Impl::Lock);
  curl_share_setopt(impl.share, CURLSHOPT_UNLOCKFUNC, &Impl::Unlock);
  curl_share_setopt(impl.share, CURLSHOPT_USERDATA, &impl);
  curl_share_setopt(impl.share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(impl.share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  curl_share_setopt(impl.share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
  return client;
}

long HttpClient::connections_opened() const noexcept { return impl_->connects.load(); }

StatusOr<HttpResponse> HttpClient::Send(const HttpRequest& req) const {
  if (req.method != "GET" && req.method != "POST") {
    return InvalidArgumentError("method: '" + req.method + "' is not GET or POST");
  }
  if (!(req.url.starts_with("http://") || req.url.starts_with("https://"))) {
    return InvalidArgumentError("url: '" + RedactUrl(req.url) +
                                "' is not an http:// or https:// URL")
        .WithReason("bad_url");
  }
  CURL* h = impl_->Acquire();
  if (!h) return ResourceExhaustedError("libcurl: cannot create an easy handle");

  HttpResponse resp;
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  bool header_oom = false;
  for (const auto& [k, v] : req.headers) {
    std::string line = k + ": " + v;
    curl_slist* next = curl_slist_append(headers, line.c_str());
    if (!next) {
      header_oom = true;
      break;
    }
    headers = next;
  }
  // libcurl would wait up to a second for "100 Continue" before sending a larger body.
  if (!header_oom) {
    curl_slist* next = curl_slist_append(headers, "Expect:");
    if (next)
      headers = next;
    else
      header_oom = true;
  }
  if (header_oom) {
    curl_slist_free_all(headers);
    impl_->Release(h, options_.max_idle_handles);
    return ResourceExhaustedError("out of memory building request headers");
  }

  const auto timeout = req.timeout.count() > 0 ? req.timeout : options_.timeout;
  curl_easy_setopt(h, CURLOPT_SHARE, impl_->share);
  curl_easy_setopt(h, CURLOPT_URL, req.url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(h, CURLOPT_USERAGENT, impl_->user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_MAXCONNECTS, options_.max_idle_connections);
  curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, options_.verify_tls ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, options_.verify_tls ? 2L : 0L);
  if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (!options_.ca_path.empty()) curl_easy_setopt(h, CURLOPT_CAPATH, options_.ca_path.c_str());
  if (!options_.proxy.empty()) curl_easy_setopt(h, CURLOPT_PROXY, options_.proxy.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &resp.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &WriteHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &resp.headers);
  if (req.method == "POST") {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, req.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
  } else {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  }

  CURLcode rc = curl_easy_perform(h);
  long connects = 0;
  if (curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK)
    impl_->connects += connects;
  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(headers);
  Status err = rc == CURLE_OK ? OkStatus() : MapCurlError(rc, errbuf, req);
  impl_->Release(h, options_.max_idle_handles);
  if (!err.ok()) return err;
  resp.status = static_cast<int>(code);
  return resp;
}

}  // namespace lks
