// The rules webhooks and reconciliation share so that every participant-minute counts once: when
// a reported join is one already recorded, and when a row already covers a moment. Internal
// header (docs/webhooks.md, "Reconciliation").
#ifndef LKS_SRC_GROUPS_ATTENDANCE_RULES_H_
#define LKS_SRC_GROUPS_ATTENDANCE_RULES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "lks/store/models.h"

namespace lks::internal {

// Webhooks and ListParticipants report a join with the same server value, in milliseconds, or
// only in seconds (older servers, a missing joined_at_ms): two reports less than a second apart
// are the same join.
inline constexpr int64_t kSameJoinMs = 1000;

inline bool SameJoin(int64_t a_ms, int64_t b_ms) {
  return a_ms - b_ms < kSameJoinMs && b_ms - a_ms < kSameJoinMs;
}

// The join time of a report: milliseconds when given, else seconds, else `fallback_ms`.
inline int64_t JoinMs(int64_t joined_at_ms, int64_t joined_at_s, int64_t fallback_ms) {
  return joined_at_ms ? joined_at_ms : joined_at_s ? joined_at_s * 1000 : fallback_ms;
}

// Whether a row of `identity` already accounts for a join at `join_ms`: the same join, or a
// closed row whose span holds that moment (opening another would count those minutes twice).
inline bool JoinIsRecorded(const std::vector<Attendance>& rows, std::string_view identity,
                           int64_t join_ms) {
  for (const Attendance& a : rows) {
    if (a.participant_identity != identity) continue;
    if (SameJoin(a.joined_at_ms, join_ms)) return true;
    if (a.left_at_ms && a.joined_at_ms <= join_ms && join_ms < *a.left_at_ms) return true;
  }
  return false;
}

// The open row of `identity`, or null.
inline const Attendance* OpenRow(const std::vector<Attendance>& rows, std::string_view identity) {
  for (const Attendance& a : rows) {
    if (a.participant_identity == identity && !a.left_at_ms) return &a;
  }
  return nullptr;
}

}  // namespace lks::internal

#endif  // LKS_SRC_GROUPS_ATTENDANCE_RULES_H_
