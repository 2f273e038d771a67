// The descriptions of the store's records (lks/store/models.h): their camelCase JSON names as the
// seed's REST JSON has them, in the order the JSON is written and the SQL rows are selected
// (LKS_GROUP_COLUMNS and the other column lists in store/sql/statements.h follow these tables).
// They drive the store's JSON codec (store_json.h), the REST API's writers and the SQL row
// mapping (store/sql/row_mapping.h). Internal header.
#ifndef LKS_SRC_STORE_STORE_FIELDS_H_
#define LKS_SRC_STORE_STORE_FIELDS_H_

#include "core/fields.h"
#include "lks/store/models.h"

namespace lks::store {

using internal::Enum;
using internal::Field;
using internal::FieldDesc;
using internal::ModelDesc;
using internal::Time;

// Stored as text; unknown names are refused with these messages.
inline constexpr const char* kVideoProviderList[] = {"google_meet", "livekit"};
inline constexpr internal::EnumNames kVideoProviderNames{
    kVideoProviderList, "unknown video provider (want \"livekit\" or \"google_meet\")"};
inline constexpr const char* kMemberRoleList[] = {"member", "moderator", "owner"};
inline constexpr internal::EnumNames kMemberRoleNames{
    kMemberRoleList, "unknown role (want \"owner\", \"moderator\" or \"member\")"};

inline constexpr const char* kAdmissionList[] = {"open", "approval"};
inline constexpr internal::EnumNames kAdmissionNames{
    kAdmissionList, "unknown admission (want \"open\" or \"approval\")"};
inline constexpr const char* kKnockStatusList[] = {"waiting", "admitted", "denied"};
inline constexpr internal::EnumNames kKnockStatusNames{
    kKnockStatusList, "unknown knock status (want \"waiting\", \"admitted\" or \"denied\")"};
inline constexpr const char* kAttendanceSourceList[] = {"webhook", "reconcile"};
inline constexpr internal::EnumNames kAttendanceSourceNames{
    kAttendanceSourceList, "unknown attendance source (want \"webhook\" or \"reconcile\")"};

// The stored name of an enum value of one of the tables above.
template <typename E>
std::string_view EnumName(const internal::EnumNames& names, E value) noexcept {
  const char* n = names.Name(static_cast<int>(value));
  return n ? n : "";
}

inline constexpr FieldDesc kGroupFields[] = {
    Field<&StudyGroup::id>("id"),
    Field<&StudyGroup::title>("title"),
    Field<&StudyGroup::description>("description"),
    Field<&StudyGroup::max_participants>("maxParticipants"),
    Time<&StudyGroup::scheduled_time_ms>("scheduledTime", {}, internal::kZeroIsNull),
    Field<&StudyGroup::duration_minutes>("durationMinutes"),
    Enum<&StudyGroup::video_provider>("videoProvider", {}, kVideoProviderNames),
    Field<&StudyGroup::use_livekit>("useLiveKit"),
    Field<&StudyGroup::livekit_room_name>("livekitRoomName"),
    Field<&StudyGroup::livekit_room_sid>("livekitRoomSid"),
    Field<&StudyGroup::meet_link>("meetLink"),
    Field<&StudyGroup::meet_id>("meetId"),
    Field<&StudyGroup::created_by>("createdBy"),
    Time<&StudyGroup::created_at_ms>("createdAt"),
    Time<&StudyGroup::updated_at_ms>("updatedAt"),
    Field<&StudyGroup::time_zone>("timeZone"),
    Field<&StudyGroup::recurrence>("recurrence"),
    Field<&StudyGroup::early_join_minutes>("earlyJoinMinutes"),
    Field<&StudyGroup::grace_minutes>("graceMinutes"),
    Enum<&StudyGroup::admission>("admission", {}, kAdmissionNames),
    Field<&StudyGroup::locked>("locked"),
    Field<&StudyGroup::recording_consent>("recordingConsent"),
    Field<&StudyGroup::e2ee>("e2ee"),
    Field<&StudyGroup::transcription_agent>("transcriptionAgent"),
    Field<&StudyGroup::breakouts_open>("breakoutsOpen"),
};
inline constexpr ModelDesc kGroup{kGroupFields};

inline constexpr FieldDesc kNewGroupFields[] = {
    Field<&NewStudyGroup::title>("title"),
    Field<&NewStudyGroup::description>("description"),
    Field<&NewStudyGroup::max_participants>("maxParticipants"),
    Time<&NewStudyGroup::scheduled_time_ms>("scheduledTime", {}, internal::kZeroIsNull),
    Field<&NewStudyGroup::duration_minutes>("durationMinutes"),
    Enum<&NewStudyGroup::video_provider>("videoProvider", {}, kVideoProviderNames),
    Field<&NewStudyGroup::use_livekit>("useLiveKit"),
    Field<&NewStudyGroup::livekit_room_name>("livekitRoomName"),
    Field<&NewStudyGroup::meet_link>("meetLink"),
    Field<&NewStudyGroup::meet_id>("meetId"),
    Field<&NewStudyGroup::time_zone>("timeZone"),
    Field<&NewStudyGroup::recurrence>("recurrence"),
    Field<&NewStudyGroup::early_join_minutes>("earlyJoinMinutes"),
    Field<&NewStudyGroup::grace_minutes>("graceMinutes"),
    Enum<&NewStudyGroup::admission>("admission", {}, kAdmissionNames),
    Field<&NewStudyGroup::recording_consent>("recordingConsent"),
    Field<&NewStudyGroup::e2ee>("e2ee"),
    Field<&NewStudyGroup::transcription_agent>("transcriptionAgent"),
};
inline constexpr ModelDesc kNewGroup{kNewGroupFields};

// Only the set fields are written; the time as Unix ms, so a negative one reaches validation.
inline constexpr uint8_t kSetOnly = internal::kOmitUnset;
inline constexpr FieldDesc kUpdateFields[] = {
    Field<&StudyGroupUpdate::title>("title", {}, kSetOnly),
    Field<&StudyGroupUpdate::description>("description", {}, kSetOnly),
    Field<&StudyGroupUpdate::max_participants>("maxParticipants", {}, kSetOnly),
    Time<&StudyGroupUpdate::scheduled_time_ms>("scheduledTime", {},
                                               kSetOnly | internal::kWriteMillis),
    Field<&StudyGroupUpdate::duration_minutes>("durationMinutes", {}, kSetOnly),
    Enum<&StudyGroupUpdate::video_provider>("videoProvider", {}, kVideoProviderNames, kSetOnly),
    Field<&StudyGroupUpdate::use_livekit>("useLiveKit", {}, kSetOnly),
    Field<&StudyGroupUpdate::livekit_room_name>("livekitRoomName", {}, kSetOnly),
    Field<&StudyGroupUpdate::meet_link>("meetLink", {}, kSetOnly),
    Field<&StudyGroupUpdate::meet_id>("meetId", {}, kSetOnly),
    Field<&StudyGroupUpdate::time_zone>("timeZone", {}, kSetOnly),
    Field<&StudyGroupUpdate::recurrence>("recurrence", {}, kSetOnly),
    Field<&StudyGroupUpdate::early_join_minutes>("earlyJoinMinutes", {}, kSetOnly),
    Field<&StudyGroupUpdate::grace_minutes>("graceMinutes", {}, kSetOnly),
    Enum<&StudyGroupUpdate::admission>("admission", {}, kAdmissionNames, kSetOnly),
    Field<&StudyGroupUpdate::locked>("locked", {}, kSetOnly),
    Field<&StudyGroupUpdate::recording_consent>("recordingConsent", {}, kSetOnly),
    Field<&StudyGroupUpdate::e2ee>("e2ee", {}, kSetOnly),
    Field<&StudyGroupUpdate::transcription_agent>("transcriptionAgent", {}, kSetOnly),
};
inline constexpr ModelDesc kUpdate{kUpdateFields};

inline constexpr FieldDesc kMembershipFields[] = {
    Field<&Membership::group_id>("groupId"),
    Field<&Membership::user_id>("userId"),
    Enum<&Membership::role>("role", {}, kMemberRoleNames),
    Time<&Membership::joined_at_ms>("joinedAt"),
};
inline constexpr ModelDesc kMembership{kMembershipFields};

inline constexpr FieldDesc kSessionFields[] = {
    Field<&RoomSession::room_sid>("roomSid"),   Field<&RoomSession::group_id>("groupId"),
    Field<&RoomSession::room_name>("roomName"), Time<&RoomSession::started_at_ms>("startedAt"),
    Time<&RoomSession::ended_at_ms>("endedAt"),
};
inline constexpr ModelDesc kSession{kSessionFields};

inline constexpr FieldDesc kAttendanceFields[] = {
    Field<&Attendance::id>("id"),
    Field<&Attendance::room_sid>("roomSid"),
    Field<&Attendance::participant_identity>("participantIdentity"),
    Field<&Attendance::user_id>("userId"),
    Time<&Attendance::joined_at_ms>("joinedAt"),
    Time<&Attendance::left_at_ms>("leftAt"),
    Enum<&Attendance::source>("source", {}, kAttendanceSourceNames),
};
inline constexpr ModelDesc kAttendance{kAttendanceFields};

inline constexpr FieldDesc kKnockFields[] = {
    Field<&Knock::group_id>("groupId"),
    Field<&Knock::session>("session"),
    Field<&Knock::user_id>("userId"),
    Field<&Knock::name>("name"),
    Enum<&Knock::status>("status", {}, kKnockStatusNames),
    Time<&Knock::knocked_at_ms>("knockedAt"),
    Time<&Knock::decided_at_ms>("decidedAt"),
    Field<&Knock::decided_by>("decidedBy"),
};
inline constexpr ModelDesc kKnock{kKnockFields};

inline constexpr const char* kRecordingStatusList[] = {
    "starting", "active", "ending", "complete", "failed", "aborted", "limit_reached"};
inline constexpr internal::EnumNames kRecordingStatusNames{
    kRecordingStatusList,
    "unknown recording status (want \"starting\", \"active\", \"ending\", \"complete\", "
    "\"failed\", \"aborted\" or \"limit_reached\")"};

inline constexpr FieldDesc kRecordingFields[] = {
    Field<&Recording::id>("id"),
    Field<&Recording::group_id>("groupId"),
    Field<&Recording::room_sid>("roomSid"),
    Field<&Recording::egress_id>("egressId"),
    Enum<&Recording::status>("status", {}, kRecordingStatusNames),
    Field<&Recording::location>("location"),
    Time<&Recording::started_at_ms>("startedAt"),
    Time<&Recording::ended_at_ms>("endedAt"),
    Field<&Recording::duration_ms>("durationMs"),
    Field<&Recording::error>("error"),
    Field<&Recording::started_by>("startedBy"),
};
inline constexpr ModelDesc kRecording{kRecordingFields};

// The columns of LKS_BREAKOUT_COLUMNS, in order, then the members (JSON only: the SQL rows read
// kBreakoutRow, which stops before them).
inline constexpr FieldDesc kBreakoutFields[] = {
    Field<&BreakoutRoom::id>("id"),
    Field<&BreakoutRoom::group_id>("groupId"),
    Field<&BreakoutRoom::session_sid>("sessionSid"),
    Field<&BreakoutRoom::room_name>("roomName"),
    Field<&BreakoutRoom::number>("number"),
    Field<&BreakoutRoom::opened_by>("openedBy"),
    Time<&BreakoutRoom::opened_at_ms>("openedAt"),
    Time<&BreakoutRoom::closed_at_ms>("closedAt"),
    Field<&BreakoutRoom::members>("members"),
};
inline constexpr ModelDesc kBreakout{kBreakoutFields};
inline constexpr ModelDesc kBreakoutRow{std::span<const FieldDesc>(kBreakoutFields).first(8)};

// Read only: the written form adds the computed participantMinutes (store_json.cc).
inline constexpr FieldDesc kSessionUsageFields[] = {
    Field<&SessionUsage::room_sid>("roomSid"),
    Field<&SessionUsage::participant_millis>("participantMillis"),
    Field<&SessionUsage::participant_sessions>("participantSessions"),
};
inline constexpr ModelDesc kSessionUsageModel{kSessionUsageFields};

}  // namespace lks::store

#endif  // LKS_SRC_STORE_STORE_FIELDS_H_
