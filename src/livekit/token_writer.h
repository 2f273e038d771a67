// Writing a token: the payload JSON straight into one buffer, and the signed JWT. TokenSigner's
// hot path. Internal header.
//
// The payload starts with the claim that depends only on the API key, `{"iss":"<key>"`, then the
// grants (video, sip, agent, inference, observability, kind, roomPreset, roomConfig: what the
// tokens for one room share), then what changes per token (exp, nbf, sub, name, metadata,
// attributes, sha256). The order of claims means nothing to a JSON reader (LiveKit's SDKs read
// these tokens; tests/interop proves it). Because the start is fixed per key, so is the start of
// the signing input (header segment, '.', base64url of that prefix): a TokenPrefix keeps it
// encoded, and the HMAC state after its whole 64-byte blocks, so a mint neither re-encodes nor
// re-hashes it. The verifier keeps the same prefix per key to recognise lkstudy's own tokens.
//
// Templates: the signing input of a token up to its first per-token claim (header, iss and the
// grants) is the same for every token of one key and grant set. SignTemplated() keeps, per
// thread, the HMAC state after the whole blocks of a few recent such starts (keyed by the key's
// TokenPrefix and the exact bytes), so the next token for the same room hashes only its own
// part: ~4 of the seed token's 8 blocks. The cache is an exact-bytes memo of a deterministic
// function, so a miss or a stale entry can only cost time, never change a MAC. A prefix's
// states are wiped in every thread when the prefix is destroyed (TemplateStatesOwner).
#ifndef LKS_SRC_LIVEKIT_TOKEN_WRITER_H_
#define LKS_SRC_LIVEKIT_TOKEN_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "lks/core/crypto.h"
#include "lks/core/status.h"
#include "lks/livekit/grants.h"

namespace lks::internal {

// A TokenPrefix's identity in every thread's template cache (SignTemplated): when the prefix
// is destroyed (its signers and verifiers are gone), the HMAC states cached for it in any thread
// are wiped and freed then, not when their slot is next replaced or their thread exits.
struct TemplateStatesOwner {
  TemplateStatesOwner() = default;
  TemplateStatesOwner(const TemplateStatesOwner&) noexcept {}  // a copy is another owner
  TemplateStatesOwner& operator=(const TemplateStatesOwner&) noexcept { return *this; }
  ~TemplateStatesOwner();
};

// What a signer's tokens share. Immutable once made; safe to share between threads.
struct TokenPrefix {
  // `{"iss":"<api key, JSON-escaped>"`
  std::string json;
  // base64url(header) "." base64url(json[0, json_encoded)), json_encoded a multiple of 3.
  std::string encoded;
  size_t json_encoded = 0;
  // The key with encoded[0, mac_absorbed) absorbed (whole blocks; mac_absorbed <= encoded.size()).
  HmacSha256Key mac;
  size_t mac_absorbed = 0;
  // Its template states' owner (by address): see TemplateStatesOwner.
  TemplateStatesOwner templates;
};

TokenPrefix MakeTokenPrefix(const HmacSha256Key& key, std::string_view api_key);

// Writes the whole payload (`prefix.json`, the grants, exp, nbf, then the per-token claims) into
// `*scratch`, which is resized as needed and never shrunk (a per-thread buffer); returns its
// length. The grants must have passed ValidateClaimGrants, at least without its UTF-8 checks:
// `*ascii` says whether every string written was ASCII (then it is valid UTF-8 and those checks
// can be skipped). `*fixed` (when not null) is set to the length of the template part, the
// payload before `,"exp":`.
size_t WriteTokenPayload(const TokenPrefix& prefix, const ClaimGrants& grants, int64_t exp,
                         int64_t nbf, std::string* scratch, bool* ascii, size_t* fixed = nullptr);

// ValidateClaimGrants with or without its UTF-8 checks (grants.cc).
Status ValidateClaimGrants(const ClaimGrants& grants, bool check_utf8);

// The JWT for `payload` (which starts with prefix.json; its first `fixed` bytes are the template
// part, see WriteTokenPayload) into `*out`, signed with `key` (the prefix's key, unabsorbed).
void SignTokenPayload(const std::shared_ptr<const TokenPrefix>& prefix, const HmacSha256Key& key,
                      std::string_view payload, size_t fixed, std::string* out);

// The MAC of a signing input `input` under `prefix`'s key (`key`, the same key unabsorbed).
// `fixed` is how many leading bytes of `input` are a template (see above); when the input starts
// with a state this thread cached, only the rest is hashed, and when it does not and `fixed`
// spans a block past the key's own prefix, the state after those blocks is cached for the next
// token.
Sha256Digest SignTemplated(const std::shared_ptr<const TokenPrefix>& prefix,
                           const HmacSha256Key& key, std::string_view input, size_t fixed);

// How many template states this thread's cache holds now (for tests).
size_t ThreadTemplateStates();

}  // namespace lks::internal

#endif  // LKS_SRC_LIVEKIT_TOKEN_WRITER_H_
