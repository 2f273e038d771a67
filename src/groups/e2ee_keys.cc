#include "groups/e2ee_keys.h"

#include <openssl/crypto.h>

#include <array>

#include "lks/core/base64.h"

namespace lks::internal {
namespace {

// HKDF's salt: names the scheme, so these keys never collide with another use of the secret.
constexpr std::string_view kSalt = "lkstudy e2ee session keys v1";

HmacSha256Key ExtractKey(std::string_view master_secret) noexcept {
  Sha256Digest prk = HkdfSha256Extract(kSalt, master_secret);
  HmacSha256Key key(std::string_view(reinterpret_cast<const char*>(prk.data()), prk.size()));
  OPENSSL_cleanse(prk.data(), prk.size());
  return key;
}

}  // namespace

SessionKeyDeriver::SessionKeyDeriver(std::string_view master_secret) noexcept
    : prk_(ExtractKey(master_secret)) {}

std::string SessionKeyDeriver::SessionKey(int64_t group_id, std::string_view room_sid,
                                          int64_t key_index) const {
  // The context, with NUL separators: no two (group, SID, index) triples spell the same info.
  std::string info = "session-key";
  info.push_back('\0');
  info += std::to_string(group_id);
  info.push_back('\0');
  info.append(room_sid);
  info.push_back('\0');
  info += std::to_string(key_index);
  std::array<uint8_t, 32> key{};
  // 32 bytes is one HKDF block: Expand cannot fail for it.
  (void)HkdfSha256Expand(prk_, info, key.data(), key.size());
  std::string out =
      Base64Encode(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
  OPENSSL_cleanse(key.data(), key.size());
  return out;
}

}  // namespace lks::internal
