// StudyGroupService: breakout rooms (docs/breakouts.md).
//
// A moderator splits the group's live session into a set of breakout rooms; the store keeps the
// set and who is in which room (schema 4). Self-hosted livekit-server v1.13.5 answers
// MoveParticipant with "not implemented" (HTTP 500), so nobody is moved by the server: the set is
// announced in the main room's metadata ({"breakouts": <set number>}, 0 when closed), clients ask
// for a token for the group's room again, and IssueToken (livekit_policy.cc) answers with a token
// for their breakout. Closing deletes the breakout rooms, which disconnects their participants,
// who ask again and get the main room. Breakout rooms are room sessions of the group like its
// own room (attendance and usage count to the group); GetUsage and GetSessionReport fold them
// into the main session they split.
#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "core/json_writer.h"
#include "groups/room_metadata.h"
#include "groups/service_errors.h"
#include "lks/groups/study_group_service.h"

namespace lks {
namespace {

std::vector<BreakoutRoom> OpenOnly(std::vector<BreakoutRoom> all) {
  all.erase(std::remove_if(all.begin(), all.end(),
                           [](const BreakoutRoom& b) { return b.closed_at_ms.has_value(); }),
            all.end());
  return all;
}

Status RoomNotActive(int64_t group_id) {
  return FailedPreconditionError("study group " + std::to_string(group_id) +
                                 " has no live session to split into breakout rooms")
      .WithReason("room_not_active");
}

// {"breakout":{"groupId":..,"mainRoom":..,"session":..,"number":..}}: who a breakout room belongs
// to, for clients that look at the room they are in.
std::string BreakoutMetadata(const BreakoutRoom& b, std::string_view main_room) {
  std::string out;
  internal::JsonWriter w(&out);
  w.BeginObject().Key("breakout").BeginObject();
  w.Field("groupId", b.group_id).Field("mainRoom", main_room);
  w.Field("session", std::string_view(b.session_sid)).Field("number", int64_t{b.number});
  w.EndObject().EndObject();
  return out;
}

}  // namespace

StatusOr<std::map<std::string, std::string>> StudyGroupService::BreakoutSessions(int64_t group_id) {
  std::map<std::string, std::string> out;
  StatusOr<std::vector<BreakoutRoom>> all = store_->ListBreakouts(group_id);
  if (!all.ok()) return all.status();
  if (all->empty()) return out;
  std::map<std::string, std::string> parent;  // breakout room name -> main session SID
  for (const BreakoutRoom& b : *all) parent[b.room_name] = b.session_sid;
  StatusOr<std::vector<RoomSession>> sessions = store_->ListRoomSessions(group_id);
  if (!sessions.ok()) return sessions.status();
  for (const RoomSession& s : *sessions) {
    auto it = parent.find(s.room_name);
    if (it != parent.end()) out[s.room_sid] = it->second;
  }
  return out;
}

StatusOr<StudyGroup> StudyGroupService::GroupOfBreakoutRoom(std::string_view room_name) {
  StatusOr<BreakoutRoom> b = store_->GetBreakoutRoom(room_name);
  if (!b.ok()) return b.status();
  return store_->GetGroup(b->group_id);
}

Status StudyGroupService::EnsureBreakoutRoom(const StudyGroup& group, const BreakoutRoom& b,
                                             std::string* sid) {
  CreateRoomRequest req;
  req.name = b.room_name;
  req.empty_timeout = options_.room_empty_timeout_seconds;
  req.max_participants = static_cast<uint32_t>(std::max(group.max_participants, 0));
  req.metadata = BreakoutMetadata(b, group.livekit_room_name.value_or(""));
  // CreateRoom returns a live room unchanged: its SID names the breakout's session.
  StatusOr<Room> room = rooms_->CreateRoom(req);
  if (!room.ok()) return internal::FromLiveKit(room.status(), "CreateRoom");
  if (sid) *sid = room->sid;
  if (room->sid.empty()) return OkStatus();
  int64_t started = room->creation_time_ms ? room->creation_time_ms : room->creation_time * 1000;
  if (started == 0) started = NowMs();
  StatusOr<RoomSession> session = store_->OpenRoomSession(group.id, room->sid, room->name, started);
  if (!session.ok()) return session.status();
  if (!session->ended_at_ms) TrackSession(room->sid, room->name);
  return OkStatus();
}

StatusOr<BreakoutState> StudyGroupService::OpenBreakouts(const Principal& who, int64_t group_id,
                                                         const BreakoutRequest& request) {
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireModerator(who, *access));
  const StudyGroup& group = access->group;
  if (!group.use_livekit || !group.livekit_room_name) {
    return FailedPreconditionError("study group " + std::to_string(group.id) +
                                   " meets on Google Meet, not LiveKit")
        .WithReason("not_livekit");
  }
  LKS_RETURN_IF_ERROR(RequireLiveKit());
  if (request.auto_assign == !request.assignments.empty()) {
    return InvalidArgumentError(
        "assignments: give either {\"count\":N,\"mode\":\"auto\"} or \"assignments\"");
  }
  StatusOr<std::optional<std::string>> session = CurrentSession(group);
  if (!session.ok()) return session.status();
  if (!*session) return RoomNotActive(group.id);
  StatusOr<std::vector<BreakoutRoom>> all = store_->ListBreakouts(group.id);
  if (!all.ok()) return all.status();
  int32_t set_number = 1;
  for (const BreakoutRoom& b : *all) {
    if (!b.closed_at_ms) {
      return FailedPreconditionError("study group " + std::to_string(group.id) +
                                     " already has open breakout rooms; close them first")
          .WithReason("breakouts_open");
    }
    if (b.session_sid == **session && b.number == 1) ++set_number;
  }
  StatusOr<std::vector<Membership>> members = store_->ListMembers(group.id);
  if (!members.ok()) return members.status();
  std::map<std::string, MemberRole> roles;
  for (const Membership& m : *members) roles[m.user_id] = m.role;

  std::vector<std::vector<std::string>> groups;
  if (request.auto_assign) {
    // The members in the call now; owners and moderators stay in the main room (they may visit
    // any breakout).
    StatusOr<std::vector<ParticipantInfo>> present =
        rooms_->ListParticipants(*group.livekit_room_name);
    if (!present.ok()) return internal::FromLiveKit(present.status(), "ListParticipants");
    std::set<std::string> here;
    for (const ParticipantInfo& p : *present) {
      if (p.state == ParticipantState::kDisconnected) continue;
      const std::string user = UserIdFromIdentity(p.identity);
      auto role = roles.find(user);
      if (role != roles.end() && role->second == MemberRole::kMember) here.insert(user);
    }
    const int32_t limit = std::min<int32_t>(kMaxBreakoutRooms, static_cast<int32_t>(here.size()));
    if (request.count < 1 || request.count > limit) {
      return InvalidArgumentError("count: must be between 1 and " + std::to_string(limit) +
                                  " (the members present in the call, at most " +
                                  std::to_string(kMaxBreakoutRooms) + ")")
          .WithMeta("present", std::to_string(here.size()));
    }
    std::vector<std::string> users(here.begin(), here.end());
    thread_local std::mt19937_64 rng(std::random_device{}());
    std::shuffle(users.begin(), users.end(), rng);
    groups.resize(static_cast<size_t>(request.count));
    for (size_t i = 0; i < users.size(); ++i) groups[i % groups.size()].push_back(users[i]);
  } else {
    if (request.assignments.size() > static_cast<size_t>(kMaxBreakoutRooms)) {
      return InvalidArgumentError("assignments: at most " + std::to_string(kMaxBreakoutRooms) +
                                  " breakout rooms");
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < request.assignments.size(); ++i) {
      const std::string field = "assignments[" + std::to_string(i) + "].members";
      if (request.assignments[i].empty()) return InvalidArgumentError(field + ": empty room");
      for (const std::string& u : request.assignments[i]) {
        if (!roles.count(u)) {
          return InvalidArgumentError(field + ": '" + u.substr(0, 64) +
                                      "' is not a member of study group " +
                                      std::to_string(group.id));
        }
        if (!seen.insert(u).second)
          return InvalidArgumentError(field + ": '" + u + "' is in more than one room");
      }
    }
    groups = request.assignments;
  }

  const int64_t now = NowMs();
  std::vector<BreakoutRoom> rooms;
  for (size_t i = 0; i < groups.size(); ++i) {
    BreakoutRoom b;
    b.group_id = group.id;
    b.session_sid = **session;
    b.number = static_cast<int32_t>(i + 1);
    b.room_name = *group.livekit_room_name + "-" + **session + "-" + std::to_string(set_number) +
                  "-" + std::to_string(i + 1);
    b.opened_by = who.user_id;
    b.opened_at_ms = now;
    b.members = std::move(groups[i]);
    rooms.push_back(std::move(b));
  }
  StatusOr<std::vector<BreakoutRoom>> stored = store_->OpenBreakouts(rooms);
  if (!stored.ok()) {
    if (stored.status().code() == StatusCode::kFailedPrecondition)
      return Status(stored.status()).WithReason("breakouts_open");
    return stored.status();
  }
  // The rooms exist before anyone is told; a room LiveKit refuses undoes the set.
  for (const BreakoutRoom& b : *stored) {
    Status made = EnsureBreakoutRoom(group, b, nullptr);
    if (!made.ok()) {
      (void)store_->CloseBreakouts(group.id, NowMs());
      for (const BreakoutRoom& r : *stored) (void)rooms_->DeleteRoom(r.room_name);
      return made;
    }
  }
  Status told = internal::SetRoomMetadataMember(*rooms_, *group.livekit_room_name, "breakouts",
                                                int64_t{set_number});
  if (!told.ok()) return told.Annotate("breakout rooms opened; announcing them failed");
  BreakoutState state;
  state.group_id = group.id;
  state.main_room_name = *group.livekit_room_name;
  state.session_sid = **session;
  state.rooms = std::move(*stored);
  for (const BreakoutRoom& b : state.rooms) {
    if (std::count(b.members.begin(), b.members.end(), who.user_id)) state.mine = b;
  }
  return state;
}

StatusOr<BreakoutState> StudyGroupService::GetBreakouts(const Principal& who, int64_t group_id) {
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireMember(who, *access));
  StatusOr<std::vector<BreakoutRoom>> all = store_->ListBreakouts(group_id);
  if (!all.ok()) return all.status();
  BreakoutState state;
  state.group_id = group_id;
  state.main_room_name = access->group.livekit_room_name.value_or("");
  state.rooms = OpenOnly(std::move(*all));
  if (!state.rooms.empty()) state.session_sid = state.rooms.front().session_sid;
  for (const BreakoutRoom& b : state.rooms) {
    if (std::count(b.members.begin(), b.members.end(), who.user_id)) state.mine = b;
  }
  return state;
}

Status StudyGroupService::DeleteBreakoutRooms(const StudyGroup& group,
                                              const std::vector<BreakoutRoom>& closed) {
  if (closed.empty()) return OkStatus();  // no set was open: nothing to ask LiveKit
  std::vector<std::string> names;
  for (const BreakoutRoom& b : closed) names.push_back(b.room_name);
  // Reconcile before the rooms go (as EndRoom does): who is still in them is known only now.
  StatusOr<std::vector<Room>> live = rooms_->ListRooms(names);
  std::vector<std::string> sids;
  if (live.ok()) {
    for (const Room& room : *live) {
      if (room.sid.empty()) continue;
      sids.push_back(room.sid);
      (void)ReconcileRoom(group, room);  // best effort: the delete goes on
    }
  }
  for (const std::string& name : names) {
    Status deleted = rooms_->DeleteRoom(name);
    if (!deleted.ok() && deleted.code() != StatusCode::kNotFound)
      return internal::FromLiveKit(deleted, "DeleteRoom");
    ForgetLiveRoom(name);
  }
  const int64_t now = NowMs();
  for (const std::string& sid : sids) {
    ForgetSession(sid);
    StatusOr<RoomSession> s = store_->CloseRoomSession(sid, now);
    if (!s.ok() && s.status().code() != StatusCode::kNotFound) return s.status();
  }
  return OkStatus();
}

StatusOr<BreakoutState> StudyGroupService::CloseBreakouts(const Principal& who, int64_t group_id) {
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireModerator(who, *access));
  LKS_RETURN_IF_ERROR(RequireLiveKit());
  const StudyGroup& group = access->group;
  // Closed in the store first: from now on every token request leads to the main room.
  StatusOr<std::vector<BreakoutRoom>> closed = store_->CloseBreakouts(group_id, NowMs());
  if (!closed.ok()) return closed.status();
  if (closed->empty()) {
    return FailedPreconditionError("study group " + std::to_string(group_id) +
                                   " has no open breakout rooms")
        .WithReason("breakouts_not_open");
  }
  LKS_RETURN_IF_ERROR(DeleteBreakoutRooms(group, *closed));
  if (group.livekit_room_name) {
    Status told =
        internal::SetRoomMetadataMember(*rooms_, *group.livekit_room_name, "breakouts", int64_t{0});
    if (!told.ok()) return told.Annotate("breakout rooms closed; announcing it failed");
  }
  BreakoutState state;
  state.group_id = group_id;
  state.main_room_name = group.livekit_room_name.value_or("");
  state.session_sid = closed->front().session_sid;
  state.rooms = std::move(*closed);
  for (const BreakoutRoom& b : state.rooms) {
    if (std::count(b.members.begin(), b.members.end(), who.user_id)) state.mine = b;
  }
  return state;
}

StatusOr<std::optional<BreakoutRoom>> StudyGroupService::BreakoutFor(
    const Principal& who, const StudyGroup& group, const std::optional<BreakoutRoom>& requested,
    bool moderates) {
  // The common case costs nothing: no set open, a token for the group's room is for it.
  if (!group.breakouts_open && !requested) return std::optional<BreakoutRoom>();
  StatusOr<std::vector<BreakoutRoom>> all = store_->ListBreakouts(group.id);
  if (!all.ok()) return all.status();
  std::vector<BreakoutRoom> open = OpenOnly(std::move(*all));
  const std::string main = group.livekit_room_name.value_or("");
  if (requested) {
    auto it = std::find_if(open.begin(), open.end(), [&](const BreakoutRoom& b) {
      return b.room_name == requested->room_name;
    });
    if (it == open.end()) {
      return FailedPreconditionError("breakout room '" + requested->room_name +
                                     "' is closed; ask for a token for room '" + main + "'")
          .WithReason("breakouts_closed")
          .WithMeta("mainRoom", main);
    }
    if (moderates || std::count(it->members.begin(), it->members.end(), who.user_id))
      return std::optional<BreakoutRoom>(*it);
    std::string yours = main;
    for (const BreakoutRoom& b : open) {
      if (std::count(b.members.begin(), b.members.end(), who.user_id)) yours = b.room_name;
    }
    return PermissionDeniedError("you are not assigned to breakout room '" + requested->room_name +
                                 "'; yours is '" + yours + "'")
        .WithReason("not_assigned")
        .WithMeta("assignedRoom", yours);
  }
  for (const BreakoutRoom& b : open) {
    if (std::count(b.members.begin(), b.members.end(), who.user_id))
      return std::optional<BreakoutRoom>(b);
  }
  return std::optional<BreakoutRoom>();
}

}  // namespace lks
