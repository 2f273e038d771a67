// AgentDispatchClient: LiveKit's agent dispatch service (Twirp, livekit.AgentDispatchService) —
// asks the server to send an agent (by its registered name) into a room, lists and deletes
// those requests. A dispatch is stored by the server whether or not a worker for that agent is
// connected; its jobs appear once one takes it.
//
// Calls go through the same path as RoomServiceClient (same options, retries, error mapping);
// each token carries roomAdmin for the dispatch's room.
//
// Agents can also be dispatched when a participant's token first creates the room: see
// RoomConfiguration.agents in lks/livekit/grants.h.
//
// Thread-safety: as RoomServiceClient.
#ifndef LKS_LIVEKIT_AGENT_DISPATCH_CLIENT_H_
#define LKS_LIVEKIT_AGENT_DISPATCH_CLIENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lks/core/status.h"
#include "lks/livekit/room_service_client.h"

namespace lks {

// One job of a dispatch (livekit.Job, subset).
struct AgentJob {
  std::string id;
  std::string dispatch_id;
  std::string type = "JT_ROOM";  // JT_ROOM, JT_PUBLISHER, JT_PARTICIPANT
  std::string agent_name;
  std::string metadata;
  std::string status = "JS_PENDING";  // state.status: JS_RUNNING, JS_SUCCESS, JS_FAILED
  std::string error;                  // state.error
  std::string participant_identity;   // state.participantIdentity: the agent's identity
};

// livekit.AgentDispatch.
struct AgentDispatch {
  std::string id;
  std::string agent_name;
  std::string room;
  std::string metadata;
  std::vector<AgentJob> jobs;
  int64_t created_at = 0;  // Unix nanoseconds
  int64_t deleted_at = 0;
  std::string raw_json;  // as the server sent it
};

class AgentDispatchClient {
 public:
  // Errors: as RoomServiceClient::Create.
  static StatusOr<std::unique_ptr<AgentDispatchClient>> Create(RoomServiceOptions options);
  ~AgentDispatchClient();

  // Dispatches `agent_name` to `room` with `metadata` for the agent. Errors: kInvalidArgument
  // naming agent_name or room (required, UTF-8, length).
  StatusOr<AgentDispatch> CreateDispatch(std::string_view room, std::string_view agent_name,
                                         std::string_view metadata = {}) const;
  // Deletes a dispatch; returns it as it was.
  StatusOr<AgentDispatch> DeleteDispatch(std::string_view room, std::string_view dispatch_id) const;
  // The dispatches of `room` (only `dispatch_id` when given).
  StatusOr<std::vector<AgentDispatch>> ListDispatch(std::string_view room,
                                                    std::string_view dispatch_id = {}) const;

  // Calls any AgentDispatchService method with a JSON request whose "room" names the room the
  // token is for; returns the server's JSON answer unchanged. For the C ABI.
  StatusOr<std::string> CallJson(std::string_view method, std::string_view request_json) const;

 private:
  struct Impl;
  explicit AgentDispatchClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lks

#endif  // LKS_LIVEKIT_AGENT_DISPATCH_CLIENT_H_
