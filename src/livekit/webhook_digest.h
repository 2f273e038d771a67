// SHA-256 of a webhook body, shared by the receiver and the signer. Internal header.
#ifndef LKS_SRC_LIVEKIT_WEBHOOK_DIGEST_H_
#define LKS_SRC_LIVEKIT_WEBHOOK_DIGEST_H_

#include <string_view>

#include "lks/core/crypto.h"

namespace lks::internal {

// Same result as lks::Sha256, through OpenSSL's low-level SHA256_* calls: the one-shot SHA256()
// of OpenSSL 3 fetches an EVP implementation on every call, which costs more than hashing a
// typical 600-byte delivery.
Sha256Digest WebhookBodyDigest(std::string_view body) noexcept;

}  // namespace lks::internal

#endif  // LKS_SRC_LIVEKIT_WEBHOOK_DIGEST_H_
