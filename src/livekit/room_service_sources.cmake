# RoomServiceClient (Twirp over src/http); built only with LKS_WITH_ROOM_SERVICE.
list(APPEND LKS_SOURCES
  livekit/room_service_client.cc
  livekit/twirp_client.cc
  livekit/twirp_error.cc)
