// The records a StudyGroupStore keeps: study groups, memberships, room sessions, attendance and
// usage aggregates. Plain values; every time is Unix milliseconds (UTC).
//
// Thread-safety: values; distinct objects may be used from distinct threads.
#ifndef LKS_STORE_MODELS_H_
#define LKS_STORE_MODELS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lks/core/status.h"

namespace lks {

// Which video service a group meets on. Stored as 'livekit' or 'google_meet'.
enum class VideoProvider { kGoogleMeet = 0, kLiveKit = 1 };

// "livekit" or "google_meet".
const char* VideoProviderName(VideoProvider provider) noexcept;
// Parses "livekit" / "google_meet". Errors: kInvalidArgument naming `field`.
StatusOr<VideoProvider> ParseVideoProvider(std::string_view text,
                                           std::string_view field = "videoProvider");

// A member's role in a group. Stored as 'owner', 'moderator' or 'member'.
enum class MemberRole { kMember = 0, kModerator = 1, kOwner = 2 };

// "owner", "moderator" or "member".
const char* MemberRoleName(MemberRole role) noexcept;
// Parses "owner" / "moderator" / "member". Errors: kInvalidArgument naming `field`.
StatusOr<MemberRole> ParseMemberRole(std::string_view text, std::string_view field = "role");

// Limits checked by every store before anything is written (bytes, not characters).
inline constexpr size_t kMaxTitleBytes = 255;
inline constexpr size_t kMaxDescriptionBytes = 10000;
inline constexpr size_t kMaxIdBytes = 255;  // user ids, room names and SIDs, event ids
inline constexpr size_t kMaxLinkBytes = 2048;
inline constexpr int32_t kMaxParticipantsLimit = 10000;
inline constexpr int32_t kMaxDurationMinutes = 7 * 24 * 60;
inline constexpr size_t kMaxTimeZoneBytes = 64;            // an IANA name, e.g. "America/New_York"
inline constexpr size_t kMaxRecurrenceBytes = 1024;        // an RFC 5545 RRULE value
inline constexpr int32_t kMaxJoinWindowMinutes = 24 * 60;  // earlyJoinMinutes, graceMinutes

// Who may join a group's session. Stored as 'open' or 'approval'.
enum class Admission {
  kOpen = 0,      // every member gets a token
  kApproval = 1,  // a member knocks and waits until a moderator admits them (a waiting room)
};

// The state of a knock (a request to join an approval group's session). Stored as 'waiting',
// 'admitted' or 'denied'.
enum class KnockStatus { kWaiting = 0, kAdmitted = 1, kDenied = 2 };

// What recorded an attendance row. Stored as 'webhook' or 'reconcile'.
enum class AttendanceSource {
  kWebhook = 0,    // both its join and its leave came from LiveKit's webhooks
  kReconcile = 1,  // reconciliation against ListParticipants opened or closed it
};

// A study group as stored (the `study_groups` table).
struct StudyGroup {
  int64_t id = 0;
  std::string title;
  std::string description;
  int32_t max_participants = 0;
  int64_t scheduled_time_ms = 0;  // 0 when not scheduled
  int32_t duration_minutes = 0;
  VideoProvider video_provider = VideoProvider::kGoogleMeet;
  bool use_livekit = false;
  std::optional<std::string> livekit_room_name;  // unique among groups
  std::optional<std::string> livekit_room_sid;
  std::optional<std::string> meet_link;
  std::optional<std::string> meet_id;
  std::string created_by;  // user id of the creator (its first owner)
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
  // Schema version 2: the schedule and admission.
  std::optional<std::string> time_zone;   // IANA time zone of the recurrence; unset (or "") = none
  std::optional<std::string> recurrence;  // RFC 5545 RRULE value; unset (or "") = no schedule
  int32_t early_join_minutes = 15;        // members may join this long before an occurrence
  int32_t grace_minutes = 15;             // ... and until this long after its end
  Admission admission = Admission::kOpen;
  bool locked = false;  // while locked, only moderators get tokens
  // Schema version 3: recording and transcription settings.
  bool recording_consent = false;  // members agreed that sessions may be recorded
  bool e2ee = false;               // sessions are end-to-end encrypted (docs/e2ee.md)
  std::optional<std::string> transcription_agent;  // agent dispatched when a session starts
  // Schema version 4: a set of breakout rooms is open (set and cleared by OpenBreakouts and
  // CloseBreakouts, never by UpdateGroup), so a token request looks at the breakout tables
  // only while it is.
  bool breakouts_open = false;

  bool operator==(const StudyGroup&) const = default;
};

// What a caller supplies to create a group; the store assigns id and timestamps.
struct NewStudyGroup {
  std::string title;
  std::string description;
  int32_t max_participants = 10;
  int64_t scheduled_time_ms = 0;
  int32_t duration_minutes = 60;
  VideoProvider video_provider = VideoProvider::kLiveKit;
  bool use_livekit = true;
  std::optional<std::string> livekit_room_name;
  std::optional<std::string> meet_link;
  std::optional<std::string> meet_id;
  std::optional<std::string> time_zone;
  std::optional<std::string> recurrence;
  int32_t early_join_minutes = 15;
  int32_t grace_minutes = 15;
  Admission admission = Admission::kOpen;
  bool recording_consent = false;
  bool e2ee = false;
  std::optional<std::string> transcription_agent;  // unset (or "") = none
};

// A partial update: only the fields that are set change. A set-but-empty optional string
// (e.g. meet_link = std::string()) is stored as an empty string, except time_zone, recurrence
// and transcription_agent, where "" removes the value (stored as NULL, read back unset).
struct StudyGroupUpdate {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<int32_t> max_participants;
  std::optional<int64_t> scheduled_time_ms;
  std::optional<int32_t> duration_minutes;
  std::optional<VideoProvider> video_provider;
  std::optional<bool> use_livekit;
  std::optional<std::string> livekit_room_name;
  std::optional<std::string> meet_link;
  std::optional<std::string> meet_id;
  std::optional<std::string> time_zone;
  std::optional<std::string> recurrence;
  std::optional<int32_t> early_join_minutes;
  std::optional<int32_t> grace_minutes;
  std::optional<Admission> admission;
  std::optional<bool> locked;
  std::optional<bool> recording_consent;
  std::optional<bool> e2ee;
  std::optional<std::string> transcription_agent;
};

// One user's membership of one group.
struct Membership {
  int64_t group_id = 0;
  std::string user_id;
  MemberRole role = MemberRole::kMember;
  int64_t joined_at_ms = 0;

  bool operator==(const Membership&) const = default;
};

// A page of groups from ListGroupsForMember, ordered by id.
struct StudyGroupPage {
  std::vector<StudyGroup> groups;
  // Pass as `after_id` to get the next page; 0 when this is the last page.
  int64_t next_after_id = 0;
};

// One LiveKit room session (a room SID) of a group.
struct RoomSession {
  std::string room_sid;
  int64_t group_id = 0;
  std::string room_name;
  int64_t started_at_ms = 0;
  std::optional<int64_t> ended_at_ms;  // unset while the room is open

  bool operator==(const RoomSession&) const = default;
};

// One participant session: a participant identity in a room from join to leave.
struct Attendance {
  int64_t id = 0;
  std::string room_sid;
  std::string participant_identity;  // LiveKit identity, e.g. "user_42"
  std::string user_id;               // the app's user id ("" when unknown)
  int64_t joined_at_ms = 0;
  std::optional<int64_t> left_at_ms;  // unset while connected
  AttendanceSource source = AttendanceSource::kWebhook;

  bool operator==(const Attendance&) const = default;
};

// A user's request to join one session of an approval group (the `knocks` table). `session`
// names the session; the study-group service chooses it (one per occurrence of the schedule).
struct Knock {
  int64_t group_id = 0;
  std::string session;
  std::string user_id;
  std::string name;  // the display name the user asked with
  KnockStatus status = KnockStatus::kWaiting;
  int64_t knocked_at_ms = 0;  // the first knock
  std::optional<int64_t> decided_at_ms;
  std::optional<std::string> decided_by;  // user id of the moderator who admitted or denied

  bool operator==(const Knock&) const = default;
};

// The state of a recording, as LiveKit's EgressStatus names it (EGRESS_STARTING ...). Stored as
// 'starting', 'active', 'ending', 'complete', 'failed', 'aborted' or 'limit_reached'.
enum class RecordingStatus {
  kStarting = 0,
  kActive = 1,
  kEnding = 2,
  kComplete = 3,
  kFailed = 4,
  kAborted = 5,
  kLimitReached = 6,
};

// Whether `status` is final (complete, failed, aborted, limit_reached).
constexpr bool IsFinal(RecordingStatus status) noexcept {
  return status >= RecordingStatus::kComplete;
}

// One recording (a LiveKit egress) of a group's session (the `recordings` table, schema 3).
struct Recording {
  int64_t id = 0;
  int64_t group_id = 0;
  std::string room_sid;   // the session it records ("" when not known yet)
  std::string egress_id;  // LiveKit's egress id, "EG_..."; unique
  RecordingStatus status = RecordingStatus::kStarting;
  std::optional<std::string> location;  // where the file is (the egress's file result)
  int64_t started_at_ms = 0;
  std::optional<int64_t> ended_at_ms;
  int64_t duration_ms = 0;                // of the recorded media (0 until it ends)
  std::optional<std::string> error;       // LiveKit's error text of a failed recording
  std::optional<std::string> started_by;  // user id of the moderator who started it

  bool operator==(const Recording&) const = default;
};

// One breakout room of a group's live session (schema 4: the `breakout_rooms` and
// `breakout_assignments` tables). The rooms a moderator opens together form a set: they share
// group_id, session_sid, opened_by and opened_at_ms, and are closed together.
struct BreakoutRoom {
  int64_t id = 0;
  int64_t group_id = 0;
  std::string session_sid;  // the main room session (room SID) the breakouts split
  std::string room_name;    // the breakout's LiveKit room; unique among breakout rooms
  int32_t number = 0;       // 1..N within its set
  std::string opened_by;    // user id of the moderator who opened the set
  int64_t opened_at_ms = 0;
  std::optional<int64_t> closed_at_ms;  // unset while open
  std::vector<std::string> members;     // user ids assigned to it, ordered
  bool operator==(const BreakoutRoom&) const = default;
};

// What a token request for one room needs from the store, read at once
// (StudyGroupStore::GetJoinContext): the group the room belongs to, the caller's membership and
// whether the caller may still join the group's current session.
struct JoinContext {
  StudyGroup group;
  std::optional<Membership> membership;  // unset: the user is not a member of the group
  // Set when the room named is one of the group's breakout rooms (open or closed) rather than
  // its main room; a group's own room name wins over a breakout room of the same name.
  std::optional<std::string> breakout_room_name;
  // The user is barred (AddRemoval) from the group's current room session (livekit_room_sid) and
  // that session is recorded and not ended.
  bool barred = false;
  // For an E2EE group with a current room session: how many users are barred from it
  // (CountRemovals, the session key's index); unset otherwise.
  std::optional<int64_t> removal_count;

  bool operator==(const JoinContext&) const = default;
};

// The most breakout rooms one set may have.
inline constexpr int32_t kMaxBreakoutRooms = 50;

// Usage of one session: closed participant sessions only (an open one counts once it leaves or
// the room session closes).
struct SessionUsage {
  std::string room_sid;
  int64_t participant_millis = 0;
  int64_t participant_sessions = 0;
  double participant_minutes() const noexcept {
    return static_cast<double>(participant_millis) / 60000.0;
  }
};

// Usage of a group: the sum over its sessions, and each session.
struct GroupUsage {
  int64_t group_id = 0;
  int64_t participant_millis = 0;
  std::vector<SessionUsage> sessions;  // ordered by start time
  double participant_minutes() const noexcept {
    return static_cast<double>(participant_millis) / 60000.0;
  }
};

// Result of StudyGroupStore::MarkEventSeen.
enum class EventMark { kFirstSeen = 0, kAlreadySeen = 1 };

}  // namespace lks

#endif  // LKS_STORE_MODELS_H_
