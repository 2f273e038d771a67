#include "lks/core/base64.h"

#include <array>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

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

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define LKS_BASE64_SSSE3 1
// Decodes base64url 16 characters at a time while at least 8 more follow (their 6 bytes are the
// room for the 4 extra bytes each block writes), stopping before a block with a character outside
// the alphabet. Returns the number of characters decoded (12 bytes written per 16). SSSE3,
// checked at run time: validity from two nibble lookups (Mula's method, with tables made for
// base64url's alphabet), values by adding a per-range offset, then multiply-adds pack the 6-bit
// values and a shuffle puts the bytes in order.
__attribute__((target("ssse3"))) size_t DecodeUrlBlocksSsse3(const unsigned char* src, size_t n,
                                                             unsigned char* dst) {
  const __m128i nibble = _mm_set1_epi8(0x0F);
  // A character is valid when lut_lo[lo] & lut_hi[hi] == 0. lut_hi gives each high nibble a
  // class bit (0x80: no valid characters at all); lut_lo sets a class's bit for the low nibbles
  // invalid in that class. 0x2_: only '-'; 0x3_: 0-9; 0x4_ and 0x6_: all but 0x_0;
  // 0x5_: 0-A and '_' (F); 0x7_: 0-A.
  const __m128i lut_hi = _mm_setr_epi8(char(0x80), char(0x80), 0x01, 0x02, 0x04, 0x08, 0x04, 0x10,
                                       char(0x80), char(0x80), char(0x80), char(0x80), char(0x80),
                                       char(0x80), char(0x80), char(0x80));
  const __m128i lut_lo =
      _mm_setr_epi8(char(0x85), char(0x81), char(0x81), char(0x81), char(0x81), char(0x81),
                    char(0x81), char(0x81), char(0x81), char(0x81), char(0x83), char(0x9B),
                    char(0x9B), char(0x9A), char(0x9B), char(0x93));
  // Offsets by high nibble: '-' +17, digits +4, A-Z -65, a-z -71; '_' (high nibble 5, like
  // P-Z) is moved to slot 8: -32.
  const __m128i lut_roll = _mm_setr_epi8(0, 0, 17, 4, -65, -65, -71, -71, -32, 0, 0, 0, 0, 0, 0, 0);
  const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
  size_t i = 0;
  for (; i + 24 <= n; i += 16, dst += 12) {
    const __m128i in = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    const __m128i hi = _mm_and_si128(_mm_srli_epi32(in, 4), nibble);
    const __m128i lo = _mm_and_si128(in, nibble);
    const __m128i bad = _mm_and_si128(_mm_shuffle_epi8(lut_lo, lo), _mm_shuffle_epi8(lut_hi, hi));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(bad, _mm_setzero_si128())) != 0xFFFF) break;
    const __m128i underscore = _mm_cmpeq_epi8(in, _mm_set1_epi8('_'));
    const __m128i slot = _mm_add_epi8(hi, _mm_and_si128(underscore, _mm_set1_epi8(3)));
    const __m128i sextets = _mm_add_epi8(in, _mm_shuffle_epi8(lut_roll, slot));
    const __m128i pairs = _mm_maddubs_epi16(sextets, _mm_set1_epi32(0x01400140));  // a << 6 | b
    const __m128i quads = _mm_madd_epi16(pairs, _mm_set1_epi32(0x00011000));       // ab << 12 | cd
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), _mm_shuffle_epi8(quads, order));
  }
  return i;
}

// Encodes base64url 12 bytes at a time (reading 16, so while at least 16 remain) into 16
// characters each. Returns the number of bytes encoded. SSSE3 (Mula's method): a shuffle and two
// multiplies spread each 3 bytes into four 6-bit indices, and a nibble lookup maps index ranges to
// their offsets in the alphabet ('A' +65, 'a' +71, '0' -4, '-' -17, '_' +32).
__attribute__((target("ssse3"))) size_t EncodeUrlBlocksSsse3(const unsigned char* src, size_t n,
                                                             char* dst) {
  const __m128i spread = _mm_set_epi8(10, 11, 9, 10, 7, 8, 6, 7, 4, 5, 3, 4, 1, 2, 0, 1);
  const __m128i offsets =
      _mm_setr_epi8(65, 71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -17, 32, 0, 0);
  size_t i = 0;
  for (; i + 16 <= n; i += 12, dst += 16) {
    __m128i in =
        _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i)), spread);
    const __m128i t0 =
        _mm_mulhi_epu16(_mm_and_si128(in, _mm_set1_epi32(0x0fc0fc00)), _mm_set1_epi32(0x04000040));
    const __m128i t1 =
        _mm_mullo_epi16(_mm_and_si128(in, _mm_set1_epi32(0x003f03f0)), _mm_set1_epi32(0x01000010));
    const __m128i indices = _mm_or_si128(t0, t1);
    __m128i slot = _mm_subs_epu8(indices, _mm_set1_epi8(51));
    slot = _mm_sub_epi8(slot, _mm_cmpgt_epi8(indices, _mm_set1_epi8(25)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst),
                     _mm_add_epi8(indices, _mm_shuffle_epi8(offsets, slot)));
  }
  return i;
}

// The same two loops on 32 characters / 24 bytes at a time (AVX2, checked at run time): each
// 128-bit lane does what the SSSE3 loop does to one block, with the same tables in both lanes.
// Decoding then packs the lanes' 12 bytes together (a cross-lane permute) and writes 32 bytes,
// 8 of them scratch, so it runs while at least 12 more characters follow.
__attribute__((target("avx2"))) size_t DecodeUrlBlocksAvx2(const unsigned char* src, size_t n,
                                                           unsigned char* dst) {
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i lut_hi = _mm256_broadcastsi128_si256(_mm_setr_epi8(
      char(0x80), char(0x80), 0x01, 0x02, 0x04, 0x08, 0x04, 0x10, char(0x80), char(0x80),
      char(0x80), char(0x80), char(0x80), char(0x80), char(0x80), char(0x80)));
  const __m256i lut_lo = _mm256_broadcastsi128_si256(
      _mm_setr_epi8(char(0x85), char(0x81), char(0x81), char(0x81), char(0x81), char(0x81),
                    char(0x81), char(0x81), char(0x81), char(0x81), char(0x83), char(0x9B),
                    char(0x9B), char(0x9A), char(0x9B), char(0x93)));
  const __m256i lut_roll = _mm256_broadcastsi128_si256(
      _mm_setr_epi8(0, 0, 17, 4, -65, -65, -71, -71, -32, 0, 0, 0, 0, 0, 0, 0));
  const __m256i order = _mm256_broadcastsi128_si256(
      _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1));
  const __m256i pack = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 7, 7);
  size_t i = 0;
  for (; i + 44 <= n; i += 32, dst += 24) {
    const __m256i in = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + i));
    const __m256i hi = _mm256_and_si256(_mm256_srli_epi32(in, 4), nibble);
    const __m256i lo = _mm256_and_si256(in, nibble);
    const __m256i bad =
        _mm256_and_si256(_mm256_shuffle_epi8(lut_lo, lo), _mm256_shuffle_epi8(lut_hi, hi));
    if (static_cast<uint32_t>(
            _mm256_movemask_epi8(_mm256_cmpeq_epi8(bad, _mm256_setzero_si256()))) != 0xFFFFFFFFu) {
      break;
    }
    const __m256i underscore = _mm256_cmpeq_epi8(in, _mm256_set1_epi8('_'));
    const __m256i slot = _mm256_add_epi8(hi, _mm256_and_si256(underscore, _mm256_set1_epi8(3)));
    const __m256i sextets = _mm256_add_epi8(in, _mm256_shuffle_epi8(lut_roll, slot));
    const __m256i pairs = _mm256_maddubs_epi16(sextets, _mm256_set1_epi32(0x01400140));
    const __m256i quads = _mm256_madd_epi16(pairs, _mm256_set1_epi32(0x00011000));
    const __m256i bytes = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(quads, order), pack);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), bytes);
  }
  return i;
}

__attribute__((target("avx2"))) size_t EncodeUrlBlocksAvx2(const unsigned char* src, size_t n,
                                                           char* dst) {
  const __m256i spread =
      _mm256_broadcastsi128_si256(_mm_set_epi8(10, 11, 9, 10, 7, 8, 6, 7, 4, 5, 3, 4, 1, 2, 0, 1));
  const __m256i offsets = _mm256_broadcastsi128_si256(
      _mm_setr_epi8(65, 71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -17, 32, 0, 0));
  size_t i = 0;
  for (; i + 28 <= n; i += 24, dst += 32) {
    // Bytes [i, i+12) in the low lane, [i+12, i+24) in the high one.
    const __m256i raw = _mm256_inserti128_si256(
        _mm256_castsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i))),
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i + 12)), 1);
    const __m256i in = _mm256_shuffle_epi8(raw, spread);
    const __m256i t0 = _mm256_mulhi_epu16(_mm256_and_si256(in, _mm256_set1_epi32(0x0fc0fc00)),
                                          _mm256_set1_epi32(0x04000040));
    const __m256i t1 = _mm256_mullo_epi16(_mm256_and_si256(in, _mm256_set1_epi32(0x003f03f0)),
                                          _mm256_set1_epi32(0x01000010));
    const __m256i indices = _mm256_or_si256(t0, t1);
    __m256i slot = _mm256_subs_epu8(indices, _mm256_set1_epi8(51));
    slot = _mm256_sub_epi8(slot, _mm256_cmpgt_epi8(indices, _mm256_set1_epi8(25)));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst),
                        _mm256_add_epi8(indices, _mm256_shuffle_epi8(offsets, slot)));
  }
  return i;
}

bool HasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}

bool HasSsse3() {
  static const bool has = __builtin_cpu_supports("ssse3");
  return has;
}
#endif

// Decodes unpadded input of `alphabet`.
Status DecodeUnpadded(std::string_view in, const std::array<int8_t, 256>& table,
                      const QuadTables& quads, std::string* out) {
  const size_t n = in.size();
  if (n % 4 == 1) return BadBase64("base64 length " + std::to_string(n) + " is impossible");
  out->resize(n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1));
  auto* dst = reinterpret_cast<unsigned char*>(out->data());
  const auto* src = reinterpret_cast<const unsigned char*>(in.data());
  size_t i = 0;
#if defined(LKS_BASE64_SSSE3)
  if (&quads == &kUrlQuads && n >= 24 && HasSsse3()) {
    if (n >= 44 && HasAvx2()) {
      i = DecodeUrlBlocksAvx2(src, n, dst);
      dst += i / 32 * 24;
    }
    const size_t done = DecodeUrlBlocksSsse3(src + i, n - i, dst);
    i += done;
    dst += done / 16 * 12;
  }
#endif
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
      if (table[src[j]] < 0)
        return BadBase64("invalid base64 character at offset " + std::to_string(j));
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
  Base64UrlEncodeTo(in, out->data() + old);
}

size_t Base64UrlEncodeTo(std::string_view in, char* dst) {
  const size_t length = Base64UrlEncodedLength(in.size());
#if defined(LKS_BASE64_SSSE3)
  if (in.size() >= 28 && HasAvx2()) {
    const size_t done =
        EncodeUrlBlocksAvx2(reinterpret_cast<const unsigned char*>(in.data()), in.size(), dst);
    in.remove_prefix(done);
    dst += done / 24 * 32;
  }
  if (in.size() >= 16 && HasSsse3()) {
    const size_t done =
        EncodeUrlBlocksSsse3(reinterpret_cast<const unsigned char*>(in.data()), in.size(), dst);
    in.remove_prefix(done);
    dst += done / 12 * 16;
  }
#endif
  EncodeInto(in, kUrlAlphabet, dst);
  return length;
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
    return BadBase64("padded base64 length " + std::to_string(in.size()) +
                     " is not a multiple of 4");
  }
  size_t pad = 0;
  while (pad < 2 && pad < in.size() && in[in.size() - 1 - pad] == '=') ++pad;
  return DecodeUnpadded(in.substr(0, in.size() - pad), kStdDecode, kStdQuads, out);
}

}  // namespace lks
