#include "lks/livekit/webhook_event.h"

#include <rapidjson/document.h>

#include <array>
#include <charconv>
#include <utility>

#include "core/json_reader.h"
#include "core/json_writer.h"

namespace lks {
namespace {

using internal::FindMember;
using internal::JsonValue;

constexpr std::array<const char*, 15> kEventNames = {
    "",
    "room_started",
    "room_finished",
    "participant_joined",
    "participant_left",
    "participant_connection_aborted",
    "track_published",
    "track_unpublished",
    "egress_started",
    "egress_updated",
    "egress_ended",
    "ingress_started",
    "ingress_ended",
    "agent_job_started",
    "agent_job_ended",
};

// Protojson enum names by number (nullptr marks a gap). Taken from LiveKit's protocol.
using EnumNames = std::initializer_list<const char*>;
constexpr EnumNames kTrackType = {"AUDIO", "VIDEO", "DATA"};
constexpr EnumNames kTrackSource = {"UNKNOWN", "CAMERA", "MICROPHONE", "SCREEN_SHARE", "SCREEN_SHARE_AUDIO"};
constexpr EnumNames kParticipantState = {"JOINING", "JOINED", "ACTIVE", "DISCONNECTED"};
constexpr EnumNames kParticipantKind = {"STANDARD", "INGRESS", "EGRESS", "SIP", "AGENT", nullptr, nullptr,
                                        "CONNECTOR", "BRIDGE"};
constexpr EnumNames kDisconnectReason = {
    "UNKNOWN_REASON",     "CLIENT_INITIATED",  "DUPLICATE_IDENTITY", "SERVER_SHUTDOWN",
    "PARTICIPANT_REMOVED", "ROOM_DELETED",     "STATE_MISMATCH",     "JOIN_FAILURE",
    "MIGRATION",          "SIGNAL_CLOSE",      "ROOM_CLOSED",        "USER_UNAVAILABLE",
    "USER_REJECTED",      "SIP_TRUNK_FAILURE", "CONNECTION_TIMEOUT", "MEDIA_FAILURE",
    "AGENT_ERROR"};
constexpr EnumNames kEgressStatus = {"EGRESS_STARTING", "EGRESS_ACTIVE",  "EGRESS_ENDING",       "EGRESS_COMPLETE",
                                     "EGRESS_FAILED",   "EGRESS_ABORTED", "EGRESS_LIMIT_REACHED"};
constexpr EnumNames kIngressInput = {"RTMP_INPUT", "WHIP_INPUT", "URL_INPUT"};
constexpr EnumNames kIngressStatus = {"ENDPOINT_INACTIVE", "ENDPOINT_BUFFERING", "ENDPOINT_PUBLISHING",
                                      "ENDPOINT_ERROR", "ENDPOINT_COMPLETE"};
constexpr EnumNames kJobType = {"JT_ROOM", "JT_PUBLISHER", "JT_PARTICIPANT"};
constexpr EnumNames kJobStatus = {"JS_PENDING", "JS_RUNNING", "JS_SUCCESS", "JS_FAILED"};
constexpr EnumNames kRoomEndReason = {"ROOM_END_UNKNOWN",         "ROOM_END_API_DELETE", "ROOM_END_IDLE_TIMEOUT",
                                      "ROOM_END_SERVER_SHUTDOWN", "ROOM_END_SUPERSEDED", "ROOM_END_OPEN_FAILED"};

Status BadEvent(const Status& s) { return InvalidArgumentError(s.message()).WithReason("bad_event").WithHttpStatus(400); }

// Reads a path-prefixed field; `prefix` is e.g. "job.room.".
class Reader {
 public:
  explicit Reader(std::string prefix) : prefix_(std::move(prefix)) {}

  void Str(const JsonValue& o, const char* k, std::string* out) { Keep(internal::ReadString(o, k, out, prefix_)); }
  void Bool(const JsonValue& o, const char* k, bool* out) { Keep(internal::ReadBool(o, k, out, prefix_)); }
  void I64(const JsonValue& o, const char* k, int64_t* out) { Keep(internal::ReadInt64(o, k, out, prefix_)); }
  void U32(const JsonValue& o, const char* k, uint32_t* out) { Keep(internal::ReadUint32(o, k, out, prefix_)); }
  void I32(const JsonValue& o, const char* k, int32_t* out) {
    int64_t v = *out;
    Status s = internal::ReadInt64(o, k, &v, prefix_);
    if (s.ok() && (v < INT32_MIN || v > INT32_MAX)) s = InvalidArgumentError(prefix_ + k + ": expected a 32-bit integer");
    if (s.ok()) *out = static_cast<int32_t>(v);
    Keep(std::move(s));
  }
  // Protojson enums come as names; numbers are accepted too and mapped to names.
  void Enum(const JsonValue& o, const char* k, EnumNames names, std::string* out) {
    const JsonValue* v = FindMember(o, k);
    if (!v || v->IsNull()) return;
    if (v->IsString()) {
      out->assign(v->GetString(), v->GetStringLength());
    } else if (v->IsInt64()) {
      const int64_t n = v->GetInt64();
      if (n >= 0 && static_cast<size_t>(n) < names.size() && names.begin()[n] != nullptr) {
        out->assign(names.begin()[n]);
      } else {
        *out = std::to_string(n);
      }
    } else {
      Keep(InvalidArgumentError(prefix_ + k + ": expected an enum name or number"));
    }
  }
  void StrMap(const JsonValue& o, const char* k, std::map<std::string, std::string>* out) {
    const JsonValue* v = FindMember(o, k);
    if (!v || v->IsNull()) return;
    if (!v->IsObject()) return Keep(InvalidArgumentError(prefix_ + k + ": expected an object"));
    for (auto it = v->MemberBegin(); it != v->MemberEnd(); ++it) {
      if (!it->value.IsString()) {
        return Keep(InvalidArgumentError(prefix_ + k + "." + it->name.GetString() + ": expected a string"));
      }
      out->insert_or_assign(std::string(it->name.GetString(), it->name.GetStringLength()),
                            std::string(it->value.GetString(), it->value.GetStringLength()));
    }
  }
  // The object at `k`, nullptr when absent or null; an error when it is not an object.
  const JsonValue* Object(const JsonValue& o, const char* k) {
    const JsonValue* v = FindMember(o, k);
    if (!v || v->IsNull()) return nullptr;
    if (!v->IsObject()) {
      Keep(InvalidArgumentError(prefix_ + k + ": expected an object"));
      return nullptr;
    }
    return v;
  }
  const JsonValue* Array(const JsonValue& o, const char* k) {
    const JsonValue* v = FindMember(o, k);
    if (!v || v->IsNull()) return nullptr;
    if (!v->IsArray()) {
      Keep(InvalidArgumentError(prefix_ + k + ": expected an array"));
      return nullptr;
    }
    return v;
  }
  // Records "<prefix><what>" as the error (the first error wins).
  void Error(std::string what) { Keep(InvalidArgumentError(prefix_ + what)); }
  Reader Nested(const char* k) const { return Reader(prefix_ + k + "."); }
  void Merge(Reader&& r) { Keep(std::move(r.status_)); }
  const Status& status() const { return status_; }

 private:
  void Keep(Status s) {
    if (status_.ok() && !s.ok()) status_ = std::move(s);
  }
  std::string prefix_;
  Status status_;
};

void ReadTrack(const JsonValue& o, Reader& r, WebhookTrack* t) {
  r.Str(o, "sid", &t->sid);
  r.Enum(o, "type", kTrackType, &t->type);
  r.Str(o, "name", &t->name);
  r.Enum(o, "source", kTrackSource, &t->source);
  r.Str(o, "mimeType", &t->mime_type);
  r.Str(o, "mid", &t->mid);
  r.Bool(o, "muted", &t->muted);
  r.U32(o, "width", &t->width);
  r.U32(o, "height", &t->height);
}

void ReadRoom(const JsonValue& o, Reader& r, WebhookRoom* m) {
  r.Str(o, "sid", &m->sid);
  r.Str(o, "name", &m->name);
  r.U32(o, "emptyTimeout", &m->empty_timeout);
  r.U32(o, "departureTimeout", &m->departure_timeout);
  r.U32(o, "maxParticipants", &m->max_participants);
  r.I64(o, "creationTime", &m->creation_time);
  r.I64(o, "creationTimeMs", &m->creation_time_ms);
  r.Str(o, "metadata", &m->metadata);
  r.U32(o, "numParticipants", &m->num_participants);
  r.U32(o, "numPublishers", &m->num_publishers);
  r.Bool(o, "activeRecording", &m->active_recording);
}

void ReadParticipant(const JsonValue& o, Reader& r, WebhookParticipant* p) {
  r.Str(o, "sid", &p->sid);
  r.Str(o, "identity", &p->identity);
  r.Str(o, "name", &p->name);
  r.Enum(o, "state", kParticipantState, &p->state);
  r.Enum(o, "kind", kParticipantKind, &p->kind);
  r.Str(o, "metadata", &p->metadata);
  r.StrMap(o, "attributes", &p->attributes);
  r.I64(o, "joinedAt", &p->joined_at);
  r.I64(o, "joinedAtMs", &p->joined_at_ms);
  r.Bool(o, "isPublisher", &p->is_publisher);
  r.Str(o, "region", &p->region);
  r.Enum(o, "disconnectReason", kDisconnectReason, &p->disconnect_reason);
  if (const JsonValue* tracks = r.Array(o, "tracks")) {
    p->tracks.reserve(tracks->Size());
    for (rapidjson::SizeType i = 0; i < tracks->Size() && r.status().ok(); ++i) {
      const std::string key = "tracks[" + std::to_string(i) + "]";
      const JsonValue& t = (*tracks)[i];
      if (!t.IsObject()) return r.Error(key + ": expected an object");
      Reader tr = r.Nested(key.c_str());
      ReadTrack(t, tr, &p->tracks.emplace_back());
      r.Merge(std::move(tr));
    }
  }
}

void ReadEgress(const JsonValue& o, Reader& r, WebhookEgressInfo* e) {
  r.Str(o, "egressId", &e->egress_id);
  r.Str(o, "roomId", &e->room_id);
  r.Str(o, "roomName", &e->room_name);
  r.Enum(o, "status", kEgressStatus, &e->status);
  r.I64(o, "startedAt", &e->started_at);
  r.I64(o, "endedAt", &e->ended_at);
  r.I64(o, "updatedAt", &e->updated_at);
  r.Str(o, "error", &e->error);
}

void ReadIngress(const JsonValue& o, Reader& r, WebhookIngressInfo* g) {
  r.Str(o, "ingressId", &g->ingress_id);
  r.Str(o, "name", &g->name);
  r.Str(o, "roomName", &g->room_name);
  r.Str(o, "participantIdentity", &g->participant_identity);
  r.Str(o, "participantName", &g->participant_name);
  r.Enum(o, "inputType", kIngressInput, &g->input_type);
  if (const JsonValue* st = r.Object(o, "state")) {
    Reader sr = r.Nested("state");
    sr.Enum(*st, "status", kIngressStatus, &g->status);
    sr.Str(*st, "error", &g->error);
    sr.Str(*st, "roomId", &g->room_id);
    sr.I64(*st, "startedAt", &g->started_at);
    sr.I64(*st, "endedAt", &g->ended_at);
    r.Merge(std::move(sr));
  }
}

void ReadJob(const JsonValue& o, Reader& r, WebhookJob* j) {
  r.Str(o, "id", &j->id);
  r.Str(o, "dispatchId", &j->dispatch_id);
  r.Enum(o, "type", kJobType, &j->type);
  r.Str(o, "agentName", &j->agent_name);
  r.Str(o, "metadata", &j->metadata);
  if (const JsonValue* room = r.Object(o, "room")) {
    Reader rr = r.Nested("room");
    ReadRoom(*room, rr, &j->room.emplace());
    r.Merge(std::move(rr));
  }
  if (const JsonValue* p = r.Object(o, "participant")) {
    Reader pr = r.Nested("participant");
    ReadParticipant(*p, pr, &j->participant.emplace());
    r.Merge(std::move(pr));
  }
  if (const JsonValue* st = r.Object(o, "state")) {
    Reader sr = r.Nested("state");
    sr.Enum(*st, "status", kJobStatus, &j->status);
    sr.Str(*st, "error", &j->error);
    sr.I64(*st, "startedAt", &j->started_at);
    sr.I64(*st, "endedAt", &j->ended_at);
    r.Merge(std::move(sr));
  }
}

// Reads sub-object `key` of `o` into a fresh T with `read`.
template <typename T, typename F>
void ReadChild(const JsonValue& o, Reader& r, const char* key, std::optional<T>* out, F read) {
  if (const JsonValue* v = r.Object(o, key)) {
    Reader cr = r.Nested(key);
    read(*v, cr, &out->emplace());
    r.Merge(std::move(cr));
  }
}

// Per-thread memory for the parser: most bodies fit, so parsing allocates nothing but the result.
struct ParseScratch {
  alignas(16) char value_buffer[32 * 1024];
  alignas(16) char stack_buffer[4 * 1024];
};
ParseScratch& ThreadScratch() {
  thread_local ParseScratch s;
  return s;
}
using PoolAllocator = rapidjson::MemoryPoolAllocator<>;
using ScratchDocument = rapidjson::GenericDocument<rapidjson::UTF8<>, PoolAllocator, PoolAllocator>;

void WriteInt64(internal::JsonWriter& w, std::string_view key, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  w.Key(key).String(std::string_view(buf, static_cast<size_t>(r.ptr - buf)));
}
void WriteUint(internal::JsonWriter& w, std::string_view key, uint64_t v) { w.Key(key).Uint(v); }

void WriteTrack(internal::JsonWriter& w, const WebhookTrack& t) {
  w.BeginObject();
  w.Field("sid", std::string_view(t.sid)).Field("type", std::string_view(t.type));
  w.Field("name", std::string_view(t.name)).Field("source", std::string_view(t.source));
  w.Field("mimeType", std::string_view(t.mime_type)).Field("mid", std::string_view(t.mid));
  w.Field("muted", t.muted);
  WriteUint(w, "width", t.width);
  WriteUint(w, "height", t.height);
  w.EndObject();
}

void WriteRoom(internal::JsonWriter& w, const WebhookRoom& m) {
  w.BeginObject();
  w.Field("sid", std::string_view(m.sid)).Field("name", std::string_view(m.name));
  WriteUint(w, "emptyTimeout", m.empty_timeout);
  WriteUint(w, "departureTimeout", m.departure_timeout);
  WriteUint(w, "maxParticipants", m.max_participants);
  WriteInt64(w, "creationTime", m.creation_time);
  WriteInt64(w, "creationTimeMs", m.creation_time_ms);
  w.Field("metadata", std::string_view(m.metadata));
  WriteUint(w, "numParticipants", m.num_participants);
  WriteUint(w, "numPublishers", m.num_publishers);
  w.Field("activeRecording", m.active_recording);
  w.EndObject();
}

void WriteParticipant(internal::JsonWriter& w, const WebhookParticipant& p) {
  w.BeginObject();
  w.Field("sid", std::string_view(p.sid)).Field("identity", std::string_view(p.identity));
  w.Field("name", std::string_view(p.name)).Field("state", std::string_view(p.state));
  w.Field("kind", std::string_view(p.kind)).Field("metadata", std::string_view(p.metadata));
  w.Key("attributes").BeginObject();
  for (const auto& [k, v] : p.attributes) w.Field(k, std::string_view(v));
  w.EndObject();
  WriteInt64(w, "joinedAt", p.joined_at);
  WriteInt64(w, "joinedAtMs", p.joined_at_ms);
  w.Field("isPublisher", p.is_publisher).Field("region", std::string_view(p.region));
  w.Field("disconnectReason", std::string_view(p.disconnect_reason));
  w.Key("tracks").BeginArray();
  for (const WebhookTrack& t : p.tracks) WriteTrack(w, t);
  w.EndArray();
  w.EndObject();
}

void WriteEgress(internal::JsonWriter& w, const WebhookEgressInfo& e) {
  w.BeginObject();
  w.Field("egressId", std::string_view(e.egress_id)).Field("roomId", std::string_view(e.room_id));
  w.Field("roomName", std::string_view(e.room_name)).Field("status", std::string_view(e.status));
  WriteInt64(w, "startedAt", e.started_at);
  WriteInt64(w, "endedAt", e.ended_at);
  WriteInt64(w, "updatedAt", e.updated_at);
  w.Field("error", std::string_view(e.error));
  w.EndObject();
}

void WriteIngress(internal::JsonWriter& w, const WebhookIngressInfo& g) {
  w.BeginObject();
  w.Field("ingressId", std::string_view(g.ingress_id)).Field("name", std::string_view(g.name));
  w.Field("roomName", std::string_view(g.room_name));
  w.Field("participantIdentity", std::string_view(g.participant_identity));
  w.Field("participantName", std::string_view(g.participant_name));
  w.Field("inputType", std::string_view(g.input_type));
  w.Key("state").BeginObject();
  w.Field("status", std::string_view(g.status)).Field("error", std::string_view(g.error));
  w.Field("roomId", std::string_view(g.room_id));
  WriteInt64(w, "startedAt", g.started_at);
  WriteInt64(w, "endedAt", g.ended_at);
  w.EndObject();
  w.EndObject();
}

void WriteJob(internal::JsonWriter& w, const WebhookJob& j) {
  w.BeginObject();
  w.Field("id", std::string_view(j.id)).Field("dispatchId", std::string_view(j.dispatch_id));
  w.Field("type", std::string_view(j.type)).Field("agentName", std::string_view(j.agent_name));
  w.Field("metadata", std::string_view(j.metadata));
  if (j.room) WriteRoom(w.Key("room"), *j.room);
  if (j.participant) WriteParticipant(w.Key("participant"), *j.participant);
  w.Key("state").BeginObject();
  w.Field("status", std::string_view(j.status)).Field("error", std::string_view(j.error));
  WriteInt64(w, "startedAt", j.started_at);
  WriteInt64(w, "endedAt", j.ended_at);
  w.EndObject();
  w.EndObject();
}

}  // namespace

const char* WebhookEventTypeName(WebhookEventType type) noexcept {
  const auto i = static_cast<size_t>(type);
  return i < kEventNames.size() ? kEventNames[i] : "";
}

WebhookEventType WebhookEventTypeFromName(std::string_view name) noexcept {
  if (name.empty()) return WebhookEventType::kUnknown;
  for (size_t i = 1; i < kEventNames.size(); ++i) {
    if (name == kEventNames[i]) return static_cast<WebhookEventType>(i);
  }
  return WebhookEventType::kUnknown;
}

StatusOr<WebhookEvent> ParseWebhookEvent(std::string_view json) {
  ParseScratch& scratch = ThreadScratch();
  PoolAllocator values(scratch.value_buffer, sizeof scratch.value_buffer);
  PoolAllocator stack(scratch.stack_buffer, sizeof scratch.stack_buffer);
  ScratchDocument doc(&values, sizeof scratch.stack_buffer, &stack);
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  if (doc.HasParseError()) {
    return InvalidArgumentError("webhook body: not valid UTF-8 JSON (error at offset " +
                                std::to_string(doc.GetErrorOffset()) + ")")
        .WithReason("body_not_json")
        .WithHttpStatus(400);
  }
  if (!doc.IsObject()) {
    return InvalidArgumentError("webhook body: not a JSON object").WithReason("body_not_json").WithHttpStatus(400);
  }

  WebhookEvent ev;
  Reader r("");
  r.Str(doc, "event", &ev.event);
  r.Str(doc, "id", &ev.id);
  r.I64(doc, "createdAt", &ev.created_at);
  ReadChild(doc, r, "room", &ev.room, ReadRoom);
  ReadChild(doc, r, "participant", &ev.participant, ReadParticipant);
  ReadChild(doc, r, "track", &ev.track, ReadTrack);
  ReadChild(doc, r, "egressInfo", &ev.egress_info, ReadEgress);
  ReadChild(doc, r, "ingressInfo", &ev.ingress_info, ReadIngress);
  ReadChild(doc, r, "job", &ev.job, ReadJob);
  r.Enum(doc, "roomEndReason", kRoomEndReason, &ev.room_end_reason);
  r.I32(doc, "numDropped", &ev.num_dropped);
  if (!r.status().ok()) return BadEvent(r.status());
  ev.type = WebhookEventTypeFromName(ev.event);
  ev.raw_json.assign(json);
  return ev;
}

std::string WebhookEventToNormalizedJson(const WebhookEvent& ev) {
  std::string out;
  out.reserve(256 + ev.raw_json.size());
  internal::JsonWriter w(&out);
  w.BeginObject();
  w.Field("event", std::string_view(ev.event)).Field("id", std::string_view(ev.id));
  WriteInt64(w, "createdAt", ev.created_at);
  if (ev.room) WriteRoom(w.Key("room"), *ev.room);
  if (ev.participant) WriteParticipant(w.Key("participant"), *ev.participant);
  if (ev.track) WriteTrack(w.Key("track"), *ev.track);
  if (ev.egress_info) WriteEgress(w.Key("egressInfo"), *ev.egress_info);
  if (ev.ingress_info) WriteIngress(w.Key("ingressInfo"), *ev.ingress_info);
  if (ev.job) WriteJob(w.Key("job"), *ev.job);
  w.Field("roomEndReason", std::string_view(ev.room_end_reason));
  w.Field("numDropped", static_cast<int64_t>(ev.num_dropped));
  w.EndObject();
  return out;
}

}  // namespace lks
