#include "server/rate_limiter.h"

#include <cmath>

namespace lks::server {

int64_t RateLimiter::Acquire(std::string_view key, int64_t now_ms) {
  if (per_minute_ == 0) return 0;
  const double per_ms = per_minute_ / 60000.0;
  std::lock_guard<std::mutex> lock(mu_);
  if (now_ms - last_sweep_ms_ > 120000) {  // forget idle keys (their buckets are full again)
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      it = now_ms - it->second.last_ms > 120000 ? buckets_.erase(it) : std::next(it);
    }
    last_sweep_ms_ = now_ms;
  }
  auto [it, inserted] = buckets_.try_emplace(std::string(key));
  Bucket& b = it->second;
  if (inserted) {
    b.tokens = per_minute_;
  } else if (now_ms > b.last_ms) {
    b.tokens = std::min<double>(per_minute_, b.tokens + (now_ms - b.last_ms) * per_ms);
  }
  b.last_ms = std::max(b.last_ms, now_ms);
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  const double wait_ms = (1.0 - b.tokens) / per_ms;
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(wait_ms / 1000.0)));
}

}  // namespace lks::server
