#include "groups/room_metadata.h"

#include <rapidjson/document.h>

#include "core/json_reader.h"
#include "groups/service_errors.h"

namespace lks::internal {
namespace {

std::optional<std::string> WithMember(std::string_view metadata, std::string_view key,
                                      rapidjson::Value value) {
  rapidjson::Document doc;
  if (metadata.empty()) {
    doc.SetObject();
  } else if (!ParseJson(metadata, &doc, "metadata").ok() || !doc.IsObject()) {
    return std::nullopt;
  }
  auto& alloc = doc.GetAllocator();
  rapidjson::Value name(key.data(), static_cast<rapidjson::SizeType>(key.size()), alloc);
  auto it = doc.FindMember(name);
  if (it != doc.MemberEnd()) {
    it->value = value;
  } else {
    doc.AddMember(name, value, alloc);
  }
  return ToJson(doc);
}

template <typename T>
Status SetMember(const RoomServiceClient& rooms, std::string_view room_name, std::string_view key,
                 T value) {
  StatusOr<std::vector<Room>> live = rooms.ListRooms({std::string(room_name)});
  if (!live.ok()) return FromLiveKit(live.status(), "ListRooms");
  if (live->empty()) return OkStatus();  // the room is gone: nobody to tell
  const std::string& metadata = live->front().metadata;
  std::optional<std::string> merged = WithMetadataMember(metadata, key, value);
  if (!merged || *merged == metadata) return OkStatus();
  StatusOr<Room> updated = rooms.UpdateRoomMetadata(room_name, *merged);
  if (!updated.ok()) return FromLiveKit(updated.status(), "UpdateRoomMetadata");
  return OkStatus();
}

}  // namespace

std::optional<std::string> WithMetadataMember(std::string_view metadata, std::string_view key,
                                              bool value) {
  return WithMember(metadata, key, rapidjson::Value(value));
}
std::optional<std::string> WithMetadataMember(std::string_view metadata, std::string_view key,
                                              int64_t value) {
  return WithMember(metadata, key, rapidjson::Value(value));
}

Status SetRoomMetadataMember(const RoomServiceClient& rooms, std::string_view room_name,
                             std::string_view key, bool value) {
  return SetMember(rooms, room_name, key, value);
}
Status SetRoomMetadataMember(const RoomServiceClient& rooms, std::string_view room_name,
                             std::string_view key, int64_t value) {
  return SetMember(rooms, room_name, key, value);
}

}  // namespace lks::internal
