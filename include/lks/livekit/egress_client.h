// EgressClient: LiveKit's Egress service (Twirp, livekit.Egress) — start, update, list and stop
// recordings and live streams of rooms, participants, tracks and web pages.
//
// Calls go through the same path as RoomServiceClient (lks/livekit/room_service_client.h): the
// same options, per-call tokens with the roomRecord grant, retries, request ids and error
// mapping. In addition:
//   - a server with no egress worker answers an error that becomes kUnavailable, reason
//     "egress_unavailable", http_status 503, so callers can tell "no recorder" from a bug.
//     livekit-server v1.13.5 without Redis answers a Start call on a live room after about 20 s
//     with 503 Twirp "unavailable" "no response from servers", and ListEgress / StopEgress at
//     once with Twirp "unknown" "egress not connected (redis required)";
//   - Start calls get a per-attempt timeout of at least 30 s (the server's wait for a worker);
//     a 503 is retried like any 5xx, so with retry.max_attempts = 3 "no worker" takes about a
//     minute: give the Egress client max_attempts = 1 where that matters;
//   - a Start call for a room that does not exist is kNotFound ("requested room does not exist").
//
// Thread-safety: as RoomServiceClient.
#ifndef LKS_LIVEKIT_EGRESS_CLIENT_H_
#define LKS_LIVEKIT_EGRESS_CLIENT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lks/core/status.h"
#include "lks/http/http_client.h"
#include "lks/livekit/egress_models.h"
#include "lks/livekit/room_service_client.h"

namespace lks {

class EgressClient {
 public:
  // The options of the room service (url, key and secret or a token, timeouts, retries, a
  // shared HTTP client). Errors: as RoomServiceClient::Create.
  static StatusOr<std::unique_ptr<EgressClient>> Create(RoomServiceOptions options);
  ~EgressClient();

  // Records (or streams) a room as the layout shows it. Errors: kInvalidArgument naming the
  // field (room_name required, at least one output, preset and advanced exclusive, at most one
  // upload target per output, a stream output without urls).
  StatusOr<EgressInfo> StartRoomCompositeEgress(const RoomCompositeEgressRequest& request) const;
  // Records one participant's camera (or screen share) and microphone.
  StatusOr<EgressInfo> StartParticipantEgress(const ParticipantEgressRequest& request) const;
  // Writes one track as is to a file or a WebSocket.
  StatusOr<EgressInfo> StartTrackEgress(const TrackEgressRequest& request) const;
  // Records one audio and/or one video track, transcoded together.
  StatusOr<EgressInfo> StartTrackCompositeEgress(const TrackCompositeEgressRequest& request) const;
  // Records a web page.
  StatusOr<EgressInfo> StartWebEgress(const WebEgressRequest& request) const;
  // Changes the layout of a running room composite egress.
  StatusOr<EgressInfo> UpdateLayout(std::string_view egress_id, std::string_view layout) const;
  // Adds and removes stream URLs of a running egress.
  StatusOr<EgressInfo> UpdateStream(std::string_view egress_id,
                                    const std::vector<std::string>& add_output_urls,
                                    const std::vector<std::string>& remove_output_urls) const;
  // Egresses of the server, filtered by the request.
  StatusOr<std::vector<EgressInfo>> ListEgress(const ListEgressRequest& request = {}) const;
  // Stops an egress; returns it as it is then (usually EGRESS_ENDING).
  StatusOr<EgressInfo> StopEgress(std::string_view egress_id) const;

  // Calls any livekit.Egress method with a JSON request (protojson) and returns the server's
  // JSON answer unchanged (errors mapped as above). For the C ABI and methods not wrapped here.
  StatusOr<std::string> CallJson(std::string_view method, std::string_view request_json) const;

  const std::string& url() const noexcept;

 private:
  struct Impl;
  explicit EgressClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lks

#endif  // LKS_LIVEKIT_EGRESS_CLIENT_H_
