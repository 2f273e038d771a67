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
//  - Admission (docs/rest-api.md "Admission"): a group is `open` (every member gets a token) or
//    `approval` (a waiting room). In an approval group a member who is not a moderator knocks on
//    the current session and waits until an owner, moderator or admin admits or denies them. The
//    current session is the group's LiveKit room session (its room SID): when none is live, the
//    first token request opens it, so a knock always names a real session. Admission lasts
//    until that session ends; the next session starts with an empty waiting room. A lock lets
//    only owners, moderators and admins get tokens until a moderator unlocks the group.
//  - Webhooks are ingested once per event id: room sessions, attendance and the room SID.
//  - Usage: participant-minutes per group and session, and an estimated cost.
//  - Reconciliation against ListParticipants repairs attendance when deliveries are lost
//    (ReconcileLiveSessions, run by the host every N seconds, and on EndRoom).
//
// Errors carry a reason the REST layer turns into its error code: not_a_member, not_a_moderator,
// barred, outside_schedule (with meta opensAt), locked, denied, not_scheduled, knock_not_found,
// group_full, not_livekit, e2ee_not_configured, livekit_not_configured, livekit_unavailable
// (kUnavailable), livekit_error (kInternal, an unexpected answer from LiveKit), plus the store's
// own.
//
// Thread-safety: every method may be called from any number of threads at once.
#ifndef LKS_GROUPS_STUDY_GROUP_SERVICE_H_
#define LKS_GROUPS_STUDY_GROUP_SERVICE_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "lks/core/clock.h"
#include "lks/core/status.h"
#include "lks/groups/principal.h"
#include "lks/groups/schedule.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/agent_dispatch_client.h"
#include "lks/livekit/egress_client.h"
#include "lks/livekit/models.h"
#include "lks/livekit/room_service_client.h"
#include "lks/livekit/webhook_event.h"
#include "lks/store/study_group_store.h"

namespace lks {
namespace internal {
class NextOccurrenceCache;
class SessionKeyDeriver;
}  // namespace internal

// The shortest E2EE master secret accepted: 32 bytes, the size of the keys derived from it.
inline constexpr size_t kMinE2eeMasterSecretBytes = 32;

struct StudyGroupServiceOptions {
  // What clients connect to (the token response's serverUrl), e.g. "wss://project.livekit.cloud".
  std::string livekit_url;
  std::string api_key;     // signs participant tokens
  std::string api_secret;  // not kept: only its HMAC state
  // The secret E2EE session keys are derived from (docs/e2ee.md), at least 32 bytes. Not kept:
  // only the HMAC state of HKDF's pseudorandom key. Empty: groups with e2ee get no tokens
  // (reason e2ee_not_configured).
  std::string e2ee_master_secret;
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
  // How long a member in the waiting room is told to wait before asking again (the REST answer's
  // retryAfterSeconds and Retry-After header).
  std::chrono::seconds knock_poll_interval{5};
  const Clock* clock = nullptr;  // null: the system clock
  // Recording and live transcription (docs/recording.md). Null egress: recording answers
  // kUnavailable, reason recording_unavailable. Null agent_dispatch: no transcription agent is
  // dispatched. `lkstudy serve` makes both from the room service's URL and keys.
  std::shared_ptr<const EgressClient> egress;
  std::shared_ptr<const AgentDispatchClient> agent_dispatch;
  // The recording's file (LiveKit's filepath templates: {room_name}, {room_id}, {time}, ...);
  // "{group_id}" is replaced with the group's id first. Where it lands is the egress worker's
  // storage configuration (a local directory or a bucket).
  std::string recording_filepath = "study-groups/{group_id}/{room_name}-{time}.mp4";
  std::string recording_layout = "grid";
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
  std::optional<Admission> admission;         // default: open
  // Recording and transcription settings (schema 3; docs/recording.md).
  bool recording_consent = false;
  bool e2ee = false;
  std::optional<std::string> transcription_agent;
};

// A change of a group's settings after creation (PATCH /api/study-groups/:id): only the set
// fields change. The video provider, the LiveKit room name and the Meet link are fixed at
// creation. An empty time_zone, recurrence or transcription_agent removes it; a
// scheduled_time_ms of 0 removes the date (refused while the group has a recurrence).
struct UpdateGroupRequest {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<int32_t> max_participants;
  std::optional<int64_t> scheduled_time_ms;
  std::optional<int32_t> duration_minutes;
  std::optional<std::string> time_zone;
  std::optional<std::string> recurrence;
  std::optional<int32_t> early_join_minutes;
  std::optional<int32_t> grace_minutes;
  std::optional<Admission> admission;
  std::optional<bool> recording_consent;
  std::optional<bool> e2ee;
  std::optional<std::string> transcription_agent;

  // True when no field is set.
  bool empty() const noexcept;
};

struct IssuedToken {
  std::string token;
  std::string server_url;
  std::string room_name;
  std::string identity;
  std::string participant_name;
  int64_t expires_at_ms = 0;  // the token's exp, in Unix milliseconds
  // For a group with e2ee: the session's 256-bit key (standard base64) and its index, the number
  // of participants removed from the session so far (each removal gives a new key). Empty and 0
  // otherwise.
  std::string e2ee_key;
  int64_t e2ee_key_index = 0;
  // While the group's breakout rooms are open (docs/breakouts.md): the breakout room the token is
  // for (room_name is its name); unset for a token for the group's own room.
  std::optional<BreakoutRoom> breakout;
  // The group's own (main) room when `breakout` is set, else empty.
  std::string main_room_name;
};

// IssueToken's answer to a member of an approval group who is not yet admitted to the current
// session: their knock is recorded (once) and they ask again after `retry_after`.
struct AdmissionWait {
  int64_t group_id = 0;
  std::string room_name;
  std::string session;  // the room session (room SID) the knock is for
  int64_t knocked_at_ms = 0;
  std::chrono::seconds retry_after{5};
};

// What IssueToken decides for a caller who passed every check: a token, or the waiting room.
struct TokenDecision {
  std::variant<IssuedToken, AdmissionWait> answer;

  bool waiting() const noexcept { return std::holds_alternative<AdmissionWait>(answer); }
  // Only when !waiting().
  const IssuedToken& token() const { return std::get<IssuedToken>(answer); }
  // Only when waiting().
  const AdmissionWait& wait() const { return std::get<AdmissionWait>(answer); }
};

// The knocks of a group's current session (`session` unset when no session is live: no knocks).
struct KnockList {
  int64_t group_id = 0;
  std::optional<std::string> session;
  std::vector<Knock> knocks;  // ordered by knock time
};

// What a moderator asks for to open breakout rooms: either `count` rooms with the members present
// in the call spread evenly at random (`auto_assign`), or the rooms of `assignments` (user ids,
// one list per room).
struct BreakoutRequest {
  bool auto_assign = false;
  int32_t count = 0;
  std::vector<std::vector<std::string>> assignments;
};

// The breakout rooms of a group as a member sees them: the open set (empty when none is open)
// and the caller's own room in it.
struct BreakoutState {
  int64_t group_id = 0;
  std::string main_room_name;
  std::string session_sid;           // the main session the open set splits ("" when none)
  std::vector<BreakoutRoom> rooms;   // the open set, by number; or, from CloseBreakouts, the closed
  std::optional<BreakoutRoom> mine;  // the caller's room in `rooms`, if assigned
  bool open() const noexcept { return !rooms.empty() && !rooms.front().closed_at_ms; }
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

// What a reconciliation did (ReconcileLiveSessions, ApplyParticipantList).
struct ReconcileSummary {
  int64_t sessions_checked = 0;  // live sessions compared with ListParticipants
  int64_t rows_opened = 0;       // attendance rows opened for joins never delivered
  int64_t rows_closed = 0;       // attendance rows closed for leaves never delivered
  int64_t sessions_closed = 0;   // open sessions whose room LiveKit no longer has
  ReconcileSummary& operator+=(const ReconcileSummary& o) {
    sessions_checked += o.sessions_checked;
    rows_opened += o.rows_opened;
    rows_closed += o.rows_closed;
    sessions_closed += o.sessions_closed;
    return *this;
  }
};

// One attendee of one session: every participant session of one user (or, for an identity that is
// no app user, of that identity) added up.
struct AttendeeSummary {
  std::string user_id;              // "" for an identity that is no app user
  std::string identity;             // the LiveKit identity of the latest participant session
  std::optional<std::string> name;  // LiveKit's display name, when this process saw it
  int64_t first_join_ms = 0;
  std::optional<int64_t> last_leave_ms;  // unset while a participant session is open
  int64_t participant_millis = 0;        // closed participant sessions only
  int64_t joins = 0;                     // participant sessions
  double minutes() const noexcept { return static_cast<double>(participant_millis) / 60000.0; }
};

// The attendance report of one session: attendees ordered by first join, then user id.
struct SessionReport {
  RoomSession session;
  std::vector<AttendeeSummary> attendees;
};

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
  // Changes the set fields of `request` with create's checks and messages (the schedule is
  // checked as it will be after the change) and bumps updated_at. Owners and admins only:
  // moderators run sessions, but the settings (capacity, schedule, admission, recording consent,
  // encryption) are the owner's decision, and a moderator who could set recordingConsent could
  // grant themselves the right to record. Errors: kInvalidArgument naming the field;
  // kPermissionDenied not_a_member / not_an_owner; kNotFound; kFailedPrecondition for a
  // maxParticipants below the member count. Returns the group as stored.
  StatusOr<StudyGroup> UpdateGroup(const Principal& who, int64_t group_id,
                                   const UpdateGroupRequest& request);
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

  // --- Admission (waiting room and lock) ---
  // The knocks of the group's current session. Owners, moderators and admins only
  // (not_a_member, not_a_moderator).
  StatusOr<KnockList> ListKnocks(const Principal& who, int64_t group_id);
  // Admits `user_id`'s knock on the current session: their next token request gets a token, for
  // as long as the session lasts. Deciding again overwrites. Moderators only; knock_not_found
  // (kNotFound) when the user has not knocked on the current session.
  StatusOr<Knock> AdmitKnock(const Principal& who, int64_t group_id, std::string_view user_id);
  // Denies `user_id`'s knock: their token requests get 403 denied until the session ends.
  // Moderators only; knock_not_found as AdmitKnock.
  StatusOr<Knock> DenyKnock(const Principal& who, int64_t group_id, std::string_view user_id);
  // Locks (`locked` true) or unlocks the group: while locked, only owners, moderators and admins
  // get tokens (others: 403 locked); participants already in the room stay. Idempotent.
  // Moderators only. Returns the group as stored.
  StatusOr<StudyGroup> SetLocked(const Principal& who, int64_t group_id, bool locked);

  // --- LiveKit ---
  // A join token for `room_name`: members of the group whose room it is, and admins for every
  // room. Every request passes every check again, in this order: membership, removal (barred),
  // the join window of a recurring group (outside_schedule, CheckJoinWindow), lock (locked), then
  // admission: in an approval group a member who is not a moderator gets
  // the waiting answer (the knock recorded once) until admitted, or 403 denied. Errors:
  // room_not_found (no group's room, caller not an admin), not_a_member, barred,
  // outside_schedule, locked, denied, not_livekit, livekit_* (the group's room could not be
  // created).
  StatusOr<TokenDecision> IssueToken(const Principal& who, std::string_view room_name,
                                     std::string_view participant_name);
  StatusOr<Room> CreateRoom(const Principal& who, const CreateLiveKitRoomRequest& request);
  // Admins see every room; others the rooms of their groups.
  StatusOr<std::vector<Room>> ListRooms(const Principal& who);
  StatusOr<RoomDetails> GetRoom(const Principal& who, std::string_view room_name);
  // Ends the session: DeleteRoom and the room session closed. Moderators only. Before the room is
  // deleted its participants are reconciled (ApplyParticipantList, best effort: a failed
  // ListParticipants does not stop the delete), so present participants whose join was never
  // delivered get a row; closing the session then closes every open row at the session's end.
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
  // Members only (or admins). A breakout room's participant-minutes are in the group's total and
  // in the session it split (its own session is folded into that one's entry).
  StatusOr<UsageReport> GetUsage(const Principal& who, int64_t group_id);
  // The group's most recent `max_sessions` room sessions (oldest first) with their attendance.
  // Members only (or admins).
  StatusOr<std::vector<SessionAttendance>> GetAttendance(const Principal& who, int64_t group_id,
                                                         size_t max_sessions = 50);
  // The attendance of the group's session `room_sid`, per attendee, its breakout rooms' included.
  // Members only (or admins).
  // Errors: kNotFound (reason session_not_found, naming `session`) when the group has no such
  // session.
  StatusOr<SessionReport> GetSessionReport(const Principal& who, int64_t group_id,
                                           std::string_view room_sid);

  // --- Reconciliation (src/groups/reconcile.cc, docs/webhooks.md) ---
  // Compares every live session with LiveKit and repairs what lost webhook deliveries left wrong:
  // for each LiveKit room of a group (ListRooms), its session is opened if unknown and its
  // attendance is compared with ListParticipants (ApplyParticipantList); a session this process
  // saw open whose room LiveKit no longer has (its room_finished was lost) is closed now, with
  // every row still open in it. Hosts call it every N seconds (`lkstudy serve
  // --reconcile-interval`, lks_service_reconcile); it never runs by itself. Rooms whose check
  // failed are skipped (the next pass retries them); the first such error is returned only when
  // no room could be checked. Errors: livekit_not_configured, livekit_*, the store's.
  StatusOr<ReconcileSummary> ReconcileLiveSessions();
  // Applies one ListParticipants answer, `present`, asked for at `listed_at_ms`, to the session
  // `room_sid`, given the rows `rows` the store held BEFORE the list was asked for (so a row
  // opened after the list was taken is never mistaken for a participant who left):
  //  - an open row whose identity is absent (or DISCONNECTED) is closed at `listed_at_ms`: the
  //    best known time, at most one reconcile interval late (LiveKit does not say when it left),
  //    and never later than a rejoin the list did not show yet;
  //  - an open row whose identity is present with a later join (it left and rejoined, both
  //    deliveries lost) is closed at that later join (the latest it can have left);
  //  - a present participant that is JOINED or ACTIVE (not JOINING) with no row for its join
  //    opens one with source kReconcile and joined_at from ParticipantInfo.joined_at_ms
  //    (joined_at when that is 0), unless a row of that identity already covers its join time.
  // Rows are never made to overlap, so with the webhook rules (webhook_ingest.cc) every
  // participant-minute counts once. Public for hosts with their own participant list and tests.
  StatusOr<ReconcileSummary> ApplyParticipantList(std::string_view room_sid,
                                                  const std::vector<Attendance>& rows,
                                                  const std::vector<ParticipantInfo>& present,
                                                  int64_t listed_at_ms);

  // --- Recording (recording.cc; docs/recording.md) ---
  // Starts a room-composite recording of the group's live session to a file. Moderators only.
  // Refused with kFailedPrecondition, reason recording_not_consented, unless the group's
  // recordingConsent is set; room_not_active when no session is live; already_recording when
  // one runs. No egress worker (or no Egress client): kUnavailable, reason
  // recording_unavailable (HTTP 503). Announces {"recording":true} in the room's metadata.
  StatusOr<Recording> StartRecording(const Principal& who, int64_t group_id);
  // Stops the group's running recordings and announces {"recording":false}; returns the last
  // one stopped. kFailedPrecondition, reason not_recording, when none runs. Moderators only.
  StatusOr<Recording> StopRecording(const Principal& who, int64_t group_id);
  // The group's recordings, oldest first. Members only (or admins).
  StatusOr<std::vector<Recording>> ListRecordings(const Principal& who, int64_t group_id);

  // --- Breakout rooms (breakouts.cc; docs/breakouts.md) ---
  // Splits the group's live session into breakout rooms, each a LiveKit room named
  // "<main room>-<session SID>-<set>-<number>" created now, and announces the set in the main
  // room's metadata ({"breakouts": <set number>}); members then ask for a token for the group's
  // room and get one for their breakout (self-hosted livekit-server has no MoveParticipant).
  // Moderators only. Errors: room_not_active (kFailedPrecondition) when no session is live;
  // breakouts_open (kFailedPrecondition) when a set is open; kInvalidArgument naming the field
  // (count out of range, assignments[i].members empty, unknown or repeated); not_livekit,
  // livekit_*.
  StatusOr<BreakoutState> OpenBreakouts(const Principal& who, int64_t group_id,
                                        const BreakoutRequest& request);
  // The open set and the caller's assignment. Members only (or admins).
  StatusOr<BreakoutState> GetBreakouts(const Principal& who, int64_t group_id);
  // Closes the open set: the breakout rooms' attendance reconciled, the rooms deleted (their
  // participants are disconnected and ask for a token for the group's room again), their sessions
  // closed, {"breakouts": 0} announced. Returns the closed rooms. Moderators only; 409
  // breakouts_not_open when none is open.
  StatusOr<BreakoutState> CloseBreakouts(const Principal& who, int64_t group_id);

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
  // Owners (and admins) only: not_a_member, not_an_owner.
  static Status RequireOwner(const Principal& who, const Access& access);
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
  // `sid`, when given, receives the SID of the live room session (empty if LiveKit named none).
  Status EnsureRoom(const StudyGroup& group, std::string* sid = nullptr);
  // While the group is locked, only moderators (and admins) get tokens.
  static Status CheckLock(const StudyGroup& group, bool moderates);
  // The waiting room of an approval group for a member who does not moderate: records the knock
  // on session `sid` and answers the wait, 403 denied, or nothing (admitted, or no waiting room).
  StatusOr<std::optional<AdmissionWait>> CheckAdmission(const Principal& who,
                                                        const StudyGroup& group,
                                                        std::string_view participant_name,
                                                        const std::string& sid, bool moderates);
  // The SID of the group's current (open) room session, if any.
  StatusOr<std::optional<std::string>> CurrentSession(const StudyGroup& group);
  StatusOr<Knock> DecideKnock(const Principal& who, int64_t group_id, std::string_view user_id,
                              KnockStatus status);
  static bool Moderates(const Principal& who, const Access& access) {
    return IsAdmin(who) || (access.membership && access.membership->role != MemberRole::kMember);
  }
  // The session key of an e2ee group's session `room_sid` into `token` (docs/e2ee.md).
  // `removal_count`, when set, is the session's CountRemovals already read with the token
  // request's other reads (GetJoinContext); unset, the store is asked.
  Status AddSessionKey(const StudyGroup& group, const std::string& room_sid,
                       std::optional<int64_t> removal_count, IssuedToken* token) const;
  // Records `room` (as CreateRoom answered it) as the group's current session: its SID and an
  // open room session (idempotent).
  Status RecordLiveRoom(const StudyGroup& group, const Room& room);
  void ForgetLiveRoom(std::string_view room_name);
  // IngestWebhook's effect on the store (idempotent), without the event id.
  StatusOr<WebhookOutcome> ApplyWebhook(const WebhookEvent& event, int64_t now_ms);
  int64_t NowMs() const { return clock_->NowUnixMillis(); }
  // Remembers an open session for ReconcileLiveSessions (its room may vanish without a
  // room_finished delivery); ForgetSession when it is closed.
  void TrackSession(std::string_view room_sid, std::string_view room_name);
  void ForgetSession(std::string_view room_sid);
  // Remembers LiveKit's display name of `identity` in `room_sid` for GetSessionReport.
  void RememberName(std::string_view room_sid, std::string_view identity, std::string_view name);
  // Reconciles one live LiveKit room of `group`: rows read, participants listed, then applied.
  StatusOr<ReconcileSummary> ReconcileRoom(const StudyGroup& group, const Room& room);
  // recording.cc: egress_started/updated/ended recorded against the group's session.
  StatusOr<WebhookOutcome> ApplyEgressWebhook(const WebhookEvent& event, int64_t now_ms);
  // Merges {"recording": on} into the room's metadata JSON, keeping its other keys.
  Status AnnounceRecording(std::string_view room_name, bool on);
  // Dispatches the group's transcription agent to the session `room_sid` of `room_name`, once
  // per session (skipped when the server already lists a dispatch of that agent for the room).
  Status DispatchTranscription(const StudyGroup& group, std::string_view room_name,
                               std::string_view room_sid);

  // breakouts.cc: where a token for `requested` (the group's room, or its breakout room
  // `requested_breakout`) leads while breakouts may be open: the caller's breakout, the requested
  // one (moderators, or assigned), or the main room (nullopt). Errors: not_assigned,
  // breakouts_closed.
  StatusOr<std::optional<BreakoutRoom>> BreakoutFor(const Principal& who, const StudyGroup& group,
                                                    const std::optional<BreakoutRoom>& requested,
                                                    bool moderates);
  // Deletes the rooms of a breakout set already closed in the store (CloseBreakouts of the store:
  // tokens lead to the main room from then on): each room reconciled, deleted in LiveKit
  // (disconnecting its participants) and its session closed. EndRoom calls it after deleting the
  // main room, so a client whose breakout room is deleted finds the main room gone exactly when
  // the session ended (docs/breakouts.md).
  Status DeleteBreakoutRooms(const StudyGroup& group, const std::vector<BreakoutRoom>& closed);
  // Creates the breakout room `b` of `group` in LiveKit unless known live and records its session;
  // `sid` receives its room SID.
  Status EnsureBreakoutRoom(const StudyGroup& group, const BreakoutRoom& b, std::string* sid);
  // The room SIDs of the group's breakout room sessions, each mapped to the main session it split
  // (empty for a group that never opened breakout rooms).
  StatusOr<std::map<std::string, std::string>> BreakoutSessions(int64_t group_id);
  // The group of a breakout room's name (for webhooks and reconciliation), or kNotFound.
  StatusOr<StudyGroup> GroupOfBreakoutRoom(std::string_view room_name);

  std::shared_ptr<StudyGroupStore> store_;
  std::shared_ptr<const RoomServiceClient> rooms_;
  StudyGroupServiceOptions options_;
  std::shared_ptr<const TokenSigner> signer_;
  std::shared_ptr<const internal::SessionKeyDeriver> e2ee_keys_;  // null: no master secret
  // nextSession per group and schedule, until that occurrence ends (thread-safe on its own).
  std::shared_ptr<internal::NextOccurrenceCache> next_occurrences_;
  bool has_api_secret_ = false;
  const Clock* clock_;

  std::mutex live_rooms_mu_;
  std::unordered_map<std::string, int64_t> live_rooms_;  // room name -> trusted until (ms)

  std::mutex sessions_mu_;
  std::unordered_map<std::string, std::string> open_sessions_;  // room SID -> room name
  // "<room SID> <identity>" -> LiveKit display name (bounded: cleared when it grows past 10000).
  std::unordered_map<std::string, std::string> names_;
  std::mutex dispatched_mu_;
  // Room SIDs given their transcription agent (recording.cc); room_finished forgets one.
  std::unordered_map<std::string, bool> dispatched_;
};

// "user_<id>": the LiveKit identity of an app user.
std::string ParticipantIdentity(std::string_view user_id);
// The app user id in a "user_<id>" identity, or empty.
std::string UserIdFromIdentity(std::string_view identity);

}  // namespace lks

#endif  // LKS_GROUPS_STUDY_GROUP_SERVICE_H_
