// The room client options handle, shared by lks_room.cc (its setters) and lks_egress.cc (the
// Egress and agent dispatch clients are made from the same options). Internal header.
#ifndef LKS_CAPI_SRC_ROOM_OPTIONS_H_
#define LKS_CAPI_SRC_ROOM_OPTIONS_H_

#include "lks.h"

#if LKS_WITH_ROOM_SERVICE
#include "lks/livekit/room_service_client.h"
#endif

struct lks_room_client_options {
#if LKS_WITH_ROOM_SERVICE
  lks::RoomServiceOptions options;
#endif
};

#endif  // LKS_CAPI_SRC_ROOM_OPTIONS_H_
