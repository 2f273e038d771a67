// WebhookEvent: one notification livekit-server POSTs to a webhook URL, as typed values.
//
// The body is LiveKit's `WebhookEvent` message in camelCase protojson with defaults omitted and
// int64 written as strings (design.md §4). The typed structs below hold the fields a backend acts
// on; everything else stays readable in `raw_json`, the exact verified body. Unknown fields are
// ignored, so new server versions never break parsing. Enum fields hold the protojson name
// ("EGRESS_COMPLETE", "JT_ROOM", ...); an absent enum is its zero value's name, as in protobuf;
// a number the server may send instead is mapped to its name (or kept as decimal text when
// this version does not know it).
//
// These structs are the webhook's own minimal view of LiveKit's Room / ParticipantInfo /
// TrackInfo; they can be unified with the room service's models later.
//
// Thread-safety: plain values.
#ifndef LKS_LIVEKIT_WEBHOOK_EVENT_H_
#define LKS_LIVEKIT_WEBHOOK_EVENT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lks/core/status.h"

namespace lks {

// The 14 event names livekit-server sends, plus kUnknown for any other name (kept, not an error:
// a newer server may add events).
enum class WebhookEventType : int {
  kUnknown = 0,
  kRoomStarted = 1,
  kRoomFinished = 2,
  kParticipantJoined = 3,
  kParticipantLeft = 4,
  kParticipantConnectionAborted = 5,
  kTrackPublished = 6,
  kTrackUnpublished = 7,
  kEgressStarted = 8,
  kEgressUpdated = 9,
  kEgressEnded = 10,
  kIngressStarted = 11,
  kIngressEnded = 12,
  kAgentJobStarted = 13,
  kAgentJobEnded = 14,
};

// "room_started", ...; "" for kUnknown. Never null.
const char* WebhookEventTypeName(WebhookEventType type) noexcept;
// The type of an event name; kUnknown for a name this version does not know.
WebhookEventType WebhookEventTypeFromName(std::string_view name) noexcept;

// livekit.TrackInfo (subset).
struct WebhookTrack {
  std::string sid;
  std::string type = "AUDIO";  // AUDIO | VIDEO | DATA
  std::string name;
  std::string source =
      "UNKNOWN";  // CAMERA | MICROPHONE | SCREEN_SHARE | SCREEN_SHARE_AUDIO | UNKNOWN
  std::string mime_type;
  std::string mid;
  bool muted = false;
  uint32_t width = 0;
  uint32_t height = 0;
  friend bool operator==(const WebhookTrack&, const WebhookTrack&) = default;
};

// livekit.Room (subset).
struct WebhookRoom {
  std::string sid;
  std::string name;
  uint32_t empty_timeout = 0;      // seconds
  uint32_t departure_timeout = 0;  // seconds
  uint32_t max_participants = 0;
  int64_t creation_time = 0;     // Unix seconds
  int64_t creation_time_ms = 0;  // Unix milliseconds
  std::string metadata;
  uint32_t num_participants = 0;
  uint32_t num_publishers = 0;
  bool active_recording = false;
  friend bool operator==(const WebhookRoom&, const WebhookRoom&) = default;
};

// livekit.ParticipantInfo (subset).
struct WebhookParticipant {
  std::string sid;
  std::string identity;
  std::string name;
  std::string state = "JOINING";  // JOINING | JOINED | ACTIVE | DISCONNECTED
  std::string kind = "STANDARD";  // STANDARD | INGRESS | EGRESS | SIP | AGENT | ...
  std::string metadata;
  std::map<std::string, std::string> attributes;
  int64_t joined_at = 0;     // Unix seconds
  int64_t joined_at_ms = 0;  // Unix milliseconds
  bool is_publisher = false;
  std::string region;
  std::string disconnect_reason = "UNKNOWN_REASON";
  std::vector<WebhookTrack> tracks;
  friend bool operator==(const WebhookParticipant&, const WebhookParticipant&) = default;
};

// livekit.FileInfo: one file an egress wrote. Times and duration in Unix nanoseconds; size in
// bytes.
struct WebhookFileInfo {
  std::string filename;
  int64_t started_at = 0;
  int64_t ended_at = 0;
  int64_t duration = 0;
  int64_t size = 0;
  std::string location;  // where it was uploaded (or the local path)
  friend bool operator==(const WebhookFileInfo&, const WebhookFileInfo&) = default;
};

// livekit.EgressInfo (subset). Timestamps are Unix nanoseconds, as the server sends them.
struct WebhookEgressInfo {
  std::string egress_id;
  std::string room_id;
  std::string room_name;
  std::string status = "EGRESS_STARTING";  // EGRESS_ACTIVE, EGRESS_COMPLETE, EGRESS_FAILED, ...
  int64_t started_at = 0;
  int64_t ended_at = 0;
  int64_t updated_at = 0;
  std::string error;
  std::vector<WebhookFileInfo> file_results;  // fileResults
  friend bool operator==(const WebhookEgressInfo&, const WebhookEgressInfo&) = default;
};

// livekit.IngressInfo (subset) with its state. Timestamps are Unix nanoseconds.
struct WebhookIngressInfo {
  std::string ingress_id;
  std::string name;
  std::string room_name;
  std::string participant_identity;
  std::string participant_name;
  std::string input_type = "RTMP_INPUT";  // RTMP_INPUT | WHIP_INPUT | URL_INPUT
  std::string status =
      "ENDPOINT_INACTIVE";  // state.status: ENDPOINT_PUBLISHING, ENDPOINT_COMPLETE, ...
  std::string error;        // state.error
  std::string room_id;      // state.roomId
  int64_t started_at = 0;   // state.startedAt
  int64_t ended_at = 0;     // state.endedAt
  friend bool operator==(const WebhookIngressInfo&, const WebhookIngressInfo&) = default;
};

// livekit.Job (subset): an agent job. Timestamps are Unix nanoseconds.
struct WebhookJob {
  std::string id;
  std::string dispatch_id;
  std::string type = "JT_ROOM";  // JT_ROOM | JT_PUBLISHER | JT_PARTICIPANT
  std::string agent_name;
  std::string metadata;
  std::optional<WebhookRoom> room;
  std::optional<WebhookParticipant> participant;
  std::string status = "JS_PENDING";  // state.status: JS_RUNNING, JS_SUCCESS, JS_FAILED
  std::string error;                  // state.error
  int64_t started_at = 0;             // state.startedAt
  int64_t ended_at = 0;               // state.endedAt
  friend bool operator==(const WebhookJob&, const WebhookJob&) = default;
};

struct WebhookEvent {
  WebhookEventType type = WebhookEventType::kUnknown;
  std::string event;       // the name as sent (kept for kUnknown)
  std::string id;          // unique per event; deliveries may repeat it (use it for idempotency)
  int64_t created_at = 0;  // Unix seconds
  std::optional<WebhookRoom> room;
  std::optional<WebhookParticipant> participant;
  std::optional<WebhookTrack> track;
  std::optional<WebhookEgressInfo> egress_info;
  std::optional<WebhookIngressInfo> ingress_info;
  std::optional<WebhookJob> job;
  std::string room_end_reason = "ROOM_END_UNKNOWN";  // room_finished only
  int32_t num_dropped = 0;  // deprecated by LiveKit; events dropped before this one
  std::string raw_json;     // the body exactly as received
};

// Parses a webhook body WITHOUT verifying it. Use WebhookReceiver::Receive for deliveries; this is
// for bodies already verified (stored, replayed) and for tests.
// Errors: kInvalidArgument, reason "body_not_json" when the body is not a UTF-8 JSON object (or
// nests deeper than 128 levels), or
// reason "bad_event" with the field's path ("participant.joinedAt: expected an integer") when a
// known field has the wrong type.
StatusOr<WebhookEvent> ParseWebhookEvent(std::string_view json);

// The typed fields of `event` as one camelCase JSON object with every field present (enums as
// names, int64 as strings as protojson writes them, absent sub-objects omitted). The normalized
// form the C ABI and the CLI offer beside the raw body.
std::string WebhookEventToNormalizedJson(const WebhookEvent& event);

}  // namespace lks

#endif  // LKS_LIVEKIT_WEBHOOK_EVENT_H_
