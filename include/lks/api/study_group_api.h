// StudyGroupApi: the operations of the REST API as typed calls that answer with the JSON of the
// REST response's `data` (docs/rest-api.md), for hosts that call the study-group service without
// HTTP. RestHandler serves each route through it, and the C ABI's lks_service_* functions (and so
// every binding) call it, so the routes and the typed calls take the same input checks and give
// the same JSON and the same errors.
//
// Errors are the service's (canonical code, a message naming the field, a reason such as
// not_a_member or group_full) with HttpStatusFor(status) being the HTTP status the REST API
// answers for them.
//
// Thread-safety: every method may be called from any number of threads at once.
#ifndef LKS_API_STUDY_GROUP_API_H_
#define LKS_API_STUDY_GROUP_API_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "lks/api/app_token.h"
#include "lks/core/status.h"
#include "lks/groups/study_group_service.h"
#include "lks/livekit/webhook_receiver.h"

namespace lks {

class StudyGroupApi {
 public:
  // `service` is required. `webhooks` verifies ReceiveWebhook's deliveries; when null, that call
  // fails with kFailedPrecondition (reason livekit_not_configured, HTTP 503).
  StudyGroupApi(std::shared_ptr<StudyGroupService> service,
                std::shared_ptr<const WebhookReceiver> webhooks);

  // --- Study groups ---
  // `request_json` is the body of POST /api/study-groups/create: {"title", "description",
  // "maxParticipants", "scheduledTime", "durationMinutes", "videoProvider", "useLiveKit",
  // "meetLink", "meetId", "admission"} (empty means {}; admission "open", the default, or
  // "approval"). Answers the group.
  StatusOr<std::string> CreateGroup(const Principal& who, std::string_view request_json) const;
  StatusOr<std::string> GetGroup(const Principal& who, int64_t group_id) const;
  // `request_json` is the body of PATCH /api/study-groups/:id: any of create's "title",
  // "description", "maxParticipants", "scheduledTime", "durationMinutes", "timeZone",
  // "recurrence", "earlyJoinMinutes", "graceMinutes", "admission", "recordingConsent", "e2ee",
  // "transcriptionAgent", checked as create checks them (null or "" removes scheduledTime,
  // timeZone, recurrence and transcriptionAgent). "videoProvider", "useLiveKit", "meetLink",
  // "meetId" and "livekitRoomName" are refused (fixed at creation); other keys are ignored, as
  // create ignores them; a body naming no setting is kInvalidArgument. Owners and admins only
  // (StudyGroupService::UpdateGroup). Answers the updated group.
  StatusOr<std::string> UpdateGroup(const Principal& who, int64_t group_id,
                                    std::string_view request_json) const;
  // {"groups":[...],"total":n,"nextAfter":id|null}; `after_id` >= 0, `limit` 1 to 1000.
  StatusOr<std::string> ListGroups(const Principal& who, int64_t after_id, int64_t limit) const;
  // The membership. Joining a group one belongs to is harmless.
  StatusOr<std::string> JoinGroup(const Principal& who, int64_t group_id) const;
  // {"groupId","userId"}.
  StatusOr<std::string> LeaveGroup(const Principal& who, int64_t group_id) const;
  // {"members":[...],"total":n}.
  StatusOr<std::string> ListMembers(const Principal& who, int64_t group_id) const;
  StatusOr<std::string> GetUsage(const Principal& who, int64_t group_id) const;
  // {"groupId","sessions":[{"roomSid","roomName","startedAt","endedAt","attendance":[...]}]}.
  StatusOr<std::string> GetAttendance(const Principal& who, int64_t group_id) const;
  // The group's calendar: iCalendar text (RFC 5545), not JSON (StudyGroupService::GetCalendar).
  StatusOr<std::string> GetCalendar(const Principal& who, int64_t group_id) const;
  // One session's attendance per attendee: {"groupId","session":{"roomSid","roomName","startedAt",
  // "endedAt"},"attendees":[{"userId","identity","name","firstJoin","lastLeave","minutes",
  // "joins"}]}. Errors: kNotFound (session_not_found) when the group has no session `room_sid`.
  StatusOr<std::string> GetSessionAttendance(const Principal& who, int64_t group_id,
                                             std::string_view room_sid) const;
  // The same report as CSV (RFC 4180, UTF-8 with a byte order mark, CRLF, a header row
  // "userId,name,firstJoin,lastLeave,minutes,joins"; docs/rest-api.md).
  StatusOr<std::string> GetSessionAttendanceCsv(const Principal& who, int64_t group_id,
                                                std::string_view room_sid) const;

  // --- Reconciliation ---
  // One pass of StudyGroupService::ReconcileLiveSessions: {"sessionsChecked","rowsOpened",
  // "rowsClosed","sessionsClosed"}. For hosts that run it on their own timer; needs no caller.
  StatusOr<std::string> Reconcile() const;

  // --- Admission (waiting room and lock) ---
  // {"groupId","session":sid|null,"knocks":[{"groupId","session","userId","name","status",
  // "knockedAt","decidedAt","decidedBy"}],"total":n}: the current session's. Moderators only.
  StatusOr<std::string> ListKnocks(const Principal& who, int64_t group_id) const;
  // The knock as decided. Moderators only; knock_not_found (404) without a knock.
  StatusOr<std::string> AdmitKnock(const Principal& who, int64_t group_id,
                                   std::string_view user_id) const;
  StatusOr<std::string> DenyKnock(const Principal& who, int64_t group_id,
                                  std::string_view user_id) const;
  // The group as stored (its "locked" set or cleared). Moderators only.
  StatusOr<std::string> LockGroup(const Principal& who, int64_t group_id) const;
  StatusOr<std::string> UnlockGroup(const Principal& who, int64_t group_id) const;

  // --- Recording (docs/recording.md) ---
  // The recording started: {"id","groupId","roomSid","egressId","status","location","startedAt",
  // "endedAt","durationMs","error","startedBy"}.
  StatusOr<std::string> StartRecording(const Principal& who, int64_t group_id) const;
  // The recording stopped (status usually "ending" until LiveKit's egress_ended webhook).
  StatusOr<std::string> StopRecording(const Principal& who, int64_t group_id) const;
  // {"groupId","recordings":[...],"total":n}, oldest first.
  StatusOr<std::string> ListRecordings(const Principal& who, int64_t group_id) const;

  // --- Breakout rooms (docs/breakouts.md) ---
  // Opens breakout rooms from {"count":N,"mode":"auto"} or {"assignments":[{"members":[..]},..]}.
  // Answers the state: {"groupId","open","mainRoomName","sessionSid","rooms":[...],
  // "assignment":room|null}, each room {"id","groupId","sessionSid","roomName","number",
  // "openedBy","openedAt","closedAt","members"}.
  StatusOr<std::string> OpenBreakouts(const Principal& who, int64_t group_id,
                                      std::string_view request_json) const;
  // The open set (rooms empty and open false when none) and the caller's assignment.
  StatusOr<std::string> GetBreakouts(const Principal& who, int64_t group_id) const;
  // The set just closed (open false, closedAt set on every room).
  StatusOr<std::string> CloseBreakouts(const Principal& who, int64_t group_id) const;

  // --- LiveKit ---
  // {"token","serverUrl","roomName","identity","participantName","expiresAt"} (plus, for a token
  // for a breakout room, "breakout":{"roomName","number","mainRoomName","sessionSid"}); or, for a
  // member of an approval group who is not yet admitted (the REST API answers 202 with it),
  // {"status":"waiting","groupId","roomName","session","knockedAt","retryAfterSeconds"} with
  // `*waiting` (when given) set to true.
  StatusOr<std::string> IssueToken(const Principal& who, std::string_view room_name,
                                   std::string_view participant_name,
                                   bool* waiting = nullptr) const;
  // `request_json` is the body of POST /api/livekit/rooms: {"name","emptyTimeout",
  // "maxParticipants"}. Answers the room.
  StatusOr<std::string> CreateRoom(const Principal& who, std::string_view request_json) const;
  // {"rooms":[...],"total":n}.
  StatusOr<std::string> ListRooms(const Principal& who) const;
  // {"room":{...},"participants":[...]}.
  StatusOr<std::string> GetRoom(const Principal& who, std::string_view room_name) const;
  // Ends the session: {"roomName","deletedAt"}.
  StatusOr<std::string> DeleteRoom(const Principal& who, std::string_view room_name) const;
  // {"roomName","participantIdentity","removedAt"}.
  StatusOr<std::string> RemoveParticipant(const Principal& who, std::string_view room_name,
                                          std::string_view identity) const;
  // {"trackSid","muted"}.
  StatusOr<std::string> MuteTrack(const Principal& who, std::string_view room_name,
                                  std::string_view identity, std::string_view track_sid,
                                  bool muted) const;
  // {"configured","serverUrl","hasApiKey","hasApiSecret","hasServerUrl"}; needs no caller.
  std::string LiveKitStatus() const;

  // --- Webhooks ---
  // Verifies a delivery over the body bytes exactly as received (`authorization` is the header's
  // value) and applies it once per event id: {"event","id","outcome"} with outcome "applied",
  // "duplicate" or "ignored". Errors: kUnauthenticated (the receiver's reason, HTTP 401) for a
  // delivery that is not authentic, kInvalidArgument (body_not_json, bad_event) for an authentic
  // one that cannot be read.
  StatusOr<std::string> ReceiveWebhook(std::string_view body, std::string_view authorization) const;

  const std::shared_ptr<StudyGroupService>& service() const noexcept { return service_; }

 private:
  std::shared_ptr<StudyGroupService> service_;
  std::shared_ptr<const WebhookReceiver> webhooks_;
};

}  // namespace lks

#endif  // LKS_API_STUDY_GROUP_API_H_
