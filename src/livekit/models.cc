#include "lks/livekit/models.h"

#include <cstring>
#include <iterator>

#include "core/json_writer.h"
#include "livekit/models_json.h"

namespace lks {
namespace {

constexpr const char* kTrackTypeNames[] = {"AUDIO", "VIDEO", "DATA"};
constexpr const char* kTrackSourceNames[] = {"UNKNOWN", "CAMERA", "MICROPHONE", "SCREEN_SHARE",
                                             "SCREEN_SHARE_AUDIO"};
constexpr const char* kStateNames[] = {"JOINING", "JOINED", "ACTIVE", "DISCONNECTED"};
constexpr const char* kKindNames[] = {"STANDARD", "INGRESS", "EGRESS",    "SIP",   "AGENT",
                                      "",         "",        "CONNECTOR", "BRIDGE"};
constexpr const char* kDisconnectReasonNames[] = {
    "UNKNOWN_REASON",      "CLIENT_INITIATED",  "DUPLICATE_IDENTITY", "SERVER_SHUTDOWN",
    "PARTICIPANT_REMOVED", "ROOM_DELETED",      "STATE_MISMATCH",     "JOIN_FAILURE",
    "MIGRATION",           "SIGNAL_CLOSE",      "ROOM_CLOSED",        "USER_UNAVAILABLE",
    "USER_REJECTED",       "SIP_TRUNK_FAILURE", "CONNECTION_TIMEOUT", "MEDIA_FAILURE",
    "AGENT_ERROR"};

template <size_t N>
std::string NameOf(const char* const (&names)[N], int v) {
  if (v >= 0 && static_cast<size_t>(v) < N && names[v][0] != '\0') return names[v];
  return std::to_string(v);
}

}  // namespace

std::string TrackTypeName(TrackType v) { return NameOf(kTrackTypeNames, static_cast<int>(v)); }
std::string TrackSourceName(TrackSource v) {
  return NameOf(kTrackSourceNames, static_cast<int>(v));
}
std::string ParticipantStateName(ParticipantState v) {
  return NameOf(kStateNames, static_cast<int>(v));
}
std::string ParticipantKindName(ParticipantKind v) {
  return NameOf(kKindNames, static_cast<int>(v));
}
std::string DisconnectReasonName(int reason) { return NameOf(kDisconnectReasonNames, reason); }

namespace internal {
namespace {

// Reads `snake`, then `camel` (the later one wins if a document had both).
template <typename T, typename F>
Status Both(const JsonValue& v, const char* snake, const char* camel, T* out,
            std::string_view prefix, F read) {
  LKS_RETURN_IF_ERROR(read(v, snake, out, prefix));
  if (std::strcmp(snake, camel) != 0) LKS_RETURN_IF_ERROR(read(v, camel, out, prefix));
  return OkStatus();
}

Status Str(const JsonValue& v, const char* s, const char* c, std::string* out, std::string_view p) {
  return Both(v, s, c, out, p,
              [](const JsonValue& o, const char* k, std::string* x, std::string_view pp) {
                return ReadString(o, k, x, pp);
              });
}
Status Bool(const JsonValue& v, const char* s, const char* c, bool* out, std::string_view p) {
  return Both(v, s, c, out, p, [](const JsonValue& o, const char* k, bool* x, std::string_view pp) {
    return ReadBool(o, k, x, pp);
  });
}
Status U32(const JsonValue& v, const char* s, const char* c, uint32_t* out, std::string_view p) {
  return Both(v, s, c, out, p,
              [](const JsonValue& o, const char* k, uint32_t* x, std::string_view pp) {
                return ReadUint32(o, k, x, pp);
              });
}
Status I64(const JsonValue& v, const char* s, const char* c, int64_t* out, std::string_view p) {
  return Both(v, s, c, out, p,
              [](const JsonValue& o, const char* k, int64_t* x, std::string_view pp) {
                return ReadInt64(o, k, x, pp);
              });
}

const JsonValue* Member(const JsonValue& v, const char* snake, const char* camel) {
  const JsonValue* m = FindMember(v, camel);
  if (!m) m = FindMember(v, snake);
  return (m && !m->IsNull()) ? m : nullptr;
}

Status ExpectObject(const JsonValue& v, std::string_view prefix) {
  if (v.IsObject()) return OkStatus();
  std::string name(prefix);
  if (!name.empty() && name.back() == '.') name.pop_back();
  return InvalidArgumentError((name.empty() ? std::string("JSON") : name) + ": expected an object");
}

int EnumValue(const JsonValue& e, const char* const* names, int count, bool* ok) {
  *ok = true;
  if (e.IsInt()) return e.GetInt();
  if (e.IsString()) {
    std::string_view s(e.GetString(), e.GetStringLength());
    for (int i = 0; i < count; ++i) {
      if (s == names[i] && names[i][0] != '\0') return i;
    }
    return 0;
  }
  *ok = false;
  return 0;
}

}  // namespace

Status ReadEnum(const JsonValue& obj, const char* snake, const char* camel,
                const char* const* names, int count, int* out, std::string_view prefix) {
  const JsonValue* m = Member(obj, snake, camel);
  if (!m) return OkStatus();
  bool ok = false;
  int v = EnumValue(*m, names, count, &ok);
  if (!ok)
    return InvalidArgumentError(std::string(prefix) + camel + ": expected an enum name or number");
  *out = v;
  return OkStatus();
}

Status ParseParticipantPermission(const JsonValue& v, ParticipantPermission* out,
                                  std::string_view p) {
  LKS_RETURN_IF_ERROR(ExpectObject(v, p));
  LKS_RETURN_IF_ERROR(Bool(v, "can_subscribe", "canSubscribe", &out->can_subscribe, p));
  LKS_RETURN_IF_ERROR(Bool(v, "can_publish", "canPublish", &out->can_publish, p));
  LKS_RETURN_IF_ERROR(Bool(v, "can_publish_data", "canPublishData", &out->can_publish_data, p));
  LKS_RETURN_IF_ERROR(Bool(v, "hidden", "hidden", &out->hidden, p));
  LKS_RETURN_IF_ERROR(
      Bool(v, "can_update_metadata", "canUpdateMetadata", &out->can_update_metadata, p));
  LKS_RETURN_IF_ERROR(
      Bool(v, "can_subscribe_metrics", "canSubscribeMetrics", &out->can_subscribe_metrics, p));
  LKS_RETURN_IF_ERROR(Bool(v, "can_manage_agent_session", "canManageAgentSession",
                           &out->can_manage_agent_session, p));
  if (const JsonValue* s = Member(v, "can_publish_sources", "canPublishSources")) {
    if (!s->IsArray())
      return InvalidArgumentError(std::string(p) + "canPublishSources: expected an array");
    out->can_publish_sources.clear();
    for (const auto& e : s->GetArray()) {
      bool ok = false;
      int x = EnumValue(e, kTrackSourceNames, 5, &ok);
      if (!ok)
        return InvalidArgumentError(std::string(p) +
                                    "canPublishSources: expected enum names or numbers");
      out->can_publish_sources.push_back(static_cast<TrackSource>(x));
    }
  }
  return OkStatus();
}

Status ParseTrackInfo(const JsonValue& v, TrackInfo* out, std::string_view p, bool keep_raw) {
  LKS_RETURN_IF_ERROR(ExpectObject(v, p));
  int e = 0;
  LKS_RETURN_IF_ERROR(Str(v, "sid", "sid", &out->sid, p));
  LKS_RETURN_IF_ERROR(ReadEnum(v, "type", "type", kTrackTypeNames, 3, &e, p));
  out->type = static_cast<TrackType>(e);
  LKS_RETURN_IF_ERROR(Str(v, "name", "name", &out->name, p));
  LKS_RETURN_IF_ERROR(Bool(v, "muted", "muted", &out->muted, p));
  LKS_RETURN_IF_ERROR(U32(v, "width", "width", &out->width, p));
  LKS_RETURN_IF_ERROR(U32(v, "height", "height", &out->height, p));
  LKS_RETURN_IF_ERROR(Bool(v, "simulcast", "simulcast", &out->simulcast, p));
  e = 0;
  LKS_RETURN_IF_ERROR(ReadEnum(v, "source", "source", kTrackSourceNames, 5, &e, p));
  out->source = static_cast<TrackSource>(e);
  LKS_RETURN_IF_ERROR(Str(v, "mime_type", "mimeType", &out->mime_type, p));
  LKS_RETURN_IF_ERROR(Str(v, "mid", "mid", &out->mid, p));
  LKS_RETURN_IF_ERROR(Str(v, "stream", "stream", &out->stream, p));
  if (keep_raw) out->raw_json = ToJson(v);
  return OkStatus();
}

Status ParseParticipantInfo(const JsonValue& v, ParticipantInfo* out, std::string_view p,
                            bool keep_raw) {
  LKS_RETURN_IF_ERROR(ExpectObject(v, p));
  int e = 0;
  LKS_RETURN_IF_ERROR(Str(v, "sid", "sid", &out->sid, p));
  LKS_RETURN_IF_ERROR(Str(v, "identity", "identity", &out->identity, p));
  LKS_RETURN_IF_ERROR(ReadEnum(v, "state", "state", kStateNames, 4, &e, p));
  out->state = static_cast<ParticipantState>(e);
  LKS_RETURN_IF_ERROR(Str(v, "metadata", "metadata", &out->metadata, p));
  LKS_RETURN_IF_ERROR(I64(v, "joined_at", "joinedAt", &out->joined_at, p));
  LKS_RETURN_IF_ERROR(I64(v, "joined_at_ms", "joinedAtMs", &out->joined_at_ms, p));
  LKS_RETURN_IF_ERROR(Str(v, "name", "name", &out->name, p));
  LKS_RETURN_IF_ERROR(U32(v, "version", "version", &out->version, p));
  LKS_RETURN_IF_ERROR(Str(v, "region", "region", &out->region, p));
  LKS_RETURN_IF_ERROR(Bool(v, "is_publisher", "isPublisher", &out->is_publisher, p));
  e = 0;
  LKS_RETURN_IF_ERROR(ReadEnum(v, "kind", "kind", kKindNames, 9, &e, p));
  out->kind = static_cast<ParticipantKind>(e);
  LKS_RETURN_IF_ERROR(ReadEnum(v, "disconnect_reason", "disconnectReason", kDisconnectReasonNames,
                               static_cast<int>(std::size(kDisconnectReasonNames)),
                               &out->disconnect_reason, p));
  if (const JsonValue* perm = Member(v, "permission", "permission")) {
    ParticipantPermission pp;
    LKS_RETURN_IF_ERROR(ParseParticipantPermission(*perm, &pp, std::string(p) + "permission."));
    out->permission = std::move(pp);
  }
  if (const JsonValue* attrs = Member(v, "attributes", "attributes")) {
    if (!attrs->IsObject())
      return InvalidArgumentError(std::string(p) + "attributes: expected an object");
    out->attributes.clear();
    for (auto it = attrs->MemberBegin(); it != attrs->MemberEnd(); ++it) {
      if (!it->value.IsString()) {
        return InvalidArgumentError(std::string(p) + "attributes." + it->name.GetString() +
                                    ": expected a string");
      }
      out->attributes.insert_or_assign(
          std::string(it->name.GetString(), it->name.GetStringLength()),
          std::string(it->value.GetString(), it->value.GetStringLength()));
    }
  }
  if (const JsonValue* tracks = Member(v, "tracks", "tracks")) {
    if (!tracks->IsArray())
      return InvalidArgumentError(std::string(p) + "tracks: expected an array");
    out->tracks.clear();
    size_t i = 0;
    for (const auto& t : tracks->GetArray()) {
      TrackInfo ti;
      LKS_RETURN_IF_ERROR(ParseTrackInfo(
          t, &ti, std::string(p) + "tracks[" + std::to_string(i++) + "].", keep_raw));
      out->tracks.push_back(std::move(ti));
    }
  }
  if (keep_raw) out->raw_json = ToJson(v);
  return OkStatus();
}

Status ParseRoom(const JsonValue& v, Room* out, std::string_view p, bool keep_raw) {
  LKS_RETURN_IF_ERROR(ExpectObject(v, p));
  LKS_RETURN_IF_ERROR(Str(v, "sid", "sid", &out->sid, p));
  LKS_RETURN_IF_ERROR(Str(v, "name", "name", &out->name, p));
  LKS_RETURN_IF_ERROR(U32(v, "empty_timeout", "emptyTimeout", &out->empty_timeout, p));
  LKS_RETURN_IF_ERROR(U32(v, "departure_timeout", "departureTimeout", &out->departure_timeout, p));
  LKS_RETURN_IF_ERROR(U32(v, "max_participants", "maxParticipants", &out->max_participants, p));
  LKS_RETURN_IF_ERROR(I64(v, "creation_time", "creationTime", &out->creation_time, p));
  LKS_RETURN_IF_ERROR(I64(v, "creation_time_ms", "creationTimeMs", &out->creation_time_ms, p));
  LKS_RETURN_IF_ERROR(Str(v, "metadata", "metadata", &out->metadata, p));
  LKS_RETURN_IF_ERROR(U32(v, "num_participants", "numParticipants", &out->num_participants, p));
  LKS_RETURN_IF_ERROR(U32(v, "num_publishers", "numPublishers", &out->num_publishers, p));
  LKS_RETURN_IF_ERROR(Bool(v, "active_recording", "activeRecording", &out->active_recording, p));
  if (keep_raw) out->raw_json = ToJson(v);
  return OkStatus();
}

namespace {

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t SkipSpace(std::string_view j, size_t i) {
  while (i < j.size() && IsJsonSpace(j[i])) ++i;
  return i;
}

// Index just past the string starting at j[i] == '"'; npos when unterminated.
size_t SkipString(std::string_view j, size_t i) {
  for (++i; i < j.size(); ++i) {
    if (j[i] == '\\') {
      ++i;
    } else if (j[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Index just past the value starting at j[i]; npos when malformed.
size_t SkipValue(std::string_view j, size_t i) {
  if (i >= j.size()) return std::string_view::npos;
  if (j[i] == '"') return SkipString(j, i);
  if (j[i] == '{' || j[i] == '[') {
    int depth = 0;
    for (; i < j.size(); ++i) {
      char c = j[i];
      if (c == '"') {
        i = SkipString(j, i);
        if (i == std::string_view::npos) return i;
        --i;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) return i + 1;
      }
    }
    return std::string_view::npos;
  }
  while (i < j.size() && j[i] != ',' && j[i] != '}' && j[i] != ']' && !IsJsonSpace(j[i])) ++i;
  return i;
}

}  // namespace

std::string_view TrimJson(std::string_view json) {
  size_t b = SkipSpace(json, 0);
  size_t e = json.size();
  while (e > b && IsJsonSpace(json[e - 1])) --e;
  return json.substr(b, e - b);
}

bool TopLevelArrayElementSpans(std::string_view j, std::string_view key,
                               std::vector<std::string_view>* out) {
  out->clear();
  size_t i = SkipSpace(j, 0);
  if (i >= j.size() || j[i] != '{') return false;
  i = SkipSpace(j, i + 1);
  while (i < j.size() && j[i] == '"') {
    size_t key_end = SkipString(j, i);
    if (key_end == std::string_view::npos) return false;
    std::string_view name = j.substr(i + 1, key_end - i - 2);
    i = SkipSpace(j, key_end);
    if (i >= j.size() || j[i] != ':') return false;
    i = SkipSpace(j, i + 1);
    if (name == key) {
      if (i >= j.size() || j[i] != '[') return false;
      i = SkipSpace(j, i + 1);
      while (i < j.size() && j[i] != ']') {
        size_t end = SkipValue(j, i);
        if (end == std::string_view::npos) return false;
        out->push_back(j.substr(i, end - i));
        i = SkipSpace(j, end);
        if (i < j.size() && j[i] == ',') i = SkipSpace(j, i + 1);
      }
      return true;
    }
    i = SkipValue(j, i);
    if (i == std::string_view::npos) return false;
    i = SkipSpace(j, i);
    if (i < j.size() && j[i] == ',') i = SkipSpace(j, i + 1);
  }
  return false;
}

}  // namespace internal

namespace {
template <typename T, typename F>
StatusOr<T> ParseTop(std::string_view json, const char* what, F parse) {
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(internal::ParseJson(json, &doc, what));
  T out;
  LKS_RETURN_IF_ERROR(parse(doc, &out));
  return out;
}
}  // namespace

StatusOr<Room> RoomFromJson(std::string_view json) {
  return ParseTop<Room>(json, "room",
                        [](const auto& d, Room* r) { return internal::ParseRoom(d, r, "room."); });
}
StatusOr<ParticipantInfo> ParticipantInfoFromJson(std::string_view json) {
  return ParseTop<ParticipantInfo>(json, "participant", [](const auto& d, ParticipantInfo* r) {
    return internal::ParseParticipantInfo(d, r, "participant.");
  });
}
StatusOr<TrackInfo> TrackInfoFromJson(std::string_view json) {
  return ParseTop<TrackInfo>(json, "track", [](const auto& d, TrackInfo* r) {
    return internal::ParseTrackInfo(d, r, "track.");
  });
}
StatusOr<ParticipantPermission> ParticipantPermissionFromJson(std::string_view json) {
  return ParseTop<ParticipantPermission>(
      json, "permission", [](const auto& d, ParticipantPermission* r) {
        return internal::ParseParticipantPermission(d, r, "permission.");
      });
}

std::string ParticipantPermissionToJson(const ParticipantPermission& p) {
  std::string out;
  internal::JsonWriter w(&out);
  w.BeginObject();
  w.Field("canSubscribe", p.can_subscribe);
  w.Field("canPublish", p.can_publish);
  w.Field("canPublishData", p.can_publish_data);
  w.Key("canPublishSources").BeginArray();
  // A source this version has no name for (a newer server's) goes back as its number: as the
  // string "5" LiveKit's protojson would refuse it and our reader would make it UNKNOWN (found by
  // tests/fuzz).
  for (TrackSource s : p.can_publish_sources) {
    const int n = static_cast<int>(s);
    if (n >= 0 && n < static_cast<int>(std::size(kTrackSourceNames))) {
      w.String(TrackSourceName(s));
    } else {
      w.Int(n);
    }
  }
  w.EndArray();
  w.Field("hidden", p.hidden);
  w.Field("canUpdateMetadata", p.can_update_metadata);
  w.Field("canSubscribeMetrics", p.can_subscribe_metrics);
  w.Field("canManageAgentSession", p.can_manage_agent_session);
  w.EndObject();
  return out;
}

}  // namespace lks
