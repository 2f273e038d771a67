#include "lks/core/base64.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace lks {
namespace {

constexpr char kUrlAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kStdAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> MakeDecodeTable(const char* alphabet) {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<int8_t>(i);
  return t;
}
constexpr auto kUrlDecode = MakeDecodeTable(kUrlAlphabet);
constexpr auto kStdDecode = MakeDecodeTable(kStdAlphabet);

// The 6-bit value of a character already shifted into place for each of the 4 positions of a
// quad, with bit 31 set for a character outside the alphabet: a quad decodes with four loads and
// three ORs, and validity is checked once per input instead of once per quad.
struct QuadTables {
  std::array<std::array<uint32_t, 256>, 4> at;
};
constexpr uint32_t kInvalidBit = 0x80000000u;
constexpr QuadTables MakeQuadTables(const char* alphabet) {
  QuadTables q{};
  for (auto& t : q.at) {
    for (auto& v : t) v = kInvalidBit;
  }
  for (uint32_t i = 0; i < 64; ++i) {
    const auto c = static_cast<unsigned char>(alphabet[i]);
    q.at[0][c] = i << 18;
    q.at[1][c] = i << 12;
    q.at[2][c] = i << 6;
    q.at[3][c] = i;
  }
  return q;
}
constexpr QuadTables kUrlQuads = MakeQuadTables(kUrlAlphabet);
constexpr QuadTables kStdQuads = MakeQuadTables(kStdAlphabet);

// The two characters of every 12-bit value: a 3-byte group encodes with two loads.
struct PairTable {
  std::array<std::array<char, 2>, 4096> pair;
};
constexpr PairTable MakePairTable(const char* alphabet) {
  PairTable t{};
  for (int v = 0; v < 4096; ++v) t.pair[v] = {alphabet[v >> 6], alphabet[v & 63]};
  return t;
}
constexpr PairTable kUrlPairs = MakePairTable(kUrlAlphabet);

// Writes the encoding of `in` at `dst`; returns the number of characters written (unpadded).
size_t EncodeInto(std::string_view in, const char* alphabet, char* dst) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  size_t n = in.size(), i = 0;
  char* d = dst;
  if (alphabet == kUrlAlphabet) {  // the hot one (JWTs)
    for (; i + 3 <= n; i += 3) {
      const uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8) | p[i + 2];
      std::memcpy(d, kUrlPairs.pair[v >> 12].data(), 2);
      std::memcpy(d + 2, kUrlPairs.pair[v & 0xFFF].data(), 2);
      d += 4;
    }
  }
  for (; i + 3 <= n; i += 3) {
    uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8) | p[i + 2];
    d[0] = alphabet[(v >> 18) & 63];
    d[1] = alphabet[(v >> 12) & 63];
    d[2] = alphabet[(v >> 6) & 63];
    d[3] = alphabet[v & 63];
    d += 4;
  }
  if (n - i == 1) {
    uint32_t v = uint32_t{p[i]} << 16;
    d[0] = alphabet[(v >> 18) & 63];
    d[1] = alphabet[(v >> 12) & 63];
    d += 2;
  } else if (n - i == 2) {
    uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8);
    d[0] = alphabet[(v >> 18) & 63];
    d[1] = alphabet[(v >> 12) & 63];
    d[2] = alphabet[(v >> 6) & 63];
    d += 3;
  }
  return static_cast<size_t>(d - dst);
}

Status BadBase64(std::string message) {
  return InvalidArgumentError(std::move(message)).WithReason("bad_base64");
}

// Decodes unpadded input of `alphabet`.
Status DecodeUnpadded(std::string_view in, const std::array<int8_t, 256>& table, const QuadTables& quads,
                      std::string* out) {
  const size_t n = in.size();
  if (n % 4 == 1) return BadBase64("base64 length " + std::to_string(n) + " is impossible");
  out->resize(n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1));
  auto* dst = reinterpret_cast<unsigned char*>(out->data());
  const auto* src = reinterpret_cast<const unsigned char*>(in.data());
  size_t i = 0;
  uint32_t invalid = 0;
  for (; i + 4 <= n; i += 4) {
    const uint32_t v = quads.at[0][src[i]] | quads.at[1][src[i + 1]] | quads.at[2][src[i + 2]] |
                       quads.at[3][src[i + 3]];
    invalid |= v;
    dst[0] = static_cast<unsigned char>(v >> 16);
    dst[1] = static_cast<unsigned char>(v >> 8);
    dst[2] = static_cast<unsigned char>(v);
    dst += 3;
  }
  if (invalid & kInvalidBit) {
    for (size_t j = 0; j < i; ++j) {
      if (table[src[j]] < 0) return BadBase64("invalid base64 character at offset " + std::to_string(j));
    }
  }
  const size_t rest = n - i;
  if (rest == 0) return OkStatus();
  uint32_t v = 0;
  for (size_t j = 0; j < rest; ++j) {
    int x = table[src[i + j]];
    if (x < 0) return BadBase64("invalid base64 character at offset " + std::to_string(i + j));
    v |= uint32_t(x) << (18 - 6 * j);
  }
  // Bits an encoder always leaves zero must be zero: one encoding per byte string.
  if (rest == 2) {
    if (v & 0xFFFF) return BadBase64("non-canonical base64 (trailing bits set)");
    dst[0] = static_cast<unsigned char>(v >> 16);
  } else {  // rest == 3
    if (v & 0xFF) return BadBase64("non-canonical base64 (trailing bits set)");
    dst[0] = static_cast<unsigned char>(v >> 16);
    dst[1] = static_cast<unsigned char>(v >> 8);
  }
  return OkStatus();
}

}  // namespace

void Base64UrlEncodeAppend(std::string_view in, std::string* out) {
  const size_t old = out->size();
  out->resize(old + Base64UrlEncodedLength(in.size()));
  EncodeInto(in, kUrlAlphabet, out->data() + old);
}

std::string Base64UrlEncode(std::string_view in) {
  std::string out;
  Base64UrlEncodeAppend(in, &out);
  return out;
}

Status Base64UrlDecode(std::string_view in, std::string* out) {
  return DecodeUnpadded(in, kUrlDecode, kUrlQuads, out);
}

std::string Base64Encode(std::string_view in) {
  std::string out((in.size() + 2) / 3 * 4, '=');
  EncodeInto(in, kStdAlphabet, out.data());
  return out;
}

Status Base64Decode(std::string_view in, std::string* out) {
  if (in.size() % 4 != 0) {
    return BadBase64("padded base64 length " + std::to_string(in.size()) + " is not a multiple of 4");
  }
  size_t pad = 0;
  while (pad < 2 && pad < in.size() && in[in.size() - 1 - pad] == '=') ++pad;
  return DecodeUnpadded(in.substr(0, in.size() - pad), kStdDecode, kStdQuads, out);
}

}  // namespace lks
