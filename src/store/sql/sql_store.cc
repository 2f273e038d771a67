#include "store/sql/sql_store.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <random>
#include <string>
#include <thread>
#include <type_traits>

#include "store/sql/row_mapping.h"
#include "store/sql/statements.h"
#include "store/store_fields.h"
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
  if (const internal::FieldDesc* bad = ReadRow(r, row, kGroup, &g)) {
    return DataLossError("study_groups." + std::string(bad->name) + " of group " +
                         std::to_string(g.id) + ": unknown value");
  }
  return g;
}

StatusOr<Knock> ReadKnock(const SqlResult& r, size_t row) {
  Knock k;
  if (ReadRow(r, row, kKnock, &k)) return DataLossError("knocks.status: unknown value");
  return k;
}

StatusOr<Membership> ReadMembership(const SqlResult& r, size_t row) {
  Membership m;
  if (ReadRow(r, row, kMembership, &m)) return DataLossError("memberships.role: unknown value");
  return m;
}

StatusOr<Recording> ReadRecording(const SqlResult& r, size_t row) {
  Recording rec;
  if (ReadRow(r, row, kRecording, &rec)) return DataLossError("recordings.status: unknown value");
  return rec;
}

SqlParam OptInt(const std::optional<int64_t>& v) {
  if (!v) return nullptr;
  return *v;
}

RoomSession ReadSession(const SqlResult& r, size_t row) {
  return RowAs<RoomSession>(r, row, kSession);
}

// Rows of `r` as records, or the first row's error.
template <typename T, typename R>
StatusOr<std::vector<T>> ReadRows(const SqlResult& r, R read) {
  std::vector<T> out;
  for (size_t i = 0; i < r.rows(); ++i) {
    StatusOr<T> v = read(r, i);
    if (!v.ok()) return v.status();
    out.push_back(std::move(*v));
  }
  return out;
}

StatusOr<Attendance> ReadAttendance(const SqlResult& r, size_t row) {
  Attendance a;
  if (ReadRow(r, row, kAttendance, &a)) return DataLossError("attendance.source: unknown value");
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

 protected:
  StatusOr<StudyGroup> DoCreateGroup(const NewStudyGroup& group,
                                     std::string_view owner_user_id) override {
    const int64_t now = clock_->NowUnixMillis();
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<StudyGroup> {
      StatusOr<SqlResult> ins =
          c.Run(kInsertGroup, {std::string_view(group.title),
                               std::string_view(group.description),
                               int64_t{group.max_participants},
                               group.scheduled_time_ms,
                               int64_t{group.duration_minutes},
                               std::string_view(VideoProviderName(group.video_provider)),
                               group.use_livekit,
                               OptText(group.livekit_room_name),
                               OptText(group.meet_link),
                               OptText(group.meet_id),
                               owner_user_id,
                               now,
                               now,
                               OptText(group.time_zone),
                               OptText(group.recurrence),
                               int64_t{group.early_join_minutes},
                               int64_t{group.grace_minutes},
                               EnumName(kAdmissionNames, group.admission),
                               group.recording_consent,
                               group.e2ee,
                               OptText(group.transcription_agent)});
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
      g.time_zone = group.time_zone;
      g.recurrence = group.recurrence;
      g.early_join_minutes = group.early_join_minutes;
      g.grace_minutes = group.grace_minutes;
      g.admission = group.admission;
      g.recording_consent = group.recording_consent;
      g.e2ee = group.e2ee;
      g.transcription_agent = group.transcription_agent;
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

  StatusOr<StudyGroup> DoGetGroup(int64_t group_id) override {
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<StudyGroup> {
      StatusOr<SqlResult> r = c.Run(kSelectGroup, {group_id});
      if (!r.ok()) return r.status();
      if (r->empty()) return GroupNotFound(group_id);
      return ReadGroup(*r, 0);
    });
  }

  StatusOr<StudyGroup> DoGetGroupByRoomName(std::string_view room_name) override {
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<StudyGroup> {
      StatusOr<SqlResult> r = c.Run(kSelectGroupByRoomName, {room_name});
      if (!r.ok()) return r.status();
      if (r->empty()) return NotFoundError("livekitRoomName: no study group uses this room name");
      return ReadGroup(*r, 0);
    });
  }

  StatusOr<StudyGroupPage> DoListGroupsForMember(std::string_view user_id, int64_t after_id,
                                                 int32_t limit) override {
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

  // An update's empty time zone, recurrence or transcription agent removes it (NULL).
  static std::optional<std::string> NullIfEmpty(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return s;
  }

  StatusOr<StudyGroup> DoUpdateGroup(int64_t group_id, const StudyGroupUpdate& u) override {
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
      if (u.time_zone) g.time_zone = NullIfEmpty(*u.time_zone);
      if (u.recurrence) g.recurrence = NullIfEmpty(*u.recurrence);
      if (u.early_join_minutes) g.early_join_minutes = *u.early_join_minutes;
      if (u.grace_minutes) g.grace_minutes = *u.grace_minutes;
      if (u.admission) g.admission = *u.admission;
      if (u.locked) g.locked = *u.locked;
      if (u.recording_consent) g.recording_consent = *u.recording_consent;
      if (u.e2ee) g.e2ee = *u.e2ee;
      if (u.transcription_agent) g.transcription_agent = NullIfEmpty(*u.transcription_agent);
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
          c.Run(kUpdateGroup, {group_id,
                               std::string_view(g.title),
                               std::string_view(g.description),
                               int64_t{g.max_participants},
                               g.scheduled_time_ms,
                               int64_t{g.duration_minutes},
                               std::string_view(VideoProviderName(g.video_provider)),
                               g.use_livekit,
                               OptText(g.livekit_room_name),
                               OptText(g.meet_link),
                               OptText(g.meet_id),
                               g.updated_at_ms,
                               OptText(g.time_zone),
                               OptText(g.recurrence),
                               int64_t{g.early_join_minutes},
                               int64_t{g.grace_minutes},
                               EnumName(kAdmissionNames, g.admission),
                               g.locked,
                               g.recording_consent,
                               g.e2ee,
                               OptText(g.transcription_agent)});
      if (!w.ok()) return RoomNameTaken(w.status());
      return g;
    });
  }

  Status DoSetRoomSid(int64_t group_id, std::string_view room_sid) override {
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

  Status DoDeleteGroup(int64_t group_id) override {
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

  StatusOr<Membership> DoAddMember(int64_t group_id, std::string_view user_id,
                                   MemberRole role) override {
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

  static StatusOr<Knock> SelectKnock(SqlConnection& c, int64_t group_id, std::string_view session,
                                     std::string_view user_id) {
    StatusOr<SqlResult> r = c.Run(kSelectKnock, {group_id, session, user_id});
    if (!r.ok()) return r.status();
    if (r->empty()) return NotFoundError("userId: no knock for this session of the group");
    return ReadKnock(*r, 0);
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

  Status DoRemoveMember(int64_t group_id, std::string_view user_id) override {
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

  StatusOr<Membership> DoSetMemberRole(int64_t group_id, std::string_view user_id,
                                       MemberRole role) override {
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

  StatusOr<Membership> DoGetMembership(int64_t group_id, std::string_view user_id) override {
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<Membership> {
      StatusOr<SqlResult> m = c.Run(kSelectMember, {group_id, user_id});
      if (!m.ok()) return m.status();
      if (m->empty())
        return NotFoundError("userId: not a member of group " + std::to_string(group_id));
      return ReadMembership(*m, 0);
    });
  }

  StatusOr<std::vector<Membership>> DoListMembers(int64_t group_id) override {
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

  StatusOr<RoomSession> DoOpenRoomSession(int64_t group_id, std::string_view room_sid,
                                          std::string_view room_name,
                                          int64_t started_at_ms) override {
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

  StatusOr<RoomSession> DoCloseRoomSession(std::string_view room_sid,
                                           int64_t ended_at_ms) override {
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

  StatusOr<RoomSession> DoGetRoomSession(std::string_view room_sid) override {
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<RoomSession> {
      StatusOr<SqlResult> r = c.Run(kSelectSession, {room_sid});
      if (!r.ok()) return r.status();
      if (r->empty()) return NotFoundError("roomSid: no room session with this SID");
      return ReadSession(*r, 0);
    });
  }

  StatusOr<std::vector<RoomSession>> DoListRoomSessions(int64_t group_id) override {
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<std::vector<RoomSession>> {
      StatusOr<SqlResult> r = c.Run(kListSessions, {group_id});
      if (!r.ok()) return r.status();
      std::vector<RoomSession> out;
      for (size_t i = 0; i < r->rows(); ++i) out.push_back(ReadSession(*r, i));
      return out;
    });
  }

  StatusOr<Attendance> DoRecordJoin(std::string_view room_sid, std::string_view identity,
                                    std::string_view user_id, int64_t joined_at_ms,
                                    AttendanceSource source) override {
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<Attendance> {
      StatusOr<SqlResult> open = c.Run(kSelectOpenAttendance, {room_sid, identity});
      if (!open.ok()) return open.status();
      if (!open->empty()) return ReadAttendance(*open, 0);
      StatusOr<SqlResult> ins = c.Run(
          kInsertAttendance,
          {room_sid, identity, user_id, joined_at_ms, EnumName(kAttendanceSourceNames, source)});
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
      a.source = source;
      return a;
    });
  }

  StatusOr<Attendance> DoRecordLeave(std::string_view room_sid, std::string_view identity,
                                     int64_t left_at_ms, AttendanceSource source) override {
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<Attendance> {
      StatusOr<SqlResult> open = c.Run(kSelectOpenAttendance, {room_sid, identity});
      if (!open.ok()) return open.status();
      if (open->empty())
        return NotFoundError("participantIdentity: no open participant session in this room");
      StatusOr<Attendance> read = ReadAttendance(*open, 0);
      if (!read.ok()) return read.status();
      Attendance a = std::move(*read);
      a.left_at_ms = std::max(left_at_ms, a.joined_at_ms);
      if (source == AttendanceSource::kReconcile) a.source = source;
      StatusOr<SqlResult> u = c.Run(
          kLeaveAttendance, {a.id, *a.left_at_ms, EnumName(kAttendanceSourceNames, a.source)});
      if (!u.ok()) return u.status();
      return a;
    });
  }

  StatusOr<std::vector<Attendance>> DoListAttendance(std::string_view room_sid) override {
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<std::vector<Attendance>> {
      StatusOr<SqlResult> r = c.Run(kListAttendance, {room_sid});
      if (!r.ok()) return r.status();
      return ReadRows<Attendance>(*r, ReadAttendance);
    });
  }

  StatusOr<Knock> DoRecordKnock(int64_t group_id, std::string_view session,
                                std::string_view user_id, std::string_view name,
                                int64_t knocked_at_ms) override {
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<Knock> {
      StatusOr<SqlResult> g = c.Run(kSelectGroupExists, {group_id});
      if (!g.ok()) return g.status();
      if (g->empty()) return GroupNotFound(group_id);
      StatusOr<SqlResult> ins =
          c.Run(kInsertKnock, {group_id, session, user_id, name, knocked_at_ms});
      if (!ins.ok()) return ins.status();
      return SelectKnock(c, group_id, session, user_id);
    });
  }

  StatusOr<Knock> DoGetKnock(int64_t group_id, std::string_view session,
                             std::string_view user_id) override {
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<Knock> {
      return SelectKnock(c, group_id, session, user_id);
    });
  }

  StatusOr<Knock> DoDecideKnock(int64_t group_id, std::string_view session,
                                std::string_view user_id, KnockStatus status,
                                std::string_view decided_by, int64_t decided_at_ms) override {
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<Knock> {
      StatusOr<SqlResult> u =
          c.Run(kDecideKnock, {group_id, session, user_id, EnumName(kKnockStatusNames, status),
                               decided_by, decided_at_ms});
      if (!u.ok()) return u.status();
      return SelectKnock(c, group_id, session, user_id);
    });
  }

  StatusOr<std::vector<Knock>> DoListKnocks(int64_t group_id, std::string_view session) override {
    return InTx(TxMode::kRead, [&](SqlConnection& c) -> StatusOr<std::vector<Knock>> {
      StatusOr<SqlResult> g = c.Run(kSelectGroupExists, {group_id});
      if (!g.ok()) return g.status();
      if (g->empty()) return GroupNotFound(group_id);
      StatusOr<SqlResult> r = c.Run(kListKnocks, {group_id, session});
      if (!r.ok()) return r.status();
      return ReadRows<Knock>(*r, ReadKnock);
    });
  }

  static StatusOr<Recording> SelectRecording(SqlConnection& c, std::string_view egress_id) {
    StatusOr<SqlResult> r = c.Run(kSelectRecording, {egress_id});
    if (!r.ok()) return r.status();
    if (r->empty()) return NotFoundError("egressId: no recording with this egress id");
    return ReadRecording(*r, 0);
  }

  StatusOr<Recording> DoSaveRecording(const Recording& rec) override {
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<Recording> {
      StatusOr<SqlResult> g = c.Run(kSelectGroupExists, {rec.group_id});
      if (!g.ok()) return g.status();
      if (g->empty()) return GroupNotFound(rec.group_id);
      StatusOr<SqlResult> w = c.Run(
          kUpsertRecording,
          {rec.group_id, std::string_view(rec.room_sid), std::string_view(rec.egress_id),
           EnumName(kRecordingStatusNames, rec.status), OptText(rec.location), rec.started_at_ms,
           OptInt(rec.ended_at_ms), rec.duration_ms, OptText(rec.error), OptText(rec.started_by)});
      if (!w.ok()) return w.status();
      return SelectRecording(c, rec.egress_id);
    });
  }

  StatusOr<Recording> DoGetRecording(std::string_view egress_id) override {
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<Recording> {
      return SelectRecording(c, egress_id);
    });
  }

  StatusOr<std::vector<Recording>> DoListRecordings(int64_t group_id) override {
    return InTx(TxMode::kRead, [&](SqlConnection& c) -> StatusOr<std::vector<Recording>> {
      StatusOr<SqlResult> g = c.Run(kSelectGroupExists, {group_id});
      if (!g.ok()) return g.status();
      if (g->empty()) return GroupNotFound(group_id);
      StatusOr<SqlResult> r = c.Run(kListRecordings, {group_id});
      if (!r.ok()) return r.status();
      return ReadRows<Recording>(*r, ReadRecording);
    });
  }

  // Rows of LKS_BREAKOUT_COLUMNS with their members (`members`: breakout_id, user_id rows
  // ordered by breakout_id).
  static std::vector<BreakoutRoom> ReadBreakouts(const SqlResult& rooms, const SqlResult& members) {
    std::vector<BreakoutRoom> out;
    out.reserve(rooms.rows());
    for (size_t i = 0; i < rooms.rows(); ++i)
      out.push_back(RowAs<BreakoutRoom>(rooms, i, kBreakoutRow));
    for (size_t i = 0; i < members.rows(); ++i) {
      const int64_t id = members.Int(i, 0);
      for (BreakoutRoom& b : out) {
        if (b.id == id) b.members.push_back(members.Text(i, 1));
      }
    }
    return out;
  }

  StatusOr<std::vector<BreakoutRoom>> DoOpenBreakouts(
      const std::vector<BreakoutRoom>& rooms) override {
    const int64_t group_id = rooms.front().group_id;
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<std::vector<BreakoutRoom>> {
      // Locks the group row (PostgreSQL) so concurrent openers check one at a time.
      StatusOr<SqlResult> g = c.Run(kLockGroup, {group_id});
      if (!g.ok()) return g.status();
      if (g->empty()) return GroupNotFound(group_id);
      StatusOr<SqlResult> n = c.Run(kCountOpenBreakouts, {group_id});
      if (!n.ok()) return n.status();
      if (n->Int(0, 0) > 0) {
        return FailedPreconditionError("groupId: study group " + std::to_string(group_id) +
                                       " already has open breakout rooms")
            .WithReason("breakouts_open");
      }
      std::vector<BreakoutRoom> out;
      for (const BreakoutRoom& r : rooms) {
        StatusOr<SqlResult> ins =
            c.Run(kInsertBreakout,
                  {group_id, std::string_view(r.session_sid), std::string_view(r.room_name),
                   int64_t{r.number}, std::string_view(r.opened_by), r.opened_at_ms});
        if (!ins.ok()) {
          if (ins.status().reason() == kReasonUniqueViolation)
            return AlreadyExistsError("roomName: '" + r.room_name + "' is already a breakout room");
          return ins.status();
        }
        BreakoutRoom b = r;
        b.id = ins->Int(0, 0);
        std::sort(b.members.begin(), b.members.end());
        for (const std::string& u : b.members) {
          StatusOr<SqlResult> m = c.Run(kInsertBreakoutMember, {b.id, std::string_view(u)});
          if (!m.ok()) return m.status();
        }
        out.push_back(std::move(b));
      }
      StatusOr<SqlResult> flag = c.Run(kSetBreakoutsOpen, {group_id, true});
      if (!flag.ok()) return flag.status();
      return out;
    });
  }

  StatusOr<std::vector<BreakoutRoom>> DoCloseBreakouts(int64_t group_id,
                                                       int64_t closed_at_ms) override {
    return InTx(TxMode::kWrite, [&](SqlConnection& c) -> StatusOr<std::vector<BreakoutRoom>> {
      StatusOr<SqlResult> g = c.Run(kSelectGroupExists, {group_id});
      if (!g.ok()) return g.status();
      if (g->empty()) return GroupNotFound(group_id);
      StatusOr<SqlResult> open = c.Run(kListOpenBreakouts, {group_id});
      if (!open.ok()) return open.status();
      StatusOr<SqlResult> members = c.Run(kListGroupBreakoutMembers, {group_id});
      if (!members.ok()) return members.status();
      std::vector<BreakoutRoom> out = ReadBreakouts(*open, *members);
      if (out.empty()) return out;
      StatusOr<SqlResult> w = c.Run(kCloseBreakouts, {group_id, closed_at_ms});
      if (!w.ok()) return w.status();
      StatusOr<SqlResult> flag = c.Run(kSetBreakoutsOpen, {group_id, false});
      if (!flag.ok()) return flag.status();
      for (BreakoutRoom& b : out) b.closed_at_ms = closed_at_ms;
      return out;
    });
  }

  StatusOr<std::vector<BreakoutRoom>> DoListBreakouts(int64_t group_id) override {
    return InTx(TxMode::kRead, [&](SqlConnection& c) -> StatusOr<std::vector<BreakoutRoom>> {
      StatusOr<SqlResult> g = c.Run(kSelectGroupExists, {group_id});
      if (!g.ok()) return g.status();
      if (g->empty()) return GroupNotFound(group_id);
      StatusOr<SqlResult> rooms = c.Run(kListBreakouts, {group_id});
      if (!rooms.ok()) return rooms.status();
      StatusOr<SqlResult> members = c.Run(kListGroupBreakoutMembers, {group_id});
      if (!members.ok()) return members.status();
      return ReadBreakouts(*rooms, *members);
    });
  }

  StatusOr<BreakoutRoom> DoGetBreakoutRoom(std::string_view room_name) override {
    return InTx(TxMode::kRead, [&](SqlConnection& c) -> StatusOr<BreakoutRoom> {
      StatusOr<SqlResult> r = c.Run(kSelectBreakout, {room_name});
      if (!r.ok()) return r.status();
      if (r->empty())
        return NotFoundError("roomName: no breakout room named '" + std::string(room_name) + "'");
      StatusOr<SqlResult> members = c.Run(kListBreakoutMembers, {r->Int(0, 0)});
      if (!members.ok()) return members.status();
      return ReadBreakouts(*r, *members).front();
    });
  }

  StatusOr<JoinContext> DoGetJoinContext(std::string_view room_name,
                                         std::string_view user_id) override {
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<JoinContext> {
      StatusOr<SqlResult> r = c.Run(kSelectJoinContext, {room_name, user_id});
      if (!r.ok()) return r.status();
      if (r->empty())
        return NotFoundError("livekitRoomName: no study group or breakout room uses this name");
      JoinContext ctx;
      StatusOr<StudyGroup> g = ReadGroup(*r, 0);
      if (!g.ok()) return g.status();
      ctx.group = std::move(*g);
      constexpr size_t kM = std::size(kGroupFields);  // the membership's columns follow the group's
      static_assert(kM == LKS_JOIN_CONTEXT_GROUP_COLUMNS);
      if (!r->IsNull(0, kM)) {
        Membership m;
        if (ReadRow(*r, 0, kMembership, &m, kM))
          return DataLossError("memberships.role: unknown value");
        ctx.membership = std::move(m);
      }
      if (r->Bool(0, kM + 4)) ctx.breakout_room_name = std::string(room_name);
      ctx.barred = r->Bool(0, kM + 5);
      ctx.removal_count = r->OptInt(0, kM + 6);
      return ctx;
    });
  }

  StatusOr<EventMark> DoMarkEventSeen(std::string_view event_id, int64_t received_at_ms) override {
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<EventMark> {
      StatusOr<SqlResult> r = c.Run(kInsertEvent, {event_id, received_at_ms});
      if (!r.ok()) return r.status();
      return r->affected == 1 ? EventMark::kFirstSeen : EventMark::kAlreadySeen;
    });
  }

  StatusOr<int64_t> DoPruneEventsBefore(int64_t before_ms) override {
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<int64_t> {
      StatusOr<SqlResult> r = c.Run(kPruneEvents, {before_ms});
      if (!r.ok()) return r.status();
      return r->affected;
    });
  }

  Status DoAddRemoval(std::string_view room_sid, std::string_view user_id,
                      std::string_view removed_by, int64_t removed_at_ms) override {
    return InTx(TxMode::kNone,
                [&](SqlConnection& c) -> StatusOr<bool> {
                  StatusOr<SqlResult> r =
                      c.Run(kInsertRemoval, {room_sid, user_id, removed_by, removed_at_ms});
                  if (!r.ok()) return r.status();
                  return true;
                })
        .status();
  }

  StatusOr<bool> DoIsRemoved(std::string_view room_sid, std::string_view user_id) override {
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<bool> {
      StatusOr<SqlResult> r = c.Run(kSelectRemoval, {room_sid, user_id});
      if (!r.ok()) return r.status();
      return !r->empty();
    });
  }

  StatusOr<int64_t> DoCountRemovals(std::string_view room_sid) override {
    return InTx(TxMode::kNone, [&](SqlConnection& c) -> StatusOr<int64_t> {
      StatusOr<SqlResult> r = c.Run(kCountRemovals, {room_sid});
      if (!r.ok()) return r.status();
      return r->Int(0, 0);
    });
  }

  StatusOr<SessionUsage> DoGetSessionUsage(std::string_view room_sid) override {
    return InTx(TxMode::kRead, [&](SqlConnection& c) -> StatusOr<SessionUsage> {
      StatusOr<SqlResult> s = c.Run(kSelectSession, {room_sid});
      if (!s.ok()) return s.status();
      if (s->empty()) return NotFoundError("roomSid: no room session with this SID");
      StatusOr<SqlResult> r = c.Run(kSessionUsage, {room_sid});
      if (!r.ok()) return r.status();
      return SessionUsage{std::string(room_sid), r->Int(0, 0), r->Int(0, 1)};
    });
  }

  StatusOr<GroupUsage> DoGetGroupUsage(int64_t group_id) override {
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
