// StudyGroupStore's public methods: the input checks every backend shares, then the backend.
#include "lks/store/study_group_store.h"

#include <set>
#include <string>

#include "store/validation.h"

namespace lks {

using store::CheckGroupId;
using store::CheckId;
using store::CheckText;
using store::CheckTimestamp;

StatusOr<StudyGroup> StudyGroupStore::CreateGroup(const NewStudyGroup& group,
                                                  std::string_view owner_user_id) {
  LKS_RETURN_IF_ERROR(store::CheckNewGroup(group));
  LKS_RETURN_IF_ERROR(CheckId(owner_user_id, "ownerUserId"));
  return DoCreateGroup(group, owner_user_id);
}

StatusOr<StudyGroup> StudyGroupStore::GetGroup(int64_t group_id) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  return DoGetGroup(group_id);
}

StatusOr<StudyGroup> StudyGroupStore::GetGroupByRoomName(std::string_view room_name) {
  LKS_RETURN_IF_ERROR(CheckId(room_name, "livekitRoomName"));
  return DoGetGroupByRoomName(room_name);
}

StatusOr<StudyGroupPage> StudyGroupStore::ListGroupsForMember(std::string_view user_id,
                                                              int64_t after_id, int32_t limit) {
  LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
  if (after_id < 0) return InvalidArgumentError("afterId: must not be negative");
  if (limit < 1 || limit > 1000) return InvalidArgumentError("limit: must be between 1 and 1000");
  return DoListGroupsForMember(user_id, after_id, limit);
}

StatusOr<StudyGroup> StudyGroupStore::UpdateGroup(int64_t group_id,
                                                  const StudyGroupUpdate& update) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  return DoUpdateGroup(group_id, update);
}

Status StudyGroupStore::SetRoomSid(int64_t group_id, std::string_view room_sid) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
  return DoSetRoomSid(group_id, room_sid);
}

Status StudyGroupStore::DeleteGroup(int64_t group_id) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  return DoDeleteGroup(group_id);
}

StatusOr<Membership> StudyGroupStore::AddMember(int64_t group_id, std::string_view user_id,
                                                MemberRole role) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
  return DoAddMember(group_id, user_id, role);
}

Status StudyGroupStore::RemoveMember(int64_t group_id, std::string_view user_id) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
  return DoRemoveMember(group_id, user_id);
}

StatusOr<Membership> StudyGroupStore::SetMemberRole(int64_t group_id, std::string_view user_id,
                                                    MemberRole role) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
  return DoSetMemberRole(group_id, user_id, role);
}

StatusOr<Membership> StudyGroupStore::GetMembership(int64_t group_id, std::string_view user_id) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
  return DoGetMembership(group_id, user_id);
}

StatusOr<std::vector<Membership>> StudyGroupStore::ListMembers(int64_t group_id) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  return DoListMembers(group_id);
}

StatusOr<RoomSession> StudyGroupStore::OpenRoomSession(int64_t group_id, std::string_view room_sid,
                                                       std::string_view room_name,
                                                       int64_t started_at_ms) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
  LKS_RETURN_IF_ERROR(CheckId(room_name, "roomName"));
  LKS_RETURN_IF_ERROR(CheckTimestamp(started_at_ms, "startedAt"));
  return DoOpenRoomSession(group_id, room_sid, room_name, started_at_ms);
}

StatusOr<RoomSession> StudyGroupStore::CloseRoomSession(std::string_view room_sid,
                                                        int64_t ended_at_ms) {
  LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
  LKS_RETURN_IF_ERROR(CheckTimestamp(ended_at_ms, "endedAt"));
  return DoCloseRoomSession(room_sid, ended_at_ms);
}

StatusOr<RoomSession> StudyGroupStore::GetRoomSession(std::string_view room_sid) {
  LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
  return DoGetRoomSession(room_sid);
}

StatusOr<std::vector<RoomSession>> StudyGroupStore::ListRoomSessions(int64_t group_id) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  return DoListRoomSessions(group_id);
}

StatusOr<Attendance> StudyGroupStore::RecordJoin(std::string_view room_sid,
                                                 std::string_view participant_identity,
                                                 std::string_view user_id, int64_t joined_at_ms,
                                                 AttendanceSource source) {
  LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
  LKS_RETURN_IF_ERROR(CheckId(participant_identity, "participantIdentity"));
  LKS_RETURN_IF_ERROR(CheckText(user_id, "userId", kMaxIdBytes, false));
  LKS_RETURN_IF_ERROR(CheckTimestamp(joined_at_ms, "joinedAt"));
  return DoRecordJoin(room_sid, participant_identity, user_id, joined_at_ms, source);
}

StatusOr<Attendance> StudyGroupStore::RecordLeave(std::string_view room_sid,
                                                  std::string_view participant_identity,
                                                  int64_t left_at_ms, AttendanceSource source) {
  LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
  LKS_RETURN_IF_ERROR(CheckId(participant_identity, "participantIdentity"));
  LKS_RETURN_IF_ERROR(CheckTimestamp(left_at_ms, "leftAt"));
  return DoRecordLeave(room_sid, participant_identity, left_at_ms, source);
}

StatusOr<std::vector<Attendance>> StudyGroupStore::ListAttendance(std::string_view room_sid) {
  LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
  return DoListAttendance(room_sid);
}

StatusOr<EventMark> StudyGroupStore::MarkEventSeen(std::string_view event_id,
                                                   int64_t received_at_ms) {
  LKS_RETURN_IF_ERROR(CheckId(event_id, "eventId"));
  LKS_RETURN_IF_ERROR(CheckTimestamp(received_at_ms, "receivedAt"));
  return DoMarkEventSeen(event_id, received_at_ms);
}

StatusOr<int64_t> StudyGroupStore::PruneEventsBefore(int64_t before_ms) {
  LKS_RETURN_IF_ERROR(CheckTimestamp(before_ms, "before"));
  return DoPruneEventsBefore(before_ms);
}

Status StudyGroupStore::AddRemoval(std::string_view room_sid, std::string_view user_id,
                                   std::string_view removed_by, int64_t removed_at_ms) {
  LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
  LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
  LKS_RETURN_IF_ERROR(CheckText(removed_by, "removedBy", kMaxIdBytes, false));
  LKS_RETURN_IF_ERROR(CheckTimestamp(removed_at_ms, "removedAt"));
  return DoAddRemoval(room_sid, user_id, removed_by, removed_at_ms);
}

StatusOr<bool> StudyGroupStore::IsRemoved(std::string_view room_sid, std::string_view user_id) {
  LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
  LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
  return DoIsRemoved(room_sid, user_id);
}

StatusOr<int64_t> StudyGroupStore::CountRemovals(std::string_view room_sid) {
  LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
  return DoCountRemovals(room_sid);
}

StatusOr<Knock> StudyGroupStore::RecordKnock(int64_t group_id, std::string_view session,
                                             std::string_view user_id, std::string_view name,
                                             int64_t knocked_at_ms) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  LKS_RETURN_IF_ERROR(CheckId(session, "session"));
  LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
  LKS_RETURN_IF_ERROR(CheckText(name, "name", kMaxTitleBytes, false));
  LKS_RETURN_IF_ERROR(CheckTimestamp(knocked_at_ms, "knockedAt"));
  return DoRecordKnock(group_id, session, user_id, name, knocked_at_ms);
}

StatusOr<Knock> StudyGroupStore::GetKnock(int64_t group_id, std::string_view session,
                                          std::string_view user_id) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  LKS_RETURN_IF_ERROR(CheckId(session, "session"));
  LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
  return DoGetKnock(group_id, session, user_id);
}

StatusOr<Knock> StudyGroupStore::DecideKnock(int64_t group_id, std::string_view session,
                                             std::string_view user_id, KnockStatus status,
                                             std::string_view decided_by, int64_t decided_at_ms) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  LKS_RETURN_IF_ERROR(CheckId(session, "session"));
  LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
  if (status != KnockStatus::kAdmitted && status != KnockStatus::kDenied)
    return InvalidArgumentError("status: must be \"admitted\" or \"denied\"");
  LKS_RETURN_IF_ERROR(CheckText(decided_by, "decidedBy", kMaxIdBytes, false));
  LKS_RETURN_IF_ERROR(CheckTimestamp(decided_at_ms, "decidedAt"));
  return DoDecideKnock(group_id, session, user_id, status, decided_by, decided_at_ms);
}

StatusOr<std::vector<Knock>> StudyGroupStore::ListKnocks(int64_t group_id,
                                                         std::string_view session) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  LKS_RETURN_IF_ERROR(CheckId(session, "session"));
  return DoListKnocks(group_id, session);
}

StatusOr<Recording> StudyGroupStore::SaveRecording(const Recording& r) {
  LKS_RETURN_IF_ERROR(CheckGroupId(r.group_id));
  LKS_RETURN_IF_ERROR(CheckId(r.egress_id, "egressId"));
  LKS_RETURN_IF_ERROR(CheckText(r.room_sid, "roomSid", kMaxIdBytes, false));
  if (static_cast<int>(r.status) < 0 || static_cast<int>(r.status) > 6)
    return InvalidArgumentError("status: unknown recording status");
  if (r.location) LKS_RETURN_IF_ERROR(CheckText(*r.location, "location", kMaxLinkBytes, false));
  LKS_RETURN_IF_ERROR(CheckTimestamp(r.started_at_ms, "startedAt"));
  if (r.ended_at_ms) {
    LKS_RETURN_IF_ERROR(CheckTimestamp(*r.ended_at_ms, "endedAt"));
    if (*r.ended_at_ms < r.started_at_ms) return InvalidArgumentError("endedAt: before startedAt");
  }
  if (r.duration_ms < 0) return InvalidArgumentError("durationMs: negative");
  if (r.error) LKS_RETURN_IF_ERROR(CheckText(*r.error, "error", kMaxDescriptionBytes, false));
  if (r.started_by) LKS_RETURN_IF_ERROR(CheckText(*r.started_by, "startedBy", kMaxIdBytes, false));
  return DoSaveRecording(r);
}

StatusOr<Recording> StudyGroupStore::GetRecording(std::string_view egress_id) {
  LKS_RETURN_IF_ERROR(CheckId(egress_id, "egressId"));
  return DoGetRecording(egress_id);
}

StatusOr<std::vector<Recording>> StudyGroupStore::ListRecordings(int64_t group_id) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  return DoListRecordings(group_id);
}

StatusOr<std::vector<BreakoutRoom>> StudyGroupStore::OpenBreakouts(
    const std::vector<BreakoutRoom>& rooms) {
  if (rooms.empty()) return InvalidArgumentError("rooms: at least one breakout room");
  if (rooms.size() > static_cast<size_t>(kMaxBreakoutRooms)) {
    return InvalidArgumentError("rooms: at most " + std::to_string(kMaxBreakoutRooms) +
                                " breakout rooms");
  }
  const BreakoutRoom& first = rooms.front();
  LKS_RETURN_IF_ERROR(CheckGroupId(first.group_id));
  LKS_RETURN_IF_ERROR(CheckId(first.session_sid, "sessionSid"));
  LKS_RETURN_IF_ERROR(CheckId(first.opened_by, "openedBy"));
  LKS_RETURN_IF_ERROR(CheckTimestamp(first.opened_at_ms, "openedAt"));
  std::set<std::string_view> users, names;
  for (size_t i = 0; i < rooms.size(); ++i) {
    const BreakoutRoom& r = rooms[i];
    const std::string at = "rooms[" + std::to_string(i) + "].";
    if (r.group_id != first.group_id || r.session_sid != first.session_sid ||
        r.opened_by != first.opened_by || r.opened_at_ms != first.opened_at_ms) {
      return InvalidArgumentError(at +
                                  "groupId: every room of a set shares group, session, "
                                  "openedBy and openedAt");
    }
    if (r.closed_at_ms) return InvalidArgumentError(at + "closedAt: a new room is open");
    if (r.number != static_cast<int32_t>(i + 1))
      return InvalidArgumentError(at + "number: want " + std::to_string(i + 1));
    LKS_RETURN_IF_ERROR(CheckId(r.room_name, at + "roomName"));
    if (!names.insert(r.room_name).second) return InvalidArgumentError(at + "roomName: used twice");
    if (r.members.empty()) return InvalidArgumentError(at + "members: at least one member");
    for (const std::string& u : r.members) {
      LKS_RETURN_IF_ERROR(CheckId(u, at + "members"));
      if (!users.insert(u).second)
        return InvalidArgumentError(at + "members: '" + u + "' is in more than one room");
    }
  }
  return DoOpenBreakouts(rooms);
}

StatusOr<std::vector<BreakoutRoom>> StudyGroupStore::CloseBreakouts(int64_t group_id,
                                                                    int64_t closed_at_ms) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  LKS_RETURN_IF_ERROR(CheckTimestamp(closed_at_ms, "closedAt"));
  return DoCloseBreakouts(group_id, closed_at_ms);
}

StatusOr<std::vector<BreakoutRoom>> StudyGroupStore::ListBreakouts(int64_t group_id) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  return DoListBreakouts(group_id);
}

StatusOr<BreakoutRoom> StudyGroupStore::GetBreakoutRoom(std::string_view room_name) {
  LKS_RETURN_IF_ERROR(CheckId(room_name, "roomName"));
  return DoGetBreakoutRoom(room_name);
}

StatusOr<JoinContext> StudyGroupStore::GetJoinContext(std::string_view room_name,
                                                      std::string_view user_id) {
  LKS_RETURN_IF_ERROR(CheckId(room_name, "livekitRoomName"));
  // A user id the single reads would refuse: answer as they do (an unknown room first, then the
  // user id's error), so the one statement never sees unchecked input.
  if (!CheckId(user_id, "userId").ok())
    return StudyGroupStore::DoGetJoinContext(room_name, user_id);
  return DoGetJoinContext(room_name, user_id);
}

StatusOr<JoinContext> StudyGroupStore::DoGetJoinContext(std::string_view room_name,
                                                        std::string_view user_id) {
  JoinContext ctx;
  StatusOr<StudyGroup> group = GetGroupByRoomName(room_name);
  if (!group.ok()) {
    if (group.status().code() != StatusCode::kNotFound) return group.status();
    StatusOr<BreakoutRoom> b = GetBreakoutRoom(room_name);
    if (!b.ok()) return b.status();
    group = GetGroup(b->group_id);
    if (!group.ok()) return group.status();
    ctx.breakout_room_name = std::move(b->room_name);
  }
  ctx.group = std::move(*group);
  StatusOr<Membership> m = GetMembership(ctx.group.id, user_id);
  if (m.ok()) {
    ctx.membership = std::move(*m);
  } else if (m.status().code() != StatusCode::kNotFound) {
    return m.status();
  }
  if (!ctx.group.livekit_room_sid) return ctx;
  const std::string& sid = *ctx.group.livekit_room_sid;
  StatusOr<bool> removed = IsRemoved(sid, user_id);
  if (!removed.ok()) return removed.status();
  if (*removed) {
    StatusOr<RoomSession> session = GetRoomSession(sid);
    ctx.barred = session.ok() && !session->ended_at_ms;
  }
  if (ctx.group.e2ee) {
    StatusOr<int64_t> count = CountRemovals(sid);
    if (!count.ok()) return count.status();
    ctx.removal_count = *count;
  }
  return ctx;
}

StatusOr<SessionUsage> StudyGroupStore::GetSessionUsage(std::string_view room_sid) {
  LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
  return DoGetSessionUsage(room_sid);
}

StatusOr<GroupUsage> StudyGroupStore::GetGroupUsage(int64_t group_id) {
  LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
  return DoGetGroupUsage(group_id);
}

}  // namespace lks
