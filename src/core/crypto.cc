// The low-level SHA256_* interface is deprecated in OpenSSL 3 in favour of EVP, but it is the
// only one whose context is a plain struct: precomputed HMAC states are copied with a memcpy and
// signing allocates nothing. EVP_MD_CTX_copy allocates on every call and costs ~2x per token.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "lks/core/crypto.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstring>

namespace lks {

struct HmacSha256Key::State {
  SHA256_CTX inner;
  SHA256_CTX outer;
};

// Through the low-level calls: OpenSSL 3's one-shot SHA256() fetches an EVP implementation on
// every call, which costs more than hashing a typical 600-byte webhook body.
Sha256Digest Sha256(std::string_view data) noexcept {
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data.data(), data.size());
  Sha256Digest d;
  SHA256_Final(d.data(), &ctx);
  return d;
}

HmacSha256Key::HmacSha256Key(std::string_view secret) noexcept : state_(new State) {
  unsigned char block[SHA256_CBLOCK] = {0};
  if (secret.size() > SHA256_CBLOCK) {
    SHA256(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), block);
  } else {
    std::memcpy(block, secret.data(), secret.size());
  }
  unsigned char pad[SHA256_CBLOCK];
  for (size_t i = 0; i < SHA256_CBLOCK; ++i) pad[i] = block[i] ^ 0x36;
  SHA256_Init(&state_->inner);
  SHA256_Update(&state_->inner, pad, sizeof pad);
  for (size_t i = 0; i < SHA256_CBLOCK; ++i) pad[i] = block[i] ^ 0x5c;
  SHA256_Init(&state_->outer);
  SHA256_Update(&state_->outer, pad, sizeof pad);
  OPENSSL_cleanse(block, sizeof block);
  OPENSSL_cleanse(pad, sizeof pad);
}

HmacSha256Key::~HmacSha256Key() {
  if (state_) OPENSSL_cleanse(state_.get(), sizeof(State));
}

HmacSha256Key::HmacSha256Key(const HmacSha256Key& other) noexcept
    : state_(new State(*other.state_)) {}

HmacSha256Key& HmacSha256Key::operator=(const HmacSha256Key& other) noexcept {
  if (this != &other) *state_ = *other.state_;
  return *this;
}

HmacSha256Key HmacSha256Key::WithPrefix(std::string_view prefix) const noexcept {
  HmacSha256Key k(*this);
  const size_t whole = prefix.size() / kBlockBytes * kBlockBytes;
  if (whole != 0) SHA256_Update(&k.state_->inner, prefix.data(), whole);
  return k;
}

Sha256Digest HmacSha256Key::Sign(std::string_view message) const noexcept {
  return Sign(message, std::string_view());
}

Sha256Digest HmacSha256Key::Sign(std::string_view part1, std::string_view part2) const noexcept {
  SHA256_CTX ctx = state_->inner;
  SHA256_Update(&ctx, part1.data(), part1.size());
  if (!part2.empty()) SHA256_Update(&ctx, part2.data(), part2.size());
  unsigned char inner_digest[SHA256_DIGEST_LENGTH];
  SHA256_Final(inner_digest, &ctx);
  ctx = state_->outer;
  SHA256_Update(&ctx, inner_digest, sizeof inner_digest);
  Sha256Digest out;
  SHA256_Final(out.data(), &ctx);
  OPENSSL_cleanse(&ctx, sizeof ctx);
  return out;
}

bool HmacSha256Key::Verify(std::string_view message, std::string_view mac) const noexcept {
  Sha256Digest expected = Sign(message);
  return ConstantTimeEquals(
      std::string_view(reinterpret_cast<const char*>(expected.data()), expected.size()), mac);
}

Sha256Digest HkdfSha256Extract(std::string_view salt, std::string_view ikm) noexcept {
  return HmacSha256Key(salt).Sign(ikm);
}

Status HkdfSha256Expand(const HmacSha256Key& prk, std::string_view info, uint8_t* out,
                        size_t length) noexcept {
  constexpr size_t kMaxBlocks = 255;
  if (length > kMaxBlocks * sizeof(Sha256Digest))
    return InvalidArgumentError("length: HKDF-SHA256 gives at most 8160 bytes");
  // T(i) = HMAC(prk, T(i-1) | info | i), T(0) empty; the output is T(1) | T(2) | ...
  Sha256Digest block{};
  std::string_view previous;
  for (size_t i = 1, done = 0; done < length; ++i) {
    const char counter = static_cast<char>(i);
    std::string message;
    message.reserve(previous.size() + info.size() + 1);
    message.append(previous).append(info).push_back(counter);
    block = prk.Sign(message);
    OPENSSL_cleanse(message.data(), message.size());
    const size_t n = std::min(block.size(), length - done);
    std::memcpy(out + done, block.data(), n);
    done += n;
    previous = std::string_view(reinterpret_cast<const char*>(block.data()), block.size());
  }
  OPENSSL_cleanse(block.data(), block.size());
  return OkStatus();
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  // XOR-OR over every byte, 8 at a time: no early exit, so the time depends only on the length.
  // (CRYPTO_memcmp does the same a byte at a time, ~8x slower for a 32-byte MAC.)
  uint64_t diff = 0;
  size_t i = 0;
  for (; i + 8 <= a.size(); i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    diff |= x ^ y;
  }
  for (; i < a.size(); ++i)
    diff |=
        static_cast<uint64_t>(static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]));
  return diff == 0;
}

Status RandomBytes(void* out, size_t n) noexcept {
  if (n == 0) return OkStatus();
  if (RAND_bytes(static_cast<unsigned char*>(out), static_cast<int>(n)) != 1) {
    return InternalError("random source failed (OpenSSL RAND_bytes)");
  }
  return OkStatus();
}

std::string RandomHex(size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string raw(n, '\0');
  if (!RandomBytes(raw.data(), n).ok()) return {};
  std::string hex(2 * n, '\0');
  for (size_t i = 0; i < n; ++i) {
    auto b = static_cast<unsigned char>(raw[i]);
    hex[2 * i] = kHex[b >> 4];
    hex[2 * i + 1] = kHex[b & 15];
  }
  return hex;
}

}  // namespace lks
