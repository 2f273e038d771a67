#include "signer_cache.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cstring>
#include <stdexcept>

namespace lksnode {
namespace {

inline uint64_t Rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

struct SipState {
  uint64_t v0, v1, v2, v3;
  void Round() {
    v0 += v1;
    v1 = Rotl(v1, 13);
    v1 ^= v0;
    v0 = Rotl(v0, 32);
    v2 += v3;
    v3 = Rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = Rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = Rotl(v1, 17);
    v1 ^= v2;
    v2 = Rotl(v2, 32);
  }
  void Absorb(uint64_t m) {  // two compression rounds
    v3 ^= m;
    Round();
    Round();
    v0 ^= m;
  }
  uint64_t Squeeze() {  // four finalisation rounds
    Round();
    Round();
    Round();
    Round();
    return v0 ^ v1 ^ v2 ^ v3;
  }
};

inline uint64_t Load64(const unsigned char* p) {
  uint64_t m;
  std::memcpy(&m, p, 8);
  return m;  // little-endian hosts only (x86-64, arm64), as the rest of the binding
}

}  // namespace

void SipHash128(uint64_t k0, uint64_t k1, const void* data, size_t size, uint64_t out[2]) {
  SipState s{k0 ^ 0x736f6d6570736575ULL, k1 ^ 0x646f72616e646f6dULL ^ 0xee,
             k0 ^ 0x6c7967656e657261ULL, k1 ^ 0x7465646279746573ULL};
  const auto* p = static_cast<const unsigned char*>(data);
  const unsigned char* const end = p + (size & ~size_t{7});
  for (; p < end; p += 8) s.Absorb(Load64(p));
  uint64_t last = static_cast<uint64_t>(size) << 56;
  for (size_t i = 0, n = size & 7; i < n; ++i) last |= static_cast<uint64_t>(p[i]) << (8 * i);
  s.Absorb(last);
  s.v2 ^= 0xee;
  out[0] = s.Squeeze();
  s.v1 ^= 0xdd;
  out[1] = s.Squeeze();
}

SignerCache::SignerCache() {
  unsigned char key[16];
  if (RAND_bytes(key, sizeof key) != 1) {
    throw std::runtime_error("signer cache: random source failed (OpenSSL RAND_bytes)");
  }
  std::memcpy(&k0_, key, 8);
  std::memcpy(&k1_, key + 8, 8);
  OPENSSL_cleanse(key, sizeof key);
}

SignerCache::~SignerCache() {
  OPENSSL_cleanse(&k0_, sizeof k0_);
  OPENSSL_cleanse(&k1_, sizeof k1_);
}

SignerCache::Fingerprint SignerCache::Of(std::string_view message) const {
  uint64_t out[2];
  SipHash128(k0_, k1_, message.data(), message.size(), out);
  return Fingerprint{out[0], out[1]};
}

const lks_token_signer* SignerCache::Get(std::string_view message, size_t key_size,
                                         lks_status* status) {
  const Fingerprint id = Of(message);
  const size_t set = static_cast<size_t>(id.hi) % (kSlots / 2);
  Slot* ways = &slots_[2 * set];
  for (uint8_t w = 0; w < 2; ++w) {
    if (ways[w].signer && ways[w].id == id) {
      recent_[set] = w;
      return ways[w].signer.get();
    }
  }
  const char* key = message.data() + 8;
  const char* secret = key + key_size;
  lks_token_signer* raw = nullptr;
  *status = lks_token_signer_new(&raw, key, key_size, secret, message.size() - 8 - key_size);
  if (*status != LKS_OK) return nullptr;
  const uint8_t victim = !ways[0].signer ? 0 : !ways[1].signer ? 1 : recent_[set] ^ 1;
  ways[victim].id = id;
  ways[victim].signer.reset(raw);
  recent_[set] = victim;
  return raw;
}

size_t SignerCache::size() const {
  size_t n = 0;
  for (const Slot& s : slots_) n += s.signer ? 1 : 0;
  return n;
}

}  // namespace lksnode
