// Base64 in the two alphabets LiveKit uses:
//  - base64url without padding (RFC 4648 §5): JWT segments;
//  - standard base64 with padding (RFC 4648 §4): the webhook `sha256` claim.
// Decoding is strict: a character outside the alphabet, a wrong padding, a length that cannot
// come from an encoder, or non-zero trailing bits is an error (no silent garbage in, garbage out).
//
// Thread-safety: pure functions.
#ifndef LKS_CORE_BASE64_H_
#define LKS_CORE_BASE64_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "lks/core/status.h"

namespace lks {

// Length of the unpadded base64url encoding of `n` bytes.
constexpr size_t Base64UrlEncodedLength(size_t n) noexcept {
  return (n / 3) * 4 + (n % 3 == 0 ? 0 : n % 3 + 1);
}

// Appends the unpadded base64url encoding of `in` to `*out`.
void Base64UrlEncodeAppend(std::string_view in, std::string* out);
// Writes the unpadded base64url encoding of `in` at `dst`, which must have room for
// Base64UrlEncodedLength(in.size()) characters; returns that length.
size_t Base64UrlEncodeTo(std::string_view in, char* dst);
std::string Base64UrlEncode(std::string_view in);

// Decodes unpadded base64url into `*out` (replacing its contents). On failure `*out` is
// unspecified and the status is kInvalidArgument with reason "bad_base64".
Status Base64UrlDecode(std::string_view in, std::string* out);

// Standard alphabet, padded.
std::string Base64Encode(std::string_view in);
Status Base64Decode(std::string_view in, std::string* out);

}  // namespace lks

#endif  // LKS_CORE_BASE64_H_
