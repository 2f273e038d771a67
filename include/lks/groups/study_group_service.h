// StudyGroupService: the policy of study-group video calls, over a StudyGroupStore and LiveKit's
// room service (design.md §5).
//
//  - Anyone signed in may create a group (becoming its owner), look at a group and join it while it
//    has room (max_participants members).
//  - A LiveKit token is issued only to a member of the group that owns the room, for that room
//    only, as identity "user_<id>" with metadata {"userId":..,"email":..} and the seed's grants
//    (roomJoin, room, canPublish, canSubscribe, canPublishData, canUpdateOwnMetadata). The LiveKit
//    room is created on demand with the group's max_participants, so LiveKit enforces capacity.
//  - Owners and moderators moderate through the service: end the session (DeleteRoom), remove a
//    participant (RemoveParticipant, and that user gets no new token for the same session), mute.
//    Only if configured do they also get roomAdmin in their own token.
//  - Users whose app role is "admin" may do everything a moderator may, in every group, and get
//    tokens for every room: a group's (without being a member) and ad-hoc rooms that belong to no
//    group (made with CreateRoom, or by LiveKit on the first join), with the same grants.
//  - Schedules (lks/groups/schedule.h): a group with a recurrence opens to members only in its
//    join window, from early_join_minutes before an occurrence until grace_minutes after its end;
//    owners, moderators and admins get tokens at any time. A group without a recurrence (only a
//    scheduledTime, or nothing) is always open: the seed's scheduledTime is a date shown to users,
//    never a gate.
//  - Webhooks are ingested once per event id: room sessions, attendance and the room SID.
//  - Usage: participant-minutes per group and session, and an estimated cost.
//
// Errors carry a reason the REST layer turns into its error code: not_a_member, not_a_moderator,
// barred, outside_schedule (with meta opensAt), group_full, not_livekit, not_scheduled,
// livekit_not_configured, livekit_unavailable (kUnavailable), livekit_error (kInternal, an
// unexpected answer from LiveKit), plus the store's own.
//
// Thread-safety: every method may be called from any number of threads at once.
#ifndef LKS_GROUPS_STUDY_GROUP_SERVICE_H_
#define LKS_GROUPS_STUDY_GROUP_SERVICE_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lks/core/clock.h"
#include "lks/core/status.h"
#include "lks/groups/principal.h"
#include "lks/groups/schedule.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/models.h"
#include "lks/livekit/room_service_client.h"
#include "lks/livekit/webhook_event.h"
#include "lks/store/study_group_store.h"

namespace lks {

struct StudyGroupServiceOptions {
  // What clients connect to (the token response's serverUrl), e.g. "wss://project.livekit.cloud".
  std::string livekit_url;
  std::string api_key;     // signs participant tokens
  std::string api_secret;  // not kept: only its HMAC state
  // Lifetime of join tokens. Short, because a token is only checked when a client connects: a
  // call outlives its token (the server refreshes a connected client's token itself), and a
  // client that reconnects later asks again, passing every check again (docs/rest-api.md).
  std::chrono::seconds token_ttl{15 * 60};
  // empty_timeout of rooms created on demand (seconds); 0 = the server's default.
  uint32_t room_empty_timeout_seconds = 600;
  // Give owners and moderators roomAdmin in their own tokens (off by default: the service
  // moderates).
  bool moderators_get_room_admin = false;
  // Estimated cost per participant-minute, in USD (LiveKit Cloud's list price at the time of the
  // seed).
  double cost_per_participant_minute = 0.0035;
  // How long a room the service created (or saw live) is trusted to exist before the next token
  // request asks LiveKit again. Webhooks (room_finished) clear it earlier.
  std::chrono::seconds live_room_cache_ttl{30};
  // The web client's public base URL (e.g. "https://study.example.org"); calendar invites link
  // to <public_url>/#/group/<id>/call. Empty: invites carry no join link.
  std::string public_url;
  const Clock* clock = nullptr;  // null: the system clock
};

struct CreateGroupRequest {
  std::string title;
  std::string description;
  std::optional<int32_t> max_participants;  // default 10
  int64_t scheduled_time_ms = 0;
  std::optional<int32_t> duration_minutes;  // default 60
  std::optional<VideoProvider>
      video_provider;  // default: livekit, or google_meet when use_livekit is false
  std::optional<bool> use_livekit;
  std::optional<std::string> meet_link;
  std::optional<std::string> meet_id;
  // The schedule (lks/groups/schedule.h): an IANA time zone and an RFC 5545 RRULE; empty = none.
  std::string time_zone;
  std::string recurrence;
  std::optional<int32_t> early_join_minutes;  // default 15
  std::optional<int32_t> grace_minutes;       // default 15
};

struct IssuedToken {
  std::string token;
  std::string server_url;
  std::string room_name;
  std::string identity;
  std::string participant_name;
  int64_t expires_at_ms = 0;  // the token's exp, in Unix milliseconds
};

struct CreateLiveKitRoomRequest {
  std::string name;
  std::optional<uint32_t> empty_timeout;     // seconds
  std::optional<uint32_t> max_participants;  // default: the group's max_participants
};

struct RoomDetails {
  Room room;
  std::vector<ParticipantInfo> participants;
};

struct LiveKitStatus {
  bool configured = false;
  std::string server_url;
  bool has_api_key = false;
  bool has_api_secret = false;
  bool has_server_url = false;
};

struct UsageReport {
  GroupUsage usage;
  double cost_per_participant_minute = 0;
  double estimated_cost() const noexcept {
    return usage.participant_minutes() * cost_per_participant_minute;
  }
};

// One room session of a group with who attended it (participant sessions ordered by join time).
struct SessionAttendance {
  RoomSession session;
  std::vector<Attendance> attendance;
};

enum class WebhookOutcome { kApplied, kDuplicate, kIgnored };

class StudyGroupService {
 public:
  // `store` is required. `rooms` may be null when LiveKit is not configured: token and room calls
  // then fail with kFailedPrecondition (reason livekit_not_configured).
  StudyGroupService(std::shared_ptr<StudyGroupStore> store,
                    std::shared_ptr<const RoomServiceClient> rooms,
                    StudyGroupServiceOptions options);

  // --- Groups and membership ---
  // Errors: kInvalidArgument naming the field (timeZone, recurrence, scheduledTime, ...).
  StatusOr<StudyGroup> CreateGroup(const Principal& who, const CreateGroupRequest& request);
  StatusOr<StudyGroup> GetGroup(const Principal& who, int64_t group_id);
  StatusOr<StudyGroupPage> ListMyGroups(const Principal& who, int64_t after_id, int32_t limit);
  // Idempotent: joining a group one belongs to returns the membership. kResourceExhausted
  // (group_full) when full.
  StatusOr<Membership> JoinGroup(const Principal& who, int64_t group_id);
  Status LeaveGroup(const Principal& who, int64_t group_id);
  // Members only (or admins).
  StatusOr<std::vector<Membership>> ListMembers(const Principal& who, int64_t group_id);

  // --- Schedules ---
  // The group's current occurrence at the service clock's now, else its next; nullopt when it has
  // no schedule or no further occurrence (the REST group JSON's nextSession).
  StatusOr<std::optional<Occurrence>> NextSession(const StudyGroup& group) const;
  // The group's calendar.ics (GroupCalendar, with the join link under options().public_url).
  // Members only (or admins). Errors: not_a_member, not_scheduled, the store's.
  StatusOr<std::string> GetCalendar(const Principal& who, int64_t group_id);

  // --- LiveKit ---
  // A join token for `room_name`: members of the group whose room it is, and admins for every
  // room. Errors: room_not_found (no group's room, caller not an admin), not_a_member, barred,
  // outside_schedule (CheckJoinWindow), not_livekit, livekit_* (the group's room could not be
  // created).
  StatusOr<IssuedToken> IssueToken(const Principal& who, std::string_view room_name,
                                   std::string_view participant_name);
  StatusOr<Room> CreateRoom(const Principal& who, const CreateLiveKitRoomRequest& request);
  // Admins see every room; others the rooms of their groups.
  StatusOr<std::vector<Room>> ListRooms(const Principal& who);
  StatusOr<RoomDetails> GetRoom(const Principal& who, std::string_view room_name);
  // Ends the session: DeleteRoom and the room session closed. Moderators only.
  Status EndRoom(const Principal& who, std::string_view room_name);
  // Disconnects `identity` and bars its user from the current session. Moderators only.
  Status RemoveParticipant(const Principal& who, std::string_view room_name,
                           std::string_view identity);
  StatusOr<TrackInfo> MuteTrack(const Principal& who, std::string_view room_name,
                                std::string_view identity, std::string_view track_sid, bool muted);
  LiveKitStatus GetLiveKitStatus() const;

  // --- Webhooks and usage ---
  // Applies a verified event once per event id (kDuplicate on a repeat). The event is applied
  // before its id is recorded, and applying it again is harmless, so an event whose ingestion was
  // cut short (an error, the process killed) is applied by its re-delivery; an error answer makes
  // LiveKit deliver it again.
  StatusOr<WebhookOutcome> IngestWebhook(const WebhookEvent& event);
  // Members only (or admins).
  StatusOr<UsageReport> GetUsage(const Principal& who, int64_t group_id);
  // The group's most recent `max_sessions` room sessions (oldest first) with their attendance.
  // Members only (or admins).
  StatusOr<std::vector<SessionAttendance>> GetAttendance(const Principal& who, int64_t group_id,
                                                         size_t max_sessions = 50);

  // The options, with api_secret cleared (only its HMAC state is kept).
  const StudyGroupServiceOptions& options() const noexcept { return options_; }

 private:
  struct Access {
    StudyGroup group;
    std::optional<Membership> membership;
  };
  StatusOr<Access> LoadAccess(const Principal& who, int64_t group_id);
  // The caller's membership of an already loaded `group`.
  StatusOr<Access> LoadMembership(const Principal& who, StudyGroup group);
  StatusOr<Access> LoadAccessByRoom(const Principal& who, std::string_view room_name);
  static bool IsAdmin(const Principal& who) { return who.role == "admin"; }
  static Status RequireMember(const Principal& who, const Access& access);
  static Status RequireModerator(const Principal& who, const Access& access);
  Status RequireLiveKit() const;
  // Members of a group with a recurrence may join only from early_join_minutes before an
  // occurrence until grace_minutes after its end; `moderates` (owners, moderators, admins) and
  // groups without a recurrence always pass. Errors: kPermissionDenied, reason outside_schedule,
  // with meta "opensAt" (ISO 8601 UTC) when another window follows.
  Status CheckJoinWindow(const StudyGroup& group, bool moderates) const;
  // A join token for `room_name` with the seed's grants (plus roomAdmin when `room_admin`).
  StatusOr<IssuedToken> SignJoinToken(const Principal& who, std::string_view room_name,
                                      std::string_view participant_name, bool room_admin) const;
  // Creates the group's LiveKit room unless it is known to be live; records SID and session.
  Status EnsureRoom(const StudyGroup& group);
  // Records `room` (as CreateRoom answered it) as the group's current session: its SID and an
  // open room session (idempotent).
  Status RecordLiveRoom(const StudyGroup& group, const Room& room);
  void ForgetLiveRoom(std::string_view room_name);
  // IngestWebhook's effect on the store (idempotent), without the event id.
  StatusOr<WebhookOutcome> ApplyWebhook(const WebhookEvent& event, int64_t now_ms);
  int64_t NowMs() const { return clock_->NowUnixMillis(); }

  std::shared_ptr<StudyGroupStore> store_;
  std::shared_ptr<const RoomServiceClient> rooms_;
  StudyGroupServiceOptions options_;
  std::shared_ptr<const TokenSigner> signer_;
  bool has_api_secret_ = false;
  const Clock* clock_;

  std::mutex live_rooms_mu_;
  std::unordered_map<std::string, int64_t> live_rooms_;  // room name -> trusted until (ms)
};

// "user_<id>": the LiveKit identity of an app user.
std::string ParticipantIdentity(std::string_view user_id);
// The app user id in a "user_<id>" identity, or empty.
std::string UserIdFromIdentity(std::string_view identity);

}  // namespace lks

#endif  // LKS_GROUPS_STUDY_GROUP_SERVICE_H_
