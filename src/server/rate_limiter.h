// Per-key rate limits for `lkstudy serve` (token issuance and group creation per user, so one
// account cannot flood LiveKit with rooms): a token bucket per key that holds `per_minute`
// requests and refills at `per_minute` a minute. Keys idle for over two minutes are forgotten.
//
// Thread-safety: Acquire may be called from any number of threads at once.
#ifndef LKS_SRC_SERVER_RATE_LIMITER_H_
#define LKS_SRC_SERVER_RATE_LIMITER_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace lks::server {

class RateLimiter {
 public:
  // `per_minute` 0 disables the limit (Acquire always allows).
  explicit RateLimiter(uint32_t per_minute) : per_minute_(per_minute) {}

  // Takes one request for `key` at `now_ms` (a steady clock). Returns 0 when allowed, else the
  // whole seconds until the next request will be (the Retry-After value, at least 1).
  int64_t Acquire(std::string_view key, int64_t now_ms);

  uint32_t per_minute() const noexcept { return per_minute_; }

 private:
  struct Bucket {
    double tokens = 0;
    int64_t last_ms = 0;
  };
  const uint32_t per_minute_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  int64_t last_sweep_ms_ = 0;
};

}  // namespace lks::server

#endif  // LKS_SRC_SERVER_RATE_LIMITER_H_
