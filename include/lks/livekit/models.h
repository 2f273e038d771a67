// Typed models of LiveKit's room service answers: Room, ParticipantInfo, TrackInfo,
// ParticipantPermission and their enums (livekit_models.proto).
//
// Parsers accept both JSON styles of the server family (design.md §3): the real server's
// snake_case with every default present and int64 as strings, and the camelCase without defaults
// of webhooks and LiveKit's test-server. Enums may be names ("AUDIO") or numbers. Unknown fields
// and unknown enum values are tolerated (new server versions add them). Each top-level model
// also keeps the raw JSON it came from (raw_json), so the C ABI can hand it on unchanged; the
// RoomServiceClient keeps the exact bytes the server sent. A TrackInfo inside a ParticipantInfo
// that came from the RoomServiceClient has an empty raw_json (its participant's holds it).
//
// Thread-safety: plain values.
#ifndef LKS_LIVEKIT_MODELS_H_
#define LKS_LIVEKIT_MODELS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lks/core/status.h"

namespace lks {

enum class TrackType : int { kAudio = 0, kVideo = 1, kData = 2 };
enum class TrackSource : int {
  kUnknown = 0,
  kCamera = 1,
  kMicrophone = 2,
  kScreenShare = 3,
  kScreenShareAudio = 4,
};
enum class ParticipantState : int { kJoining = 0, kJoined = 1, kActive = 2, kDisconnected = 3 };
enum class ParticipantKind : int {
  kStandard = 0,
  kIngress = 1,
  kEgress = 2,
  kSip = 3,
  kAgent = 4,
  kConnector = 7,
  kBridge = 8,
};
// Reliable (ordered, retransmitted) or lossy data delivery (DataPacket.Kind).
enum class DataPacketKind : int { kReliable = 0, kLossy = 1 };

// Protobuf enum names ("AUDIO", "MICROPHONE", "JOINED", "AGENT", "RELIABLE"); an unknown value
// gives its number as text.
std::string TrackTypeName(TrackType v);
std::string TrackSourceName(TrackSource v);
std::string ParticipantStateName(ParticipantState v);
std::string ParticipantKindName(ParticipantKind v);
// "CLIENT_INITIATED", "PARTICIPANT_REMOVED", "ROOM_DELETED", ... (livekit.DisconnectReason).
std::string DisconnectReasonName(int reason);

// What a participant may do in a room; sent with UpdateParticipant and found in ParticipantInfo.
struct ParticipantPermission {
  bool can_subscribe = false;
  bool can_publish = false;
  bool can_publish_data = false;
  std::vector<TrackSource> can_publish_sources;  // empty: all
  bool hidden = false;
  bool can_update_metadata = false;
  bool can_subscribe_metrics = false;
  bool can_manage_agent_session = false;
  friend bool operator==(const ParticipantPermission&, const ParticipantPermission&) = default;
};

struct TrackInfo {
  std::string sid;
  TrackType type = TrackType::kAudio;
  std::string name;
  bool muted = false;
  uint32_t width = 0;
  uint32_t height = 0;
  bool simulcast = false;
  TrackSource source = TrackSource::kUnknown;
  std::string mime_type;
  std::string mid;
  std::string stream;
  std::string raw_json;
};

struct ParticipantInfo {
  std::string sid;
  std::string identity;
  ParticipantState state = ParticipantState::kJoining;
  std::vector<TrackInfo> tracks;
  std::string metadata;
  int64_t joined_at = 0;     // Unix seconds
  int64_t joined_at_ms = 0;  // Unix milliseconds
  std::string name;
  uint32_t version = 0;
  std::optional<ParticipantPermission> permission;
  std::string region;
  bool is_publisher = false;
  ParticipantKind kind = ParticipantKind::kStandard;
  std::map<std::string, std::string> attributes;
  int disconnect_reason = 0;  // livekit.DisconnectReason; see DisconnectReasonName
  std::string raw_json;
};

struct Room {
  std::string sid;
  std::string name;
  uint32_t empty_timeout = 0;      // seconds
  uint32_t departure_timeout = 0;  // seconds
  uint32_t max_participants = 0;   // 0: no limit
  int64_t creation_time = 0;       // Unix seconds
  int64_t creation_time_ms = 0;    // Unix milliseconds
  std::string metadata;
  uint32_t num_participants = 0;
  uint32_t num_publishers = 0;
  bool active_recording = false;
  std::string raw_json;
};

// Parsers. Errors: kInvalidArgument (or, for the room service's answers, the caller maps it to
// kInternal) naming the field with a wrong type: "room.maxParticipants: expected a number".
StatusOr<Room> RoomFromJson(std::string_view json);
StatusOr<ParticipantInfo> ParticipantInfoFromJson(std::string_view json);
StatusOr<TrackInfo> TrackInfoFromJson(std::string_view json);
StatusOr<ParticipantPermission> ParticipantPermissionFromJson(std::string_view json);

// The camelCase JSON object of a permission, every field present (UpdateParticipant replaces the
// whole permission, so an omitted flag would mean "false" anyway).
std::string ParticipantPermissionToJson(const ParticipantPermission& permission);

}  // namespace lks

#endif  // LKS_LIVEKIT_MODELS_H_
