// StudyGroupService: groups, membership, access checks and usage. LiveKit calls are in
// livekit_policy.cc, webhook ingestion in webhook_ingest.cc.
#include "lks/groups/study_group_service.h"

#include <algorithm>

#include "groups/e2ee_keys.h"
#include "groups/next_occurrence_cache.h"
#include "groups/service_errors.h"
#include "lks/core/crypto.h"

namespace lks {

std::string ParticipantIdentity(std::string_view user_id) { return "user_" + std::string(user_id); }

std::string UserIdFromIdentity(std::string_view identity) {
  constexpr std::string_view kPrefix = "user_";
  if (identity.size() <= kPrefix.size() || identity.substr(0, kPrefix.size()) != kPrefix) return {};
  return std::string(identity.substr(kPrefix.size()));
}

StudyGroupService::StudyGroupService(std::shared_ptr<StudyGroupStore> store,
                                     std::shared_ptr<const RoomServiceClient> rooms,
                                     StudyGroupServiceOptions options)
    : store_(std::move(store)),
      rooms_(std::move(rooms)),
      options_(std::move(options)),
      clock_(options_.clock ? options_.clock : &SystemClock()) {
  next_occurrences_ = std::make_shared<internal::NextOccurrenceCache>();
  if (!options_.api_key.empty() && !options_.api_secret.empty()) {
    signer_ = std::make_shared<const TokenSigner>(options_.api_key, options_.api_secret);
  }
  // Keep no copy of the secret beyond the signer's HMAC state.
  has_api_secret_ = !options_.api_secret.empty();
  std::fill(options_.api_secret.begin(), options_.api_secret.end(), '\0');
  options_.api_secret.clear();
  if (options_.e2ee_master_secret.size() >= kMinE2eeMasterSecretBytes)
    e2ee_keys_ = std::make_shared<const internal::SessionKeyDeriver>(options_.e2ee_master_secret);
  std::fill(options_.e2ee_master_secret.begin(), options_.e2ee_master_secret.end(), '\0');
  options_.e2ee_master_secret.clear();
}

StatusOr<StudyGroupService::Access> StudyGroupService::LoadAccess(const Principal& who,
                                                                  int64_t group_id) {
  if (group_id <= 0) return InvalidArgumentError("id: must be a positive integer");
  StatusOr<StudyGroup> group = store_->GetGroup(group_id);
  if (!group.ok()) return group.status();
  return LoadMembership(who, std::move(*group));
}

StatusOr<StudyGroupService::Access> StudyGroupService::LoadMembership(const Principal& who,
                                                                      StudyGroup group) {
  Access access{std::move(group), std::nullopt};
  StatusOr<Membership> m = store_->GetMembership(access.group.id, who.user_id);
  if (m.ok()) {
    access.membership = std::move(*m);
  } else if (m.status().code() != StatusCode::kNotFound) {
    return m.status();
  }
  return access;
}

StatusOr<StudyGroupService::Access> StudyGroupService::LoadAccessByRoom(
    const Principal& who, std::string_view room_name) {
  StatusOr<StudyGroup> group = store_->GetGroupByRoomName(room_name);
  if (!group.ok()) {
    if (group.status().code() == StatusCode::kNotFound) return internal::RoomNotFound(room_name);
    return group.status();
  }
  return LoadMembership(who, std::move(*group));
}

Status StudyGroupService::RequireMember(const Principal& who, const Access& access) {
  if (access.membership || IsAdmin(who)) return OkStatus();
  return internal::NotAMember(access.group.id);
}

Status StudyGroupService::RequireModerator(const Principal& who, const Access& access) {
  if (IsAdmin(who)) return OkStatus();
  if (access.membership && access.membership->role != MemberRole::kMember) return OkStatus();
  if (!access.membership) return internal::NotAMember(access.group.id);
  return internal::NotAModerator(access.group.id);
}

StatusOr<StudyGroup> StudyGroupService::CreateGroup(const Principal& who,
                                                    const CreateGroupRequest& r) {
  NewStudyGroup g;
  g.title = r.title;
  g.description = r.description;
  if (r.max_participants) g.max_participants = *r.max_participants;
  g.scheduled_time_ms = r.scheduled_time_ms;
  if (r.duration_minutes) g.duration_minutes = *r.duration_minutes;
  VideoProvider provider = r.video_provider.value_or(
      r.use_livekit.value_or(true) ? VideoProvider::kLiveKit : VideoProvider::kGoogleMeet);
  if (r.use_livekit && *r.use_livekit != (provider == VideoProvider::kLiveKit)) {
    return InvalidArgumentError(std::string("useLiveKit: must be ") +
                                (provider == VideoProvider::kLiveKit ? "true" : "false") +
                                " when videoProvider is " + VideoProviderName(provider));
  }
  g.video_provider = provider;
  g.use_livekit = provider == VideoProvider::kLiveKit;
  g.meet_link = r.meet_link;
  g.meet_id = r.meet_id;
  StatusOr<ScheduleFields> schedule =
      ValidateSchedule(r.time_zone, r.recurrence, r.scheduled_time_ms);
  if (!schedule.ok()) return schedule.status();
  g.time_zone = std::move(schedule->time_zone);
  g.recurrence = std::move(schedule->recurrence);
  if (r.early_join_minutes) g.early_join_minutes = *r.early_join_minutes;
  if (r.grace_minutes) g.grace_minutes = *r.grace_minutes;
  if (r.admission) g.admission = *r.admission;
  g.recording_consent = r.recording_consent;
  g.e2ee = r.e2ee;
  if (r.transcription_agent && !r.transcription_agent->empty())
    g.transcription_agent = r.transcription_agent;
  if (g.use_livekit) {
    // study_group_<unix seconds>_<random>: unique per group (the store enforces uniqueness too).
    g.livekit_room_name = "study_group_" + std::to_string(NowMs() / 1000) + "_" + RandomHex(4);
  }
  return store_->CreateGroup(g, who.user_id);
}

StatusOr<StudyGroup> StudyGroupService::GetGroup(const Principal&, int64_t group_id) {
  if (group_id <= 0) return InvalidArgumentError("id: must be a positive integer");
  return store_->GetGroup(group_id);
}

StatusOr<StudyGroupPage> StudyGroupService::ListMyGroups(const Principal& who, int64_t after_id,
                                                         int32_t limit) {
  return store_->ListGroupsForMember(who.user_id, after_id, limit);
}

StatusOr<std::optional<Occurrence>> StudyGroupService::NextSession(const StudyGroup& group) const {
  return next_occurrences_->Get(group, NowMs());
}

StatusOr<std::string> StudyGroupService::GetCalendar(const Principal& who, int64_t group_id) {
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireMember(who, *access));
  std::string join_url;
  if (!options_.public_url.empty()) {
    join_url = options_.public_url;
    while (!join_url.empty() && join_url.back() == '/') join_url.pop_back();
    join_url += "/#/group/" + std::to_string(group_id) + "/call";
  }
  return GroupCalendar(access->group, join_url);
}

StatusOr<Membership> StudyGroupService::JoinGroup(const Principal& who, int64_t group_id) {
  if (group_id <= 0) return InvalidArgumentError("id: must be a positive integer");
  StatusOr<Membership> m = store_->AddMember(group_id, who.user_id, MemberRole::kMember);
  if (m.ok()) return m;
  if (m.status().code() == StatusCode::kAlreadyExists)
    return store_->GetMembership(group_id, who.user_id);
  if (m.status().code() == StatusCode::kResourceExhausted) {
    // 409 Conflict rather than resource_exhausted's 429: a full group is the group's state, not a
    // rate limit the caller could wait out.
    Status full = m.status();
    return full.SetReason("group_full").SetHttpStatus(409);
  }
  return m.status();
}

Status StudyGroupService::LeaveGroup(const Principal& who, int64_t group_id) {
  if (group_id <= 0) return InvalidArgumentError("id: must be a positive integer");
  Status s = store_->RemoveMember(group_id, who.user_id);
  if (s.code() == StatusCode::kNotFound) return internal::NotAMember(group_id);
  return s;
}

StatusOr<std::vector<Membership>> StudyGroupService::ListMembers(const Principal& who,
                                                                 int64_t group_id) {
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireMember(who, *access));
  return store_->ListMembers(group_id);
}

StatusOr<UsageReport> StudyGroupService::GetUsage(const Principal& who, int64_t group_id) {
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireMember(who, *access));
  StatusOr<GroupUsage> usage = store_->GetGroupUsage(group_id);
  if (!usage.ok()) return usage.status();
  // Breakout rooms count to the session they split (breakouts.cc): their entries are folded into
  // that session's (the group's total already holds them).
  StatusOr<std::map<std::string, std::string>> breakouts = BreakoutSessions(group_id);
  if (!breakouts.ok()) return breakouts.status();
  if (!breakouts->empty()) {
    std::vector<SessionUsage> kept;
    std::map<std::string, size_t> at;
    for (SessionUsage& s : usage->sessions) {
      if (breakouts->count(s.room_sid)) continue;
      at[s.room_sid] = kept.size();
      kept.push_back(std::move(s));
    }
    for (const SessionUsage& s : usage->sessions) {
      auto parent = breakouts->find(s.room_sid);
      if (parent == breakouts->end()) continue;
      auto main = at.find(parent->second);
      if (main == at.end()) {  // the main session is not stored: keep the breakout's own entry
        at[s.room_sid] = kept.size();
        kept.push_back(s);
        continue;
      }
      kept[main->second].participant_millis += s.participant_millis;
      kept[main->second].participant_sessions += s.participant_sessions;
    }
    usage->sessions = std::move(kept);
  }
  return UsageReport{std::move(*usage), options_.cost_per_participant_minute};
}

StatusOr<std::vector<SessionAttendance>> StudyGroupService::GetAttendance(const Principal& who,
                                                                          int64_t group_id,
                                                                          size_t max_sessions) {
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireMember(who, *access));
  StatusOr<std::vector<RoomSession>> sessions = store_->ListRoomSessions(group_id);
  if (!sessions.ok()) return sessions.status();
  const size_t first = sessions->size() > max_sessions ? sessions->size() - max_sessions : 0;
  std::vector<SessionAttendance> out;
  out.reserve(sessions->size() - first);
  for (size_t i = first; i < sessions->size(); ++i) {
    StatusOr<std::vector<Attendance>> a = store_->ListAttendance((*sessions)[i].room_sid);
    if (!a.ok()) return a.status();
    out.push_back(SessionAttendance{std::move((*sessions)[i]), std::move(*a)});
  }
  return out;
}

}  // namespace lks
