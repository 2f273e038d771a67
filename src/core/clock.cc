#include "lks/core/clock.h"

#include <chrono>

namespace lks {
namespace {
class WallClock final : public Clock {
 public:
  int64_t NowUnixMillis() const noexcept override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};
}  // namespace

const Clock& SystemClock() noexcept {
  static const WallClock clock;
  return clock;
}

}  // namespace lks
