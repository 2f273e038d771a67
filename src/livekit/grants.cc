#include "lks/livekit/grants.h"

#include <rapidjson/document.h>

#include "core/json_reader.h"
#include "core/json_writer.h"
#include "livekit/claims_json.h"
#include "livekit/token_writer.h"

namespace lks {

void VideoGrant::Merge(const VideoGrant& o) {
  room_create |= o.room_create;
  room_list |= o.room_list;
  room_record |= o.room_record;
  room_admin |= o.room_admin;
  room_join |= o.room_join;
  if (!o.room.empty()) room = o.room;
  if (o.can_publish) can_publish = o.can_publish;
  if (o.can_subscribe) can_subscribe = o.can_subscribe;
  if (o.can_publish_data) can_publish_data = o.can_publish_data;
  if (!o.can_publish_sources.empty()) can_publish_sources = o.can_publish_sources;
  can_update_own_metadata |= o.can_update_own_metadata;
  ingress_admin |= o.ingress_admin;
  hidden |= o.hidden;
  recorder |= o.recorder;
  agent |= o.agent;
  can_subscribe_metrics |= o.can_subscribe_metrics;
  can_manage_agent_session |= o.can_manage_agent_session;
  if (!o.destination_room.empty()) destination_room = o.destination_room;
}

namespace {

Status CheckText(std::string_view field, std::string_view value, size_t max_bytes,
                 bool utf8 = true) {
  if (value.size() > max_bytes) {
    return InvalidArgumentError(std::string(field) + ": longer than " + std::to_string(max_bytes) +
                                " bytes (" + std::to_string(value.size()) + ")");
  }
  if (utf8 && !internal::IsValidUtf8(value)) {
    return InvalidArgumentError(std::string(field) + ": not valid UTF-8");
  }
  return OkStatus();
}

bool IsKnownKind(std::string_view k) {
  return k.empty() || k == "standard" || k == "egress" || k == "ingress" || k == "sip" ||
         k == "agent";
}

bool IsKnownSource(std::string_view s) {
  return s == "camera" || s == "microphone" || s == "screen_share" || s == "screen_share_audio";
}

}  // namespace

Status ValidateClaimGrants(const ClaimGrants& g) { return internal::ValidateClaimGrants(g, true); }

Status internal::ValidateClaimGrants(const ClaimGrants& g, bool utf8) {
  LKS_RETURN_IF_ERROR(CheckText("identity", g.identity, kMaxIdentityBytes, utf8));
  LKS_RETURN_IF_ERROR(CheckText("name", g.name, kMaxNameBytes, utf8));
  LKS_RETURN_IF_ERROR(CheckText("metadata", g.metadata, kMaxMetadataBytes, utf8));
  size_t attr_bytes = 0;
  for (const auto& [k, v] : g.attributes) {
    if (k.empty()) return InvalidArgumentError("attributes: empty key");
    if (utf8 && (!internal::IsValidUtf8(k) || !internal::IsValidUtf8(v))) {
      return InvalidArgumentError(
          "attributes." + (internal::IsValidUtf8(k) ? k : std::string("?")) + ": not valid UTF-8");
    }
    attr_bytes += k.size() + v.size();
  }
  if (attr_bytes > kMaxAttributesBytes) {
    return InvalidArgumentError("attributes: longer than " + std::to_string(kMaxAttributesBytes) +
                                " bytes in total (" + std::to_string(attr_bytes) + ")");
  }
  if (!IsKnownKind(g.kind)) {
    return InvalidArgumentError("kind: '" +
                                (internal::IsValidUtf8(g.kind) ? g.kind : std::string("?")) +
                                "' is not one of standard, egress, ingress, sip, agent");
  }
  LKS_RETURN_IF_ERROR(CheckText("sha256", g.sha256, 256, utf8));
  LKS_RETURN_IF_ERROR(CheckText("roomPreset", g.room_preset, 256, utf8));
  if (!g.room_config.empty()) {
    rapidjson::Document doc;
    LKS_RETURN_IF_ERROR(internal::ParseJson(g.room_config, &doc, "roomConfig"));
    if (!doc.IsObject()) return InvalidArgumentError("roomConfig: expected a JSON object");
  }
  if (g.video) {
    const VideoGrant& v = *g.video;
    LKS_RETURN_IF_ERROR(CheckText("video.room", v.room, kMaxRoomNameBytes, utf8));
    LKS_RETURN_IF_ERROR(
        CheckText("video.destinationRoom", v.destination_room, kMaxRoomNameBytes, utf8));
    if (v.room_join && g.identity.empty()) {
      return InvalidArgumentError("identity: required when video.roomJoin is granted");
    }
    if (v.room_join && v.room.empty()) {
      return InvalidArgumentError("video.room: required when video.roomJoin is granted");
    }
    if (v.room_admin && v.room.empty()) {
      return InvalidArgumentError("video.room: required when video.roomAdmin is granted");
    }
    for (const auto& s : v.can_publish_sources) {
      if (!IsKnownSource(s)) {
        return InvalidArgumentError(
            "video.canPublishSources: '" + (internal::IsValidUtf8(s) ? s : std::string("?")) +
            "' is not one of camera, microphone, screen_share, screen_share_audio");
      }
    }
  }
  return OkStatus();
}

StatusOr<VideoGrant> VideoGrantFromJson(std::string_view json) {
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(internal::ParseJson(json, &doc, "grant"));
  if (!doc.IsObject()) return InvalidArgumentError("grant: expected a JSON object");
  VideoGrant v;
  LKS_RETURN_IF_ERROR(internal::ReadVideoGrant(doc, &v, "grant."));
  return v;
}

std::string VideoGrantToJson(const VideoGrant& grant) {
  std::string out;
  internal::JsonWriter w(&out);
  internal::WriteVideoGrant(grant, w);
  return out;
}

}  // namespace lks
