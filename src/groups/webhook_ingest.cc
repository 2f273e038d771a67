// StudyGroupService: applying verified webhook events to room sessions and attendance.
//
// Each event is applied, then its id is marked seen (the store's MarkEventSeen is atomic across
// processes): the first to mark it answers kApplied, every other delivery kDuplicate. Applying is
// idempotent (opening a known session, closing a closed one, a join or leave already recorded with
// the same time), so a delivery whose ingestion was cut short after applying but before marking
// (the process killed, the database gone) is completed by LiveKit's re-delivery without a second
// record, and one cut short before applying is not lost. Out-of-order deliveries do no harm either
// (a join that arrives after its session ended counts until that end). Lost deliveries are
// repaired by reconciliation (reconcile.cc); the rules of attendance_rules.h keep the two from
// counting a participant-minute twice: a join already recorded (by a webhook or by a
// reconciliation) or covered by a closed row is not recorded again, a join older than a later
// participant session of the same identity is dropped (its leave is unknown), and a leave older
// than the identity's open row (a late leave of an earlier participant session, which a
// reconciliation already closed) leaves that row open.
#include <algorithm>
#include <optional>

#include "groups/attendance_rules.h"
#include "lks/groups/study_group_service.h"

namespace lks {
namespace {
int64_t EventTimeMs(const WebhookEvent& e, int64_t fallback_ms) {
  return e.created_at > 0 ? e.created_at * 1000 : fallback_ms;
}

}  // namespace

StatusOr<WebhookOutcome> StudyGroupService::IngestWebhook(const WebhookEvent& event) {
  const int64_t now = NowMs();
  StatusOr<WebhookOutcome> applied = ApplyWebhook(event, now);
  if (!applied.ok() || event.id.empty()) return applied;
  StatusOr<EventMark> mark = store_->MarkEventSeen(event.id, now);
  if (!mark.ok()) return mark.status();
  return *mark == EventMark::kAlreadySeen ? WebhookOutcome::kDuplicate : *applied;
}

StatusOr<WebhookOutcome> StudyGroupService::ApplyWebhook(const WebhookEvent& event,
                                                         const int64_t now) {
  // egress_started/updated/ended carry egressInfo, not a room (recording.cc).
  if (event.egress_info) return ApplyEgressWebhook(event, now);
  if (!event.room || event.room->name.empty()) return WebhookOutcome::kIgnored;
  const WebhookRoom& room = *event.room;
  const int64_t at = EventTimeMs(event, now);

  StatusOr<StudyGroup> group = store_->GetGroupByRoomName(room.name);
  // A breakout room's events count to its group (breakouts.cc): its own room session of the
  // group, which never becomes the group's current session.
  if (!group.ok() && group.status().code() == StatusCode::kNotFound)
    group = GroupOfBreakoutRoom(room.name);
  if (!group.ok()) {
    if (group.status().code() == StatusCode::kNotFound)
      return WebhookOutcome::kIgnored;  // not a study-group room
    return group.status();
  }
  const bool main_room = group->livekit_room_name == room.name;
  // Opens the session of `room.sid` unless known and returns it; nullopt when there is no SID.
  auto open_session = [&]() -> StatusOr<std::optional<RoomSession>> {
    if (room.sid.empty()) return std::optional<RoomSession>();
    const int64_t started = room.creation_time_ms ? room.creation_time_ms
                            : room.creation_time  ? room.creation_time * 1000
                                                  : at;
    StatusOr<RoomSession> s = store_->OpenRoomSession(group->id, room.sid, room.name, started);
    if (!s.ok()) return s.status();
    if (main_room && !s->ended_at_ms && group->livekit_room_sid != room.sid) {
      LKS_RETURN_IF_ERROR(store_->SetRoomSid(group->id, room.sid));
    }
    if (!s->ended_at_ms) TrackSession(room.sid, room.name);
    return std::optional<RoomSession>(std::move(*s));
  };

  switch (event.type) {
    case WebhookEventType::kRoomStarted: {
      StatusOr<std::optional<RoomSession>> opened = open_session();
      if (!opened.ok()) return opened.status();
      // A new session: the group's transcription agent, once (best effort: a failed dispatch
      // must not make LiveKit re-deliver the event forever).
      if (main_room) (void)DispatchTranscription(*group, room.name, room.sid);
      return WebhookOutcome::kApplied;
    }
    case WebhookEventType::kRoomFinished: {
      ForgetLiveRoom(room.name);
      {
        std::lock_guard<std::mutex> lock(dispatched_mu_);
        dispatched_.erase(room.sid);  // the session is over: nothing to dispatch to again
      }
      if (room.sid.empty()) return WebhookOutcome::kIgnored;
      // ListParticipants has nothing to say about a finished room: reconciling it is closing
      // every row still open at the session's end, which CloseRoomSession does.
      ForgetSession(room.sid);
      StatusOr<RoomSession> closed = store_->CloseRoomSession(room.sid, at);
      if (!closed.ok() && closed.status().code() != StatusCode::kNotFound) return closed.status();
      return WebhookOutcome::kApplied;
    }
    case WebhookEventType::kParticipantJoined: {
      if (!event.participant || event.participant->identity.empty())
        return WebhookOutcome::kIgnored;
      StatusOr<std::optional<RoomSession>> opened = open_session();
      if (!opened.ok()) return opened.status();
      if (!*opened) return WebhookOutcome::kIgnored;
      const WebhookParticipant& p = *event.participant;
      const int64_t joined = internal::JoinMs(p.joined_at_ms, p.joined_at, at);
      if (!p.name.empty()) RememberName(room.sid, p.identity, p.name);
      StatusOr<std::vector<Attendance>> rows = store_->ListAttendance(room.sid);
      if (!rows.ok()) return rows.status();
      // Applied before (a re-delivery, perhaps after this identity left and rejoined), or recorded
      // by a reconciliation while this delivery was late.
      if (internal::JoinIsRecorded(*rows, p.identity, joined)) return WebhookOutcome::kApplied;
      // Older than a participant session of the identity already recorded: its leave (at the
      // latest that later join) is unknown, and a row opened now could only overlap.
      for (const Attendance& r : *rows) {
        if (r.participant_identity == p.identity && r.joined_at_ms > joined) {
          return WebhookOutcome::kIgnored;
        }
      }
      StatusOr<Attendance> a =
          store_->RecordJoin(room.sid, p.identity, UserIdFromIdentity(p.identity), joined);
      if (!a.ok()) return a.status();
      // A join delivered after its session ended (deliveries race: the owner may end the room
      // before LiveKit's participant_joined arrives) counts until the session's end.
      if (const std::optional<int64_t>& ended = (*opened)->ended_at_ms; ended && !a->left_at_ms) {
        StatusOr<Attendance> left = store_->RecordLeave(room.sid, p.identity, *ended);
        if (!left.ok() && left.status().code() != StatusCode::kNotFound) return left.status();
      }
      return WebhookOutcome::kApplied;
    }
    case WebhookEventType::kParticipantLeft:
    case WebhookEventType::kParticipantConnectionAborted: {
      if (!event.participant || event.participant->identity.empty() || room.sid.empty()) {
        return WebhookOutcome::kIgnored;
      }
      const WebhookParticipant& p = *event.participant;
      StatusOr<std::vector<Attendance>> rows = store_->ListAttendance(room.sid);
      if (!rows.ok()) return rows.status();
      // Applied before (a re-delivery): a participant session of the identity closed at `at`
      // (or at its join, when it left in the second it joined). Without this check a re-delivered
      // leave would close a later session of the same identity.
      for (const Attendance& r : *rows) {
        if (r.participant_identity == p.identity && r.left_at_ms &&
            *r.left_at_ms == std::max(at, r.joined_at_ms)) {
          return WebhookOutcome::kApplied;
        }
      }
      // A late leave of an earlier participant session (a reconciliation closed it and opened the
      // open one): it must not end the open one. `at` has second precision, hence the margin.
      if (const Attendance* open = internal::OpenRow(*rows, p.identity)) {
        const int64_t left_join = internal::JoinMs(p.joined_at_ms, p.joined_at, 0);
        const bool earlier_join = left_join != 0 &&
                                  !internal::SameJoin(open->joined_at_ms, left_join) &&
                                  open->joined_at_ms > left_join;
        if (earlier_join || at + internal::kSameJoinMs <= open->joined_at_ms) {
          return WebhookOutcome::kIgnored;
        }
      }
      StatusOr<Attendance> a = store_->RecordLeave(room.sid, event.participant->identity, at);
      if (!a.ok() && a.status().code() != StatusCode::kNotFound) return a.status();
      return a.ok() ? WebhookOutcome::kApplied : WebhookOutcome::kIgnored;
    }
    default:
      return WebhookOutcome::kIgnored;
  }
}

}  // namespace lks
