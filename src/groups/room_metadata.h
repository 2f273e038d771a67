// What the service tells a session's participants through the LiveKit room's metadata, which
// every client sees (RoomEvent.RoomMetadataChanged in livekit-client). Internal header.
#ifndef LKS_SRC_GROUPS_ROOM_METADATA_H_
#define LKS_SRC_GROUPS_ROOM_METADATA_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "lks/core/status.h"
#include "lks/livekit/room_service_client.h"

namespace lks::internal {

// `metadata` (a room's metadata: a JSON object, or anything else, which is then replaced) with
// the member `key` set to `value`; the other members are kept as they are.
std::string WithMetadataMember(std::string_view metadata, std::string_view key, int64_t value);

// Sets `key` to `value` in the metadata of the live room `room_name`, keeping its other members
// (read, merged, written: a concurrent writer of another member may be overwritten, so each
// member has one writer). kNotFound (reason room_not_active) when the room is not live.
Status SetRoomMetadataMember(const RoomServiceClient& rooms, std::string_view room_name,
                             std::string_view key, int64_t value);

}  // namespace lks::internal

#endif  // LKS_SRC_GROUPS_ROOM_METADATA_H_
