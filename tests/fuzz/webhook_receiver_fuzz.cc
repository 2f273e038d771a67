// Fuzz target: webhook deliveries (WebhookReceiver::Receive: the Authorization header, the body's
// digest, then the event parser). The first byte picks a mode:
//   even: the rest is "<Authorization value>\n<body>" as received from the network;
//   odd:  the rest is a body that is signed correctly (SignWebhook), so the parser sees
//         arbitrary JSON behind a valid signature.
// Properties: rejections carry a documented reason and never echo the secret (unless the input
// carries it) or the body (unless the rejection is about the token, which may name its claims); a
// body we signed is never rejected for authentication; an accepted event keeps the body as
// raw_json, and its normalized JSON parses again to the same normalized JSON (a fixed point).
#include <set>
#include <string>

#include "fuzz_util.h"
#include "lks/core/clock.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/webhook_receiver.h"
#include "lks/livekit/webhook_signer.h"

namespace {

constexpr char kKey[] = "abcdefg";
constexpr char kSecret[] = "abababa-fuzz-secret-0123456789";
const lks::ManualClock kClock(1767225600000);  // 2026-01-01

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const lks::TokenSigner signer(kKey, kSecret);
  static const lks::WebhookReceiver receiver = [] {
    lks::WebhookReceiver r(kKey, kSecret);
    r.set_clock(kClock);
    return r;
  }();
  static const std::set<std::string> kAuthReasons = {
      "missing_authorization", "malformed",      "bad_base64",   "unsupported_alg",
      "unknown_key",           "bad_signature",  "missing_exp",  "expired",
      "not_yet_valid",         "missing_sha256", "body_mismatch"};
  static const std::set<std::string> kBodyReasons = {"body_not_json", "bad_event"};

  std::string_view rest = lks::fuzz::AsText(data, size);
  const bool signed_body = lks::fuzz::TakeByte(&rest) & 1;
  std::string authorization;
  std::string_view body;
  if (signed_body) {
    body = rest;
    auto jwt = lks::SignWebhook(signer, body, lks::kWebhookTokenTtl, kClock);
    LKS_FUZZ_CHECK(jwt.ok(), "any body can be signed");
    authorization = *jwt;
  } else {
    authorization = std::string(lks::fuzz::TakeUntil(&rest, "\n"));
    body = rest;
  }
  auto event = receiver.Receive(body, authorization);
  if (!event.ok()) {
    const lks::Status& s = event.status();
    const bool auth = kAuthReasons.count(s.reason()) == 1;
    LKS_FUZZ_CHECK(auth || kBodyReasons.count(s.reason()) == 1, "a documented reason");
    LKS_FUZZ_CHECK(s.http_status() == (auth ? 401 : 400), "401 for authentication, 400 for body");
    // A secret the caller sent (the fuzzer copies it from a comparison) is not a leak.
    if (rest.find(kSecret) == std::string_view::npos) {
      LKS_FUZZ_CHECK(s.message().find(kSecret) == std::string::npos, "no secret in errors");
    }
    // A rejection of the token itself may name what the token says (its API key, a claim): the
    // fuzzer can write the body's bytes there too, and that is the header echoed, not the body
    // (regression `body-sent-as-api-key`). Every other rejection must not echo the body.
    const bool about_token = auth && s.reason() != "missing_authorization" &&
                             s.reason() != "missing_sha256" && s.reason() != "body_mismatch";
    // A body can be part of a message's own fixed text ("webhook body: not valid JSON (error at
    // offset N)": regression `body-is-the-message-text`). No fixed text contains '{' and all are
    // shorter than 128 characters, so a body with a '{', or a longer one, found in a message was
    // echoed.
    const bool echo_detectable =
        (body.size() >= 16 && body.find('{') != std::string_view::npos) || body.size() >= 128;
    if (echo_detectable && !about_token) {
      LKS_FUZZ_CHECK(s.message().find(body) == std::string::npos, "no body in errors");
    }
    if (signed_body) LKS_FUZZ_CHECK(!auth, "a body we signed authenticates");
    return 0;
  }
  LKS_FUZZ_CHECK(event->raw_json == body, "raw_json is the body as received");
  const std::string normalized = lks::WebhookEventToNormalizedJson(*event);
  auto again = lks::ParseWebhookEvent(normalized);
  LKS_FUZZ_CHECK(again.ok(), "normalized JSON parses");
  LKS_FUZZ_CHECK(lks::WebhookEventToNormalizedJson(*again) == normalized,
                 "normalized JSON is a fixed point");
  LKS_FUZZ_CHECK(again->type == event->type && again->id == event->id, "type and id kept");
  return 0;
}
