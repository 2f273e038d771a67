// WebhookReceiver: checks that a webhook delivery comes from livekit-server and parses it.
//
// livekit-server POSTs the event JSON with `Authorization: <JWT>` (no "Bearer "), an HS256 token
// signed with the webhook's API key whose `sha256` claim is the standard base64 of SHA-256 over
// the body bytes. Receive() takes those raw bytes and the header value and, in this order:
//   1. verifies the JWT (TokenVerifier: HS256 only, key from the KeySet, exp with leeway);
//   2. compares SHA-256 of the body with the claim, in constant time;
//   3. only then parses the body into a WebhookEvent.
// The body must be the bytes as received: a host framework that parses and re-serializes JSON
// changes spacing or key order and the digest no longer matches (see docs/webhooks.md).
//
// Failures carry a distinct Status::reason():
//   "missing_authorization"  the header value is empty (or only "Bearer ")      kUnauthenticated
//   the TokenVerifier's reasons, unchanged: "malformed", "bad_base64", "unsupported_alg",
//     "unknown_key", "bad_signature", "missing_exp", "expired", "not_yet_valid"  kUnauthenticated
//   "missing_sha256"         the token has no sha256 claim                     kUnauthenticated
//   "body_mismatch"          the body's SHA-256 differs from the claim          kUnauthenticated
//   "body_not_json"          authentic body that is not a UTF-8 JSON object     kInvalidArgument
//   "bad_event"              a known field has the wrong type (path in message) kInvalidArgument
// Authentication failures have http_status 401, body failures 400. An unknown event name is not
// an error: the event has type kUnknown and keeps its name. Messages never contain the token, a
// secret or the body.
//
// Thread-safety: configure (keys, leeway, clock) before sharing; Verify/Receive are then safe
// from any number of threads.
#ifndef LKS_LIVEKIT_WEBHOOK_RECEIVER_H_
#define LKS_LIVEKIT_WEBHOOK_RECEIVER_H_

#include <chrono>
#include <string_view>

#include "lks/core/clock.h"
#include "lks/core/status.h"
#include "lks/livekit/token_verifier.h"
#include "lks/livekit/webhook_event.h"

namespace lks {

class WebhookReceiver {
 public:
  // A receiver accepting deliveries signed by any key of `keys` (several during rotation).
  explicit WebhookReceiver(KeySet keys);
  // A receiver for one key (livekit-server's `webhook.api_key` and its secret).
  WebhookReceiver(std::string_view api_key, std::string_view api_secret);

  // Tolerance on the token's nbf/exp (default 60 s, as livekit-server).
  WebhookReceiver& set_leeway(std::chrono::seconds leeway) noexcept;
  // The clock must outlive the receiver. Defaults to SystemClock().
  WebhookReceiver& set_clock(const Clock& clock) noexcept;
  const KeySet& keys() const noexcept { return verifier_.keys(); }
  KeySet& mutable_keys() noexcept { return verifier_.mutable_keys(); }

  // Steps 1 and 2 only: OK when `body` is an authentic delivery. For hosts that store the raw
  // body and parse later. Errors: the authentication reasons above.
  Status Verify(std::string_view body, std::string_view authorization) const;

  // Verifies, then parses. `authorization` is the header value, with or without "Bearer ".
  // Errors: every reason above.
  StatusOr<WebhookEvent> Receive(std::string_view body, std::string_view authorization) const;

  // The same into a caller's event (reset first, see ParseWebhookEvent(json, out)): a host that
  // keeps one event per thread and receives into it allocates nothing per delivery once its
  // strings have grown. On an error `*out` is unspecified (valid).
  Status Receive(std::string_view body, std::string_view authorization, WebhookEvent* out) const;

 private:
  TokenVerifier verifier_;
};

}  // namespace lks

#endif  // LKS_LIVEKIT_WEBHOOK_RECEIVER_H_
