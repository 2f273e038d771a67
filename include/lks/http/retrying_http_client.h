// RetryingHttpClient: one logical API call over several attempts — retries, fallback URLs and
// LiveKit Cloud region failover — on top of a shared HttpClient.
//
// Policy (design.md §3):
//  - Only transport failures (kUnavailable from HttpClient) and HTTP 5xx answers are retried.
//    4xx answers are final. A timed-out attempt (kDeadlineExceeded) is final too: the server may
//    still be carrying the call out, and retrying would multiply the caller's wait.
//  - Up to `max_attempts` attempts (default 3), waiting `backoff[i]` before retry i+1
//    (default 200 ms, then 400 ms).
//  - Each retry goes to the next URL not tried yet in this call: first the explicit
//    `fallback_urls` (self-hosted clusters), then — when region failover is on — the regions that
//    `GET <base>/settings/regions` lists (cached per base URL for its Cache-Control max-age, 5 s
//    when absent); when none is left, the primary URL again.
//  - Region failover is on for hosts ending in ".livekit.cloud" whose per-attempt timeout is at
//    least 5 s (kAuto), always (kAlways, e.g. for LiveKit's test-server), or never (kNever).
//  - Every attempt sends the same headers, so an X-Livekit-Request-Id set by the caller is kept.
//
// Thread-safety: Send() may be called from any number of threads at once.
#ifndef LKS_HTTP_RETRYING_HTTP_CLIENT_H_
#define LKS_HTTP_RETRYING_HTTP_CLIENT_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lks/core/status.h"
#include "lks/http/http_client.h"

namespace lks {

enum class RegionFailover { kAuto = 0, kAlways = 1, kNever = 2 };

struct RetryOptions {
  int max_attempts = 3;  // >= 1
  std::vector<std::chrono::milliseconds> backoff{std::chrono::milliseconds(200),
                                                 std::chrono::milliseconds(400)};
  // Base URLs (http(s)://host:port, or ws(s)://, which map to http(s)://) tried after the primary.
  std::vector<std::string> fallback_urls;
  RegionFailover region_failover = RegionFailover::kAuto;
};

// What a call did, for logs and tests.
struct CallTrace {
  int attempts = 0;
  std::vector<std::string> urls;  // base URL of each attempt, in order
};

class RetryingHttpClient {
 public:
  // `base_url` is the primary server (ws:// and wss:// are accepted and mapped to http(s)://).
  // Errors: kInvalidArgument naming the URL field or max_attempts.
  static StatusOr<std::unique_ptr<RetryingHttpClient>> Create(std::shared_ptr<HttpClient> http,
                                                              std::string_view base_url,
                                                              RetryOptions options);

  // Sends `request` (its url is ignored) to `<base><path>` with the policy above. Returns the
  // final HTTP answer (which may be a 4xx or, after the last attempt, a 5xx) or the last transport
  // error annotated with the number of attempts. `trace`, if given, receives what happened.
  StatusOr<HttpResponse> Send(std::string_view path, HttpRequest request,
                              CallTrace* trace = nullptr) const;

  const std::string& base_url() const noexcept { return base_url_; }
  const HttpClient& http() const noexcept { return *http_; }

 private:
  RetryingHttpClient(std::shared_ptr<HttpClient> http, std::string base_url, RetryOptions options);
  bool RegionFailoverActive(std::chrono::milliseconds timeout) const;
  // Region base URLs from /settings/regions (cached); empty when the list cannot be had.
  std::vector<std::string> Regions(const HttpRequest& like) const;

  std::shared_ptr<HttpClient> http_;
  std::string base_url_;
  RetryOptions options_;

  struct CachedRegions {
    std::vector<std::string> urls;
    std::chrono::steady_clock::time_point expires;
  };
  mutable std::mutex regions_mu_;
  mutable CachedRegions regions_;
};

// Maps ws:// to http:// and wss:// to https://, drops a trailing '/'.
// Errors: kInvalidArgument "<field>: ..." when the scheme is none of ws, wss, http, https.
StatusOr<std::string> NormalizeBaseUrl(std::string_view url, std::string_view field = "url");

// True when `base_url`'s host is "*.livekit.cloud" (LiveKit Cloud).
bool IsLiveKitCloudUrl(std::string_view base_url);

}  // namespace lks

#endif  // LKS_HTTP_RETRYING_HTTP_CLIENT_H_
