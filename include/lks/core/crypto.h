// Cryptographic primitives on OpenSSL: SHA-256, HMAC-SHA256 with a precomputed key schedule,
// HKDF-SHA256, constant-time comparison and secure random bytes.
//
// Thread-safety: HmacSha256Key is immutable after construction; Sign/Verify may be called from
// any number of threads at once. The free functions are thread-safe.
#ifndef LKS_CORE_CRYPTO_H_
#define LKS_CORE_CRYPTO_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "lks/core/status.h"

namespace lks {

using Sha256Digest = std::array<uint8_t, 32>;

// SHA-256 of `data`.
Sha256Digest Sha256(std::string_view data) noexcept;

// An HMAC-SHA256 key whose inner and outer hash states (key XOR ipad / opad, one SHA-256 block
// each) are computed once, so signing a message costs only the message's blocks plus two
// finalizations. The secret itself is not kept; the states are wiped on destruction.
class HmacSha256Key {
 public:
  explicit HmacSha256Key(std::string_view secret) noexcept;
  ~HmacSha256Key();
  HmacSha256Key(const HmacSha256Key&) noexcept;
  HmacSha256Key& operator=(const HmacSha256Key&) noexcept;

  // MAC of the concatenation of `parts` (no copy of the message is made).
  Sha256Digest Sign(std::string_view message) const noexcept;
  Sha256Digest Sign(std::string_view part1, std::string_view part2) const noexcept;

  // Constant-time check of `mac` against the MAC of `message`.
  bool Verify(std::string_view message, std::string_view mac) const noexcept;

  // The block size of SHA-256: WithPrefix absorbs whole blocks only.
  static constexpr size_t kBlockBytes = 64;

  // A key whose Sign(m) equals this key's Sign(prefix + m), where `prefix` is the first
  // `prefix.size() / kBlockBytes` whole blocks of `prefix` (the rest is ignored; the absorbed
  // length is `prefix.size() / kBlockBytes * kBlockBytes`). For messages that always start the
  // same way, such as one signer's JWT header and first claims: those blocks are hashed once
  // instead of per message. The result holds no more secret material than this key.
  HmacSha256Key WithPrefix(std::string_view prefix) const noexcept;

 private:
  struct State;  // two SHA-256 contexts; opaque so OpenSSL's headers stay private
  std::unique_ptr<State> state_;
};

// HKDF-SHA256 (RFC 5869), in its two steps so a long-lived caller keeps only the pseudorandom
// key's HMAC state, never the input key material:
//  - Extract: the pseudorandom key HMAC(salt, ikm). The caller wipes it once it has made an
//    HmacSha256Key of it (OPENSSL_cleanse, or let the key's constructor be the only copy).
//  - Expand: `length` bytes of output keying material for the context `info` into `out`, from
//    `prk` = HmacSha256Key(the extracted key). kInvalidArgument when `length` exceeds 255 * 32.
Sha256Digest HkdfSha256Extract(std::string_view salt, std::string_view ikm) noexcept;
Status HkdfSha256Expand(const HmacSha256Key& prk, std::string_view info, uint8_t* out,
                        size_t length) noexcept;

// Compares `a` and `b` in time that depends only on their lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b) noexcept;

// Fills `out` with `n` cryptographically secure random bytes.
Status RandomBytes(void* out, size_t n) noexcept;

// `n` random bytes as lower-case hex (2n characters); empty on RNG failure.
std::string RandomHex(size_t n);

}  // namespace lks

#endif  // LKS_CORE_CRYPTO_H_
