// Clock: the source of "now" for everything time-dependent (token nbf/exp, verification leeway,
// session timestamps). Injectable so tests control time.
//
// Thread-safety: SystemClock() and ManualClock are safe to read from many threads at once;
// ManualClock::Set/Advance may race with readers only in the sense that a reader sees either the
// old or the new time.
#ifndef LKS_CORE_CLOCK_H_
#define LKS_CORE_CLOCK_H_

#include <atomic>
#include <cstdint>

namespace lks {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch (UTC).
  virtual int64_t NowUnixMillis() const noexcept = 0;
  // Whole seconds since the Unix epoch (UTC). By default NowUnixMillis() / 1000; a clock may
  // answer it more cheaply (SystemClock() reads the kernel's coarse clock, which is at most one
  // timer tick, a few ms, behind: well inside the second this returns).
  virtual int64_t NowUnixSeconds() const noexcept { return NowUnixMillis() / 1000; }
};

// The wall clock. A stateless object that lives for the whole program.
const Clock& SystemClock() noexcept;

// A clock that only moves when told; for tests and simulations.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t unix_millis = 0) noexcept : now_ms_(unix_millis) {}
  int64_t NowUnixMillis() const noexcept override {
    return now_ms_.load(std::memory_order_relaxed);
  }
  void SetUnixMillis(int64_t ms) noexcept { now_ms_.store(ms, std::memory_order_relaxed); }
  void SetUnixSeconds(int64_t s) noexcept { SetUnixMillis(s * 1000); }
  void AdvanceMillis(int64_t ms) noexcept { now_ms_.fetch_add(ms, std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace lks

#endif  // LKS_CORE_CLOCK_H_
