// StudyGroupStore: where study groups, memberships, room sessions, attendance, webhook event ids,
// removals, knocks, recordings and breakout rooms live. One interface, several backends (SQLite,
// PostgreSQL, or a host's own through the C vtable lks_storage_backend); all pass the same
// conformance suite (tests/storage).
//
// Every operation is atomic: it either happens completely or not at all, also when several
// processes share the database. Timestamps are Unix milliseconds (UTC) supplied by the caller for
// events (joins, leaves, session start/end) and taken from the store's Clock for created/updated.
//
// Errors (as Status codes):
//   kInvalidArgument   bad input; the message names the field ("title: longer than 255 bytes")
//   kNotFound          the group, membership or room session does not exist
//   kAlreadyExists     a unique value is taken (membership, livekit_room_name, room SID)
//   kResourceExhausted the group is full (reason "group_full")
//   kUnavailable       the database cannot be reached (after retries)
//   kAborted           the transaction kept conflicting with others (after retries)
//   kDataLoss/kInternal the database holds something the store cannot read, or a bug
//
// Thread-safety: every StudyGroupStore is safe to use from many threads at once; how each
// backend achieves it is in its header and docs/storage.md.
#ifndef LKS_STORE_STUDY_GROUP_STORE_H_
#define LKS_STORE_STUDY_GROUP_STORE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "lks/core/status.h"
#include "lks/store/models.h"

namespace lks {

class StudyGroupStore {
 public:
  virtual ~StudyGroupStore() = default;

  // Each method checks its input (the same checks and messages for every backend) and then runs
  // the backend's implementation (the non-virtual interface idiom: a backend overrides the
  // protected Do* methods below and never sees unchecked input).

  // --- Study groups -------------------------------------------------------------------------

  // Creates a group and makes `owner_user_id` its owner, in one transaction. Returns the group
  // as stored (id and timestamps assigned).
  StatusOr<StudyGroup> CreateGroup(const NewStudyGroup& group, std::string_view owner_user_id);
  // The group with `group_id`, or kNotFound.
  StatusOr<StudyGroup> GetGroup(int64_t group_id);
  // The group whose livekit_room_name is `room_name`, or kNotFound.
  StatusOr<StudyGroup> GetGroupByRoomName(std::string_view room_name);
  // Groups `user_id` is a member of, ordered by id, starting after `after_id` (0 = from the
  // start), at most `limit` (1..1000) per page.
  StatusOr<StudyGroupPage> ListGroupsForMember(std::string_view user_id, int64_t after_id,
                                               int32_t limit);
  // Applies the set fields of `update` and bumps updated_at. Lowering max_participants below the
  // current member count is kFailedPrecondition. Returns the group as stored.
  StatusOr<StudyGroup> UpdateGroup(int64_t group_id, const StudyGroupUpdate& update);
  // Records the LiveKit room SID of the group's current room.
  Status SetRoomSid(int64_t group_id, std::string_view room_sid);
  // Deletes the group with its memberships, sessions, attendance and removals.
  Status DeleteGroup(int64_t group_id);

  // --- Memberships --------------------------------------------------------------------------

  // Adds `user_id` with `role` only while the group has fewer than max_participants members
  // (checked and written atomically, across processes too). kResourceExhausted (reason
  // "group_full") when full; kAlreadyExists when already a member.
  StatusOr<Membership> AddMember(int64_t group_id, std::string_view user_id, MemberRole role);
  // Removes the membership; kNotFound when there was none. The last owner cannot be removed
  // (kFailedPrecondition).
  Status RemoveMember(int64_t group_id, std::string_view user_id);
  // Changes a member's role; kNotFound when not a member; demoting the last owner is
  // kFailedPrecondition.
  StatusOr<Membership> SetMemberRole(int64_t group_id, std::string_view user_id, MemberRole role);
  // The membership, or kNotFound.
  StatusOr<Membership> GetMembership(int64_t group_id, std::string_view user_id);
  // All members of a group ordered by join time then user id (kNotFound for no such group).
  StatusOr<std::vector<Membership>> ListMembers(int64_t group_id);

  // --- Room sessions and attendance ---------------------------------------------------------

  // Opens a session for `room_sid` of `group_id`. Idempotent: opening the same SID again
  // returns the stored session unchanged (webhooks repeat).
  StatusOr<RoomSession> OpenRoomSession(int64_t group_id, std::string_view room_sid,
                                        std::string_view room_name, int64_t started_at_ms);
  // Closes the session at `ended_at_ms` and every participant session still open in it.
  // Idempotent: closing a closed session returns it unchanged. kNotFound for an unknown SID.
  StatusOr<RoomSession> CloseRoomSession(std::string_view room_sid, int64_t ended_at_ms);
  // The session, or kNotFound.
  StatusOr<RoomSession> GetRoomSession(std::string_view room_sid);
  // Sessions of a group ordered by start time.
  StatusOr<std::vector<RoomSession>> ListRoomSessions(int64_t group_id);
  // Records that `participant_identity` joined. Idempotent: while that identity has an open
  // participant session in the room, returns it instead of opening another. A join reported
  // after the room session closed (out-of-order webhooks) is stored already closed at the
  // room's end. kNotFound for an unknown room SID. `source` is stored with a new row.
  StatusOr<Attendance> RecordJoin(std::string_view room_sid, std::string_view participant_identity,
                                  std::string_view user_id, int64_t joined_at_ms,
                                  AttendanceSource source = AttendanceSource::kWebhook);
  // Closes the identity's open participant session at `left_at_ms` (never before its join).
  // kNotFound when it has none open. A kReconcile leave also marks the row's source kReconcile.
  StatusOr<Attendance> RecordLeave(std::string_view room_sid, std::string_view participant_identity,
                                   int64_t left_at_ms,
                                   AttendanceSource source = AttendanceSource::kWebhook);
  // Participant sessions of a room session ordered by join time.
  StatusOr<std::vector<Attendance>> ListAttendance(std::string_view room_sid);

  // --- Webhook idempotency and removals -----------------------------------------------------

  // Records a webhook event id. kFirstSeen the first time, kAlreadySeen on every repeat.
  StatusOr<EventMark> MarkEventSeen(std::string_view event_id, int64_t received_at_ms);
  // Forgets webhook event ids received before `before_ms` (deliveries are retried for minutes,
  // not days, so old ids can go). Returns how many were removed.
  StatusOr<int64_t> PruneEventsBefore(int64_t before_ms);
  // Bars `user_id` from the room session `room_sid` (idempotent).
  Status AddRemoval(std::string_view room_sid, std::string_view user_id,
                    std::string_view removed_by, int64_t removed_at_ms);
  // Whether `user_id` is barred from `room_sid`.
  StatusOr<bool> IsRemoved(std::string_view room_sid, std::string_view user_id);
  // How many users are barred from `room_sid` (0 for a session without removals).
  StatusOr<int64_t> CountRemovals(std::string_view room_sid);

  // --- Knocks (waiting room) ---------------------------------------------------------------

  // Records that `user_id` asks to join `session` of the group. Idempotent: a repeated knock
  // returns the stored one unchanged (so an admitted or denied user stays so). kNotFound for no
  // such group.
  StatusOr<Knock> RecordKnock(int64_t group_id, std::string_view session, std::string_view user_id,
                              std::string_view name, int64_t knocked_at_ms);
  // The knock, or kNotFound.
  StatusOr<Knock> GetKnock(int64_t group_id, std::string_view session, std::string_view user_id);
  // Admits or denies a knock (`status` kAdmitted or kDenied; kWaiting is kInvalidArgument),
  // recording who decided and when; deciding again overwrites. kNotFound when there is no knock.
  StatusOr<Knock> DecideKnock(int64_t group_id, std::string_view session, std::string_view user_id,
                              KnockStatus status, std::string_view decided_by,
                              int64_t decided_at_ms);
  // Knocks of one session ordered by knock time then user id (kNotFound for no such group).
  StatusOr<std::vector<Knock>> ListKnocks(int64_t group_id, std::string_view session);

  // --- Recordings (schema 3) ---------------------------------------------------------------

  // Stores `recording` by its egress_id: a new one is inserted (id assigned); an existing one
  // gets every field of `recording` except id and group_id (the last write wins: callers merge,
  // see StudyGroupService's egress webhooks). kNotFound for no such group.
  StatusOr<Recording> SaveRecording(const Recording& recording);
  // The recording with that egress id, or kNotFound.
  StatusOr<Recording> GetRecording(std::string_view egress_id);
  // Recordings of a group ordered by start time then id (kNotFound for no such group).
  StatusOr<std::vector<Recording>> ListRecordings(int64_t group_id);

  // --- Breakout rooms (schema 4) ------------------------------------------------------------

  // Opens a set of breakout rooms: every room of `rooms` with its members, at once. All rooms
  // share group_id, session_sid, opened_by and opened_at_ms; numbers are 1..N in order (N at most
  // kMaxBreakoutRooms); every room has at least one member and a user is in at most one room.
  // kFailedPrecondition (reason "breakouts_open") when the group already has open breakout rooms
  // (checked and written atomically, across processes too); kAlreadyExists when a room name is
  // taken; kNotFound for no such group. Sets the group's breakouts_open. Returns the rooms as
  // stored (ids assigned, members ordered).
  StatusOr<std::vector<BreakoutRoom>> OpenBreakouts(const std::vector<BreakoutRoom>& rooms);
  // Closes the group's open breakout rooms at `closed_at_ms`, clears its breakouts_open and
  // returns them as closed; empty when none was open (idempotent). kNotFound for no such group.
  StatusOr<std::vector<BreakoutRoom>> CloseBreakouts(int64_t group_id, int64_t closed_at_ms);
  // The group's breakout rooms, open and closed, ordered by opening time then number (kNotFound
  // for no such group).
  StatusOr<std::vector<BreakoutRoom>> ListBreakouts(int64_t group_id);
  // The breakout room named `room_name`, open or closed, or kNotFound.
  StatusOr<BreakoutRoom> GetBreakoutRoom(std::string_view room_name);

  // --- Token requests ----------------------------------------------------------------------

  // What a token request by `user_id` for room `room_name` needs (see JoinContext): the group
  // whose livekit_room_name is `room_name`, else the group of the breakout room of that name, with
  // the user's membership, removal from its current session and, for an E2EE group, that
  // session's removal count. kNotFound when no group or breakout room has that name. The built-in
  // backends read it in one statement (one round trip to PostgreSQL); a backend that does not
  // override DoGetJoinContext gets the same answer from the single reads above.
  StatusOr<JoinContext> GetJoinContext(std::string_view room_name, std::string_view user_id);

  // --- Usage --------------------------------------------------------------------------------

  // Participant-minutes of one room session from closed participant sessions.
  StatusOr<SessionUsage> GetSessionUsage(std::string_view room_sid);
  // Participant-minutes of a group, in total and per session.
  StatusOr<GroupUsage> GetGroupUsage(int64_t group_id);

 protected:
  // The backend's operations, called by the methods above only with input they checked (every
  // id, text, time and limit as documented there); errors as documented there.
  virtual StatusOr<StudyGroup> DoCreateGroup(const NewStudyGroup& group,
                                             std::string_view owner_user_id) = 0;
  virtual StatusOr<StudyGroup> DoGetGroup(int64_t group_id) = 0;
  virtual StatusOr<StudyGroup> DoGetGroupByRoomName(std::string_view room_name) = 0;
  virtual StatusOr<StudyGroupPage> DoListGroupsForMember(std::string_view user_id, int64_t after_id,
                                                         int32_t limit) = 0;
  virtual StatusOr<StudyGroup> DoUpdateGroup(int64_t group_id, const StudyGroupUpdate& update) = 0;
  virtual Status DoSetRoomSid(int64_t group_id, std::string_view room_sid) = 0;
  virtual Status DoDeleteGroup(int64_t group_id) = 0;
  virtual StatusOr<Membership> DoAddMember(int64_t group_id, std::string_view user_id,
                                           MemberRole role) = 0;
  virtual Status DoRemoveMember(int64_t group_id, std::string_view user_id) = 0;
  virtual StatusOr<Membership> DoSetMemberRole(int64_t group_id, std::string_view user_id,
                                               MemberRole role) = 0;
  virtual StatusOr<Membership> DoGetMembership(int64_t group_id, std::string_view user_id) = 0;
  virtual StatusOr<std::vector<Membership>> DoListMembers(int64_t group_id) = 0;
  virtual StatusOr<RoomSession> DoOpenRoomSession(int64_t group_id, std::string_view room_sid,
                                                  std::string_view room_name,
                                                  int64_t started_at_ms) = 0;
  virtual StatusOr<RoomSession> DoCloseRoomSession(std::string_view room_sid,
                                                   int64_t ended_at_ms) = 0;
  virtual StatusOr<RoomSession> DoGetRoomSession(std::string_view room_sid) = 0;
  virtual StatusOr<std::vector<RoomSession>> DoListRoomSessions(int64_t group_id) = 0;
  virtual StatusOr<Attendance> DoRecordJoin(std::string_view room_sid,
                                            std::string_view participant_identity,
                                            std::string_view user_id, int64_t joined_at_ms,
                                            AttendanceSource source) = 0;
  virtual StatusOr<Attendance> DoRecordLeave(std::string_view room_sid,
                                             std::string_view participant_identity,
                                             int64_t left_at_ms, AttendanceSource source) = 0;
  virtual StatusOr<std::vector<Attendance>> DoListAttendance(std::string_view room_sid) = 0;
  virtual StatusOr<EventMark> DoMarkEventSeen(std::string_view event_id,
                                              int64_t received_at_ms) = 0;
  virtual StatusOr<int64_t> DoPruneEventsBefore(int64_t before_ms) = 0;
  virtual Status DoAddRemoval(std::string_view room_sid, std::string_view user_id,
                              std::string_view removed_by, int64_t removed_at_ms) = 0;
  virtual StatusOr<bool> DoIsRemoved(std::string_view room_sid, std::string_view user_id) = 0;
  virtual StatusOr<int64_t> DoCountRemovals(std::string_view room_sid) = 0;
  virtual StatusOr<Knock> DoRecordKnock(int64_t group_id, std::string_view session,
                                        std::string_view user_id, std::string_view name,
                                        int64_t knocked_at_ms) = 0;
  virtual StatusOr<Knock> DoGetKnock(int64_t group_id, std::string_view session,
                                     std::string_view user_id) = 0;
  virtual StatusOr<Knock> DoDecideKnock(int64_t group_id, std::string_view session,
                                        std::string_view user_id, KnockStatus status,
                                        std::string_view decided_by, int64_t decided_at_ms) = 0;
  virtual StatusOr<std::vector<Knock>> DoListKnocks(int64_t group_id, std::string_view session) = 0;
  virtual StatusOr<Recording> DoSaveRecording(const Recording& recording) = 0;
  virtual StatusOr<Recording> DoGetRecording(std::string_view egress_id) = 0;
  virtual StatusOr<std::vector<Recording>> DoListRecordings(int64_t group_id) = 0;
  virtual StatusOr<std::vector<BreakoutRoom>> DoOpenBreakouts(
      const std::vector<BreakoutRoom>& rooms) = 0;
  virtual StatusOr<std::vector<BreakoutRoom>> DoCloseBreakouts(int64_t group_id,
                                                               int64_t closed_at_ms) = 0;
  virtual StatusOr<std::vector<BreakoutRoom>> DoListBreakouts(int64_t group_id) = 0;
  virtual StatusOr<BreakoutRoom> DoGetBreakoutRoom(std::string_view room_name) = 0;
  virtual StatusOr<SessionUsage> DoGetSessionUsage(std::string_view room_sid) = 0;
  virtual StatusOr<GroupUsage> DoGetGroupUsage(int64_t group_id) = 0;
  // Not pure: by default GetGroupByRoomName (else GetBreakoutRoom and GetGroup), GetMembership,
  // IsRemoved, GetRoomSession and CountRemovals, one after the other (a host backend keeps
  // working); the SQL backends override it with one statement.
  virtual StatusOr<JoinContext> DoGetJoinContext(std::string_view room_name,
                                                 std::string_view user_id);
};

}  // namespace lks

#endif  // LKS_STORE_STUDY_GROUP_STORE_H_
