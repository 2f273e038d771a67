// StudyGroupService: the waiting room (knocks, admit, deny) and the lock.
//
// The session a knock is for is the group's LiveKit room session, named by its room SID. The
// token request that finds no live room opens one (EnsureRoom), so a waiting member always knocks
// on a real session, and a moderator who opens the room later finds the knocks on it. When the
// session ends (room_finished, DELETE, LiveKit's empty timeout) the next one has a new SID and
// an empty waiting room: admission lasts one session.
#include "groups/service_errors.h"
#include "lks/groups/study_group_service.h"

namespace lks {
namespace {

// `name` cut to at most `max` bytes at a UTF-8 character boundary (the knock's name column holds
// 255 bytes; a participant name may have 256).
std::string_view Truncate(std::string_view name, size_t max) {
  if (name.size() <= max) return name;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) --n;
  return name.substr(0, n);
}

}  // namespace

Status StudyGroupService::CheckLock(const StudyGroup& group, bool moderates) {
  if (!group.locked || moderates) return OkStatus();
  return PermissionDeniedError("study group " + std::to_string(group.id) +
                               " is locked: only its owners and moderators may join until it is "
                               "unlocked")
      .WithReason("locked");
}

StatusOr<std::optional<AdmissionWait>> StudyGroupService::CheckAdmission(
    const Principal& who, const StudyGroup& group, std::string_view participant_name,
    const std::string& sid, bool moderates) {
  if (group.admission != Admission::kApproval || moderates) return std::optional<AdmissionWait>();
  // A LiveKit that names no room SID: the room name stands for the session.
  const std::string session = sid.empty() ? group.livekit_room_name.value_or("") : sid;
  const std::string_view name =
      Truncate(participant_name.empty() ? std::string_view(who.name) : participant_name, 255);
  // Idempotent: asking again returns the stored knock, so a decision stands.
  StatusOr<Knock> knock = store_->RecordKnock(group.id, session, who.user_id, name, NowMs());
  if (!knock.ok()) return knock.status();
  switch (knock->status) {
    case KnockStatus::kAdmitted:
      return std::optional<AdmissionWait>();
    case KnockStatus::kDenied:
      return PermissionDeniedError("a moderator of study group " + std::to_string(group.id) +
                                   " denied you this session; you may ask again in its next one")
          .WithReason("denied");
    case KnockStatus::kWaiting:
      break;
  }
  AdmissionWait wait;
  wait.group_id = group.id;
  wait.room_name = group.livekit_room_name.value_or("");
  wait.session = session;
  wait.knocked_at_ms = knock->knocked_at_ms;
  wait.retry_after = options_.knock_poll_interval;
  return std::optional<AdmissionWait>(std::move(wait));
}

StatusOr<std::optional<std::string>> StudyGroupService::CurrentSession(const StudyGroup& group) {
  if (!group.livekit_room_sid || group.livekit_room_sid->empty())
    return std::optional<std::string>();
  StatusOr<RoomSession> s = store_->GetRoomSession(*group.livekit_room_sid);
  if (!s.ok()) {
    if (s.status().code() == StatusCode::kNotFound) return std::optional<std::string>();
    return s.status();
  }
  if (s->ended_at_ms) return std::optional<std::string>();
  return std::optional<std::string>(*group.livekit_room_sid);
}

StatusOr<KnockList> StudyGroupService::ListKnocks(const Principal& who, int64_t group_id) {
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireModerator(who, *access));
  KnockList list;
  list.group_id = group_id;
  StatusOr<std::optional<std::string>> session = CurrentSession(access->group);
  if (!session.ok()) return session.status();
  if (!*session) return list;
  list.session = **session;
  StatusOr<std::vector<Knock>> knocks = store_->ListKnocks(group_id, **session);
  if (!knocks.ok()) return knocks.status();
  list.knocks = std::move(*knocks);
  return list;
}

StatusOr<Knock> StudyGroupService::DecideKnock(const Principal& who, int64_t group_id,
                                               std::string_view user_id, KnockStatus status) {
  if (user_id.empty()) return InvalidArgumentError("userId: required");
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireModerator(who, *access));
  StatusOr<std::optional<std::string>> session = CurrentSession(access->group);
  if (!session.ok()) return session.status();
  auto not_found = [&] {
    return NotFoundError("user '" + std::string(user_id) +
                         "' has not asked to join the current session of study group " +
                         std::to_string(group_id))
        .WithReason("knock_not_found");
  };
  if (!*session) return not_found();
  StatusOr<Knock> k =
      store_->DecideKnock(group_id, **session, user_id, status, who.user_id, NowMs());
  if (!k.ok() && k.status().code() == StatusCode::kNotFound) return not_found();
  return k;
}

StatusOr<Knock> StudyGroupService::AdmitKnock(const Principal& who, int64_t group_id,
                                              std::string_view user_id) {
  return DecideKnock(who, group_id, user_id, KnockStatus::kAdmitted);
}

StatusOr<Knock> StudyGroupService::DenyKnock(const Principal& who, int64_t group_id,
                                             std::string_view user_id) {
  return DecideKnock(who, group_id, user_id, KnockStatus::kDenied);
}

StatusOr<StudyGroup> StudyGroupService::SetLocked(const Principal& who, int64_t group_id,
                                                  bool locked) {
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireModerator(who, *access));
  if (access->group.locked == locked) return std::move(access->group);
  StudyGroupUpdate update;
  update.locked = locked;
  return store_->UpdateGroup(group_id, update);
}

}  // namespace lks
