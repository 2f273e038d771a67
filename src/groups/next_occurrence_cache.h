// NextOccurrenceCache: CurrentOrNextOccurrence (schedule.h) remembered per group, so that a list
// of recurring groups does not expand each RRULE under libical's process-wide lock on every
// answer. Internal header.
//
// An entry is kept per group id together with the schedule fields it was computed from
// (scheduledTime, durationMinutes, timeZone, recurrence: their values, not updatedAt, so any
// writer that changes them misses the entry). It answers for every `now` before the cached
// occurrence's end (and not before the `now` it was computed for): until then the first
// occurrence ending after `now` is still that one. A
// group with no occurrence left is remembered for kEmptyTtlMs only. Errors are not cached.
//
// Thread-safety: every member may be called from any number of threads at once. A hit takes
// only the cache's own shared lock, never libical's; a miss computes outside the cache's lock.
#ifndef LKS_SRC_GROUPS_NEXT_OCCURRENCE_CACHE_H_
#define LKS_SRC_GROUPS_NEXT_OCCURRENCE_CACHE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "lks/core/status.h"
#include "lks/groups/schedule.h"
#include "lks/store/models.h"

namespace lks::internal {

class NextOccurrenceCache {
 public:
  using Compute =
      std::function<StatusOr<std::optional<Occurrence>>(const StudyGroup&, int64_t now_ms)>;

  static constexpr size_t kDefaultMaxEntries = 4096;
  static constexpr int64_t kEmptyTtlMs = 60000;

  // Holds at most `max_entries` groups (at least 1; when full, a new group first drops the
  // expired entries, then an arbitrary one). `compute` answers a miss; by default
  // CurrentOrNextOccurrence (tests pass one that counts its calls).
  explicit NextOccurrenceCache(size_t max_entries = kDefaultMaxEntries, Compute compute = {});

  // The same as CurrentOrNextOccurrence(group, now_ms). Groups with an id <= 0 (not stored) and
  // groups without a recurrence (no libical call) are computed each time.
  StatusOr<std::optional<Occurrence>> Get(const StudyGroup& group, int64_t now_ms);

  size_t size() const;
  // How many answers were computed (misses), for tests and benchmarks.
  uint64_t computed() const noexcept { return computed_.load(std::memory_order_relaxed); }

 private:
  struct Entry {
    int64_t scheduled_time_ms = 0;
    int32_t duration_minutes = 0;
    std::optional<std::string> time_zone;
    std::optional<std::string> recurrence;
    std::optional<Occurrence> next;
    int64_t valid_from_ms = 0;   // the `now` it was computed for (a clock may go back in tests)
    int64_t valid_until_ms = 0;  // answers while valid_from_ms <= now < valid_until_ms
  };
  static bool SameSchedule(const Entry& e, const StudyGroup& g) noexcept;

  const size_t max_entries_;
  const Compute compute_;
  mutable std::shared_mutex mu_;
  std::unordered_map<int64_t, Entry> entries_;  // by group id
  std::atomic<uint64_t> computed_{0};
};

}  // namespace lks::internal

#endif  // LKS_SRC_GROUPS_NEXT_OCCURRENCE_CACHE_H_
