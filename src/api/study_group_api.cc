#include "lks/api/study_group_api.h"

#include <rapidjson/document.h>

#include "api/attendance_report.h"
#include "api/rest_json.h"
#include "core/iso_time.h"
#include "core/json_reader.h"
#include "core/json_writer.h"
#include "store/store_json.h"

namespace lks {
namespace {

using internal::JsonWriter;
using Document = rapidjson::Document;

Status ReadUint32Opt(const internal::JsonValue& o, const char* key, std::optional<uint32_t>* out) {
  const internal::JsonValue* v = internal::FindMember(o, key);
  if (!v || v->IsNull()) return OkStatus();
  if (!v->IsUint())
    return InvalidArgumentError(std::string(key) + ": expected a non-negative integer");
  *out = v->GetUint();
  return OkStatus();
}

// "admission": "open" | "approval" (absent or null: the default, open).
Status ReadAdmission(const internal::JsonValue& body, std::optional<Admission>* out) {
  std::optional<std::string> text;
  LKS_RETURN_IF_ERROR(internal::ReadOptionalString(body, "admission", &text));
  if (!text) return OkStatus();
  if (*text == "open") {
    *out = Admission::kOpen;
  } else if (*text == "approval") {
    *out = Admission::kApproval;
  } else {
    return InvalidArgumentError("admission: expected \"open\" or \"approval\"");
  }
  return OkStatus();
}

Status ReadCreateGroup(std::string_view json, CreateGroupRequest* r) {
  Document body;
  std::optional<std::string> provider, scheduled, admission;
  LKS_RETURN_IF_ERROR(internal::ParseJsonObject(json, &body, "body"));
  LKS_RETURN_IF_ERROR(internal::ReadString(body, "title", &r->title));
  if (r->title.empty()) return InvalidArgumentError("title: required");
  LKS_RETURN_IF_ERROR(internal::ReadString(body, "description", &r->description));
  LKS_RETURN_IF_ERROR(internal::ReadOptionalInt32(body, "maxParticipants", &r->max_participants));
  LKS_RETURN_IF_ERROR(internal::ReadOptionalInt32(body, "durationMinutes", &r->duration_minutes));
  LKS_RETURN_IF_ERROR(internal::ReadOptionalString(body, "scheduledTime", &scheduled));
  LKS_RETURN_IF_ERROR(internal::ReadOptionalString(body, "videoProvider", &provider));
  LKS_RETURN_IF_ERROR(internal::ReadOptionalBool(body, "useLiveKit", &r->use_livekit));
  LKS_RETURN_IF_ERROR(internal::ReadOptionalString(body, "meetLink", &r->meet_link));
  LKS_RETURN_IF_ERROR(internal::ReadOptionalString(body, "meetId", &r->meet_id));
  std::optional<std::string> time_zone, recurrence;
  LKS_RETURN_IF_ERROR(internal::ReadOptionalString(body, "timeZone", &time_zone));
  LKS_RETURN_IF_ERROR(internal::ReadOptionalString(body, "recurrence", &recurrence));
  r->time_zone = time_zone.value_or("");
  r->recurrence = recurrence.value_or("");
  LKS_RETURN_IF_ERROR(
      internal::ReadOptionalInt32(body, "earlyJoinMinutes", &r->early_join_minutes));
  LKS_RETURN_IF_ERROR(internal::ReadOptionalInt32(body, "graceMinutes", &r->grace_minutes));
  LKS_RETURN_IF_ERROR(ReadAdmission(body, &r->admission));
  // Recording and transcription settings (docs/recording.md).
  LKS_RETURN_IF_ERROR(internal::ReadBool(body, "recordingConsent", &r->recording_consent));
  LKS_RETURN_IF_ERROR(internal::ReadBool(body, "e2ee", &r->e2ee));
  LKS_RETURN_IF_ERROR(
      internal::ReadOptionalString(body, "transcriptionAgent", &r->transcription_agent));
  if (scheduled) {
    StatusOr<int64_t> ms = internal::ParseIsoTimeMs(*scheduled, "scheduledTime");
    if (!ms.ok()) return ms.status();
    r->scheduled_time_ms = *ms;
  }
  if (provider) {
    StatusOr<VideoProvider> p = ParseVideoProvider(*provider, "videoProvider");
    if (!p.ok()) return p.status();
    r->video_provider = *p;
  }
  return OkStatus();
}

// PATCH's body: create's fields (and checks) that may change after creation. A null or ""
// scheduledTime, timeZone, recurrence or transcriptionAgent removes it.
Status ReadUpdateGroup(std::string_view json, UpdateGroupRequest* r) {
  Document body;
  LKS_RETURN_IF_ERROR(internal::ParseJsonObject(json, &body, "body"));
  for (const char* fixed :
       {"videoProvider", "useLiveKit", "meetLink", "meetId", "livekitRoomName"}) {
    if (internal::FindMember(body, fixed))
      return InvalidArgumentError(std::string(fixed) + ": cannot be changed after creation");
  }
  // A present key (null included) of a removable text setting: its value, "" for null.
  auto removable = [&](const char* key, std::optional<std::string>* out) -> Status {
    const internal::JsonValue* v = internal::FindMember(body, key);
    if (!v) return OkStatus();
    if (v->IsNull()) {
      *out = std::string();
      return OkStatus();
    }
    return internal::ReadOptionalString(body, key, out);
  };
  if (const internal::JsonValue* t = internal::FindMember(body, "title")) {
    if (t->IsNull()) return InvalidArgumentError("title: required");
    LKS_RETURN_IF_ERROR(internal::ReadOptionalString(body, "title", &r->title));
    if (r->title->empty()) return InvalidArgumentError("title: required");
  }
  if (internal::FindMember(body, "description")) {
    r->description.emplace();
    LKS_RETURN_IF_ERROR(internal::ReadString(body, "description", &*r->description));
  }
  LKS_RETURN_IF_ERROR(internal::ReadOptionalInt32(body, "maxParticipants", &r->max_participants));
  LKS_RETURN_IF_ERROR(internal::ReadOptionalInt32(body, "durationMinutes", &r->duration_minutes));
  std::optional<std::string> scheduled;
  LKS_RETURN_IF_ERROR(removable("scheduledTime", &scheduled));
  LKS_RETURN_IF_ERROR(removable("timeZone", &r->time_zone));
  LKS_RETURN_IF_ERROR(removable("recurrence", &r->recurrence));
  LKS_RETURN_IF_ERROR(
      internal::ReadOptionalInt32(body, "earlyJoinMinutes", &r->early_join_minutes));
  LKS_RETURN_IF_ERROR(internal::ReadOptionalInt32(body, "graceMinutes", &r->grace_minutes));
  LKS_RETURN_IF_ERROR(ReadAdmission(body, &r->admission));
  LKS_RETURN_IF_ERROR(internal::ReadOptionalBool(body, "recordingConsent", &r->recording_consent));
  LKS_RETURN_IF_ERROR(internal::ReadOptionalBool(body, "e2ee", &r->e2ee));
  LKS_RETURN_IF_ERROR(removable("transcriptionAgent", &r->transcription_agent));
  if (scheduled) {
    r->scheduled_time_ms = 0;
    if (!scheduled->empty()) {
      StatusOr<int64_t> ms = internal::ParseIsoTimeMs(*scheduled, "scheduledTime");
      if (!ms.ok()) return ms.status();
      r->scheduled_time_ms = *ms;
    }
  }
  if (r->empty()) {
    return InvalidArgumentError(
        "body: names no setting to change (title, description, maxParticipants, scheduledTime, "
        "durationMinutes, timeZone, recurrence, earlyJoinMinutes, graceMinutes, admission, "
        "recordingConsent, e2ee, transcriptionAgent)");
  }
  return OkStatus();
}

// The JSON `write` produces.
template <typename F>
std::string Json(F&& write) {
  std::string out;
  JsonWriter w(&out);
  write(w);
  return out;
}

// A group's JSON with its nextSession (null when the stored schedule cannot be expanded).
void WriteGroup(const StudyGroupService& service, const StudyGroup& g, JsonWriter& w) {
  StatusOr<std::optional<Occurrence>> next = service.NextSession(g);
  internal::WriteGroup(g, next.ok() ? *next : std::nullopt, w);
}

std::string NowIso() { return internal::FormatIsoTimeMs(SystemClock().NowUnixMillis()); }

}  // namespace

StudyGroupApi::StudyGroupApi(std::shared_ptr<StudyGroupService> service,
                             std::shared_ptr<const WebhookReceiver> webhooks)
    : service_(std::move(service)), webhooks_(std::move(webhooks)) {}

// --- Study groups ---

StatusOr<std::string> StudyGroupApi::CreateGroup(const Principal& who,
                                                 std::string_view request_json) const {
  CreateGroupRequest r;
  LKS_RETURN_IF_ERROR(ReadCreateGroup(request_json, &r));
  StatusOr<StudyGroup> g = service_->CreateGroup(who, r);
  if (!g.ok()) return g.status();
  return Json([&](JsonWriter& w) { WriteGroup(*service_, *g, w); });
}

StatusOr<std::string> StudyGroupApi::UpdateGroup(const Principal& who, int64_t group_id,
                                                 std::string_view request_json) const {
  UpdateGroupRequest r;
  LKS_RETURN_IF_ERROR(ReadUpdateGroup(request_json, &r));
  StatusOr<StudyGroup> g = service_->UpdateGroup(who, group_id, r);
  if (!g.ok()) return g.status();
  return Json([&](JsonWriter& w) { WriteGroup(*service_, *g, w); });
}

StatusOr<std::string> StudyGroupApi::GetGroup(const Principal& who, int64_t group_id) const {
  StatusOr<StudyGroup> g = service_->GetGroup(who, group_id);
  if (!g.ok()) return g.status();
  return Json([&](JsonWriter& w) { WriteGroup(*service_, *g, w); });
}

StatusOr<std::string> StudyGroupApi::ListGroups(const Principal& who, int64_t after_id,
                                                int64_t limit) const {
  if (after_id < 0) return InvalidArgumentError("after: expected a non-negative integer");
  if (limit < 1 || limit > 1000)
    return InvalidArgumentError("limit: expected an integer from 1 to 1000");
  StatusOr<StudyGroupPage> page =
      service_->ListMyGroups(who, after_id, static_cast<int32_t>(limit));
  if (!page.ok()) return page.status();
  return Json([&](JsonWriter& w) {
    w.BeginObject().Key("groups").BeginArray();
    for (const StudyGroup& g : page->groups) WriteGroup(*service_, g, w);
    w.EndArray().Field("total", static_cast<int64_t>(page->groups.size())).Key("nextAfter");
    if (page->next_after_id) {
      w.Int(page->next_after_id);
    } else {
      w.Null();
    }
    w.EndObject();
  });
}

StatusOr<std::string> StudyGroupApi::JoinGroup(const Principal& who, int64_t group_id) const {
  StatusOr<Membership> m = service_->JoinGroup(who, group_id);
  if (!m.ok()) return m.status();
  return Json([&](JsonWriter& w) { internal::WriteMembership(*m, w); });
}

StatusOr<std::string> StudyGroupApi::LeaveGroup(const Principal& who, int64_t group_id) const {
  LKS_RETURN_IF_ERROR(service_->LeaveGroup(who, group_id));
  return Json([&](JsonWriter& w) {
    w.BeginObject()
        .Field("groupId", group_id)
        .Field("userId", std::string_view(who.user_id))
        .EndObject();
  });
}

StatusOr<std::string> StudyGroupApi::ListMembers(const Principal& who, int64_t group_id) const {
  StatusOr<std::vector<Membership>> ms = service_->ListMembers(who, group_id);
  if (!ms.ok()) return ms.status();
  return Json([&](JsonWriter& w) {
    w.BeginObject().Key("members").BeginArray();
    for (const Membership& m : *ms) internal::WriteMembership(m, w);
    w.EndArray().Field("total", static_cast<int64_t>(ms->size())).EndObject();
  });
}

StatusOr<std::string> StudyGroupApi::GetUsage(const Principal& who, int64_t group_id) const {
  StatusOr<UsageReport> u = service_->GetUsage(who, group_id);
  if (!u.ok()) return u.status();
  return Json([&](JsonWriter& w) { internal::WriteUsage(*u, w); });
}

StatusOr<std::string> StudyGroupApi::StartRecording(const Principal& who, int64_t group_id) const {
  StatusOr<Recording> r = service_->StartRecording(who, group_id);
  if (!r.ok()) return r.status();
  return Json([&](JsonWriter& w) { store::WriteRecording(w, *r); });
}

StatusOr<std::string> StudyGroupApi::StopRecording(const Principal& who, int64_t group_id) const {
  StatusOr<Recording> r = service_->StopRecording(who, group_id);
  if (!r.ok()) return r.status();
  return Json([&](JsonWriter& w) { store::WriteRecording(w, *r); });
}

StatusOr<std::string> StudyGroupApi::ListRecordings(const Principal& who, int64_t group_id) const {
  StatusOr<std::vector<Recording>> list = service_->ListRecordings(who, group_id);
  if (!list.ok()) return list.status();
  return Json([&](JsonWriter& w) {
    w.BeginObject().Field("groupId", group_id).Key("recordings").BeginArray();
    for (const Recording& r : *list) store::WriteRecording(w, r);
    w.EndArray().Field("total", static_cast<int64_t>(list->size())).EndObject();
  });
}

namespace {

void WriteBreakoutState(JsonWriter& w, const BreakoutState& s) {
  w.BeginObject().Field("groupId", s.group_id).Field("open", s.open());
  w.Field("mainRoomName", std::string_view(s.main_room_name));
  w.Field("sessionSid", std::string_view(s.session_sid));
  w.Key("rooms").BeginArray();
  for (const BreakoutRoom& b : s.rooms) store::WriteBreakout(w, b);
  w.EndArray().Key("assignment");
  if (s.mine) {
    store::WriteBreakout(w, *s.mine);
  } else {
    w.Null();
  }
  w.EndObject();
}

// {"count":N,"mode":"auto"} or {"assignments":[{"members":["u1",...]},...]}.
Status ReadBreakoutRequest(std::string_view json, BreakoutRequest* r) {
  Document body;
  LKS_RETURN_IF_ERROR(internal::ParseJsonObject(json, &body, "body"));
  std::optional<std::string> mode;
  LKS_RETURN_IF_ERROR(internal::ReadOptionalString(body, "mode", &mode));
  const internal::JsonValue* a = internal::FindMember(body, "assignments");
  if (mode) {
    if (*mode != "auto") return InvalidArgumentError("mode: expected \"auto\"");
    if (a && !a->IsNull()) return InvalidArgumentError("assignments: not with \"mode\":\"auto\"");
    std::optional<int32_t> count;
    LKS_RETURN_IF_ERROR(internal::ReadOptionalInt32(body, "count", &count));
    if (!count) return InvalidArgumentError("count: required with \"mode\":\"auto\"");
    r->auto_assign = true;
    r->count = *count;
    return OkStatus();
  }
  if (!a || !a->IsArray() || a->Empty()) {
    return InvalidArgumentError(
        "assignments: required, a non-empty array (or {\"count\":N,\"mode\":\"auto\"})");
  }
  for (rapidjson::SizeType i = 0; i < a->Size(); ++i) {
    const std::string field = "assignments[" + std::to_string(i) + "]";
    const internal::JsonValue& room = (*a)[i];
    if (!room.IsObject()) return InvalidArgumentError(field + ": expected an object");
    const internal::JsonValue* m = internal::FindMember(room, "members");
    if (!m || !m->IsArray()) return InvalidArgumentError(field + ".members: expected an array");
    std::vector<std::string> members;
    for (const internal::JsonValue& u : m->GetArray()) {
      if (u.IsString()) {
        members.emplace_back(u.GetString(), u.GetStringLength());
      } else if (u.IsInt64()) {
        members.push_back(std::to_string(u.GetInt64()));  // numeric user ids, as the seed has
      } else {
        return InvalidArgumentError(field + ".members: expected user ids");
      }
    }
    r->assignments.push_back(std::move(members));
  }
  return OkStatus();
}

}  // namespace

StatusOr<std::string> StudyGroupApi::OpenBreakouts(const Principal& who, int64_t group_id,
                                                   std::string_view request_json) const {
  BreakoutRequest r;
  LKS_RETURN_IF_ERROR(ReadBreakoutRequest(request_json, &r));
  StatusOr<BreakoutState> s = service_->OpenBreakouts(who, group_id, r);
  if (!s.ok()) return s.status();
  return Json([&](JsonWriter& w) { WriteBreakoutState(w, *s); });
}

StatusOr<std::string> StudyGroupApi::GetBreakouts(const Principal& who, int64_t group_id) const {
  StatusOr<BreakoutState> s = service_->GetBreakouts(who, group_id);
  if (!s.ok()) return s.status();
  return Json([&](JsonWriter& w) { WriteBreakoutState(w, *s); });
}

StatusOr<std::string> StudyGroupApi::CloseBreakouts(const Principal& who, int64_t group_id) const {
  StatusOr<BreakoutState> s = service_->CloseBreakouts(who, group_id);
  if (!s.ok()) return s.status();
  return Json([&](JsonWriter& w) { WriteBreakoutState(w, *s); });
}

StatusOr<std::string> StudyGroupApi::GetAttendance(const Principal& who, int64_t group_id) const {
  StatusOr<std::vector<SessionAttendance>> a = service_->GetAttendance(who, group_id);
  if (!a.ok()) return a.status();
  return Json([&](JsonWriter& w) { internal::WriteAttendance(group_id, *a, w); });
}

StatusOr<std::string> StudyGroupApi::GetCalendar(const Principal& who, int64_t group_id) const {
  return service_->GetCalendar(who, group_id);
}

// --- Admission ---

StatusOr<std::string> StudyGroupApi::ListKnocks(const Principal& who, int64_t group_id) const {
  StatusOr<KnockList> list = service_->ListKnocks(who, group_id);
  if (!list.ok()) return list.status();
  return Json([&](JsonWriter& w) { internal::WriteKnockList(*list, w); });
}

StatusOr<std::string> StudyGroupApi::AdmitKnock(const Principal& who, int64_t group_id,
                                                std::string_view user_id) const {
  StatusOr<Knock> k = service_->AdmitKnock(who, group_id, user_id);
  if (!k.ok()) return k.status();
  return Json([&](JsonWriter& w) { internal::WriteKnock(*k, w); });
}

StatusOr<std::string> StudyGroupApi::DenyKnock(const Principal& who, int64_t group_id,
                                               std::string_view user_id) const {
  StatusOr<Knock> k = service_->DenyKnock(who, group_id, user_id);
  if (!k.ok()) return k.status();
  return Json([&](JsonWriter& w) { internal::WriteKnock(*k, w); });
}

StatusOr<std::string> StudyGroupApi::LockGroup(const Principal& who, int64_t group_id) const {
  StatusOr<StudyGroup> g = service_->SetLocked(who, group_id, true);
  if (!g.ok()) return g.status();
  return Json([&](JsonWriter& w) { WriteGroup(*service_, *g, w); });
}

StatusOr<std::string> StudyGroupApi::UnlockGroup(const Principal& who, int64_t group_id) const {
  StatusOr<StudyGroup> g = service_->SetLocked(who, group_id, false);
  if (!g.ok()) return g.status();
  return Json([&](JsonWriter& w) { WriteGroup(*service_, *g, w); });
}

StatusOr<std::string> StudyGroupApi::GetSessionAttendance(const Principal& who, int64_t group_id,
                                                          std::string_view room_sid) const {
  StatusOr<SessionReport> r = service_->GetSessionReport(who, group_id, room_sid);
  if (!r.ok()) return r.status();
  return Json([&](JsonWriter& w) { internal::WriteSessionReport(group_id, *r, w); });
}

StatusOr<std::string> StudyGroupApi::GetSessionAttendanceCsv(const Principal& who, int64_t group_id,
                                                             std::string_view room_sid) const {
  StatusOr<SessionReport> r = service_->GetSessionReport(who, group_id, room_sid);
  if (!r.ok()) return r.status();
  return internal::SessionReportCsv(*r);
}

StatusOr<std::string> StudyGroupApi::Reconcile() const {
  StatusOr<ReconcileSummary> r = service_->ReconcileLiveSessions();
  if (!r.ok()) return r.status();
  return Json([&](JsonWriter& w) {
    w.BeginObject()
        .Field("sessionsChecked", r->sessions_checked)
        .Field("rowsOpened", r->rows_opened)
        .Field("rowsClosed", r->rows_closed)
        .Field("sessionsClosed", r->sessions_closed)
        .EndObject();
  });
}

// --- LiveKit ---

StatusOr<std::string> StudyGroupApi::IssueToken(const Principal& who, std::string_view room_name,
                                                std::string_view participant_name,
                                                bool* waiting) const {
  StatusOr<TokenDecision> d = service_->IssueToken(who, room_name, participant_name);
  if (!d.ok()) return d.status();
  if (waiting) *waiting = d->waiting();
  if (d->waiting()) {
    const AdmissionWait& a = d->wait();
    const std::string knocked_at = internal::FormatIsoTimeMs(a.knocked_at_ms);
    return Json([&](JsonWriter& w) {
      w.BeginObject()
          .Field("status", "waiting")
          .Field("groupId", a.group_id)
          .Field("roomName", std::string_view(a.room_name))
          .Field("session", std::string_view(a.session))
          .Field("knockedAt", std::string_view(knocked_at))
          .Field("retryAfterSeconds", static_cast<int64_t>(a.retry_after.count()))
          .EndObject();
    });
  }
  const IssuedToken* t = &d->token();
  char expires_at[internal::kIsoTimeMsMaxChars];
  return Json([&](JsonWriter& w) {
    w.BeginObject()
        .Field("token", std::string_view(t->token))
        .Field("serverUrl", std::string_view(t->server_url))
        .Field("roomName", std::string_view(t->room_name))
        .Field("identity", std::string_view(t->identity))
        .Field("participantName", std::string_view(t->participant_name))
        .Field("expiresAt", internal::FormatIsoTimeMs(t->expires_at_ms, expires_at));
    if (!t->e2ee_key.empty()) {
      w.Field("e2eeKey", std::string_view(t->e2ee_key)).Field("e2eeKeyIndex", t->e2ee_key_index);
    }
    if (t->breakout) {
      w.Key("breakout").BeginObject();
      w.Field("roomName", std::string_view(t->breakout->room_name));
      w.Field("number", int64_t{t->breakout->number});
      w.Field("mainRoomName", std::string_view(t->main_room_name));
      w.Field("sessionSid", std::string_view(t->breakout->session_sid));
      w.EndObject();
    }
    w.EndObject();
  });
}

StatusOr<std::string> StudyGroupApi::CreateRoom(const Principal& who,
                                                std::string_view request_json) const {
  Document body;
  CreateLiveKitRoomRequest r;
  LKS_RETURN_IF_ERROR(internal::ParseJsonObject(request_json, &body, "body"));
  LKS_RETURN_IF_ERROR(internal::ReadString(body, "name", &r.name));
  LKS_RETURN_IF_ERROR(ReadUint32Opt(body, "emptyTimeout", &r.empty_timeout));
  LKS_RETURN_IF_ERROR(ReadUint32Opt(body, "maxParticipants", &r.max_participants));
  StatusOr<Room> room = service_->CreateRoom(who, r);
  if (!room.ok()) return room.status();
  return Json([&](JsonWriter& w) { internal::WriteRoom(*room, w); });
}

StatusOr<std::string> StudyGroupApi::ListRooms(const Principal& who) const {
  StatusOr<std::vector<Room>> rooms = service_->ListRooms(who);
  if (!rooms.ok()) return rooms.status();
  return Json([&](JsonWriter& w) {
    w.BeginObject().Key("rooms").BeginArray();
    for (const Room& r : *rooms) internal::WriteRoom(r, w);
    w.EndArray().Field("total", static_cast<int64_t>(rooms->size())).EndObject();
  });
}

StatusOr<std::string> StudyGroupApi::GetRoom(const Principal& who,
                                             std::string_view room_name) const {
  StatusOr<RoomDetails> d = service_->GetRoom(who, room_name);
  if (!d.ok()) return d.status();
  return Json([&](JsonWriter& w) {
    w.BeginObject().Key("room");
    internal::WriteRoom(d->room, w);
    w.Key("participants").BeginArray();
    for (const ParticipantInfo& p : d->participants) internal::WriteParticipant(p, w);
    w.EndArray().EndObject();
  });
}

StatusOr<std::string> StudyGroupApi::DeleteRoom(const Principal& who,
                                                std::string_view room_name) const {
  LKS_RETURN_IF_ERROR(service_->EndRoom(who, room_name));
  const std::string when = NowIso();
  return Json([&](JsonWriter& w) {
    w.BeginObject()
        .Field("roomName", room_name)
        .Field("deletedAt", std::string_view(when))
        .EndObject();
  });
}

StatusOr<std::string> StudyGroupApi::RemoveParticipant(const Principal& who,
                                                       std::string_view room_name,
                                                       std::string_view identity) const {
  LKS_RETURN_IF_ERROR(service_->RemoveParticipant(who, room_name, identity));
  const std::string when = NowIso();
  return Json([&](JsonWriter& w) {
    w.BeginObject()
        .Field("roomName", room_name)
        .Field("participantIdentity", identity)
        .Field("removedAt", std::string_view(when))
        .EndObject();
  });
}

StatusOr<std::string> StudyGroupApi::MuteTrack(const Principal& who, std::string_view room_name,
                                               std::string_view identity,
                                               std::string_view track_sid, bool muted) const {
  StatusOr<TrackInfo> t = service_->MuteTrack(who, room_name, identity, track_sid, muted);
  if (!t.ok()) return t.status();
  return Json([&](JsonWriter& w) {
    w.BeginObject()
        .Field("trackSid", std::string_view(t->sid))
        .Field("muted", t->muted)
        .EndObject();
  });
}

std::string StudyGroupApi::LiveKitStatus() const {
  const lks::LiveKitStatus st = service_->GetLiveKitStatus();
  return Json([&](JsonWriter& w) {
    w.BeginObject()
        .Field("configured", st.configured)
        .Field("serverUrl", std::string_view(st.server_url))
        .Field("hasApiKey", st.has_api_key)
        .Field("hasApiSecret", st.has_api_secret)
        .Field("hasServerUrl", st.has_server_url)
        .EndObject();
  });
}

// --- Webhooks ---

StatusOr<std::string> StudyGroupApi::ReceiveWebhook(std::string_view body,
                                                    std::string_view authorization) const {
  if (!webhooks_) {
    return FailedPreconditionError("webhooks are not configured (no LiveKit API key and secret)")
        .WithReason("livekit_not_configured")
        .WithHttpStatus(503);
  }
  StatusOr<WebhookEvent> event = webhooks_->Receive(body, authorization);
  if (!event.ok()) {
    const Status& s = event.status();
    if (s.code() == StatusCode::kInvalidArgument) return s;
    // Anything else that stops a delivery is a failed authentication.
    return UnauthenticatedError(s.message())
        .WithReason(s.reason().empty() ? "unauthenticated" : s.reason())
        .WithHttpStatus(401);
  }
  StatusOr<WebhookOutcome> outcome = service_->IngestWebhook(*event);
  if (!outcome.ok()) return outcome.status();
  const char* what = *outcome == WebhookOutcome::kApplied     ? "applied"
                     : *outcome == WebhookOutcome::kDuplicate ? "duplicate"
                                                              : "ignored";
  return Json([&](JsonWriter& w) {
    w.BeginObject()
        .Field("event", std::string_view(event->event))
        .Field("id", std::string_view(event->id))
        .Field("outcome", what)
        .EndObject();
  });
}

}  // namespace lks
