#include "lks/livekit/webhook_signer.h"

#include "lks/core/base64.h"
#include "lks/core/crypto.h"

namespace lks {

std::string WebhookBodySha256(std::string_view body) {
  const Sha256Digest d = Sha256(body);
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

StatusOr<std::string> SignWebhook(const TokenSigner& signer, std::string_view body,
                                  std::chrono::seconds ttl, const Clock& clock) {
  if (ttl.count() <= 0) return InvalidArgumentError("ttl: must be positive");
  ClaimGrants grants;
  grants.sha256 = WebhookBodySha256(body);
  TokenTiming timing;
  timing.ttl = ttl;
  return signer.Sign(grants, timing, clock);
}

}  // namespace lks
