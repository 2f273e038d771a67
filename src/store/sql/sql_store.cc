#include "store/sql/sql_store.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <type_traits>

#include "store/sql/statements.h"
#include "store/validation.h"

namespace lks::store {
namespace {

using Params = std::initializer_list<SqlParam>;

bool Retryable(const Status& s) {
  return s.reason() == kReasonRetry || s.reason() == kReasonConnectionLost;
}

void Backoff(int attempt) {
  thread_local std::minstd_rand rng(std::random_device{}());
  int cap = std::min(200, 2 << std::min(attempt, 7));  // 4, 8, ... 200 ms
  std::this_thread::sleep_for(
      std::chrono::milliseconds(1 + static_cast<int>(rng() % static_cast<unsigned>(cap))));
}

Status GroupNotFound(int64_t id) {
  return NotFoundError("groupId: no study group with id " + std::to_string(id));
}

StatusOr<StudyGroup> ReadGroup(const SqlResult& r, size_t row) {
  StudyGroup g;
  g.id = r.Int(row, 0);
  g.title = r.Text(row, 1);
  g.description = r.Text(row, 2);
  g.max_participants = static_cast<int32_t>(r.Int(row, 3));
  g.scheduled_time_ms = r.Int(row, 4);
  g.duration_minutes = static_cast<int32_t>(r.Int(row, 5));
  StatusOr<VideoProvider> p = ParseVideoProvider(r.Text(row, 6), "video_provider");
  if (!p.ok()) {
    return DataLossError("study_groups.video_provider of group " + std::to_string(g.id) +
                         ": unknown value");
  }
  g.video_provider = *p;
  g.use_livekit = r.Bool(row, 7);
  g.livekit_room_name = r.OptText(row, 8);
  g.livekit_room_sid = r.OptText(row, 9);
  g.meet_link = r.OptText(row, 10);
  g.meet_id = r.OptText(row, 11);
  g.created_by = r.Text(row, 12);
  g.created_at_ms = r.Int(row, 13);
  g.updated_at_ms = r.Int(row, 14);
  return g;
}

StatusOr<Membership> ReadMembership(const SqlResult& r, size_t row) {
  Membership m;
  m.group_id = r.Int(row, 0);
  m.user_id = r.Text(row, 1);
  StatusOr<MemberRole> role = ParseMemberRole(r.Text(row, 2), "memberships.role");
  if (!role.ok()) return DataLossError("memberships.role: unknown value");
  m.role = *role;
  m.joined_at_ms = r.Int(row, 3);
  return m;
}

RoomSession ReadSession(const SqlResult& r, size_t row) {
  RoomSession s;
  s.room_sid = r.Text(row, 0);
  s.group_id = r.Int(row, 1);
  s.room_name = r.Text(row, 2);
  s.started_at_ms = r.Int(row, 3);
  s.ended_at_ms = r.OptInt(row, 4);
  return s;
}

Attendance ReadAttendance(const SqlResult& r, size_t row) {
  Attendance a;
  a.id = r.Int(row, 0);
  a.room_sid = r.Text(row, 1);
  a.participant_identity = r.Text(row, 2);
  a.user_id = r.Text(row, 3);
  a.joined_at_ms = r.Int(row, 4);
  a.left_at_ms = r.OptInt(row, 5);
  return a;
}

// Turns a unique-key violation into a message naming the field.
Status RoomNameTaken(const Status& s) {
  if (s.reason() == kReasonUniqueViolation) {
    return AlreadyExistsError("livekitRoomName: already used by another study group");
  }
  return s;
}

class SqlStudyGroupStore final : public StudyGroupStore {
 public:
  SqlStudyGroupStore(std::unique_ptr<ConnectionPool> pool, const Clock* clock, int max_attempts)
      : pool_(std::move(pool)),
        clock_(clock ? clock : &SystemClock()),
        max_attempts_(std::max(1, max_attempts)) {}

  // Runs `fn(conn)` in a transaction of `mode`, retrying what may be retried (see the header).
  template <typename F>
  auto InTx(TxMode mode, F&& fn) -> decltype(fn(std::declval<SqlConnection&>())) {
    using R = decltype(fn(std::declval<SqlConnection&>()));
    Status last;
    for (int attempt = 0; attempt < max_attempts_; ++attempt) {
      if (attempt > 0) Backoff(attempt);
      StatusOr<ConnectionPool::Lease> lease = pool_->Acquire();
      if (!lease.ok()) {
        last = lease.status();
        if (Retryable(last)) continue;
        return last;
      }
      SqlConnection& c = **lease;
      Status s = c.Begin(mode);
      if (s.ok()) {
        R r = fn(c);
        if (!r.ok()) {
          s = r.status();
        } else if (mode != TxMode::kNone) {
          s = c.Commit();
          if (!s.ok() && s.reason() == kReasonConnectionLost) {
            pool_->DropIdle();
            return Status(
                StatusCode::kUnavailable,
                "database connection lost during COMMIT; the outcome is unknown: " + s.message());
          }
        }
        if (s.ok()) return r;
      }
      if (mode != TxMode::kNone) c.Rollback();
      if (s.reason() == kReasonConnectionLost) pool_->DropIdle();
      if (!Retryable(s)) return s;
      last = s;
    }
    return Status(StatusCode::kUnavailable, "database busy or unreachable after " +
                                                std::to_string(max_attempts_) +
                                                " attempts: " + last.message());
  }

  StatusOr<StudyGroup> CreateGroup(const NewStudyGroup& group,
                                   std::string_view owner_user_id) override {
    LKS_RETURN_IF_ERROR(CheckNewGroup(group));
    LKS_RETURN_IF_ERROR(CheckId(owner_user_id, "ownerUserId"));
    const int64_t now = clock_->NowUnixMillis();
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<StudyGroup> {
      StatusOr<SqlResult> ins =
          c.Run(kInsertGroup,
                {std::string_view(group.title), std::string_view(group.description),
                 int64_t{group.max_participants}, group.scheduled_time_ms,
                 int64_t{group.duration_minutes},
                 std::string_view(VideoProviderName(group.video_provider)), group.use_livekit,
                 OptText(group.livekit_room_name), OptText(group.meet_link), OptText(group.meet_id),
                 owner_user_id, now, now});
      if (!ins.ok()) return RoomNameTaken(ins.status());
      StudyGroup g;
      g.id = ins->Int(0, 0);
      g.title = group.title;
      g.description = group.description;
      g.max_participants = group.max_participants;
      g.scheduled_time_ms = group.scheduled_time_ms;
      g.duration_minutes = group.duration_minutes;
      g.video_provider = group.video_provider;
      g.use_livekit = group.use_livekit;
      g.livekit_room_name = group.livekit_room_name;
      g.meet_link = group.meet_link;
      g.meet_id = group.meet_id;
      g.created_by = std::string(owner_user_id);
      g.created_at_ms = now;
      g.updated_at_ms = now;
      StatusOr<SqlResult> m =
          c.Run(kInsertMember,
                {g.id, owner_user_id, std::string_view(MemberRoleName(MemberRole::kOwner)), now});
      if (!m.ok()) return m.status();
      return g;
    });
  }

  StatusOr<StudyGroup> GetGroup(int64_t group_id) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<StudyGroup> {
      StatusOr<SqlResult> r = c.Run(kSelectGroup, {group_id});
      if (!r.ok()) return r.status();
      if (r->empty()) return GroupNotFound(group_id);
      return ReadGroup(*r, 0);
    });
  }

  StatusOr<StudyGroup> GetGroupByRoomName(std::string_view room_name) override {
    LKS_RETURN_IF_ERROR(CheckId(room_name, "livekitRoomName"));
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<StudyGroup> {
      StatusOr<SqlResult> r = c.Run(kSelectGroupByRoomName, {room_name});
      if (!r.ok()) return r.status();
      if (r->empty()) return NotFoundError("livekitRoomName: no study group uses this room name");
      return ReadGroup(*r, 0);
    });
  }

  StatusOr<StudyGroupPage> ListGroupsForMember(std::string_view user_id, int64_t after_id,
                                               int32_t limit) override {
    LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
    if (after_id < 0) return InvalidArgumentError("afterId: must not be negative");
    if (limit < 1 || limit > 1000) return InvalidArgumentError("limit: must be between 1 and 1000");
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<StudyGroupPage> {
      // One row more than asked tells whether another page follows.
      StatusOr<SqlResult> r = c.Run(kListGroupsForMember, {user_id, after_id, int64_t{limit} + 1});
      if (!r.ok()) return r.status();
      StudyGroupPage page;
      size_t n = std::min(r->rows(), static_cast<size_t>(limit));
      for (size_t i = 0; i < n; ++i) {
        StatusOr<StudyGroup> g = ReadGroup(*r, i);
        if (!g.ok()) return g.status();
        page.groups.push_back(std::move(*g));
      }
      if (r->rows() > static_cast<size_t>(limit)) page.next_after_id = page.groups.back().id;
      return page;
    });
  }

  StatusOr<StudyGroup> UpdateGroup(int64_t group_id, const StudyGroupUpdate& u) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<StudyGroup> {
      StatusOr<SqlResult> r = c.Run(kSelectGroupForUpdate, {group_id});
      if (!r.ok()) return r.status();
      if (r->empty()) return GroupNotFound(group_id);
      StatusOr<StudyGroup> cur = ReadGroup(*r, 0);
      if (!cur.ok()) return cur.status();
      StudyGroup g = std::move(*cur);
      if (u.title) g.title = *u.title;
      if (u.description) g.description = *u.description;
      if (u.max_participants) g.max_participants = *u.max_participants;
      if (u.scheduled_time_ms) g.scheduled_time_ms = *u.scheduled_time_ms;
      if (u.duration_minutes) g.duration_minutes = *u.duration_minutes;
      if (u.video_provider) g.video_provider = *u.video_provider;
      if (u.use_livekit) g.use_livekit = *u.use_livekit;
      if (u.livekit_room_name) g.livekit_room_name = *u.livekit_room_name;
      if (u.meet_link) g.meet_link = *u.meet_link;
      if (u.meet_id) g.meet_id = *u.meet_id;
      LKS_RETURN_IF_ERROR(CheckGroup(g));
      if (u.max_participants) {
        StatusOr<SqlResult> n = c.Run(kCountMembers, {group_id});
        if (!n.ok()) return n.status();
        if (n->Int(0, 0) > g.max_participants) {
          return FailedPreconditionError("maxParticipants: lower than the current member count (" +
                                         std::to_string(n->Int(0, 0)) + ")");
        }
      }
      g.updated_at_ms = std::max(clock_->NowUnixMillis(), g.updated_at_ms);
      StatusOr<SqlResult> w =
          c.Run(kUpdateGroup,
                {group_id, std::string_view(g.title), std::string_view(g.description),
                 int64_t{g.max_participants}, g.scheduled_time_ms, int64_t{g.duration_minutes},
                 std::string_view(VideoProviderName(g.video_provider)), g.use_livekit,
                 OptText(g.livekit_room_name), OptText(g.meet_link), OptText(g.meet_id),
                 g.updated_at_ms});
      if (!w.ok()) return RoomNameTaken(w.status());
      return g;
    });
  }

  Status SetRoomSid(int64_t group_id, std::string_view room_sid) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
    LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
    const int64_t now = clock_->NowUnixMillis();
    return InTx(TxMode::kNone,
                [&](SqlConnection& c) -> StatusOr<bool> {
                  StatusOr<SqlResult> r = c.Run(kSetRoomSid, {group_id, room_sid, now});
                  if (!r.ok()) return r.status();
                  if (r->affected == 0) return GroupNotFound(group_id);
                  return true;
                })
        .status();
  }

  Status DeleteGroup(int64_t group_id) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
    return InTx(TxMode::kWrite,
                [&](SqlConnection& c) -> StatusOr<bool> {
                  StatusOr<SqlResult> r = c.Run(kDeleteGroupRemovals, {group_id});
                  if (!r.ok()) return r.status();
                  r = c.Run(kDeleteGroup, {group_id});
                  if (!r.ok()) return r.status();
                  if (r->affected == 0) return GroupNotFound(group_id);
                  return true;
                })
        .status();
  }

  StatusOr<Membership> AddMember(int64_t group_id, std::string_view user_id,
                                 MemberRole role) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
    LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
    const int64_t now = clock_->NowUnixMillis();
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<Membership> {
      // Locks the group row (PostgreSQL) so concurrent adders count members one at a time.
      StatusOr<SqlResult> g = c.Run(kLockGroup, {group_id});
      if (!g.ok()) return g.status();
      if (g->empty()) return GroupNotFound(group_id);
      const int64_t max = g->Int(0, 0);
      StatusOr<SqlResult> m = c.Run(kSelectMember, {group_id, user_id});
      if (!m.ok()) return m.status();
      if (!m->empty())
        return AlreadyExistsError("userId: already a member of group " + std::to_string(group_id));
      StatusOr<SqlResult> n = c.Run(kCountMembers, {group_id});
      if (!n.ok()) return n.status();
      if (n->Int(0, 0) >= max) {
        return ResourceExhaustedError("groupId: study group " + std::to_string(group_id) +
                                      " is full (" + std::to_string(max) + " members)")
            .WithReason("group_full");
      }
      StatusOr<SqlResult> ins =
          c.Run(kInsertMember, {group_id, user_id, std::string_view(MemberRoleName(role)), now});
      if (!ins.ok()) return ins.status();
      return Membership{group_id, std::string(user_id), role, now};
    });
  }

  // Fails when `user_id` is the group's only owner (callers check before removing/demoting).
  static Status CheckNotLastOwner(SqlConnection& c, int64_t group_id, const Membership& m) {
    if (m.role != MemberRole::kOwner) return OkStatus();
    StatusOr<SqlResult> n = c.Run(kCountOwners, {group_id});
    if (!n.ok()) return n.status();
    if (n->Int(0, 0) <= 1)
      return FailedPreconditionError(
          "userId: the last owner of a group cannot be removed or demoted");
    return OkStatus();
  }

  StatusOr<Membership> LockedMember(SqlConnection& c, int64_t group_id, std::string_view user_id) {
    StatusOr<SqlResult> g = c.Run(kLockGroup, {group_id});
    if (!g.ok()) return g.status();
    if (g->empty()) return GroupNotFound(group_id);
    StatusOr<SqlResult> m = c.Run(kSelectMember, {group_id, user_id});
    if (!m.ok()) return m.status();
    if (m->empty())
      return NotFoundError("userId: not a member of group " + std::to_string(group_id));
    return ReadMembership(*m, 0);
  }

  Status RemoveMember(int64_t group_id, std::string_view user_id) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
    LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
    return InTx(TxMode::kWrite,
                [&](SqlConnection& c) -> StatusOr<bool> {
                  StatusOr<Membership> m = LockedMember(c, group_id, user_id);
                  if (!m.ok()) return m.status();
                  LKS_RETURN_IF_ERROR(CheckNotLastOwner(c, group_id, *m));
                  StatusOr<SqlResult> d = c.Run(kDeleteMember, {group_id, user_id});
                  if (!d.ok()) return d.status();
                  return true;
                })
        .status();
  }

  StatusOr<Membership> SetMemberRole(int64_t group_id, std::string_view user_id,
                                     MemberRole role) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
    LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<Membership> {
      StatusOr<Membership> m = LockedMember(c, group_id, user_id);
      if (!m.ok()) return m.status();
      if (role != MemberRole::kOwner) LKS_RETURN_IF_ERROR(CheckNotLastOwner(c, group_id, *m));
      StatusOr<SqlResult> u =
          c.Run(kUpdateRole, {group_id, user_id, std::string_view(MemberRoleName(role))});
      if (!u.ok()) return u.status();
      m->role = role;
      return m;
    });
  }

  StatusOr<Membership> GetMembership(int64_t group_id, std::string_view user_id) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
    LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<Membership> {
      StatusOr<SqlResult> m = c.Run(kSelectMember, {group_id, user_id});
      if (!m.ok()) return m.status();
      if (m->empty())
        return NotFoundError("userId: not a member of group " + std::to_string(group_id));
      return ReadMembership(*m, 0);
    });
  }

  StatusOr<std::vector<Membership>> ListMembers(int64_t group_id) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
    return InTx(TxMode::kRead, [&](SqlConnection& c) -> StatusOr<std::vector<Membership>> {
      StatusOr<SqlResult> g = c.Run(kSelectGroupExists, {group_id});
      if (!g.ok()) return g.status();
      if (g->empty()) return GroupNotFound(group_id);
      StatusOr<SqlResult> r = c.Run(kListMembers, {group_id});
      if (!r.ok()) return r.status();
      std::vector<Membership> out;
      for (size_t i = 0; i < r->rows(); ++i) {
        StatusOr<Membership> m = ReadMembership(*r, i);
        if (!m.ok()) return m.status();
        out.push_back(std::move(*m));
      }
      return out;
    });
  }

  StatusOr<RoomSession> OpenRoomSession(int64_t group_id, std::string_view room_sid,
                                        std::string_view room_name,
                                        int64_t started_at_ms) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
    LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
    LKS_RETURN_IF_ERROR(CheckId(room_name, "roomName"));
    LKS_RETURN_IF_ERROR(CheckTimestamp(started_at_ms, "startedAt"));
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<RoomSession> {
      StatusOr<SqlResult> g = c.Run(kSelectGroupExists, {group_id});
      if (!g.ok()) return g.status();
      if (g->empty()) return GroupNotFound(group_id);
      StatusOr<SqlResult> ins =
          c.Run(kInsertSession, {room_sid, group_id, room_name, started_at_ms});
      if (!ins.ok()) return ins.status();
      StatusOr<SqlResult> r = c.Run(kSelectSession, {room_sid});
      if (!r.ok()) return r.status();
      RoomSession s = ReadSession(*r, 0);
      if (s.group_id != group_id) {
        return AlreadyExistsError("roomSid: already recorded for another study group");
      }
      return s;
    });
  }

  StatusOr<RoomSession> CloseRoomSession(std::string_view room_sid, int64_t ended_at_ms) override {
    LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
    LKS_RETURN_IF_ERROR(CheckTimestamp(ended_at_ms, "endedAt"));
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<RoomSession> {
      StatusOr<SqlResult> r = c.Run(kSelectSessionForUpdate, {room_sid});
      if (!r.ok()) return r.status();
      if (r->empty()) return NotFoundError("roomSid: no room session with this SID");
      RoomSession s = ReadSession(*r, 0);
      if (s.ended_at_ms) return s;
      s.ended_at_ms = std::max(ended_at_ms, s.started_at_ms);
      StatusOr<SqlResult> u = c.Run(kCloseSession, {room_sid, *s.ended_at_ms});
      if (!u.ok()) return u.status();
      u = c.Run(kCloseOpenAttendance, {room_sid, *s.ended_at_ms});
      if (!u.ok()) return u.status();
      return s;
    });
  }

  StatusOr<RoomSession> GetRoomSession(std::string_view room_sid) override {
    LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<RoomSession> {
      StatusOr<SqlResult> r = c.Run(kSelectSession, {room_sid});
      if (!r.ok()) return r.status();
      if (r->empty()) return NotFoundError("roomSid: no room session with this SID");
      return ReadSession(*r, 0);
    });
  }

  StatusOr<std::vector<RoomSession>> ListRoomSessions(int64_t group_id) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<std::vector<RoomSession>> {
      StatusOr<SqlResult> r = c.Run(kListSessions, {group_id});
      if (!r.ok()) return r.status();
      std::vector<RoomSession> out;
      for (size_t i = 0; i < r->rows(); ++i) out.push_back(ReadSession(*r, i));
      return out;
    });
  }

  StatusOr<Attendance> RecordJoin(std::string_view room_sid, std::string_view identity,
                                  std::string_view user_id, int64_t joined_at_ms) override {
    LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
    LKS_RETURN_IF_ERROR(CheckId(identity, "participantIdentity"));
    LKS_RETURN_IF_ERROR(CheckText(user_id, "userId", kMaxIdBytes, false));
    LKS_RETURN_IF_ERROR(CheckTimestamp(joined_at_ms, "joinedAt"));
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<Attendance> {
      StatusOr<SqlResult> open = c.Run(kSelectOpenAttendance, {room_sid, identity});
      if (!open.ok()) return open.status();
      if (!open->empty()) return ReadAttendance(*open, 0);
      StatusOr<SqlResult> ins =
          c.Run(kInsertAttendance, {room_sid, identity, user_id, joined_at_ms});
      if (!ins.ok()) {
        const Status& s = ins.status();
        // A concurrent join of the same identity won the race: run again to return its row.
        if (s.reason() == kReasonUniqueViolation)
          return Status(StatusCode::kAborted, s.message()).WithReason(kReasonRetry);
        return s;
      }
      if (ins->empty()) return NotFoundError("roomSid: no room session with this SID");
      Attendance a;
      a.id = ins->Int(0, 0);
      a.left_at_ms = ins->OptInt(0, 1);
      a.room_sid = std::string(room_sid);
      a.participant_identity = std::string(identity);
      a.user_id = std::string(user_id);
      a.joined_at_ms = joined_at_ms;
      return a;
    });
  }

  StatusOr<Attendance> RecordLeave(std::string_view room_sid, std::string_view identity,
                                   int64_t left_at_ms) override {
    LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
    LKS_RETURN_IF_ERROR(CheckId(identity, "participantIdentity"));
    LKS_RETURN_IF_ERROR(CheckTimestamp(left_at_ms, "leftAt"));
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<Attendance> {
      StatusOr<SqlResult> open = c.Run(kSelectOpenAttendance, {room_sid, identity});
      if (!open.ok()) return open.status();
      if (open->empty())
        return NotFoundError("participantIdentity: no open participant session in this room");
      Attendance a = ReadAttendance(*open, 0);
      a.left_at_ms = std::max(left_at_ms, a.joined_at_ms);
      StatusOr<SqlResult> u = c.Run(kLeaveAttendance, {a.id, *a.left_at_ms});
      if (!u.ok()) return u.status();
      return a;
    });
  }

  StatusOr<std::vector<Attendance>> ListAttendance(std::string_view room_sid) override {
    LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<std::vector<Attendance>> {
      StatusOr<SqlResult> r = c.Run(kListAttendance, {room_sid});
      if (!r.ok()) return r.status();
      std::vector<Attendance> out;
      for (size_t i = 0; i < r->rows(); ++i) out.push_back(ReadAttendance(*r, i));
      return out;
    });
  }

  StatusOr<EventMark> MarkEventSeen(std::string_view event_id, int64_t received_at_ms) override {
    LKS_RETURN_IF_ERROR(CheckId(event_id, "eventId"));
    LKS_RETURN_IF_ERROR(CheckTimestamp(received_at_ms, "receivedAt"));
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<EventMark> {
      StatusOr<SqlResult> r = c.Run(kInsertEvent, {event_id, received_at_ms});
      if (!r.ok()) return r.status();
      return r->affected == 1 ? EventMark::kFirstSeen : EventMark::kAlreadySeen;
    });
  }

  StatusOr<int64_t> PruneEventsBefore(int64_t before_ms) override {
    LKS_RETURN_IF_ERROR(CheckTimestamp(before_ms, "before"));
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<int64_t> {
      StatusOr<SqlResult> r = c.Run(kPruneEvents, {before_ms});
      if (!r.ok()) return r.status();
      return r->affected;
    });
  }

  Status AddRemoval(std::string_view room_sid, std::string_view user_id,
                    std::string_view removed_by, int64_t removed_at_ms) override {
    LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
    LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
    LKS_RETURN_IF_ERROR(CheckText(removed_by, "removedBy", kMaxIdBytes, false));
    LKS_RETURN_IF_ERROR(CheckTimestamp(removed_at_ms, "removedAt"));
    return InTx(TxMode::kNone,
                [&](SqlConnection& c) -> StatusOr<bool> {
                  StatusOr<SqlResult> r =
                      c.Run(kInsertRemoval, {room_sid, user_id, removed_by, removed_at_ms});
                  if (!r.ok()) return r.status();
                  return true;
                })
        .status();
  }

  StatusOr<bool> IsRemoved(std::string_view room_sid, std::string_view user_id) override {
    LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
    LKS_RETURN_IF_ERROR(CheckId(user_id, "userId"));
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<bool> {
      StatusOr<SqlResult> r = c.Run(kSelectRemoval, {room_sid, user_id});
      if (!r.ok()) return r.status();
      return !r->empty();
    });
  }

  StatusOr<SessionUsage> GetSessionUsage(std::string_view room_sid) override {
    LKS_RETURN_IF_ERROR(CheckId(room_sid, "roomSid"));
    return InTx(TxMode::kRead, [&](SqlConnection& c) -> StatusOr<SessionUsage> {
      StatusOr<SqlResult> s = c.Run(kSelectSession, {room_sid});
      if (!s.ok()) return s.status();
      if (s->empty()) return NotFoundError("roomSid: no room session with this SID");
      StatusOr<SqlResult> r = c.Run(kSessionUsage, {room_sid});
      if (!r.ok()) return r.status();
      return SessionUsage{std::string(room_sid), r->Int(0, 0), r->Int(0, 1)};
    });
  }

  StatusOr<GroupUsage> GetGroupUsage(int64_t group_id) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(group_id));
    return InTx(TxMode::kRead, [&](SqlConnection& c) -> StatusOr<GroupUsage> {
      StatusOr<SqlResult> g = c.Run(kSelectGroupExists, {group_id});
      if (!g.ok()) return g.status();
      if (g->empty()) return GroupNotFound(group_id);
      StatusOr<SqlResult> r = c.Run(kGroupUsage, {group_id});
      if (!r.ok()) return r.status();
      GroupUsage u;
      u.group_id = group_id;
      for (size_t i = 0; i < r->rows(); ++i) {
        SessionUsage s{r->Text(i, 0), r->Int(i, 1), r->Int(i, 2)};
        u.participant_millis += s.participant_millis;
        u.sessions.push_back(std::move(s));
      }
      return u;
    });
  }

 private:
  std::unique_ptr<ConnectionPool> pool_;
  const Clock* clock_;
  int max_attempts_;
};

}  // namespace

std::unique_ptr<StudyGroupStore> NewSqlStudyGroupStore(std::unique_ptr<ConnectionPool> pool,
                                                       const Clock* clock, int max_attempts) {
  return std::make_unique<SqlStudyGroupStore>(std::move(pool), clock, max_attempts);
}

}  // namespace lks::store
