// The Node binding's signers (lks_token_signer), one per API key pair, found by a keyed 128-bit
// fingerprint of the pair: SipHash-2-4 of (the key's length, the key, the secret) under a random
// key drawn once per cache. The cache never holds a secret (only signers and fingerprints), and
// a look-up costs ~30 ns against ~75 ns for the SHA-256 digest and map it replaces (two SHA-256
// blocks, their finalisation and a hash of the digest per mint; see docs/performance.md). A
// keyed PRF, so nobody can pick a second pair with the fingerprint of a cached one without the
// per-process key.
//
// Used only from its environment's JS thread (AddonData); not thread-safe.
#ifndef LKS_NODE_SIGNER_CACHE_H_
#define LKS_NODE_SIGNER_CACHE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "lks.h"

namespace lksnode {

struct SignerDeleter {
  void operator()(lks_token_signer* s) const { lks_token_signer_free(s); }
};
using SignerPtr = std::unique_ptr<lks_token_signer, SignerDeleter>;

class SignerCache {
 public:
  // Two-way sets: a pair is looked up in the two slots of its set, so two pairs in use that
  // share a set do not evict each other. Bounded: at most kSlots signers.
  static constexpr size_t kSlots = 64;

  // Draws the fingerprint key (OpenSSL's RAND_bytes); throws std::runtime_error when the
  // random source fails.
  SignerCache();
  ~SignerCache();
  SignerCache(const SignerCache&) = delete;
  SignerCache& operator=(const SignerCache&) = delete;

  // The signer of (key, secret): the cached one when the fingerprint matches, else a new one
  // (lks_token_signer_new) that replaces the least recently used of its set. Returns nullptr
  // with *status set when lks_token_signer_new fails (its detail is in lks_error_last()).
  // `message` is the key's length (8 bytes, little-endian), the key and the secret, contiguous:
  // the caller reads both strings into one buffer and wipes it after.
  const lks_token_signer* Get(std::string_view message, size_t key_size, lks_status* status);

  // How many signers it holds (for tests: bounded by kSlots).
  size_t size() const;

  // The fingerprint of `message` (SipHash-2-4, 128 bits) under this cache's key.
  struct Fingerprint {
    uint64_t lo = 0, hi = 0;
    bool operator==(const Fingerprint&) const = default;
  };
  Fingerprint Of(std::string_view message) const;

 private:
  struct Slot {
    Fingerprint id;
    SignerPtr signer;
  };
  std::array<Slot, kSlots> slots_;
  std::array<uint8_t, kSlots / 2> recent_{};  // per set: the way used last
  uint64_t k0_ = 0, k1_ = 0;
};

// SipHash-2-4 with a 128-bit output (Aumasson and Bernstein), key (k0, k1) as the reference's
// two little-endian words; out[0] is its first 8 bytes. For tests of the reference vectors.
void SipHash128(uint64_t k0, uint64_t k1, const void* data, size_t size, uint64_t out[2]);

}  // namespace lksnode

#endif  // LKS_NODE_SIGNER_CACHE_H_
