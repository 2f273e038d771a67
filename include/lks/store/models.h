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
};

// A partial update: only the fields that are set change. A set-but-empty optional string
// (e.g. meet_link = std::string()) is stored as an empty string; use clear_* to store NULL.
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

  bool operator==(const Attendance&) const = default;
};

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
