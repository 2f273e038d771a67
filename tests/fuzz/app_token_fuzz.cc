// Fuzz target: the app's user tokens (AppTokenVerifier), which every authenticated REST call
// passes through. The first byte picks a mode:
//   0 mod 3: the rest is an Authorization header value (scheme, then a JWT);
//   1 mod 3: the rest is a JWT;
//   2 mod 3: the rest is a payload JSON signed with the app secret (the claims reader).
// Properties: rejections are kUnauthenticated with a documented reason and no secret; a verified
// principal has a non-empty user id of at most 255 bytes, and minting it again verifies to the
// same principal.
#include <set>
#include <string>

#include "core/jwt_hs256.h"
#include "fuzz_util.h"
#include "lks/api/app_token.h"
#include "lks/core/clock.h"

namespace {

constexpr char kSecret[] = "fuzz-app-secret-abcdefghijklmnopqrstuvwxyz";
const lks::ManualClock kClock(1767225600000);  // 2026-01-01

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const lks::AppTokenVerifier verifier = [] {
    lks::AppTokenVerifier v(kSecret);
    v.set_clock(kClock);
    return v;
  }();
  static const std::set<std::string> kReasons = {
      "malformed",     "bad_base64", "unsupported_alg", "bad_signature", "expired",
      "not_yet_valid", "no_user",    "missing_header",  "bad_scheme"};
  std::string_view rest = lks::fuzz::AsText(data, size);
  const uint8_t mode = lks::fuzz::TakeByte(&rest) % 3;
  lks::StatusOr<lks::Principal> who = lks::InvalidArgumentError("unset");
  if (mode == 0) {
    who = verifier.VerifyAuthorization(rest);
  } else if (mode == 1) {
    who = verifier.Verify(rest);
  } else {
    static const lks::HmacSha256Key key(kSecret);
    std::string jwt;
    lks::internal::SignHs256Jwt(key, rest, &jwt);
    who = verifier.Verify(jwt);
  }
  if (!who.ok()) {
    LKS_FUZZ_CHECK(who.status().code() == lks::StatusCode::kUnauthenticated, "401 for any token");
    LKS_FUZZ_CHECK(kReasons.count(who.status().reason()) == 1, "a documented reason");
    LKS_FUZZ_CHECK(who.status().message().find(kSecret) == std::string::npos, "no secret");
    if (mode == 2) LKS_FUZZ_CHECK(who.status().reason() != "bad_signature", "our signature");
    return 0;
  }
  LKS_FUZZ_CHECK(!who->user_id.empty() && who->user_id.size() <= 255, "user id bounds");
  auto minted = lks::MintAppToken(kSecret, *who, std::chrono::hours(1), kClock);
  if (!minted.ok()) return 0;  // e.g. invalid UTF-8 in a name: the minter refuses, by design
  auto again = verifier.Verify(*minted);
  LKS_FUZZ_CHECK(again.ok(), "a minted app token verifies");
  LKS_FUZZ_CHECK(*again == *who, "mint/verify round trip");
  return 0;
}
