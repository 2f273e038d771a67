// End-to-end encryption keys of study-group sessions (docs/e2ee.md). Internal header.
//
// A session's key is derived, not stored: HKDF-SHA256 (RFC 5869) of the configured master
// secret, for the context (group id, room session SID, key index). The key index is the number
// of participants removed from the session so far, so every removal gives the session a new key
// that the removed user (barred from the session) never receives. Nothing secret is written to
// the store, and every instance of the service with the same master secret derives the same key.
//
// Thread-safety: immutable after construction; SessionKey may be called from any thread.
#ifndef LKS_SRC_GROUPS_E2EE_KEYS_H_
#define LKS_SRC_GROUPS_E2EE_KEYS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "lks/core/crypto.h"

namespace lks::internal {

class SessionKeyDeriver {
 public:
  // Keeps only the HMAC state of HKDF's pseudorandom key; the master secret is not copied. The
  // service accepts secrets of kMinE2eeMasterSecretBytes and more.
  explicit SessionKeyDeriver(std::string_view master_secret) noexcept;

  // The 256-bit key of one session at one key index, in standard base64 (44 characters).
  std::string SessionKey(int64_t group_id, std::string_view room_sid, int64_t key_index) const;

 private:
  HmacSha256Key prk_;
};

}  // namespace lks::internal

#endif  // LKS_SRC_GROUPS_E2EE_KEYS_H_
