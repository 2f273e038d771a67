// One-pass reader of a JWT payload into typed claims, for TokenVerifier's hot path. Internal
// header.
//
// It reads the same claims with the same rules as ReadClaimGrants (claims_json.h) over a DOM, but
// walks the text once with no DOM, no per-member lookups and no allocation beyond the claims'
// own strings: verifying a token costs little more than its HMAC. Kept equal to ReadClaimGrants
// by tests/unit/token_payload_test.cc (a differential test over ordinary and hostile payloads):
// a claim added to ClaimGrants must be added to both.
#ifndef LKS_SRC_LIVEKIT_TOKEN_PAYLOAD_H_
#define LKS_SRC_LIVEKIT_TOKEN_PAYLOAD_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "lks/core/status.h"
#include "lks/livekit/grants.h"

namespace lks::internal {

struct TokenPayload {
  // `iss` when it is a JSON string (a view into the parsed buffer), else empty.
  std::string_view iss;
  bool has_exp = false;  // an `exp` member is present (even null)
  // Offset in the payload of the byte before the `"exp"` key (the comma, in lkstudy's tokens):
  // where the template part of a token ends (token_writer.h). 0 when there is no exp.
  size_t exp_at = 0;
  int64_t exp = 0;  // 0 when absent or null
  int64_t nbf = 0;
  // The first `exp` / `nbf` of the wrong type ("exp: expected an integer").
  Status exp_error;
  Status nbf_error;
  // The first claim grant of the wrong type, named as ReadClaimGrants names it.
  Status claims_error;
};

// Parses `*json` (the decoded payload; modified in place, as strings are unescaped inside it)
// into `*out` and the claim grants into `*grants` (which should start empty).
// Fails only when the text is not one JSON object of valid UTF-8 or has a duplicate top-level
// key, with the message "payload is not valid UTF-8 JSON", "payload is not a JSON object" or
// "payload has a duplicate key". Type errors of individual claims are left in `*out` for the
// caller to report after the signature check.
Status ParseTokenPayload(std::string* json, TokenPayload* out, ClaimGrants* grants);

}  // namespace lks::internal

#endif  // LKS_SRC_LIVEKIT_TOKEN_PAYLOAD_H_
