// Writing a token: the payload JSON straight into one buffer, and the signed JWT. TokenSigner's
// hot path. Internal header.
//
// The payload starts with the claims that depend only on the API key, `{"iss":"<key>","exp":`,
// then exp, nbf and the claim grants (the order of claims means nothing to a JSON reader; LiveKit's
// SDKs read these tokens, tests/interop proves it). Because the start is fixed per key, so is the
// start of the signing input (header segment, '.', base64url of that prefix): a TokenPrefix keeps
// it encoded, and the HMAC state after its whole 64-byte blocks, so a mint neither re-encodes nor
// re-hashes it. The verifier keeps the same prefix per key to recognise lkstudy's own tokens.
#ifndef LKS_SRC_LIVEKIT_TOKEN_WRITER_H_
#define LKS_SRC_LIVEKIT_TOKEN_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "lks/core/crypto.h"
#include "lks/core/status.h"
#include "lks/livekit/grants.h"

namespace lks::internal {

// What a signer's tokens share. Immutable once made; safe to share between threads.
struct TokenPrefix {
  // `{"iss":"<api key, JSON-escaped>","exp":`
  std::string json;
  // base64url(header) "." base64url(json[0, json_encoded)), json_encoded a multiple of 3.
  std::string encoded;
  size_t json_encoded = 0;
  // The key with encoded[0, mac_absorbed) absorbed (whole blocks; mac_absorbed <= encoded.size()).
  HmacSha256Key mac;
  size_t mac_absorbed = 0;
};

TokenPrefix MakeTokenPrefix(const HmacSha256Key& key, std::string_view api_key);

// Writes the whole payload (`prefix.json`, exp, nbf, then the claim grants) into `*scratch`,
// which is resized as needed and never shrunk (a per-thread buffer); returns its length. The
// grants must have passed ValidateClaimGrants, at least without its UTF-8 checks: `*ascii` says
// whether every string written was ASCII (then it is valid UTF-8 and those checks can be skipped).
size_t WriteTokenPayload(const TokenPrefix& prefix, const ClaimGrants& grants, int64_t exp,
                         int64_t nbf, std::string* scratch, bool* ascii);

// ValidateClaimGrants with or without its UTF-8 checks (grants.cc).
Status ValidateClaimGrants(const ClaimGrants& grants, bool check_utf8);

// The JWT for `payload` (which starts with prefix.json) into `*out`.
void SignTokenPayload(const TokenPrefix& prefix, std::string_view payload, std::string* out);

}  // namespace lks::internal

#endif  // LKS_SRC_LIVEKIT_TOKEN_WRITER_H_
