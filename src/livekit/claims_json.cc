#include "livekit/claims_json.h"

namespace lks::internal {

void WriteVideoGrant(const VideoGrant& v, JsonWriter& w) {
  w.BeginObject();
  if (v.room_create) w.Field("roomCreate", true);
  if (v.room_list) w.Field("roomList", true);
  if (v.room_record) w.Field("roomRecord", true);
  if (v.room_admin) w.Field("roomAdmin", true);
  if (v.room_join) w.Field("roomJoin", true);
  if (!v.room.empty()) w.Field("room", std::string_view(v.room));
  if (v.can_publish) w.Field("canPublish", *v.can_publish);
  if (v.can_subscribe) w.Field("canSubscribe", *v.can_subscribe);
  if (v.can_publish_data) w.Field("canPublishData", *v.can_publish_data);
  if (!v.can_publish_sources.empty()) {
    w.Key("canPublishSources").BeginArray();
    for (const auto& s : v.can_publish_sources) w.String(s);
    w.EndArray();
  }
  if (v.can_update_own_metadata) w.Field("canUpdateOwnMetadata", true);
  if (v.ingress_admin) w.Field("ingressAdmin", true);
  if (v.hidden) w.Field("hidden", true);
  if (v.recorder) w.Field("recorder", true);
  if (v.agent) w.Field("agent", true);
  if (v.can_subscribe_metrics) w.Field("canSubscribeMetrics", true);
  if (v.can_manage_agent_session) w.Field("canManageAgentSession", true);
  if (!v.destination_room.empty()) w.Field("destinationRoom", std::string_view(v.destination_room));
  w.EndObject();
}

void WriteClaimGrantMembers(const ClaimGrants& g, JsonWriter& w) {
  if (!g.identity.empty()) w.Field("sub", std::string_view(g.identity));
  if (!g.name.empty()) w.Field("name", std::string_view(g.name));
  if (g.video) {
    w.Key("video");
    WriteVideoGrant(*g.video, w);
  }
  if (g.sip) {
    w.Key("sip").BeginObject();
    if (g.sip->admin) w.Field("admin", true);
    if (g.sip->call) w.Field("call", true);
    w.EndObject();
  }
  if (g.agent) {
    w.Key("agent").BeginObject();
    if (g.agent->admin) w.Field("admin", true);
    w.EndObject();
  }
  if (g.inference) {
    w.Key("inference").BeginObject();
    if (g.inference->perform) w.Field("perform", true);
    w.EndObject();
  }
  if (g.observability) {
    w.Key("observability").BeginObject();
    if (g.observability->write) w.Field("write", true);
    w.EndObject();
  }
  if (!g.kind.empty()) w.Field("kind", std::string_view(g.kind));
  if (!g.metadata.empty()) w.Field("metadata", std::string_view(g.metadata));
  if (!g.attributes.empty()) {
    w.Key("attributes").BeginObject();
    for (const auto& [k, v] : g.attributes) w.Field(k, std::string_view(v));
    w.EndObject();
  }
  if (!g.sha256.empty()) w.Field("sha256", std::string_view(g.sha256));
  if (!g.room_preset.empty()) w.Field("roomPreset", std::string_view(g.room_preset));
  if (!g.room_config.empty()) w.Key("roomConfig").Raw(g.room_config);
}

Status ReadVideoGrant(const JsonValue& o, VideoGrant* v, std::string_view p) {
  LKS_RETURN_IF_ERROR(ReadBool(o, "roomCreate", &v->room_create, p));
  LKS_RETURN_IF_ERROR(ReadBool(o, "roomList", &v->room_list, p));
  LKS_RETURN_IF_ERROR(ReadBool(o, "roomRecord", &v->room_record, p));
  LKS_RETURN_IF_ERROR(ReadBool(o, "roomAdmin", &v->room_admin, p));
  LKS_RETURN_IF_ERROR(ReadBool(o, "roomJoin", &v->room_join, p));
  LKS_RETURN_IF_ERROR(ReadString(o, "room", &v->room, p));
  LKS_RETURN_IF_ERROR(ReadOptionalBool(o, "canPublish", &v->can_publish, p));
  LKS_RETURN_IF_ERROR(ReadOptionalBool(o, "canSubscribe", &v->can_subscribe, p));
  LKS_RETURN_IF_ERROR(ReadOptionalBool(o, "canPublishData", &v->can_publish_data, p));
  if (const JsonValue* s = FindMember(o, "canPublishSources"); s && !s->IsNull()) {
    if (!s->IsArray())
      return InvalidArgumentError(std::string(p) +
                                  "canPublishSources: expected an array of strings");
    v->can_publish_sources.clear();
    for (const auto& e : s->GetArray()) {
      if (!e.IsString())
        return InvalidArgumentError(std::string(p) +
                                    "canPublishSources: expected an array of strings");
      v->can_publish_sources.emplace_back(e.GetString(), e.GetStringLength());
    }
  }
  LKS_RETURN_IF_ERROR(ReadBool(o, "canUpdateOwnMetadata", &v->can_update_own_metadata, p));
  LKS_RETURN_IF_ERROR(ReadBool(o, "ingressAdmin", &v->ingress_admin, p));
  LKS_RETURN_IF_ERROR(ReadBool(o, "hidden", &v->hidden, p));
  LKS_RETURN_IF_ERROR(ReadBool(o, "recorder", &v->recorder, p));
  LKS_RETURN_IF_ERROR(ReadBool(o, "agent", &v->agent, p));
  LKS_RETURN_IF_ERROR(ReadBool(o, "canSubscribeMetrics", &v->can_subscribe_metrics, p));
  LKS_RETURN_IF_ERROR(ReadBool(o, "canManageAgentSession", &v->can_manage_agent_session, p));
  LKS_RETURN_IF_ERROR(ReadString(o, "destinationRoom", &v->destination_room, p));
  return OkStatus();
}

namespace {
Status ExpectObject(const JsonValue* v, const char* name) {
  if (!v->IsObject()) return InvalidArgumentError(std::string(name) + ": expected an object");
  return OkStatus();
}
}  // namespace

Status ReadClaimGrants(const JsonValue& o, ClaimGrants* g) {
  LKS_RETURN_IF_ERROR(ReadString(o, "sub", &g->identity));
  LKS_RETURN_IF_ERROR(ReadString(o, "name", &g->name));
  LKS_RETURN_IF_ERROR(ReadString(o, "metadata", &g->metadata));
  LKS_RETURN_IF_ERROR(ReadString(o, "kind", &g->kind));
  LKS_RETURN_IF_ERROR(ReadString(o, "sha256", &g->sha256));
  LKS_RETURN_IF_ERROR(ReadString(o, "roomPreset", &g->room_preset));
  if (const JsonValue* a = FindMember(o, "attributes"); a && !a->IsNull()) {
    LKS_RETURN_IF_ERROR(ExpectObject(a, "attributes"));
    for (auto it = a->MemberBegin(); it != a->MemberEnd(); ++it) {
      if (!it->value.IsString()) {
        return InvalidArgumentError("attributes." + std::string(it->name.GetString()) +
                                    ": expected a string");
      }
      g->attributes.insert_or_assign(
          std::string(it->name.GetString(), it->name.GetStringLength()),
          std::string(it->value.GetString(), it->value.GetStringLength()));
    }
  }
  if (const JsonValue* v = FindMember(o, "video"); v && !v->IsNull()) {
    LKS_RETURN_IF_ERROR(ExpectObject(v, "video"));
    VideoGrant vg;
    LKS_RETURN_IF_ERROR(ReadVideoGrant(*v, &vg, "video."));
    g->video = std::move(vg);
  }
  if (const JsonValue* v = FindMember(o, "sip"); v && !v->IsNull()) {
    LKS_RETURN_IF_ERROR(ExpectObject(v, "sip"));
    SipGrant s;
    LKS_RETURN_IF_ERROR(ReadBool(*v, "admin", &s.admin, "sip."));
    LKS_RETURN_IF_ERROR(ReadBool(*v, "call", &s.call, "sip."));
    g->sip = s;
  }
  if (const JsonValue* v = FindMember(o, "agent"); v && !v->IsNull()) {
    LKS_RETURN_IF_ERROR(ExpectObject(v, "agent"));
    AgentGrant s;
    LKS_RETURN_IF_ERROR(ReadBool(*v, "admin", &s.admin, "agent."));
    g->agent = s;
  }
  if (const JsonValue* v = FindMember(o, "inference"); v && !v->IsNull()) {
    LKS_RETURN_IF_ERROR(ExpectObject(v, "inference"));
    InferenceGrant s;
    LKS_RETURN_IF_ERROR(ReadBool(*v, "perform", &s.perform, "inference."));
    g->inference = s;
  }
  if (const JsonValue* v = FindMember(o, "observability"); v && !v->IsNull()) {
    LKS_RETURN_IF_ERROR(ExpectObject(v, "observability"));
    ObservabilityGrant s;
    LKS_RETURN_IF_ERROR(ReadBool(*v, "write", &s.write, "observability."));
    g->observability = s;
  }
  if (const JsonValue* v = FindMember(o, "roomConfig"); v && !v->IsNull()) {
    LKS_RETURN_IF_ERROR(ExpectObject(v, "roomConfig"));
    g->room_config = ToJson(*v);
  }
  return OkStatus();
}

}  // namespace lks::internal
