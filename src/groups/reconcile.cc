// StudyGroupService: reconciliation of attendance against LiveKit's ListParticipants, for the
// deliveries that never arrive (docs/webhooks.md, "Reconciliation"), and the per-session
// attendance report.
//
// Order matters: the store's rows are read BEFORE the participants are listed, so every open row
// read belongs to a join that happened before the list was taken; a participant still connected
// is then in the list, and a row missing from it really left. (Reading after listing would close
// the row of someone who joined in between.)
#include <algorithm>
#include <map>
#include <unordered_set>

#include "groups/attendance_rules.h"
#include "groups/service_errors.h"
#include "lks/groups/study_group_service.h"

namespace lks {
namespace {

// In the room at all: its open row stays open (a JOINING identity may be reconnecting).
bool Present(const ParticipantInfo& p) {
  return !p.identity.empty() && p.state != ParticipantState::kDisconnected;
}

// Joined: a row may be opened for it (webhooks report joins once a participant is joined too).
bool Joined(const ParticipantInfo& p) {
  return p.state == ParticipantState::kJoined || p.state == ParticipantState::kActive;
}

}  // namespace

void StudyGroupService::TrackSession(std::string_view room_sid, std::string_view room_name) {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  open_sessions_.emplace(std::string(room_sid), std::string(room_name));
}

void StudyGroupService::ForgetSession(std::string_view room_sid) {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  open_sessions_.erase(std::string(room_sid));
}

void StudyGroupService::RememberName(std::string_view room_sid, std::string_view identity,
                                     std::string_view name) {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  if (names_.size() >= 10000) names_.clear();  // a cache for reports, not a record
  std::string key(room_sid);
  key.append(" ").append(identity);
  names_[std::move(key)] = std::string(name);
}

StatusOr<ReconcileSummary> StudyGroupService::ApplyParticipantList(
    std::string_view room_sid, const std::vector<Attendance>& rows,
    const std::vector<ParticipantInfo>& present, const int64_t listed_at_ms) {
  ReconcileSummary out;
  out.sessions_checked = 1;
  std::map<std::string, const ParticipantInfo*> here;
  for (const ParticipantInfo& p : present) {
    if (!Present(p)) continue;
    here[p.identity] = &p;
    if (!p.name.empty()) RememberName(room_sid, p.identity, p.name);
  }
  // The rows as they will be after this pass, for the checks that keep rows from overlapping.
  std::vector<Attendance> after = rows;
  for (Attendance& row : after) {
    if (row.left_at_ms) continue;
    auto it = here.find(row.participant_identity);
    std::optional<int64_t> left;
    if (it == here.end()) {
      // Gone: its leave was never delivered. It left before the list was answered; the time the
      // list was asked for is never later than a rejoin the list did not show yet, so a row
      // opened for that rejoin cannot overlap this one.
      left = std::max(listed_at_ms, row.joined_at_ms);
    } else {
      const int64_t join = internal::JoinMs(it->second->joined_at_ms, it->second->joined_at, 0);
      // Present with a later join: it left and rejoined, both deliveries lost. It cannot have
      // left after that rejoin.
      if (join && !internal::SameJoin(row.joined_at_ms, join) && join > row.joined_at_ms)
        left = join;
    }
    if (!left) continue;
    StatusOr<Attendance> closed = store_->RecordLeave(room_sid, row.participant_identity, *left,
                                                      AttendanceSource::kReconcile);
    if (!closed.ok()) {
      if (closed.status().code() == StatusCode::kNotFound) continue;  // a webhook closed it first
      return closed.status();
    }
    row = std::move(*closed);
    ++out.rows_closed;
  }
  for (const auto& [identity, p] : here) {
    if (!Joined(*p)) continue;
    const int64_t join = internal::JoinMs(p->joined_at_ms, p->joined_at, listed_at_ms);
    if (internal::OpenRow(after, identity) || internal::JoinIsRecorded(after, identity, join))
      continue;
    StatusOr<Attendance> opened = store_->RecordJoin(
        room_sid, identity, UserIdFromIdentity(identity), join, AttendanceSource::kReconcile);
    if (!opened.ok()) return opened.status();
    // RecordJoin returns a row a webhook opened meanwhile instead of opening a second one.
    if (opened->source == AttendanceSource::kReconcile) ++out.rows_opened;
    after.push_back(std::move(*opened));
  }
  return out;
}

StatusOr<ReconcileSummary> StudyGroupService::ReconcileRoom(const StudyGroup& group,
                                                            const Room& room) {
  int64_t started = room.creation_time_ms ? room.creation_time_ms : room.creation_time * 1000;
  if (started == 0) started = NowMs();
  // Its room_started (and every join) may have been lost, and the token path records a session
  // only for the rooms it creates.
  StatusOr<RoomSession> session = store_->OpenRoomSession(group.id, room.sid, room.name, started);
  if (!session.ok()) return session.status();
  if (session->ended_at_ms) return ReconcileSummary{};  // closed by a DELETE or room_finished
  // A breakout room (breakouts.cc) is a session of the group, never its current one.
  if (group.livekit_room_name == room.name && group.livekit_room_sid != room.sid)
    LKS_RETURN_IF_ERROR(store_->SetRoomSid(group.id, room.sid));
  TrackSession(room.sid, room.name);
  StatusOr<std::vector<Attendance>> rows = store_->ListAttendance(room.sid);
  if (!rows.ok()) return rows.status();
  const int64_t listed_at = NowMs();
  StatusOr<std::vector<ParticipantInfo>> present = rooms_->ListParticipants(room.name);
  if (!present.ok()) return internal::FromLiveKit(present.status(), "ListParticipants");
  return ApplyParticipantList(room.sid, *rows, *present, listed_at);
}

StatusOr<ReconcileSummary> StudyGroupService::ReconcileLiveSessions() {
  if (!rooms_) return internal::LiveKitNotConfigured();
  StatusOr<std::vector<Room>> rooms = rooms_->ListRooms();
  if (!rooms.ok()) return internal::FromLiveKit(rooms.status(), "ListRooms");
  ReconcileSummary total;
  Status first_error;
  int64_t failed = 0;
  std::unordered_set<std::string> live;
  for (const Room& room : *rooms) {
    if (room.sid.empty()) continue;
    live.insert(room.sid);
    StatusOr<StudyGroup> group = store_->GetGroupByRoomName(room.name);
    if (!group.ok() && group.status().code() == StatusCode::kNotFound)
      group = GroupOfBreakoutRoom(room.name);  // a breakout room counts to its group
    if (!group.ok()) {
      if (group.status().code() == StatusCode::kNotFound) continue;  // not a study-group room
      if (failed++ == 0) first_error = group.status();
      continue;
    }
    StatusOr<ReconcileSummary> one = ReconcileRoom(*group, room);
    if (!one.ok()) {
      if (failed++ == 0) first_error = one.status();
      continue;
    }
    total += *one;
  }
  // Sessions seen open whose room is gone: their room_finished was lost (or is on its way; closing
  // a closed session is harmless either way).
  std::vector<std::string> gone;
  {
    std::lock_guard<std::mutex> lock(sessions_mu_);
    for (const auto& [sid, name] : open_sessions_) {
      if (!live.count(sid)) gone.push_back(sid);
    }
  }
  for (const std::string& sid : gone) {
    StatusOr<RoomSession> s = store_->GetRoomSession(sid);
    if (s.ok() && !s->ended_at_ms) {
      StatusOr<std::vector<Attendance>> rows = store_->ListAttendance(sid);
      StatusOr<RoomSession> closed = store_->CloseRoomSession(sid, NowMs());
      if (!closed.ok()) {
        if (failed++ == 0) first_error = closed.status();
        continue;
      }
      ++total.sessions_closed;
      if (rows.ok()) {
        for (const Attendance& a : *rows) total.rows_closed += a.left_at_ms ? 0 : 1;
      }
    } else if (!s.ok() && s.status().code() != StatusCode::kNotFound) {
      if (failed++ == 0) first_error = s.status();
      continue;
    }
    ForgetSession(sid);
  }
  if (failed > 0 && total.sessions_checked == 0 && total.sessions_closed == 0) return first_error;
  return total;
}

StatusOr<SessionReport> StudyGroupService::GetSessionReport(const Principal& who, int64_t group_id,
                                                            std::string_view room_sid) {
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireMember(who, *access));
  auto not_found = [&] {
    return NotFoundError("session: study group " + std::to_string(group_id) + " has no session '" +
                         std::string(room_sid.substr(0, 64)) + "'")
        .WithReason("session_not_found");
  };
  if (room_sid.empty()) return InvalidArgumentError("session: must not be empty");
  if (room_sid.size() > kMaxIdBytes) return not_found();
  StatusOr<RoomSession> session = store_->GetRoomSession(room_sid);
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kNotFound) return not_found();
    return session.status();
  }
  if (session->group_id != group_id) return not_found();
  StatusOr<std::vector<Attendance>> rows = store_->ListAttendance(room_sid);
  if (!rows.ok()) return rows.status();
  // Its breakout rooms' participant sessions count to it (breakouts.cc).
  StatusOr<std::map<std::string, std::string>> breakouts = BreakoutSessions(group_id);
  if (!breakouts.ok()) return breakouts.status();
  for (const auto& [breakout_sid, main_sid] : *breakouts) {
    if (main_sid != room_sid) continue;
    StatusOr<std::vector<Attendance>> more = store_->ListAttendance(breakout_sid);
    if (!more.ok()) return more.status();
    rows->insert(rows->end(), more->begin(), more->end());
  }
  std::stable_sort(rows->begin(), rows->end(), [](const Attendance& a, const Attendance& b) {
    return a.joined_at_ms < b.joined_at_ms;
  });
  SessionReport report{std::move(*session), {}};
  std::map<std::string, size_t> index;  // user id (or "identity:<identity>") -> attendee
  for (const Attendance& a : *rows) {   // ordered by join time
    const std::string key = a.user_id.empty() ? "identity:" + a.participant_identity : a.user_id;
    auto [it, fresh] = index.emplace(key, report.attendees.size());
    if (fresh) {
      AttendeeSummary s;
      s.user_id = a.user_id;
      s.first_join_ms = a.joined_at_ms;
      report.attendees.push_back(std::move(s));
    }
    AttendeeSummary& s = report.attendees[it->second];
    s.identity = a.participant_identity;
    ++s.joins;
    if (a.left_at_ms) {
      s.participant_millis += *a.left_at_ms - a.joined_at_ms;
      if (fresh || s.last_leave_ms)
        s.last_leave_ms = std::max(s.last_leave_ms.value_or(0), *a.left_at_ms);
    } else {
      s.last_leave_ms.reset();  // still connected
    }
  }
  {
    std::lock_guard<std::mutex> lock(sessions_mu_);
    for (AttendeeSummary& s : report.attendees) {
      auto it = names_.find(std::string(room_sid) + " " + s.identity);
      if (it != names_.end()) s.name = it->second;
    }
  }
  std::stable_sort(report.attendees.begin(), report.attendees.end(),
                   [](const AttendeeSummary& a, const AttendeeSummary& b) {
                     return a.first_join_ms != b.first_join_ms ? a.first_join_ms < b.first_join_ms
                                                               : a.user_id < b.user_id;
                   });
  return report;
}

}  // namespace lks
