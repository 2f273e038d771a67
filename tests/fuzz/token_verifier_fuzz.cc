// Fuzz target: LiveKit access tokens (TokenVerifier::Verify, the claims reader and writer).
// The first byte picks a mode:
//   even: the rest is a whole JWT (header, base64url, signature checks);
//   odd:  the rest is a payload JSON signed with the verifier's key, so the claims reader sees
//         arbitrary JSON behind a valid signature.
// Properties: every rejection has a documented reason and never echoes the secret (unless the
// input itself carries it: an error may name a claim the caller sent); a token that
// verifies re-mints (TokenSigner::Sign) and re-verifies to the same grants, and its claims JSON
// (VerifiedTokenToJson) signed again verifies to the same token.
#include <set>
#include <string>

#include "fuzz_util.h"
#include "lks/core/clock.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/token_verifier.h"

namespace {

constexpr char kKey[] = "APIfuzzkey";
constexpr char kSecret[] = "fuzz-secret-0123456789abcdefghijklmnop";
// 2026-01-01T00:00:00Z: tokens in the seeds expire later.
const lks::ManualClock kClock(1767225600000);

const std::set<std::string>& Reasons() {
  static const std::set<std::string> kReasons = {"malformed",   "bad_base64",    "unsupported_alg",
                                                 "unknown_key", "bad_signature", "missing_exp",
                                                 "expired",     "not_yet_valid"};
  return kReasons;
}

void CheckVerified(const lks::TokenVerifier& verifier, const lks::TokenSigner& signer,
                   const lks::VerifiedToken& token) {
  LKS_FUZZ_CHECK(token.api_key == kKey, "iss selects the key");
  // The claims as JSON, signed again, verify to the same content.
  auto again = verifier.Verify(signer.SignRawPayload(lks::VerifiedTokenToJson(token)));
  LKS_FUZZ_CHECK(again.ok(), "claims JSON re-verifies");
  LKS_FUZZ_CHECK(again->grants == token.grants, "claims JSON round trip: grants");
  LKS_FUZZ_CHECK(again->expires_at == token.expires_at, "claims JSON round trip: exp");
  LKS_FUZZ_CHECK(again->not_before == token.not_before, "claims JSON round trip: nbf");
  // Minting the same grants: the signer may refuse what the server would refuse (limits), but
  // what it signs verifies to exactly those grants.
  auto minted = signer.Sign(token.grants, lks::TokenTiming{}, kClock);
  if (!minted.ok()) return;
  auto reverified = verifier.Verify(*minted);
  LKS_FUZZ_CHECK(reverified.ok(), "a minted token verifies");
  LKS_FUZZ_CHECK(reverified->grants == token.grants, "mint/verify round trip");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const lks::TokenSigner signer(kKey, kSecret);
  static const lks::TokenVerifier verifier = [] {
    lks::TokenVerifier v(kKey, kSecret);
    v.set_clock(kClock);
    return v;
  }();
  std::string_view rest = lks::fuzz::AsText(data, size);
  const uint8_t mode = lks::fuzz::TakeByte(&rest);
  const std::string jwt = (mode & 1) ? signer.SignRawPayload(rest) : std::string(rest);
  auto token = verifier.Verify(jwt);
  if (!token.ok()) {
    const lks::Status& s = token.status();
    LKS_FUZZ_CHECK(Reasons().count(s.reason()) == 1, "a documented reason");
    // The fuzzer copies the secret (seen in a comparison) into a claim name that the error names;
    // a secret the caller sent is not a leak (regression `secret-sent-as-attribute-key`).
    if (rest.find(kSecret) == std::string_view::npos) {
      LKS_FUZZ_CHECK(s.message().find(kSecret) == std::string::npos, "no secret in errors");
    }
    if (mode & 1) {
      LKS_FUZZ_CHECK(s.reason() != "bad_signature" && s.reason() != "bad_base64",
                     "a token we signed has a good signature");
    }
    return 0;
  }
  CheckVerified(verifier, signer, *token);
  return 0;
}
