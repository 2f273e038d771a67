// Verification of HS256 JWTs, shared by the LiveKit token verifier, the webhook receiver and the
// REST layer's app tokens. Internal header.
//
// VerifyHs256Jwt checks structure (three segments, strict base64url, size and nesting limits, no
// duplicate keys, UTF-8), requires alg HS256, asks the caller for the key (usually chosen by a
// claim such as `iss`), checks the signature in constant time and hands the parsed payload to the
// caller. Failures are kUnauthenticated with reason malformed | bad_base64 | unsupported_alg |
// bad_signature, or whatever the caller's key lookup returns. Per-thread scratch buffers make the
// call allocation-free apart from what the caller copies out.
#ifndef LKS_SRC_CORE_JWT_HS256_H_
#define LKS_SRC_CORE_JWT_HS256_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/json_reader.h"
#include "lks/core/crypto.h"
#include "lks/core/status.h"

namespace lks::internal {

// Longest token looked at (LiveKit metadata may be 512 KiB, ~700 KiB of base64).
inline constexpr size_t kMaxJwtBytes = 2 * 1024 * 1024;

class Hs256JwtVisitor {
 public:
  virtual ~Hs256JwtVisitor() = default;
  // Returns the key for this token, or nullptr and sets `*rejection`.
  virtual const HmacSha256Key* KeyFor(const JsonValue& payload, Status* rejection) const = 0;
  // Called once the signature is verified; the payload is valid only during the call.
  virtual Status OnVerified(const JsonValue& payload) = 0;
};

Status VerifyHs256Jwt(std::string_view jwt, Hs256JwtVisitor& visitor);

// The building blocks of VerifyHs256Jwt, shared with the LiveKit token verifier's fast path.

// The three segments of a JWT, and what its signature covers ("<header>.<payload>").
struct JwtSegments {
  std::string_view header, payload, signature, signing_input;
};
// Splits `jwt`; reason malformed for anything but three segments (header and payload non-empty)
// or a token over kMaxJwtBytes.
Status SplitJwt(std::string_view jwt, JwtSegments* out);
// Accepts only alg HS256. The headers lkstudy, LiveKit's Go SDK and jose write are recognised
// without decoding; others are decoded and parsed. Reasons: bad_base64, malformed, unsupported_alg.
Status CheckHs256Header(std::string_view header_segment);
// Strict base64url decoding of a segment into `*out`; reason bad_base64 naming the segment.
Status DecodeJwtSegment(std::string_view segment, std::string* out, const char* what);
// Per-thread buffers for decoded segments, reused across calls.
struct JwtScratch {
  std::string payload;
  std::string signature;
};
JwtScratch& ThreadJwtScratch();
// kUnauthenticated, reason malformed, "malformed token: <message>".
Status JwtMalformed(std::string message);

// Checks `exp` (required or optional) and `nbf` against `now` with `leeway` seconds; fills
// `*not_before` / `*expires_at` (0 when absent). Reasons: missing_exp, expired, not_yet_valid,
// malformed (a time that is not an integer).
Status CheckJwtTimes(const JsonValue& payload, int64_t now, int64_t leeway, bool exp_required,
                     int64_t* not_before, int64_t* expires_at);

// kUnauthenticated with `reason`.
Status JwtRejection(std::string reason, std::string message);

// Signs `payload_json` as an HS256 JWT (header {"alg":"HS256","typ":"JWT"}) into `*out`.
void SignHs256Jwt(const HmacSha256Key& key, std::string_view payload_json, std::string* out);

}  // namespace lks::internal

#endif  // LKS_SRC_CORE_JWT_HS256_H_
