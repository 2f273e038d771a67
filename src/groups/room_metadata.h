// What the service tells a session's participants through the LiveKit room's metadata, which
// every client sees (RoomEvent.RoomMetadataChanged in livekit-client): `recording` (recording.cc)
// and `e2eeKeyIndex` (docs/e2ee.md), each one member of a JSON object. Internal header.
#ifndef LKS_SRC_GROUPS_ROOM_METADATA_H_
#define LKS_SRC_GROUPS_ROOM_METADATA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lks/core/status.h"
#include "lks/livekit/room_service_client.h"

namespace lks::internal {

// `metadata` (a room's metadata) with the member `key` set to `value`, its other members kept;
// empty metadata becomes an object. nullopt when it holds something other than a JSON object,
// which is someone else's and left alone.
std::optional<std::string> WithMetadataMember(std::string_view metadata, std::string_view key,
                                              bool value);
std::optional<std::string> WithMetadataMember(std::string_view metadata, std::string_view key,
                                              int64_t value);

// Sets `key` to `value` in the metadata of the live room `room_name` (read, merged, written: a
// concurrent writer of another member may be overwritten, so each member has one writer). A
// room that is gone has nobody to tell, and metadata that is not a JSON object is left alone:
// both are OK; so is a value already there (no write).
Status SetRoomMetadataMember(const RoomServiceClient& rooms, std::string_view room_name,
                             std::string_view key, bool value);
Status SetRoomMetadataMember(const RoomServiceClient& rooms, std::string_view room_name,
                             std::string_view key, int64_t value);

}  // namespace lks::internal

#endif  // LKS_SRC_GROUPS_ROOM_METADATA_H_
