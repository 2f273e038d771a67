// StudyGroupService: tokens, rooms and moderation through LiveKit.
#include <algorithm>

#include "core/iso_time.h"
#include "core/json_writer.h"
#include "groups/e2ee_keys.h"
#include "groups/room_metadata.h"
#include "groups/service_errors.h"
#include "lks/core/clock.h"
#include "lks/groups/study_group_service.h"

namespace lks {
namespace {

// {"userId":15,"email":"..."}: the seed's participant metadata (userId a number when it is one).
std::string ParticipantMetadata(const Principal& who) {
  std::string out;
  internal::JsonWriter w(&out);
  w.BeginObject().Key("userId").IntegerOrString(who.user_id);
  if (!who.email.empty()) w.Field("email", std::string_view(who.email));
  w.EndObject();
  return out;
}

}  // namespace

Status StudyGroupService::RequireLiveKit() const {
  if (!rooms_ || !signer_) return internal::LiveKitNotConfigured();
  return OkStatus();
}

void StudyGroupService::ForgetLiveRoom(std::string_view room_name) {
  std::lock_guard<std::mutex> lock(live_rooms_mu_);
  live_rooms_.erase(std::string(room_name));
}

Status StudyGroupService::RecordLiveRoom(const StudyGroup& group, const Room& room) {
  // CreateRoom returns a live room unchanged, so its SID names the current session.
  if (room.sid.empty()) return OkStatus();
  if (group.livekit_room_sid != room.sid)
    LKS_RETURN_IF_ERROR(store_->SetRoomSid(group.id, room.sid));
  int64_t started = room.creation_time_ms ? room.creation_time_ms : room.creation_time * 1000;
  if (started == 0) started = NowMs();
  StatusOr<RoomSession> session = store_->OpenRoomSession(group.id, room.sid, room.name, started);
  if (!session.ok()) return session.status();
  if (!session->ended_at_ms) TrackSession(room.sid, room.name);
  // The group's transcription agent for this session (recording.cc). Best effort: a refused
  // dispatch does not keep members out of the call.
  (void)DispatchTranscription(group, room.name, room.sid);
  return OkStatus();
}

Status StudyGroupService::EnsureRoom(const StudyGroup& group, std::string* sid) {
  const std::string& name = *group.livekit_room_name;
  const int64_t now = NowMs();
  {
    std::lock_guard<std::mutex> lock(live_rooms_mu_);
    auto it = live_rooms_.find(name);
    if (it != live_rooms_.end() && it->second > now) {
      // Known live: the SID recorded with it (or by its room_started webhook) is the group's.
      if (sid) *sid = group.livekit_room_sid.value_or("");
      return OkStatus();
    }
  }
  CreateRoomRequest req;
  req.name = name;
  req.empty_timeout = options_.room_empty_timeout_seconds;
  req.max_participants = static_cast<uint32_t>(std::max(group.max_participants, 0));
  StatusOr<Room> room = rooms_->CreateRoom(req);
  if (!room.ok()) return internal::FromLiveKit(room.status(), "CreateRoom");
  LKS_RETURN_IF_ERROR(RecordLiveRoom(group, *room));
  if (sid) *sid = room->sid;
  std::lock_guard<std::mutex> lock(live_rooms_mu_);
  live_rooms_[name] =
      now +
      std::chrono::duration_cast<std::chrono::milliseconds>(options_.live_room_cache_ttl).count();
  return OkStatus();
}

Status StudyGroupService::AddSessionKey(const StudyGroup& group, const std::string& room_sid,
                                        std::optional<int64_t> removal_count,
                                        IssuedToken* token) const {
  if (!e2ee_keys_) return internal::E2eeNotConfigured(group.id);
  if (room_sid.empty()) return InternalError("LiveKit gave the room no SID: no session key");
  StatusOr<int64_t> index =
      removal_count ? StatusOr<int64_t>(*removal_count) : store_->CountRemovals(room_sid);
  if (!index.ok()) return index.status();
  token->e2ee_key = e2ee_keys_->SessionKey(group.id, room_sid, *index);
  token->e2ee_key_index = *index;
  return OkStatus();
}

StatusOr<TokenDecision> StudyGroupService::IssueToken(const Principal& who,
                                                      std::string_view room_name,
                                                      std::string_view participant_name) {
  if (room_name.empty()) return InvalidArgumentError("roomName: required");
  LKS_RETURN_IF_ERROR(RequireLiveKit());
  // Everything the decision below needs from the store, in one read (one round trip to
  // PostgreSQL): the group (a breakout room stands for its group: every check below is the
  // group's), the caller's membership and removal, an E2EE session's key index.
  StatusOr<JoinContext> ctx = store_->GetJoinContext(room_name, who.user_id);
  if (!ctx.ok()) {
    // A room outside every study group (made with POST /api/livekit/rooms, or not made at all:
    // LiveKit creates a room on its first join): admins only, with the seed's grants.
    if (ctx.status().code() != StatusCode::kNotFound) return ctx.status();
    if (IsAdmin(who)) {
      StatusOr<IssuedToken> t = SignJoinToken(who, room_name, participant_name, false);
      if (!t.ok()) return t.status();
      return TokenDecision{std::move(*t)};
    }
    return internal::RoomNotFound(room_name);
  }
  std::optional<BreakoutRoom> requested_breakout;
  if (ctx->breakout_room_name) {
    requested_breakout.emplace();
    requested_breakout->group_id = ctx->group.id;
    requested_breakout->room_name = std::move(*ctx->breakout_room_name);
  }
  const Access access{std::move(ctx->group), std::move(ctx->membership)};
  const StudyGroup& group = access.group;
  if (!group.use_livekit) {
    return FailedPreconditionError("study group " + std::to_string(group.id) +
                                   " meets on Google Meet, not LiveKit")
        .WithReason("not_livekit");
  }
  if (!access.membership && !IsAdmin(who)) return internal::NotAMember(group.id);
  // A participant removed from the current session gets no new token for it (admins included).
  if (ctx->barred) {
    return PermissionDeniedError("you were removed from this session of room '" +
                                 std::string(room_name) + "'; you may join its next session")
        .WithReason("barred");
  }
  const bool moderates = Moderates(who, access);
  LKS_RETURN_IF_ERROR(CheckJoinWindow(group, moderates));
  LKS_RETURN_IF_ERROR(CheckLock(group, moderates));
  if (group.e2ee && !e2ee_keys_) return internal::E2eeNotConfigured(group.id);  // before LiveKit
  std::string sid;
  LKS_RETURN_IF_ERROR(EnsureRoom(group, &sid));
  StatusOr<std::optional<AdmissionWait>> wait =
      CheckAdmission(who, group, participant_name, sid, moderates);
  if (!wait.ok()) return wait.status();
  if (*wait) return TokenDecision{std::move(**wait)};
  // Breakout rooms last: they only choose which room of the session the token is for.
  StatusOr<std::optional<BreakoutRoom>> breakout =
      BreakoutFor(who, group, requested_breakout, moderates);
  if (!breakout.ok()) return breakout.status();
  std::string target(room_name);
  if (*breakout) {
    target = (*breakout)->room_name;
    LKS_RETURN_IF_ERROR(EnsureBreakoutRoom(group, **breakout, &sid));
  }
  StatusOr<IssuedToken> t =
      SignJoinToken(who, target, participant_name, options_.moderators_get_room_admin && moderates);
  if (!t.ok()) return t.status();
  if (*breakout) {
    t->breakout = std::move(**breakout);
    t->main_room_name = group.livekit_room_name.value_or("");
  }
  // The session key only now: after every check, admission included (a breakout room's own
  // session has its own key).
  if (group.e2ee) {
    // The count read with the group is this session's unless LiveKit just opened a new one.
    const bool same = group.livekit_room_sid && *group.livekit_room_sid == sid;
    LKS_RETURN_IF_ERROR(AddSessionKey(group, sid, same ? ctx->removal_count : std::nullopt, &*t));
  }
  return TokenDecision{std::move(*t)};
}

Status StudyGroupService::CheckJoinWindow(const StudyGroup& group, bool moderates) const {
  if (moderates || !HasRecurrence(group)) return OkStatus();
  const int64_t now = NowMs();
  const int64_t early = int64_t{std::max(group.early_join_minutes, 0)} * 60000;
  const int64_t grace = int64_t{std::max(group.grace_minutes, 0)} * 60000;
  // The first occurrence whose window has not closed yet: open once its window has begun.
  StatusOr<std::vector<Occurrence>> next = OccurrencesEndingAfter(group, now - grace, 1);
  if (!next.ok()) return next.status();
  if (next->empty()) {
    return PermissionDeniedError("study group " + std::to_string(group.id) +
                                 " has no further sessions on its schedule")
        .WithReason("outside_schedule");
  }
  const int64_t opens = next->front().start_ms - early;
  if (now >= opens) return OkStatus();
  const std::string opens_at = internal::FormatIsoTimeMs(opens);
  return PermissionDeniedError("study group " + std::to_string(group.id) + " is closed until " +
                               opens_at + " (members may join from " +
                               std::to_string(group.early_join_minutes) +
                               " minutes before a session until " +
                               std::to_string(group.grace_minutes) + " minutes after its end)")
      .WithReason("outside_schedule")
      .WithMeta("opensAt", opens_at);
}

StatusOr<IssuedToken> StudyGroupService::SignJoinToken(const Principal& who,
                                                       std::string_view room_name,
                                                       std::string_view participant_name,
                                                       bool room_admin) const {
  ClaimGrants grants;
  grants.identity = ParticipantIdentity(who.user_id);
  grants.name = participant_name.empty() ? who.name : std::string(participant_name);
  grants.metadata = ParticipantMetadata(who);
  VideoGrant video;
  video.room_join = true;
  video.room = std::string(room_name);
  video.can_publish = true;
  video.can_subscribe = true;
  video.can_publish_data = true;
  video.can_update_own_metadata = true;
  if (room_admin) video.room_admin = true;
  grants.video = std::move(video);
  TokenTiming timing;
  timing.ttl = options_.token_ttl;
  // One reading of the clock for the token and the expiresAt the caller is told.
  const int64_t now_s = clock_->NowUnixSeconds();
  const ManualClock at(now_s * 1000);
  StatusOr<std::string> jwt = signer_->Sign(grants, timing, at);
  if (!jwt.ok()) return jwt.status();
  IssuedToken issued;
  issued.token = std::move(*jwt);
  issued.server_url = options_.livekit_url;
  issued.room_name = std::string(room_name);
  issued.identity = std::move(grants.identity);
  issued.participant_name = std::move(grants.name);
  issued.expires_at_ms = (now_s + options_.token_ttl.count()) * 1000;
  return issued;
}

StatusOr<Room> StudyGroupService::CreateRoom(const Principal& who,
                                             const CreateLiveKitRoomRequest& r) {
  if (r.name.empty()) return InvalidArgumentError("name: required");
  LKS_RETURN_IF_ERROR(RequireLiveKit());
  StatusOr<Access> access = LoadAccessByRoom(who, r.name);
  CreateRoomRequest req;
  req.name = r.name;
  req.empty_timeout = r.empty_timeout.value_or(options_.room_empty_timeout_seconds);
  if (access.ok()) {
    LKS_RETURN_IF_ERROR(RequireModerator(who, *access));
    req.max_participants = r.max_participants.value_or(
        static_cast<uint32_t>(std::max(access->group.max_participants, 0)));
  } else if (access.status().reason() == "room_not_found") {
    // A room outside every group: only app admins may create one.
    if (!IsAdmin(who)) {
      return PermissionDeniedError("room '" + r.name +
                                   "' does not belong to a study group; only admins may create it")
          .WithReason("not_a_moderator");
    }
    req.max_participants = r.max_participants.value_or(0);
  } else {
    return access.status();
  }
  StatusOr<Room> room = rooms_->CreateRoom(req);
  if (!room.ok()) return internal::FromLiveKit(room.status(), "CreateRoom");
  if (access.ok()) LKS_RETURN_IF_ERROR(RecordLiveRoom(access->group, *room));
  return room;
}

StatusOr<std::vector<Room>> StudyGroupService::ListRooms(const Principal& who) {
  LKS_RETURN_IF_ERROR(RequireLiveKit());
  StatusOr<std::vector<Room>> rooms = rooms_->ListRooms();
  if (!rooms.ok()) return internal::FromLiveKit(rooms.status(), "ListRooms");
  if (IsAdmin(who)) return rooms;
  std::vector<Room> mine;
  for (Room& room : *rooms) {
    StatusOr<Access> access = LoadAccessByRoom(who, room.name);
    if (access.ok() && access->membership) mine.push_back(std::move(room));
  }
  return mine;
}

StatusOr<RoomDetails> StudyGroupService::GetRoom(const Principal& who, std::string_view room_name) {
  LKS_RETURN_IF_ERROR(RequireLiveKit());
  StatusOr<Access> access = LoadAccessByRoom(who, room_name);
  if (!access.ok() && !(IsAdmin(who) && access.status().reason() == "room_not_found"))
    return access.status();
  if (access.ok()) LKS_RETURN_IF_ERROR(RequireMember(who, *access));
  StatusOr<std::vector<Room>> rooms = rooms_->ListRooms({std::string(room_name)});
  if (!rooms.ok()) return internal::FromLiveKit(rooms.status(), "ListRooms");
  if (rooms->empty()) {
    return NotFoundError("room '" + std::string(room_name) + "' is not active")
        .WithReason("room_not_active");
  }
  StatusOr<std::vector<ParticipantInfo>> participants = rooms_->ListParticipants(room_name);
  if (!participants.ok()) return internal::FromLiveKit(participants.status(), "ListParticipants");
  return RoomDetails{std::move(rooms->front()), std::move(*participants)};
}

Status StudyGroupService::EndRoom(const Principal& who, std::string_view room_name) {
  LKS_RETURN_IF_ERROR(RequireLiveKit());
  StatusOr<Access> access = LoadAccessByRoom(who, room_name);
  if (!access.ok() && !(IsAdmin(who) && access.status().reason() == "room_not_found"))
    return access.status();
  if (access.ok()) LKS_RETURN_IF_ERROR(RequireModerator(who, *access));
  std::optional<std::string> sid;
  if (access.ok()) {
    sid = access->group.livekit_room_sid;
    // Reconcile before the room goes: the participants still present are known only now (the
    // closed session then closes every open row at its end). Best effort: the delete goes on.
    StatusOr<std::vector<Room>> live = rooms_->ListRooms({std::string(room_name)});
    if (live.ok() && !live->empty() && !live->front().sid.empty()) {
      sid = live->front().sid;
      StatusOr<ReconcileSummary> reconciled = ReconcileRoom(access->group, live->front());
      (void)reconciled;
    }
  }
  // The session ends with its breakout rooms, deleted after the main room: a client whose
  // breakout room is deleted then finds the main room gone (GET /api/livekit/rooms/:name answers
  // room_not_active) and says the session ended instead of starting a new one
  // (docs/breakouts.md). A metadata flag set in the breakout rooms just before their deletion
  // would not do: livekit-server sends room metadata from a goroutine of the room, which the
  // deletion may stop first. A main room already gone (its empty timeout) still ends the set.
  const bool breakouts_open = access.ok() && access->group.breakouts_open;
  Status deleted = rooms_->DeleteRoom(room_name);
  if (!deleted.ok() && !(deleted.code() == StatusCode::kNotFound && breakouts_open)) {
    if (deleted.code() == StatusCode::kNotFound) {
      return NotFoundError("room '" + std::string(room_name) + "' is not active")
          .WithReason("room_not_active");
    }
    return internal::FromLiveKit(deleted, "DeleteRoom");
  }
  ForgetLiveRoom(room_name);
  // A failure to end the set still closes the main session below (and is answered); a set the
  // store could not close stays open, and a retry finds the main room gone and ends it.
  Status breakouts_ended = OkStatus();
  if (breakouts_open) {
    // Closed in the store before the rooms go: a token request leads to the main room from now on.
    StatusOr<std::vector<BreakoutRoom>> closed = store_->CloseBreakouts(access->group.id, NowMs());
    breakouts_ended = closed.ok() ? DeleteBreakoutRooms(access->group, *closed) : closed.status();
  }
  if (sid) {
    ForgetSession(*sid);
    StatusOr<RoomSession> closed = store_->CloseRoomSession(*sid, NowMs());
    if (!closed.ok() && closed.status().code() != StatusCode::kNotFound) return closed.status();
  }
  return breakouts_ended;
}

Status StudyGroupService::RemoveParticipant(const Principal& who, std::string_view room_name,
                                            std::string_view identity) {
  if (identity.empty()) return InvalidArgumentError("participantIdentity: required");
  LKS_RETURN_IF_ERROR(RequireLiveKit());
  StatusOr<Access> access = LoadAccessByRoom(who, room_name);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireModerator(who, *access));
  Status removed = rooms_->RemoveParticipant(room_name, identity);
  if (!removed.ok()) {
    if (removed.code() == StatusCode::kNotFound) {
      return NotFoundError("participant '" + std::string(identity) + "' is not in room '" +
                           std::string(room_name) + "'")
          .WithReason("participant_not_found");
    }
    return internal::FromLiveKit(removed, "RemoveParticipant");
  }
  // Bar the user from this session: the room's current SID (recorded when the room was created or
  // its room_started webhook arrived; asked from LiveKit otherwise).
  std::string sid = access->group.livekit_room_sid.value_or("");
  if (sid.empty()) {
    StatusOr<std::vector<Room>> rooms = rooms_->ListRooms({std::string(room_name)});
    if (rooms.ok() && !rooms->empty()) sid = rooms->front().sid;
  }
  const std::string user_id = UserIdFromIdentity(identity);
  if (!sid.empty() && !user_id.empty()) {
    LKS_RETURN_IF_ERROR(store_->AddRemoval(sid, user_id, who.user_id, NowMs()));
    // The removal raised the session's E2EE key index: tell the participants, who then ask for a
    // token with the new key (docs/e2ee.md).
    if (access->group.e2ee) {
      StatusOr<int64_t> index = store_->CountRemovals(sid);
      if (!index.ok()) return index.status();
      Status told = internal::SetRoomMetadataMember(*rooms_, room_name, "e2eeKeyIndex", *index);
      if (!told.ok())
        return told.Annotate("participant removed; announcing the new E2EE key index failed");
    }
  }
  return OkStatus();
}

StatusOr<TrackInfo> StudyGroupService::MuteTrack(const Principal& who, std::string_view room_name,
                                                 std::string_view identity,
                                                 std::string_view track_sid, bool muted) {
  if (identity.empty()) return InvalidArgumentError("participantIdentity: required");
  if (track_sid.empty()) return InvalidArgumentError("trackSid: required");
  LKS_RETURN_IF_ERROR(RequireLiveKit());
  StatusOr<Access> access = LoadAccessByRoom(who, room_name);
  if (!access.ok()) return access.status();
  LKS_RETURN_IF_ERROR(RequireModerator(who, *access));
  StatusOr<TrackInfo> track = rooms_->MutePublishedTrack(room_name, identity, track_sid, muted);
  if (!track.ok()) return internal::FromLiveKit(track.status(), "MutePublishedTrack");
  return track;
}

LiveKitStatus StudyGroupService::GetLiveKitStatus() const {
  LiveKitStatus s;
  s.server_url = options_.livekit_url;
  s.has_server_url = !options_.livekit_url.empty();
  s.has_api_key = !options_.api_key.empty();
  s.has_api_secret = has_api_secret_;
  s.configured = s.has_server_url && s.has_api_key && s.has_api_secret && rooms_ != nullptr;
  return s;
}

}  // namespace lks
