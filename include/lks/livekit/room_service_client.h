// RoomServiceClient: LiveKit's room service (Twirp over HTTP) — create, list and delete rooms,
// inspect and moderate participants, send data, update metadata.
//
// Each call POSTs JSON to <url>/twirp/livekit.RoomService/<Method> with
//   Authorization: Bearer <token signed for this call with exactly the grant it needs>
//     (CreateRoom, DeleteRoom: roomCreate; ListRooms: roomList; everything else: roomAdmin + room;
//     Forward/MoveParticipant: also destinationRoom), short-lived (token_ttl) and cached per
//     grant and room until near expiry; or the pre-signed token given in the options;
//   X-Livekit-Request-Id: one id per logical call, the same on every retry;
//   X-Twirp-Timeout-Ms: the per-attempt timeout.
// Retries, fallback URLs and region failover follow lks/http/retrying_http_client.h.
//
// Errors (every method):
//   - the server's Twirp error: the canonical code for its Twirp code (not_found -> kNotFound,
//     ...), reason() = the Twirp code, http_status() = the HTTP status, meta() = Twirp meta,
//     message "<Method>: <server message>";
//   - a plain-text error body (401 from the auth layer, 413 for a body over 10 MiB, a proxy's
//     5xx page): the code for its HTTP status, message "<Method>: HTTP <status>: <text>";
//   - transport failures: kUnavailable (reason "connect", "transport", "tls") or
//     kDeadlineExceeded (reason "timeout") with the URL in the message (never a token);
//   - an answer that is not the expected JSON: kInternal, reason "bad_response";
//   - bad arguments: kInvalidArgument naming the field, before anything is sent.
//
// Thread-safety: all methods may be called from any number of threads at once; connections are
// shared. Create one client per server and API key and keep it.
#ifndef LKS_LIVEKIT_ROOM_SERVICE_CLIENT_H_
#define LKS_LIVEKIT_ROOM_SERVICE_CLIENT_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lks/core/clock.h"
#include "lks/core/status.h"
#include "lks/http/http_client.h"
#include "lks/http/retrying_http_client.h"
#include "lks/livekit/models.h"

namespace lks {

struct RoomServiceOptions {
  std::string url;  // ws(s):// or http(s):// base URL of the server
  std::string api_key;
  std::string api_secret;
  // A pre-signed token sent as is on every call instead of signing per call (then key and secret
  // may be empty). It must carry every grant the calls need.
  std::string token;
  // Lifetime of the per-call tokens; a cached one is replaced when less than a quarter is left.
  std::chrono::seconds token_ttl{600};
  // Per-attempt timeout, also sent as X-Twirp-Timeout-Ms. Overrides http.timeout.
  std::chrono::milliseconds timeout{10000};
  RetryOptions retry;
  HttpClientOptions http;                   // used when http_client is null
  std::shared_ptr<HttpClient> http_client;  // share connections between several clients
  HttpHeaders extra_headers;                // added to every request (e.g. a proxy's header)
  const Clock* clock = nullptr;             // for token times; null: the system clock
};

struct CreateRoomRequest {
  std::string name;                // required
  uint32_t empty_timeout = 0;      // seconds before an empty room closes; 0: server default
  uint32_t departure_timeout = 0;  // seconds after the last participant left; 0: server default
  uint32_t max_participants = 0;   // 0: no limit
  std::string metadata;
  std::string node_id;
  std::string room_preset;
  uint32_t min_playout_delay = 0;
  uint32_t max_playout_delay = 0;
  bool sync_streams = false;
};

struct UpdateParticipantRequest {
  std::string room;
  std::string identity;
  std::optional<std::string> metadata;  // replaced when set
  std::optional<ParticipantPermission> permission;
  std::optional<std::string> name;
  std::map<std::string, std::string> attributes;  // set (an empty value deletes the key)
};

struct SendDataRequest {
  std::string room;
  std::string data;  // bytes
  DataPacketKind kind = DataPacketKind::kReliable;
  std::vector<std::string> destination_identities;  // empty: everyone
  std::optional<std::string> topic;
};

struct PerformRpcRequest {
  std::string room;
  std::string destination_identity;
  std::string method;
  std::string payload;
  uint32_t response_timeout_ms = 0;  // 0: server default (15 s)
};

class RoomServiceClient {
 public:
  // Errors: kInvalidArgument for a bad url/fallback URL, a missing api_key/api_secret (without
  // a token), a non-positive token_ttl or timeout.
  static StatusOr<std::unique_ptr<RoomServiceClient>> Create(RoomServiceOptions options);
  ~RoomServiceClient();

  // Creates a room, or returns the live room of that name unchanged.
  StatusOr<Room> CreateRoom(const CreateRoomRequest& request) const;
  // Active rooms; only those named when `names` is not empty.
  StatusOr<std::vector<Room>> ListRooms(const std::vector<std::string>& names = {}) const;
  // Closes a room and disconnects everyone. kNotFound when there is no such room.
  Status DeleteRoom(std::string_view room) const;
  // Participants of a room; empty for an unknown room.
  StatusOr<std::vector<ParticipantInfo>> ListParticipants(std::string_view room) const;
  // kNotFound when the participant is not in the room.
  StatusOr<ParticipantInfo> GetParticipant(std::string_view room, std::string_view identity) const;
  // Disconnects a participant (it may join again with a valid token).
  Status RemoveParticipant(std::string_view room, std::string_view identity) const;
  // Mutes or unmutes a published track; returns the track as updated.
  StatusOr<TrackInfo> MutePublishedTrack(std::string_view room, std::string_view identity,
                                         std::string_view track_sid, bool muted) const;
  // Updates metadata, name, attributes and/or permissions; returns the participant.
  StatusOr<ParticipantInfo> UpdateParticipant(const UpdateParticipantRequest& request) const;
  // Subscribes or unsubscribes a participant to/from tracks.
  Status UpdateSubscriptions(std::string_view room, std::string_view identity,
                             const std::vector<std::string>& track_sids, bool subscribe) const;
  // Sends a data packet to the room (or to `destination_identities`), with a fresh 16-byte nonce.
  Status SendData(const SendDataRequest& request) const;
  StatusOr<Room> UpdateRoomMetadata(std::string_view room, std::string_view metadata) const;
  // Forwards a participant into another room as well (LiveKit Cloud).
  Status ForwardParticipant(std::string_view room, std::string_view identity,
                            std::string_view destination_room) const;
  // Moves a participant to another room (LiveKit Cloud).
  Status MoveParticipant(std::string_view room, std::string_view identity,
                         std::string_view destination_room) const;
  // Calls an RPC method on a participant and returns its response payload.
  StatusOr<std::string> PerformRpc(const PerformRpcRequest& request) const;

  // Calls any RoomService method with a JSON request (camelCase or snake_case protojson) and
  // returns the server's JSON answer unchanged. The token's grant is chosen from `method` and the
  // request's "room"/"destinationRoom". For the C ABI and for methods this version does not wrap.
  StatusOr<std::string> CallJson(std::string_view method, std::string_view request_json) const;

  const std::string& url() const noexcept;
  const HttpClient& http_client() const noexcept;

 private:
  struct Impl;
  explicit RoomServiceClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lks

#endif  // LKS_LIVEKIT_ROOM_SERVICE_CLIENT_H_
