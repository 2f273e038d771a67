// Verifying LiveKit access tokens (and any HS256 JWT signed with an API secret).
//
// A TokenVerifier holds a KeySet (API key -> secret, several for rotation) whose HMAC states are
// computed once. Verify() accepts only HS256, requires `exp`, applies a leeway to `nbf`/`exp`,
// compares signatures in constant time, ignores unknown claims and returns typed claims.
//
// Every rejection is kUnauthenticated (kInvalidArgument for input that is not a JWT at all) with
// a distinct Status::reason():
//   "malformed"      not three dot-separated segments, JSON not an object, a claim of the wrong
//                    type, a duplicate key, or input over kMaxTokenBytes
//   "bad_base64"     a segment is not strict base64url
//   "unsupported_alg" alg is not HS256 (none, RS256, HS512, ...)
//   "unknown_key"    `iss` is missing or not in the key set
//   "bad_signature"  the HMAC does not match
//   "missing_exp"    no `exp` claim
//   "expired"        now > exp + leeway
//   "not_yet_valid"  now < nbf - leeway
// Messages never contain the token or a secret.
//
// Thread-safety: configure (AddKey, set_*) before sharing; Verify() is then safe from any number
// of threads and allocates only the result (scratch buffers are per thread and reused).
#ifndef LKS_LIVEKIT_TOKEN_VERIFIER_H_
#define LKS_LIVEKIT_TOKEN_VERIFIER_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "lks/core/clock.h"
#include "lks/core/crypto.h"
#include "lks/core/status.h"
#include "lks/livekit/grants.h"

namespace lks {
namespace internal {
struct TokenPrefix;
}

inline constexpr std::chrono::seconds kDefaultTokenLeeway{60};
// Longest token Verify() will look at (metadata may be 512 KiB, which is ~700 KiB of base64).
inline constexpr size_t kMaxTokenBytes = 2 * 1024 * 1024;

// API key -> HMAC key. Copyable value.
class KeySet {
 public:
  KeySet() = default;
  // Adds or replaces `api_key`. Errors: kInvalidArgument for an empty key or secret.
  Status Add(std::string_view api_key, std::string_view api_secret);
  // nullptr when unknown.
  const HmacSha256Key* Find(std::string_view api_key) const noexcept;
  size_t size() const noexcept { return keys_.size(); }

 private:
  friend class TokenVerifier;
  struct Entry {
    HmacSha256Key key;
    // The start of the tokens lkstudy's TokenSigner mints with this key, hashed once: such a
    // token's MAC skips those blocks (src/livekit/token_writer.h).
    std::shared_ptr<const internal::TokenPrefix> prefix;
  };
  const Entry* FindEntry(std::string_view api_key) const noexcept;
  std::unordered_map<std::string, Entry> keys_;
};

// A verified token's content.
struct VerifiedToken {
  std::string api_key;     // iss
  int64_t not_before = 0;  // nbf; 0 when absent
  int64_t expires_at = 0;  // exp
  ClaimGrants grants;
};

class TokenVerifier {
 public:
  explicit TokenVerifier(KeySet keys);
  // A verifier for one key.
  TokenVerifier(std::string_view api_key, std::string_view api_secret);

  TokenVerifier& set_leeway(std::chrono::seconds leeway) noexcept;
  // The clock must outlive the verifier. Defaults to SystemClock().
  TokenVerifier& set_clock(const Clock& clock) noexcept;
  const KeySet& keys() const noexcept { return keys_; }
  KeySet& mutable_keys() noexcept { return keys_; }

  StatusOr<VerifiedToken> Verify(std::string_view jwt) const;
  // The same into `*out`, whose previous contents are replaced (its strings' capacity is reused,
  // so a caller verifying many tokens into one object allocates little). On failure `*out` holds
  // unspecified claims and must not be used. Errors: as Verify(jwt).
  Status Verify(std::string_view jwt, VerifiedToken* out) const;

 private:
  KeySet keys_;
  std::chrono::seconds leeway_ = kDefaultTokenLeeway;
  const Clock* clock_;
};

// The claims of `token` as the JSON object a JWT payload would carry (iss, sub, nbf, exp, name,
// metadata, attributes, video, sip, ...), defaults omitted. For the CLI and the C ABI.
std::string VerifiedTokenToJson(const VerifiedToken& token);

}  // namespace lks

#endif  // LKS_LIVEKIT_TOKEN_VERIFIER_H_
