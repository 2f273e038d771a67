// StudyGroupService: applying verified webhook events to room sessions and attendance.
//
// Each event is applied, then its id is marked seen (the store's MarkEventSeen is atomic across
// processes): the first to mark it answers kApplied, every other delivery kDuplicate. Applying is
// idempotent (opening a known session, closing a closed one, a join or leave already recorded with
// the same time), so a delivery whose ingestion was cut short after applying but before marking
// (the process killed, the database gone) is completed by LiveKit's re-delivery without a second
// record, and one cut short before applying is not lost. Out-of-order deliveries do no harm either
// (a join that arrives after its session ended counts until that end); attendance can be
// reconciled against ListParticipants if deliveries were lost.
#include <algorithm>
#include <optional>

#include "lks/groups/study_group_service.h"

namespace lks {
namespace {
int64_t EventTimeMs(const WebhookEvent& e, int64_t fallback_ms) {
  return e.created_at > 0 ? e.created_at * 1000 : fallback_ms;
}

// The participant session of `identity` in `room_sid` that `pred` picks, if any.
template <typename Pred>
StatusOr<bool> HasAttendance(StudyGroupStore& store, std::string_view room_sid,
                             std::string_view identity, Pred pred) {
  StatusOr<std::vector<Attendance>> all = store.ListAttendance(room_sid);
  if (!all.ok()) return all.status();
  for (const Attendance& a : *all) {
    if (a.participant_identity == identity && pred(a)) return true;
  }
  return false;
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
  if (!group.ok()) {
    if (group.status().code() == StatusCode::kNotFound)
      return WebhookOutcome::kIgnored;  // not a study-group room
    return group.status();
  }
  // Opens the session of `room.sid` unless known and returns it; nullopt when there is no SID.
  auto open_session = [&]() -> StatusOr<std::optional<RoomSession>> {
    if (room.sid.empty()) return std::optional<RoomSession>();
    const int64_t started = room.creation_time_ms ? room.creation_time_ms
                            : room.creation_time  ? room.creation_time * 1000
                                                  : at;
    StatusOr<RoomSession> s = store_->OpenRoomSession(group->id, room.sid, room.name, started);
    if (!s.ok()) return s.status();
    if (!s->ended_at_ms && group->livekit_room_sid != room.sid) {
      LKS_RETURN_IF_ERROR(store_->SetRoomSid(group->id, room.sid));
    }
    return std::optional<RoomSession>(std::move(*s));
  };

  switch (event.type) {
    case WebhookEventType::kRoomStarted: {
      StatusOr<std::optional<RoomSession>> opened = open_session();
      if (!opened.ok()) return opened.status();
      // A new session: the group's transcription agent, once (best effort: a failed dispatch
      // must not make LiveKit re-deliver the event forever).
      (void)DispatchTranscription(*group, room.name, room.sid);
      return WebhookOutcome::kApplied;
    }
    case WebhookEventType::kRoomFinished: {
      ForgetLiveRoom(room.name);
      {
        std::lock_guard<std::mutex> lock(dispatched_mu_);
        dispatched_.erase(room.sid);  // the session is over: nothing to dispatch to again
      }
      if (room.sid.empty()) return WebhookOutcome::kIgnored;
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
      const int64_t joined = p.joined_at_ms ? p.joined_at_ms
                             : p.joined_at  ? p.joined_at * 1000
                                            : at;
      // Applied before (a re-delivery, perhaps after this identity left and rejoined).
      StatusOr<bool> known = HasAttendance(*store_, room.sid, p.identity, [&](const Attendance& a) {
        return a.joined_at_ms == joined;
      });
      if (!known.ok()) return known.status();
      if (*known) return WebhookOutcome::kApplied;
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
      // Applied before (a re-delivery): a participant session of the identity closed at `at`
      // (or at its join, when it left in the second it joined). Without this check a re-delivered
      // leave would close a later session of the same identity.
      StatusOr<bool> known =
          HasAttendance(*store_, room.sid, event.participant->identity, [&](const Attendance& a) {
            return a.left_at_ms && *a.left_at_ms == std::max(at, a.joined_at_ms);
          });
      if (!known.ok()) return known.status();
      if (*known) return WebhookOutcome::kApplied;
      StatusOr<Attendance> a = store_->RecordLeave(room.sid, event.participant->identity, at);
      if (!a.ok() && a.status().code() != StatusCode::kNotFound) return a.status();
      return a.ok() ? WebhookOutcome::kApplied : WebhookOutcome::kIgnored;
    }
    default:
      return WebhookOutcome::kIgnored;
  }
}

}  // namespace lks
