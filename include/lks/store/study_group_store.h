// StudyGroupStore: where study groups, memberships, room sessions, attendance, webhook event ids
// and removals live. One interface, several backends (SQLite, PostgreSQL, or a host's own through
// the C vtable lks_storage_backend); all pass the same conformance suite (tests/storage).
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

  // --- Study groups -------------------------------------------------------------------------

  // Creates a group and makes `owner_user_id` its owner, in one transaction. Returns the group
  // as stored (id and timestamps assigned).
  virtual StatusOr<StudyGroup> CreateGroup(const NewStudyGroup& group,
                                           std::string_view owner_user_id) = 0;
  // The group with `group_id`, or kNotFound.
  virtual StatusOr<StudyGroup> GetGroup(int64_t group_id) = 0;
  // The group whose livekit_room_name is `room_name`, or kNotFound.
  virtual StatusOr<StudyGroup> GetGroupByRoomName(std::string_view room_name) = 0;
  // Groups `user_id` is a member of, ordered by id, starting after `after_id` (0 = from the
  // start), at most `limit` (1..1000) per page.
  virtual StatusOr<StudyGroupPage> ListGroupsForMember(std::string_view user_id, int64_t after_id,
                                                       int32_t limit) = 0;
  // Applies the set fields of `update` and bumps updated_at. Lowering max_participants below the
  // current member count is kFailedPrecondition. Returns the group as stored.
  virtual StatusOr<StudyGroup> UpdateGroup(int64_t group_id, const StudyGroupUpdate& update) = 0;
  // Records the LiveKit room SID of the group's current room.
  virtual Status SetRoomSid(int64_t group_id, std::string_view room_sid) = 0;
  // Deletes the group with its memberships, sessions, attendance and removals.
  virtual Status DeleteGroup(int64_t group_id) = 0;

  // --- Memberships --------------------------------------------------------------------------

  // Adds `user_id` with `role` only while the group has fewer than max_participants members
  // (checked and written atomically, across processes too). kResourceExhausted (reason
  // "group_full") when full; kAlreadyExists when already a member.
  virtual StatusOr<Membership> AddMember(int64_t group_id, std::string_view user_id,
                                         MemberRole role) = 0;
  // Removes the membership; kNotFound when there was none. The last owner cannot be removed
  // (kFailedPrecondition).
  virtual Status RemoveMember(int64_t group_id, std::string_view user_id) = 0;
  // Changes a member's role; kNotFound when not a member; demoting the last owner is
  // kFailedPrecondition.
  virtual StatusOr<Membership> SetMemberRole(int64_t group_id, std::string_view user_id,
                                             MemberRole role) = 0;
  // The membership, or kNotFound.
  virtual StatusOr<Membership> GetMembership(int64_t group_id, std::string_view user_id) = 0;
  // All members of a group ordered by join time then user id (kNotFound for no such group).
  virtual StatusOr<std::vector<Membership>> ListMembers(int64_t group_id) = 0;

  // --- Room sessions and attendance ---------------------------------------------------------

  // Opens a session for `room_sid` of `group_id`. Idempotent: opening the same SID again
  // returns the stored session unchanged (webhooks repeat).
  virtual StatusOr<RoomSession> OpenRoomSession(int64_t group_id, std::string_view room_sid,
                                                std::string_view room_name,
                                                int64_t started_at_ms) = 0;
  // Closes the session at `ended_at_ms` and every participant session still open in it.
  // Idempotent: closing a closed session returns it unchanged. kNotFound for an unknown SID.
  virtual StatusOr<RoomSession> CloseRoomSession(std::string_view room_sid,
                                                 int64_t ended_at_ms) = 0;
  // The session, or kNotFound.
  virtual StatusOr<RoomSession> GetRoomSession(std::string_view room_sid) = 0;
  // Sessions of a group ordered by start time.
  virtual StatusOr<std::vector<RoomSession>> ListRoomSessions(int64_t group_id) = 0;
  // Records that `participant_identity` joined. Idempotent: while that identity has an open
  // participant session in the room, returns it instead of opening another. A join reported
  // after the room session closed (out-of-order webhooks) is stored already closed at the
  // room's end. kNotFound for an unknown room SID.
  virtual StatusOr<Attendance> RecordJoin(std::string_view room_sid,
                                          std::string_view participant_identity,
                                          std::string_view user_id, int64_t joined_at_ms) = 0;
  // Closes the identity's open participant session at `left_at_ms` (never before its join).
  // kNotFound when it has none open.
  virtual StatusOr<Attendance> RecordLeave(std::string_view room_sid,
                                           std::string_view participant_identity,
                                           int64_t left_at_ms) = 0;
  // Participant sessions of a room session ordered by join time.
  virtual StatusOr<std::vector<Attendance>> ListAttendance(std::string_view room_sid) = 0;

  // --- Webhook idempotency and removals -----------------------------------------------------

  // Records a webhook event id. kFirstSeen the first time, kAlreadySeen on every repeat.
  virtual StatusOr<EventMark> MarkEventSeen(std::string_view event_id, int64_t received_at_ms) = 0;
  // Forgets webhook event ids received before `before_ms` (deliveries are retried for minutes,
  // not days, so old ids can go). Returns how many were removed.
  virtual StatusOr<int64_t> PruneEventsBefore(int64_t before_ms) = 0;
  // Bars `user_id` from the room session `room_sid` (idempotent).
  virtual Status AddRemoval(std::string_view room_sid, std::string_view user_id,
                            std::string_view removed_by, int64_t removed_at_ms) = 0;
  // Whether `user_id` is barred from `room_sid`.
  virtual StatusOr<bool> IsRemoved(std::string_view room_sid, std::string_view user_id) = 0;

  // --- Usage --------------------------------------------------------------------------------

  // Participant-minutes of one room session from closed participant sessions.
  virtual StatusOr<SessionUsage> GetSessionUsage(std::string_view room_sid) = 0;
  // Participant-minutes of a group, in total and per session.
  virtual StatusOr<GroupUsage> GetGroupUsage(int64_t group_id) = 0;
};

}  // namespace lks

#endif  // LKS_STORE_STUDY_GROUP_STORE_H_
