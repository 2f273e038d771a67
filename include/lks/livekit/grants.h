// The claims of a LiveKit access token: who the bearer is and what it may do.
//
// Field names follow LiveKit's JSON claim names (design.md §2) in snake_case; the JWT carries them
// in camelCase. Grants are plain values: build them, copy them, compare them.
//
// Thread-safety: plain values.
#ifndef LKS_LIVEKIT_GRANTS_H_
#define LKS_LIVEKIT_GRANTS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lks/core/status.h"

namespace lks {

// Permissions on rooms (the JWT's `video` claim).
struct VideoGrant {
  bool room_create = false;
  bool room_list = false;
  bool room_record = false;
  bool room_admin = false;
  bool room_join = false;
  std::string room;  // required with room_join and room_admin
  // Tri-state: absent means the server's default, which is true.
  std::optional<bool> can_publish;
  std::optional<bool> can_subscribe;
  std::optional<bool> can_publish_data;
  // Track sources the bearer may publish: "camera", "microphone", "screen_share",
  // "screen_share_audio". Empty means all.
  std::vector<std::string> can_publish_sources;
  bool can_update_own_metadata = false;
  bool ingress_admin = false;
  bool hidden = false;
  bool recorder = false;
  bool agent = false;
  bool can_subscribe_metrics = false;
  bool can_manage_agent_session = false;
  std::string destination_room;  // Forward/MoveParticipant target

  // Overlays `other` onto this grant: flags set in `other` become set, non-empty strings and lists
  // of `other` replace ours, tri-states present in `other` replace ours (like the SDKs' addGrant).
  void Merge(const VideoGrant& other);

  friend bool operator==(const VideoGrant&, const VideoGrant&) = default;
};

// SIP permissions (the `sip` claim).
struct SipGrant {
  bool admin = false;
  bool call = false;
  friend bool operator==(const SipGrant&, const SipGrant&) = default;
};

// Permission to manage LiveKit Cloud agents (the `agent` claim; not VideoGrant::agent).
struct AgentGrant {
  bool admin = false;
  friend bool operator==(const AgentGrant&, const AgentGrant&) = default;
};

// Permission to run inference (the `inference` claim).
struct InferenceGrant {
  bool perform = false;
  friend bool operator==(const InferenceGrant&, const InferenceGrant&) = default;
};

// Permission to write observability data (the `observability` claim).
struct ObservabilityGrant {
  bool write = false;
  friend bool operator==(const ObservabilityGrant&, const ObservabilityGrant&) = default;
};

// Everything a token says about its bearer, except issuer and validity times.
struct ClaimGrants {
  std::string identity;  // JWT `sub`
  std::string name;
  std::string metadata;
  std::map<std::string, std::string> attributes;
  std::optional<VideoGrant> video;
  std::optional<SipGrant> sip;
  std::optional<AgentGrant> agent;
  std::optional<InferenceGrant> inference;
  std::optional<ObservabilityGrant> observability;
  std::string kind;    // "", standard, egress, ingress, sip, agent
  std::string sha256;  // webhook body digest (standard base64)
  std::string room_preset;
  std::string room_config;  // RoomConfiguration as camelCase JSON object text; empty when absent

  friend bool operator==(const ClaimGrants&, const ClaimGrants&) = default;
};

// Server limits on claim sizes (livekit-server rejects larger ones).
inline constexpr size_t kMaxIdentityBytes = 256;
inline constexpr size_t kMaxNameBytes = 256;
inline constexpr size_t kMaxRoomNameBytes = 256;
inline constexpr size_t kMaxMetadataBytes = 512 * 1024;
inline constexpr size_t kMaxAttributesBytes = 64 * 1024;

// Checks `grants` against the rules the server enforces and that minting relies on:
// roomJoin needs identity and room; roomAdmin needs room; size limits; valid UTF-8; a known kind
// and known publish sources; room_config a JSON object. Errors name the field
// ("identity: longer than 256 bytes").
Status ValidateClaimGrants(const ClaimGrants& grants);

// Parses a VideoGrant from its camelCase JSON object (the shape the SDKs' addGrant takes).
// Unknown keys are ignored; a known key of the wrong type is an error naming it.
StatusOr<VideoGrant> VideoGrantFromJson(std::string_view json);

// The camelCase JSON object of a grant, defaults omitted (as in the JWT).
std::string VideoGrantToJson(const VideoGrant& grant);

}  // namespace lks

#endif  // LKS_LIVEKIT_GRANTS_H_
