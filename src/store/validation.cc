#include "store/validation.h"

#include <string>

#include "core/json_writer.h"

namespace lks {

const char* VideoProviderName(VideoProvider provider) noexcept {
  return provider == VideoProvider::kLiveKit ? "livekit" : "google_meet";
}

StatusOr<VideoProvider> ParseVideoProvider(std::string_view text, std::string_view field) {
  if (text == "livekit") return VideoProvider::kLiveKit;
  if (text == "google_meet") return VideoProvider::kGoogleMeet;
  return InvalidArgumentError(std::string(field) +
                              ": unknown video provider (want \"livekit\" or \"google_meet\")");
}

const char* MemberRoleName(MemberRole role) noexcept {
  switch (role) {
    case MemberRole::kOwner:
      return "owner";
    case MemberRole::kModerator:
      return "moderator";
    case MemberRole::kMember:
      break;
  }
  return "member";
}

StatusOr<MemberRole> ParseMemberRole(std::string_view text, std::string_view field) {
  if (text == "owner") return MemberRole::kOwner;
  if (text == "moderator") return MemberRole::kModerator;
  if (text == "member") return MemberRole::kMember;
  return InvalidArgumentError(std::string(field) +
                              ": unknown role (want \"owner\", \"moderator\" or \"member\")");
}

namespace store {

Status CheckText(std::string_view value, std::string_view field, size_t max_bytes, bool required) {
  if (required && value.empty())
    return InvalidArgumentError(std::string(field) + ": must not be empty");
  if (value.size() > max_bytes) {
    return InvalidArgumentError(std::string(field) + ": longer than " + std::to_string(max_bytes) +
                                " bytes");
  }
  if (value.find('\0') != std::string_view::npos) {
    return InvalidArgumentError(std::string(field) + ": contains a NUL byte");
  }
  if (!internal::IsValidUtf8(value))
    return InvalidArgumentError(std::string(field) + ": not valid UTF-8");
  return OkStatus();
}

Status CheckId(std::string_view value, std::string_view field) {
  return CheckText(value, field, kMaxIdBytes, true);
}

Status CheckGroupId(int64_t group_id) {
  if (group_id <= 0) return InvalidArgumentError("groupId: must be a positive integer");
  return OkStatus();
}

Status CheckTimestamp(int64_t ms, std::string_view field) {
  if (ms < 0) return InvalidArgumentError(std::string(field) + ": must not be negative");
  return OkStatus();
}

namespace {

Status CheckCommon(std::string_view title, std::string_view description, int32_t max_participants,
                   int64_t scheduled_time_ms, int32_t duration_minutes,
                   const std::optional<std::string>& room_name,
                   const std::optional<std::string>& meet_link,
                   const std::optional<std::string>& meet_id) {
  LKS_RETURN_IF_ERROR(CheckText(title, "title", kMaxTitleBytes, true));
  LKS_RETURN_IF_ERROR(CheckText(description, "description", kMaxDescriptionBytes, false));
  if (max_participants < 1 || max_participants > kMaxParticipantsLimit) {
    return InvalidArgumentError("maxParticipants: must be between 1 and " +
                                std::to_string(kMaxParticipantsLimit));
  }
  LKS_RETURN_IF_ERROR(CheckTimestamp(scheduled_time_ms, "scheduledTime"));
  if (duration_minutes < 0) return InvalidArgumentError("durationMinutes: must not be negative");
  if (duration_minutes > kMaxDurationMinutes) {
    return InvalidArgumentError("durationMinutes: longer than " +
                                std::to_string(kMaxDurationMinutes) + " minutes");
  }
  if (room_name) LKS_RETURN_IF_ERROR(CheckId(*room_name, "livekitRoomName"));
  if (meet_link) LKS_RETURN_IF_ERROR(CheckText(*meet_link, "meetLink", kMaxLinkBytes, false));
  if (meet_id) LKS_RETURN_IF_ERROR(CheckText(*meet_id, "meetId", kMaxIdBytes, false));
  return OkStatus();
}

Status CheckMinutes(int32_t minutes, std::string_view field) {
  if (minutes < 0 || minutes > kMaxJoinWindowMinutes) {
    return InvalidArgumentError(std::string(field) + ": must be between 0 and " +
                                std::to_string(kMaxJoinWindowMinutes));
  }
  return OkStatus();
}

// The schedule's fields as text and ranges (whether the zone and rule mean anything is the
// study-group service's check, which expands them).
template <typename G>
Status CheckSchedule(const G& g) {
  if (g.time_zone)
    LKS_RETURN_IF_ERROR(CheckText(*g.time_zone, "timeZone", kMaxTimeZoneBytes, false));
  if (g.recurrence)
    LKS_RETURN_IF_ERROR(CheckText(*g.recurrence, "recurrence", kMaxRecurrenceBytes, false));
  LKS_RETURN_IF_ERROR(CheckMinutes(g.early_join_minutes, "earlyJoinMinutes"));
  return CheckMinutes(g.grace_minutes, "graceMinutes");
}

// Schema 3: the transcription agent is an agent name, as LiveKit registers it.
template <typename G>
Status CheckAgent(const G& g) {
  if (g.transcription_agent)
    return CheckText(*g.transcription_agent, "transcriptionAgent", kMaxIdBytes, false);
  return OkStatus();
}

}  // namespace

Status CheckNewGroup(const NewStudyGroup& g) {
  LKS_RETURN_IF_ERROR(CheckCommon(g.title, g.description, g.max_participants, g.scheduled_time_ms,
                                  g.duration_minutes, g.livekit_room_name, g.meet_link, g.meet_id));
  LKS_RETURN_IF_ERROR(CheckAgent(g));
  return CheckSchedule(g);
}

Status CheckGroup(const StudyGroup& g) {
  LKS_RETURN_IF_ERROR(CheckCommon(g.title, g.description, g.max_participants, g.scheduled_time_ms,
                                  g.duration_minutes, g.livekit_room_name, g.meet_link, g.meet_id));
  LKS_RETURN_IF_ERROR(CheckAgent(g));
  return CheckSchedule(g);
}

}  // namespace store
}  // namespace lks
