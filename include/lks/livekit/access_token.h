// Minting LiveKit access tokens (HS256 JWTs).
//
// Two types:
//  - TokenSigner: an API key and the precomputed HMAC state of its secret. Immutable and
//    thread-safe; create one per API key and share it. Sign() writes the whole JWT into one
//    string, the only allocation per token.
//  - AccessToken: the familiar builder of LiveKit's SDKs (identity, name, grants, ttl, ...), which
//    signs with a TokenSigner. One AccessToken per token being built; not for concurrent mutation.
//
// Example:
//   lks::AccessToken at("APIkey", "secret");
//   at.set_identity("user_15").set_name("John Doe");
//   lks::VideoGrant g; g.room_join = true; g.room = "study_group_123";
//   at.AddGrant(g);
//   lks::StatusOr<std::string> jwt = at.ToJwt();
#ifndef LKS_LIVEKIT_ACCESS_TOKEN_H_
#define LKS_LIVEKIT_ACCESS_TOKEN_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "lks/core/clock.h"
#include "lks/core/crypto.h"
#include "lks/core/status.h"
#include "lks/livekit/grants.h"

namespace lks {
namespace internal {
struct TokenPrefix;
}

inline constexpr std::chrono::seconds kDefaultTokenTtl{6 * 3600};

// Validity window of a token, relative to the signing clock's "now".
struct TokenTiming {
  std::chrono::seconds ttl = kDefaultTokenTtl;  // exp = now + ttl; must be > 0
  // Absolute nbf (Unix seconds); when unset nbf = now.
  std::optional<int64_t> not_before;
};

class TokenSigner {
 public:
  // `api_key` becomes the `iss` claim; `api_secret` keys HMAC-SHA256. The secret is not stored,
  // only its derived HMAC state.
  TokenSigner(std::string_view api_key, std::string_view api_secret);

  const std::string& api_key() const noexcept { return api_key_; }

  // Validates `grants` (see ValidateClaimGrants) and returns the signed JWT.
  // Errors: kInvalidArgument naming the field.
  StatusOr<std::string> Sign(const ClaimGrants& grants, const TokenTiming& timing = {},
                             const Clock& clock = SystemClock()) const;

  // Same, writing into `*out` (its capacity is reused, so a caller minting in a loop allocates
  // nothing). On error `*out` is cleared.
  Status SignTo(const ClaimGrants& grants, const TokenTiming& timing, const Clock& clock,
                std::string* out) const;

  // Signs `payload_json` (a complete JSON object, not validated) as an HS256 JWT. For callers
  // that produce the claims themselves, e.g. tests of the verifier.
  std::string SignRawPayload(std::string_view payload_json) const;

 private:
  std::string api_key_;
  HmacSha256Key key_;
  // The start of every token of this key, encoded and absorbed into the MAC once
  // (src/livekit/token_writer.h).
  std::shared_ptr<const internal::TokenPrefix> prefix_;
};

class AccessToken {
 public:
  AccessToken(std::string_view api_key, std::string_view api_secret);
  // Shares an existing signer (no key schedule per token).
  explicit AccessToken(std::shared_ptr<const TokenSigner> signer);

  AccessToken& set_identity(std::string identity);
  AccessToken& set_name(std::string name);
  AccessToken& set_metadata(std::string metadata);
  AccessToken& set_attribute(std::string key, std::string value);
  AccessToken& set_attributes(std::map<std::string, std::string> attributes);
  AccessToken& set_kind(std::string kind);
  AccessToken& set_ttl(std::chrono::seconds ttl);
  AccessToken& set_not_before(int64_t unix_seconds);
  AccessToken& set_sha256(std::string sha256);
  AccessToken& set_room_preset(std::string preset);
  // A RoomConfiguration as a camelCase JSON object; checked when the token is signed.
  AccessToken& set_room_config_json(std::string json);
  // Merges into the current video grant (see VideoGrant::Merge).
  AccessToken& AddGrant(const VideoGrant& grant);
  AccessToken& AddSipGrant(const SipGrant& grant);
  AccessToken& AddAgentGrant(const AgentGrant& grant);
  AccessToken& AddInferenceGrant(const InferenceGrant& grant);
  AccessToken& AddObservabilityGrant(const ObservabilityGrant& grant);

  const ClaimGrants& grants() const noexcept { return grants_; }
  ClaimGrants& mutable_grants() noexcept { return grants_; }
  const TokenTiming& timing() const noexcept { return timing_; }

  // Validates and signs. Errors: kInvalidArgument naming the field.
  StatusOr<std::string> ToJwt(const Clock& clock = SystemClock()) const;

 private:
  std::shared_ptr<const TokenSigner> signer_;
  ClaimGrants grants_;
  TokenTiming timing_;
};

}  // namespace lks

#endif  // LKS_LIVEKIT_ACCESS_TOKEN_H_
