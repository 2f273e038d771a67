#include "groups/room_metadata.h"

#include <rapidjson/document.h>

#include "core/json_reader.h"
#include "groups/service_errors.h"

namespace lks::internal {

std::string WithMetadataMember(std::string_view metadata, std::string_view key, int64_t value) {
  rapidjson::Document doc;
  if (!ParseJsonObject(metadata, &doc, "metadata").ok() || !doc.IsObject()) doc.SetObject();
  auto& alloc = doc.GetAllocator();
  rapidjson::Value name(key.data(), static_cast<rapidjson::SizeType>(key.size()), alloc);
  auto it = doc.FindMember(name);
  if (it != doc.MemberEnd()) {
    it->value.SetInt64(value);
  } else {
    doc.AddMember(name, rapidjson::Value(value), alloc);
  }
  return ToJson(doc);
}

Status SetRoomMetadataMember(const RoomServiceClient& rooms, std::string_view room_name,
                             std::string_view key, int64_t value) {
  StatusOr<std::vector<Room>> live = rooms.ListRooms({std::string(room_name)});
  if (!live.ok()) return FromLiveKit(live.status(), "ListRooms");
  if (live->empty()) {
    return NotFoundError("room '" + std::string(room_name) + "' is not active")
        .WithReason("room_not_active");
  }
  StatusOr<Room> updated =
      rooms.UpdateRoomMetadata(room_name, WithMetadataMember(live->front().metadata, key, value));
  if (!updated.ok()) return FromLiveKit(updated.status(), "UpdateRoomMetadata");
  return OkStatus();
}

}  // namespace lks::internal
