// Fuzz target: the room service's error answers (Twirp JSON {"code","msg","meta"} or plain text
// from the auth layer), which come from the network. The first two bytes are the HTTP status.
// Properties: never OK; the HTTP status is kept; nothing that looks like a JWT ("eyJ...") survives
// into the message, the reason or the meta values (tokens sent back by a proxy must not be
// logged); the plain-text message is bounded.
#include <string>

#include "fuzz_util.h"
#include "livekit/twirp_error.h"

namespace {

bool HasToken(std::string_view s) { return s.find("eyJ") != std::string_view::npos; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest = lks::fuzz::AsText(data, size);
  const int hi = lks::fuzz::TakeByte(&rest);
  const int lo = lks::fuzz::TakeByte(&rest);
  const int http_status = 100 + (hi * 256 + lo) % 500;
  const lks::Status s = lks::internal::TwirpErrorToStatus("CreateRoom", http_status, rest);
  LKS_FUZZ_CHECK(!s.ok(), "an error answer is an error");
  LKS_FUZZ_CHECK(s.http_status() == http_status, "HTTP status kept");
  LKS_FUZZ_CHECK(s.message().rfind("CreateRoom: ", 0) == 0, "message names the method");
  LKS_FUZZ_CHECK(!HasToken(s.message()), "no token in the message");
  LKS_FUZZ_CHECK(!HasToken(s.reason()), "no token in the reason");
  for (const auto& [key, value] : s.meta()) {
    LKS_FUZZ_CHECK(!HasToken(key) && !HasToken(value), "no token in meta");
  }
  LKS_FUZZ_CHECK(s.message().size() <= 400 + 2 * 300, "bounded message");

  const std::string redacted = lks::internal::RedactTokens(rest, 300);
  LKS_FUZZ_CHECK(!HasToken(redacted), "RedactTokens removes every token");
  LKS_FUZZ_CHECK(redacted.size() <= 300 + 7, "RedactTokens bounds its output");
  return 0;
}
