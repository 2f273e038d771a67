// Signing a webhook delivery the way livekit-server does: an HS256 token from the webhook's API
// key, valid for 5 minutes, whose `sha256` claim is the standard base64 of SHA-256 over the body.
//
// For tests, for `lkstudy webhook sign` (to send a hand-made delivery to a deployed endpoint) and
// for relays that forward events. Thread-safety: a pure function of its arguments.
#ifndef LKS_LIVEKIT_WEBHOOK_SIGNER_H_
#define LKS_LIVEKIT_WEBHOOK_SIGNER_H_

#include <chrono>
#include <string>
#include <string_view>

#include "lks/core/clock.h"
#include "lks/core/status.h"
#include "lks/livekit/access_token.h"

namespace lks {

inline constexpr std::chrono::seconds kWebhookTokenTtl{5 * 60};

// Base64 (standard, padded) of SHA-256 over `body`: the `sha256` claim of its delivery.
std::string WebhookBodySha256(std::string_view body);

// The Authorization header value (a bare JWT, as livekit-server sends it) for `body`.
// Errors: kInvalidArgument for a ttl <= 0.
StatusOr<std::string> SignWebhook(const TokenSigner& signer, std::string_view body,
                                  std::chrono::seconds ttl = kWebhookTokenTtl,
                                  const Clock& clock = SystemClock());

}  // namespace lks

#endif  // LKS_LIVEKIT_WEBHOOK_SIGNER_H_
