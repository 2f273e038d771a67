#include "lks/livekit/models.h"

#include "core/json_fields.h"
#include "core/json_writer.h"
#include "livekit/enum_names.h"
#include "livekit/models_json.h"

namespace lks {

using internal::Enum;
using internal::Field;
using internal::Message;

std::string TrackTypeName(TrackType v) {
  return internal::EnumText(internal::kTrackTypeNames, static_cast<int>(v));
}
std::string TrackSourceName(TrackSource v) {
  return internal::EnumText(internal::kTrackSourceNames, static_cast<int>(v));
}
std::string ParticipantStateName(ParticipantState v) {
  return internal::EnumText(internal::kParticipantStateNames, static_cast<int>(v));
}
std::string ParticipantKindName(ParticipantKind v) {
  return internal::EnumText(internal::kParticipantKindNames, static_cast<int>(v));
}
std::string DisconnectReasonName(int reason) {
  return internal::EnumText(internal::kDisconnectReasonNames, reason);
}

namespace internal {

// The models' descriptions (livekit_models.proto): camelCase first, then the real server's
// snake_case where it differs.
constexpr FieldDesc kPermissionFields[] = {
    Field<&ParticipantPermission::can_subscribe>("canSubscribe", "can_subscribe"),
    Field<&ParticipantPermission::can_publish>("canPublish", "can_publish"),
    Field<&ParticipantPermission::can_publish_data>("canPublishData", "can_publish_data"),
    Enum<&ParticipantPermission::can_publish_sources>("canPublishSources", "can_publish_sources",
                                                      kTrackSourceNames),
    Field<&ParticipantPermission::hidden>("hidden"),
    Field<&ParticipantPermission::can_update_metadata>("canUpdateMetadata", "can_update_metadata"),
    Field<&ParticipantPermission::can_subscribe_metrics>("canSubscribeMetrics",
                                                         "can_subscribe_metrics"),
    Field<&ParticipantPermission::can_manage_agent_session>("canManageAgentSession",
                                                            "can_manage_agent_session"),
};
constexpr ModelDesc kPermissionModel{kPermissionFields};

constexpr FieldDesc kTrackInfoFields[] = {
    Field<&TrackInfo::sid>("sid"),
    Enum<&TrackInfo::type>("type", {}, kTrackTypeNames),
    Field<&TrackInfo::name>("name"),
    Field<&TrackInfo::muted>("muted"),
    Field<&TrackInfo::width>("width"),
    Field<&TrackInfo::height>("height"),
    Field<&TrackInfo::simulcast>("simulcast"),
    Enum<&TrackInfo::source>("source", {}, kTrackSourceNames),
    Field<&TrackInfo::mime_type>("mimeType", "mime_type"),
    Field<&TrackInfo::mid>("mid"),
    Field<&TrackInfo::stream>("stream"),
};
constexpr ModelDesc kTrackInfoModel{kTrackInfoFields, RawJson<&TrackInfo::raw_json>};

constexpr FieldDesc kParticipantInfoFields[] = {
    Field<&ParticipantInfo::sid>("sid"),
    Field<&ParticipantInfo::identity>("identity"),
    Enum<&ParticipantInfo::state>("state", {}, kParticipantStateNames),
    Field<&ParticipantInfo::metadata>("metadata"),
    Field<&ParticipantInfo::joined_at>("joinedAt", "joined_at"),
    Field<&ParticipantInfo::joined_at_ms>("joinedAtMs", "joined_at_ms"),
    Field<&ParticipantInfo::name>("name"),
    Field<&ParticipantInfo::version>("version"),
    Field<&ParticipantInfo::region>("region"),
    Field<&ParticipantInfo::is_publisher>("isPublisher", "is_publisher"),
    Enum<&ParticipantInfo::kind>("kind", {}, kParticipantKindNames),
    Enum<&ParticipantInfo::disconnect_reason>("disconnectReason", "disconnect_reason",
                                              kDisconnectReasonNames),
    Message<&ParticipantInfo::permission>("permission", {}, kPermissionModel),
    Field<&ParticipantInfo::attributes>("attributes"),
    Message<&ParticipantInfo::tracks>("tracks", {}, kTrackInfoModel),
};
constexpr ModelDesc kParticipantInfoModel{kParticipantInfoFields,
                                          RawJson<&ParticipantInfo::raw_json>};

constexpr FieldDesc kRoomFields[] = {
    Field<&Room::sid>("sid"),
    Field<&Room::name>("name"),
    Field<&Room::empty_timeout>("emptyTimeout", "empty_timeout"),
    Field<&Room::departure_timeout>("departureTimeout", "departure_timeout"),
    Field<&Room::max_participants>("maxParticipants", "max_participants"),
    Field<&Room::creation_time>("creationTime", "creation_time"),
    Field<&Room::creation_time_ms>("creationTimeMs", "creation_time_ms"),
    Field<&Room::metadata>("metadata"),
    Field<&Room::num_participants>("numParticipants", "num_participants"),
    Field<&Room::num_publishers>("numPublishers", "num_publishers"),
    Field<&Room::active_recording>("activeRecording", "active_recording"),
};
constexpr ModelDesc kRoomModel{kRoomFields, RawJson<&Room::raw_json>};

namespace {

Status ExpectObject(const JsonValue& v, std::string_view prefix) {
  if (v.IsObject()) return OkStatus();
  std::string name(prefix);
  if (!name.empty() && name.back() == '.') name.pop_back();
  return InvalidArgumentError((name.empty() ? std::string("JSON") : name) + ": expected an object");
}

}  // namespace

Status ParseModel(const JsonValue& v, const ModelDesc& desc, void* out, std::string_view prefix,
                  bool keep_raw) {
  LKS_RETURN_IF_ERROR(ExpectObject(v, prefix));
  return ReadJsonFields(v, desc, out, prefix, JsonReadOptions{keep_raw});
}

Status ParseParticipantPermission(const JsonValue& v, ParticipantPermission* out,
                                  std::string_view p) {
  return ParseModel(v, kPermissionModel, out, p, false);
}
Status ParseTrackInfo(const JsonValue& v, TrackInfo* out, std::string_view p, bool keep_raw) {
  return ParseModel(v, kTrackInfoModel, out, p, keep_raw);
}
Status ParseParticipantInfo(const JsonValue& v, ParticipantInfo* out, std::string_view p,
                            bool keep_raw) {
  return ParseModel(v, kParticipantInfoModel, out, p, keep_raw);
}
Status ParseRoom(const JsonValue& v, Room* out, std::string_view p, bool keep_raw) {
  return ParseModel(v, kRoomModel, out, p, keep_raw);
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
  internal::WriteJsonFields(w, internal::kPermissionModel, &p);
  return out;
}

}  // namespace lks
