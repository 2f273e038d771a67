# The Twirp clients (RoomService, Egress, AgentDispatchService over src/http); built only with
# LKS_WITH_ROOM_SERVICE.
list(APPEND LKS_SOURCES
  livekit/agent_dispatch_client.cc
  livekit/egress_client.cc
  livekit/room_service_client.cc
  livekit/twirp_client.cc
  livekit/twirp_error.cc)
