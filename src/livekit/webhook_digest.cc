// The low-level SHA256_* interface is deprecated in OpenSSL 3 but, as in core/crypto.cc, it is the
// fast one for small inputs.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "livekit/webhook_digest.h"

#include <openssl/sha.h>

namespace lks::internal {

Sha256Digest WebhookBodyDigest(std::string_view body) noexcept {
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, body.data(), body.size());
  Sha256Digest d;
  SHA256_Final(d.data(), &ctx);
  return d;
}

}  // namespace lks::internal
