// StudyGroupService::UpdateGroup: a group's settings after creation (PATCH
// /api/study-groups/:id), with create's checks. Owners and admins only (the header says why).
#include "groups/service_errors.h"
#include "lks/groups/schedule.h"
#include "lks/groups/study_group_service.h"

namespace lks {

bool UpdateGroupRequest::empty() const noexcept {
  return !title && !description && !max_participants && !scheduled_time_ms && !duration_minutes &&
         !time_zone && !recurrence && !early_join_minutes && !grace_minutes && !admission &&
         !recording_consent && !e2ee && !transcription_agent;
}

Status StudyGroupService::RequireOwner(const Principal& who, const Access& access) {
  if (IsAdmin(who)) return OkStatus();
  if (!access.membership) return internal::NotAMember(access.group.id);
  if (access.membership->role != MemberRole::kOwner) return internal::NotAnOwner(access.group.id);
  return OkStatus();
}

StatusOr<StudyGroup> StudyGroupService::UpdateGroup(const Principal& who, int64_t group_id,
                                                    const UpdateGroupRequest& r) {
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireOwner(who, *access));
  if (r.title && r.title->empty()) return InvalidArgumentError("title: required");
  const StudyGroup& cur = access->group;
  StudyGroupUpdate u;
  u.title = r.title;
  u.description = r.description;
  u.max_participants = r.max_participants;
  u.duration_minutes = r.duration_minutes;
  u.early_join_minutes = r.early_join_minutes;
  u.grace_minutes = r.grace_minutes;
  u.admission = r.admission;
  u.recording_consent = r.recording_consent;
  u.e2ee = r.e2ee;
  u.transcription_agent = r.transcription_agent;  // "" removes it (the store stores NULL)
  if (r.scheduled_time_ms || r.time_zone || r.recurrence) {
    // The schedule as it will be: a new recurrence is checked against the stored start and a new
    // start against the stored recurrence, as create checks them together.
    const int64_t start = r.scheduled_time_ms.value_or(cur.scheduled_time_ms);
    StatusOr<ScheduleFields> schedule =
        ValidateSchedule(r.time_zone ? *r.time_zone : cur.time_zone.value_or(""),
                         r.recurrence ? *r.recurrence : cur.recurrence.value_or(""), start);
    if (!schedule.ok()) return schedule.status();
    u.scheduled_time_ms = start;
    u.time_zone = schedule->time_zone.value_or("");
    u.recurrence = schedule->recurrence.value_or("");
  }
  return store_->UpdateGroup(group_id, u);
}

}  // namespace lks
