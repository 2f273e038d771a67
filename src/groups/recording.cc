// StudyGroupService: recordings of a group's sessions (LiveKit egress) and the live-transcription
// agent dispatch (docs/recording.md).
//
// A recording is a room-composite egress of the group's room to one file. The service stores it
// when it starts (status as LiveKit answered), announces it through the room's metadata
// ({"recording":true} merged into the JSON, so clients show an indicator), and egress webhooks
// update the stored row: status, file location, end and duration. Webhooks may arrive out of
// order or repeat: a final status (complete, failed, aborted, limit_reached) is never replaced
// by an earlier one.

#include <algorithm>
#include <string>

#include "groups/room_metadata.h"
#include "groups/service_errors.h"
#include "lks/groups/study_group_service.h"

namespace lks {
namespace {

Status RecordingUnavailable(std::string_view detail) {
  return UnavailableError("recording is unavailable: " + std::string(detail))
      .WithReason("recording_unavailable")
      .WithHttpStatus(503);
}

// An Egress call's failure as the service reports it: no egress worker (egress_unavailable)
// or LiveKit unreachable become recording_unavailable (503); the rest as other LiveKit calls.
Status FromEgress(const Status& s, std::string_view what) {
  if (s.reason() == "egress_unavailable" || s.code() == StatusCode::kUnavailable ||
      s.code() == StatusCode::kDeadlineExceeded) {
    return RecordingUnavailable(s.message());
  }
  return internal::FromLiveKit(s, what);
}

RecordingStatus FromEgressStatus(EgressStatus s) {
  const int n = static_cast<int>(s);
  if (n < 0 || n > static_cast<int>(RecordingStatus::kLimitReached))
    return RecordingStatus::kFailed;
  return static_cast<RecordingStatus>(n);
}

// "EGRESS_ACTIVE" (the webhook model's text) as a RecordingStatus; nullopt when unknown.
std::optional<RecordingStatus> FromEgressStatusName(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "EGRESS_STARTING", "EGRESS_ACTIVE",  "EGRESS_ENDING",        "EGRESS_COMPLETE",
      "EGRESS_FAILED",   "EGRESS_ABORTED", "EGRESS_LIMIT_REACHED",
  };
  for (size_t i = 0; i < std::size(kNames); ++i) {
    if (kNames[i] == name) return static_cast<RecordingStatus>(i);
  }
  return std::nullopt;
}

std::string Replace(std::string text, std::string_view from, std::string_view to) {
  for (size_t p = 0; (p = text.find(from, p)) != std::string::npos; p += to.size())
    text.replace(p, from.size(), to);
  return text;
}

}  // namespace

Status StudyGroupService::AnnounceRecording(std::string_view room_name, bool on) {
  if (!rooms_) return OkStatus();
  return internal::SetRoomMetadataMember(*rooms_, room_name, "recording", on);
}

StatusOr<Recording> StudyGroupService::StartRecording(const Principal& who, int64_t group_id) {
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireModerator(who, *access));
  const StudyGroup& group = access->group;
  if (!group.use_livekit || !group.livekit_room_name) {
    return FailedPreconditionError("study group " + std::to_string(group_id) +
                                   " does not meet on LiveKit")
        .WithReason("not_livekit");
  }
  if (!group.recording_consent) {
    return FailedPreconditionError("recordingConsent: study group " + std::to_string(group_id) +
                                   " has not consented to recording")
        .WithReason("recording_not_consented");
  }
  LKS_RETURN_IF_ERROR(RequireLiveKit());
  if (!options_.egress) return RecordingUnavailable("no Egress client is configured");
  // No open session in the store: nothing live to record (saves the Egress call). An open one
  // may still be gone at LiveKit, which then answers not_found (below).
  auto no_session = [&] {
    return FailedPreconditionError("study group " + std::to_string(group_id) +
                                   " has no live session to record")
        .WithReason("room_not_active");
  };
  if (!group.livekit_room_sid) return no_session();
  StatusOr<RoomSession> session = store_->GetRoomSession(*group.livekit_room_sid);
  if (!session.ok() && session.status().code() != StatusCode::kNotFound) return session.status();
  if (!session.ok() || session->ended_at_ms) return no_session();
  StatusOr<std::vector<Recording>> existing = store_->ListRecordings(group_id);
  if (!existing.ok()) return existing.status();
  for (const Recording& r : *existing) {
    if (!IsFinal(r.status) && r.status != RecordingStatus::kEnding &&
        r.room_sid == group.livekit_room_sid.value_or("")) {
      return FailedPreconditionError("study group " + std::to_string(group_id) +
                                     " is already recording (" + r.egress_id + ")")
          .WithReason("already_recording");
    }
  }

  RoomCompositeEgressRequest req;
  req.room_name = *group.livekit_room_name;
  req.layout = options_.recording_layout;
  EncodedFileOutput file;
  file.file_type = EncodedFileType::kMp4;
  file.filepath = Replace(options_.recording_filepath, "{group_id}", std::to_string(group_id));
  req.file_outputs.push_back(std::move(file));
  StatusOr<EgressInfo> info = options_.egress->StartRoomCompositeEgress(req);
  if (!info.ok()) {
    if (info.status().code() == StatusCode::kNotFound) return no_session();
    return FromEgress(info.status(), "StartRoomCompositeEgress");
  }

  Recording r;
  r.group_id = group_id;
  // The session the service knows the room by (the same SID LiveKit's roomId names).
  r.room_sid = group.livekit_room_sid.value_or(info->room_id);
  r.egress_id = info->egress_id;
  r.status = FromEgressStatus(info->status);
  r.started_at_ms = info->started_at > 0 ? info->started_at / 1000000 : NowMs();
  r.started_by = who.user_id;
  // An egress_started webhook may have stored it first: keep what it knew.
  if (StatusOr<Recording> known = store_->GetRecording(r.egress_id); known.ok()) {
    if (known->status > r.status) r.status = known->status;
    r.location = known->location;
    r.ended_at_ms = known->ended_at_ms;
    r.duration_ms = known->duration_ms;
    r.error = known->error;
  }
  StatusOr<Recording> saved = store_->SaveRecording(r);
  if (!saved.ok()) return saved.status();
  Status announced = AnnounceRecording(*group.livekit_room_name, true);
  if (!announced.ok()) {
    // Never record unannounced: stop it again (best effort) and say why.
    (void)options_.egress->StopEgress(saved->egress_id);
    Recording aborted = *saved;
    aborted.status = RecordingStatus::kAborted;
    aborted.ended_at_ms = std::max(NowMs(), aborted.started_at_ms);
    aborted.error = "not announced to participants: " + announced.message();
    (void)store_->SaveRecording(aborted);
    return announced;
  }
  return saved;
}

StatusOr<Recording> StudyGroupService::StopRecording(const Principal& who, int64_t group_id) {
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireModerator(who, *access));
  StatusOr<std::vector<Recording>> all = store_->ListRecordings(group_id);
  if (!all.ok()) return all.status();
  std::optional<Recording> last;
  for (const Recording& r : *all) {
    if (IsFinal(r.status) || r.status == RecordingStatus::kEnding) continue;
    if (!options_.egress) return RecordingUnavailable("no Egress client is configured");
    StatusOr<EgressInfo> info = options_.egress->StopEgress(r.egress_id);
    Recording stopped = r;
    if (info.ok()) {
      // Never step back from what a webhook already recorded.
      RecordingStatus now = FromEgressStatus(info->status);
      if (now > stopped.status) stopped.status = now;
    } else if (info.status().code() == StatusCode::kNotFound ||
               info.status().code() == StatusCode::kFailedPrecondition) {
      stopped.status = RecordingStatus::kAborted;  // LiveKit no longer knows it as running
      stopped.ended_at_ms = std::max(NowMs(), stopped.started_at_ms);
    } else {
      return FromEgress(info.status(), "StopEgress");
    }
    StatusOr<Recording> saved = store_->SaveRecording(stopped);
    if (!saved.ok()) return saved.status();
    last = std::move(*saved);
  }
  if (!last) {
    return FailedPreconditionError("study group " + std::to_string(group_id) + " is not recording")
        .WithReason("not_recording");
  }
  if (access->group.livekit_room_name)
    LKS_RETURN_IF_ERROR(AnnounceRecording(*access->group.livekit_room_name, false));
  return *last;
}

StatusOr<std::vector<Recording>> StudyGroupService::ListRecordings(const Principal& who,
                                                                   int64_t group_id) {
  StatusOr<Access> access = LoadAccess(who, group_id);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireMember(who, *access));
  return store_->ListRecordings(group_id);
}

StatusOr<WebhookOutcome> StudyGroupService::ApplyEgressWebhook(const WebhookEvent& event,
                                                               int64_t now_ms) {
  const WebhookEgressInfo& e = *event.egress_info;
  if (e.egress_id.empty()) return WebhookOutcome::kIgnored;
  std::optional<RecordingStatus> status = FromEgressStatusName(e.status);
  if (!status) return WebhookOutcome::kIgnored;

  Recording r;
  StatusOr<Recording> known = store_->GetRecording(e.egress_id);
  if (known.ok()) {
    r = std::move(*known);
  } else if (known.status().code() == StatusCode::kNotFound) {
    // Started elsewhere (another process, LiveKit's CLI): recorded when it is a group's room.
    if (e.room_name.empty()) return WebhookOutcome::kIgnored;
    StatusOr<StudyGroup> group = store_->GetGroupByRoomName(e.room_name);
    if (!group.ok()) {
      if (group.status().code() == StatusCode::kNotFound) return WebhookOutcome::kIgnored;
      return group.status();
    }
    r.group_id = group->id;
    r.egress_id = e.egress_id;
    r.status = RecordingStatus::kStarting;
    r.started_at_ms = e.started_at > 0 ? e.started_at / 1000000 : now_ms;
  } else {
    return known.status();
  }

  const bool was_final = IsFinal(r.status);
  // A final status stays; otherwise statuses only move forward (deliveries race).
  if (!was_final && *status >= r.status) r.status = *status;
  if (r.room_sid.empty()) r.room_sid = e.room_id;
  if (e.started_at > 0) r.started_at_ms = e.started_at / 1000000;
  if (!e.file_results.empty()) {
    const WebhookFileInfo& f = e.file_results.front();
    const std::string& where = f.location.empty() ? f.filename : f.location;
    if (!where.empty()) r.location = where;
    if (f.duration > 0) r.duration_ms = f.duration / 1000000;
  }
  if (IsFinal(r.status)) {
    if (e.ended_at > 0) r.ended_at_ms = e.ended_at / 1000000;
    if (!r.ended_at_ms) r.ended_at_ms = now_ms;
    r.ended_at_ms = std::max(*r.ended_at_ms, r.started_at_ms);
    if (r.duration_ms == 0 && e.started_at > 0 && e.ended_at > e.started_at)
      r.duration_ms = (e.ended_at - e.started_at) / 1000000;
    if (!e.error.empty()) r.error = e.error;
  }
  StatusOr<Recording> saved = store_->SaveRecording(r);
  if (!saved.ok()) return saved.status();

  // A running recording (also one started elsewhere) shows the indicator.
  if (!IsFinal(saved->status) && saved->status != RecordingStatus::kEnding &&
      !e.room_name.empty()) {
    Status announced = AnnounceRecording(e.room_name, true);
    if (!announced.ok() && announced.code() != StatusCode::kNotFound) return announced;
  }
  // The last running recording of the room ended: take the indicator down.
  if (!was_final && IsFinal(saved->status) && !e.room_name.empty()) {
    StatusOr<std::vector<Recording>> all = store_->ListRecordings(saved->group_id);
    if (!all.ok()) return all.status();
    bool running = std::any_of(all->begin(), all->end(),
                               [](const Recording& x) { return !IsFinal(x.status); });
    if (!running) {
      Status announced = AnnounceRecording(e.room_name, false);
      // The room may be gone with the recording (room_finished): nothing left to tell.
      if (!announced.ok() && announced.code() != StatusCode::kNotFound) return announced;
    }
  }
  return WebhookOutcome::kApplied;
}

Status StudyGroupService::DispatchTranscription(const StudyGroup& group, std::string_view room_name,
                                                std::string_view room_sid) {
  if (!group.transcription_agent || group.transcription_agent->empty()) return OkStatus();
  if (!options_.agent_dispatch || room_sid.empty()) return OkStatus();
  const std::string& agent = *group.transcription_agent;
  {
    std::lock_guard<std::mutex> lock(dispatched_mu_);
    if (dispatched_.count(std::string(room_sid))) return OkStatus();
  }
  // Once per session also across processes and restarts: the server lists the room's
  // dispatches (and forgets them with the room).
  StatusOr<std::vector<AgentDispatch>> listed = options_.agent_dispatch->ListDispatch(room_name);
  if (!listed.ok()) return internal::FromLiveKit(listed.status(), "ListDispatch");
  bool present = std::any_of(listed->begin(), listed->end(),
                             [&](const AgentDispatch& d) { return d.agent_name == agent; });
  if (!present) {
    std::string metadata = "{\"groupId\":" + std::to_string(group.id) + "}";
    StatusOr<AgentDispatch> made =
        options_.agent_dispatch->CreateDispatch(room_name, agent, metadata);
    if (!made.ok()) return internal::FromLiveKit(made.status(), "CreateDispatch");
  }
  std::lock_guard<std::mutex> lock(dispatched_mu_);
  dispatched_[std::string(room_sid)] = true;
  return OkStatus();
}

}  // namespace lks
