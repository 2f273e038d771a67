// Fuzz target: base64url (JWT segments) and padded standard base64 (the webhook sha256 claim).
// Properties: decode(encode(x)) == x in both alphabets; decoding is strict, so text that decodes
// is canonical and encode(decode(t)) == t.
#include <string>

#include "fuzz_util.h"
#include "lks/core/base64.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in = lks::fuzz::AsText(data, size);

  std::string url = lks::Base64UrlEncode(in);
  LKS_FUZZ_CHECK(url.size() == lks::Base64UrlEncodedLength(in.size()), "encoded length");
  std::string back;
  LKS_FUZZ_CHECK(lks::Base64UrlDecode(url, &back).ok(), "base64url decodes its encoding");
  LKS_FUZZ_CHECK(back == in, "base64url round trip");

  std::string std64 = lks::Base64Encode(in);
  LKS_FUZZ_CHECK(std64.size() % 4 == 0, "padded length");
  LKS_FUZZ_CHECK(lks::Base64Decode(std64, &back).ok(), "base64 decodes its encoding");
  LKS_FUZZ_CHECK(back == in, "base64 round trip");

  // The input as encoded text: strict decoding accepts only what an encoder writes.
  if (lks::Base64UrlDecode(in, &back).ok()) {
    LKS_FUZZ_CHECK(lks::Base64UrlEncode(back) == in, "base64url decoding is canonical");
  }
  if (lks::Base64Decode(in, &back).ok()) {
    LKS_FUZZ_CHECK(lks::Base64Encode(back) == in, "base64 decoding is canonical");
  }
  return 0;
}
