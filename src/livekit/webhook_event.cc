#include "lks/livekit/webhook_event.h"

#include <array>
#include <charconv>
#include <utility>

#include "core/json_writer.h"

namespace lks {
namespace {

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
