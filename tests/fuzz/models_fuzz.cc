// Fuzz target: the room service's model readers (RoomFromJson, ParticipantInfoFromJson,
// TrackInfoFromJson, ParticipantPermissionFromJson) over both JSON styles of the server family:
// the real server's snake_case with every default and int64 as strings, and the webhooks' and
// test-server's camelCase without defaults. The first byte picks the model.
// Properties: errors name the field; a model parses again from its own raw_json to the same
// values; a permission written by ParticipantPermissionToJson reads back equal.
#include <string>

#include "fuzz_util.h"
#include "lks/livekit/models.h"

namespace {

void CheckRoom(const lks::Room& a, const lks::Room& b) {
  LKS_FUZZ_CHECK(a.sid == b.sid && a.name == b.name && a.metadata == b.metadata, "room strings");
  LKS_FUZZ_CHECK(
      a.empty_timeout == b.empty_timeout && a.departure_timeout == b.departure_timeout &&
          a.max_participants == b.max_participants && a.creation_time == b.creation_time &&
          a.creation_time_ms == b.creation_time_ms && a.num_participants == b.num_participants &&
          a.num_publishers == b.num_publishers && a.active_recording == b.active_recording,
      "room numbers");
}

void CheckParticipant(const lks::ParticipantInfo& a, const lks::ParticipantInfo& b) {
  LKS_FUZZ_CHECK(a.sid == b.sid && a.identity == b.identity && a.name == b.name &&
                     a.metadata == b.metadata && a.region == b.region &&
                     a.attributes == b.attributes,
                 "participant strings");
  LKS_FUZZ_CHECK(a.state == b.state && a.joined_at == b.joined_at &&
                     a.joined_at_ms == b.joined_at_ms && a.version == b.version &&
                     a.is_publisher == b.is_publisher && a.kind == b.kind &&
                     a.disconnect_reason == b.disconnect_reason && a.permission == b.permission,
                 "participant values");
  LKS_FUZZ_CHECK(a.tracks.size() == b.tracks.size(), "track count");
  for (size_t i = 0; i < a.tracks.size(); ++i) {
    LKS_FUZZ_CHECK(a.tracks[i].raw_json == b.tracks[i].raw_json, "track raw_json");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest = lks::fuzz::AsText(data, size);
  const uint8_t model = lks::fuzz::TakeByte(&rest) % 4;
  if (model == 0) {
    auto room = lks::RoomFromJson(rest);
    if (!room.ok()) return 0;
    auto again = lks::RoomFromJson(room->raw_json);
    LKS_FUZZ_CHECK(again.ok(), "room raw_json parses");
    CheckRoom(*room, *again);
    LKS_FUZZ_CHECK(again->raw_json == room->raw_json, "room raw_json is stable");
  } else if (model == 1) {
    auto p = lks::ParticipantInfoFromJson(rest);
    if (!p.ok()) return 0;
    auto again = lks::ParticipantInfoFromJson(p->raw_json);
    LKS_FUZZ_CHECK(again.ok(), "participant raw_json parses");
    CheckParticipant(*p, *again);
  } else if (model == 2) {
    auto t = lks::TrackInfoFromJson(rest);
    if (!t.ok()) return 0;
    auto again = lks::TrackInfoFromJson(t->raw_json);
    LKS_FUZZ_CHECK(again.ok(), "track raw_json parses");
    LKS_FUZZ_CHECK(again->sid == t->sid && again->type == t->type && again->name == t->name &&
                       again->muted == t->muted && again->width == t->width &&
                       again->height == t->height && again->source == t->source &&
                       again->mime_type == t->mime_type,
                   "track values");
  } else {
    auto perm = lks::ParticipantPermissionFromJson(rest);
    if (!perm.ok()) return 0;
    auto again = lks::ParticipantPermissionFromJson(lks::ParticipantPermissionToJson(*perm));
    LKS_FUZZ_CHECK(again.ok(), "written permission parses");
    LKS_FUZZ_CHECK(*again == *perm, "permission round trip");
  }
  return 0;
}
