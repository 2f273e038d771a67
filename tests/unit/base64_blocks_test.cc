// Base64 decoding of long inputs (the 16-character SIMD blocks and the 4-character quads) against
// a plain reference decoder, for valid and corrupted input at every position.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "lks/core/base64.h"

namespace lks {
namespace {

// Straightforward reference: RFC 4648 base64url without padding, canonical trailing bits.
bool ReferenceDecode(const std::string& in, std::string* out) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  out->clear();
  if (in.size() % 4 == 1) return false;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const size_t v = kAlphabet.find(c);
    if (v == std::string::npos) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return (acc & ((1u << bits) - 1)) == 0;  // leftover bits must be zero
}

std::string ReferenceEncode(const std::string& in) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 63]);
  return out;
}

TEST(Base64BlocksTest, EncodesLongInputsLikeTheReference) {
  std::mt19937 rng(11);
  for (size_t len = 0; len < 300; ++len) {
    std::string raw(len, '\0');
    for (char& c : raw) c = static_cast<char>(rng());
    ASSERT_EQ(Base64UrlEncode(raw), ReferenceEncode(raw)) << len;
    std::string appended = "prefix.";
    Base64UrlEncodeAppend(raw, &appended);
    ASSERT_EQ(appended, "prefix." + ReferenceEncode(raw)) << len;
  }
  // Every 6-bit value in every position of a block.
  std::string all;
  for (int i = 0; i < 64 * 3; ++i) all.push_back(static_cast<char>(i * 85 + (i >> 2)));
  for (size_t shift = 0; shift < 3; ++shift) {
    const std::string s = all.substr(shift);
    ASSERT_EQ(Base64UrlEncode(s), ReferenceEncode(s));
  }
}

TEST(Base64BlocksTest, DecodesLongInputsLikeTheReference) {
  std::mt19937 rng(42);
  for (size_t len = 0; len < 200; ++len) {
    std::string raw(len, '\0');
    for (char& c : raw) c = static_cast<char>(rng());
    const std::string enc = Base64UrlEncode(raw);
    std::string dec;
    ASSERT_TRUE(Base64UrlDecode(enc, &dec).ok()) << len;
    EXPECT_EQ(dec, raw) << len;
    // Corrupt each position with a character outside the alphabet, and with one inside it.
    for (size_t pos = 0; pos < enc.size(); ++pos) {
      for (char bad : {'+', '/', '=', '\0', '\x80', '\xff', ' ', '.', 'A', '_'}) {
        std::string corrupt = enc;
        corrupt[pos] = bad;
        std::string want, got;
        const bool ref_ok = ReferenceDecode(corrupt, &want);
        const Status s = Base64UrlDecode(corrupt, &got);
        ASSERT_EQ(s.ok(), ref_ok) << "len " << len << " pos " << pos << " char " << int(bad);
        if (ref_ok) {
          EXPECT_EQ(got, want);
        } else if (s.reason() == "bad_base64" && s.message().find("offset") != std::string::npos) {
          EXPECT_NE(s.message().find("offset " + std::to_string(pos)), std::string::npos)
              << s.message();
        }
      }
    }
  }
}

// Every byte value at every position of inputs long enough for several 16-character blocks.
TEST(Base64BlocksTest, EveryByteAtEveryPositionOfBlockSizedInputs) {
  std::mt19937 rng(3);
  for (size_t raw_len : {18u, 21u, 30u, 33u, 36u, 45u}) {
    std::string raw(raw_len, '\0');
    for (char& c : raw) c = static_cast<char>(rng());
    const std::string enc = Base64UrlEncode(raw);
    for (size_t pos = 0; pos < enc.size(); ++pos) {
      for (int b = 0; b < 256; ++b) {
        std::string corrupt = enc;
        corrupt[pos] = static_cast<char>(b);
        std::string want, got;
        const bool ref_ok = ReferenceDecode(corrupt, &want);
        const Status s = Base64UrlDecode(corrupt, &got);
        ASSERT_EQ(s.ok(), ref_ok) << "len " << enc.size() << " pos " << pos << " byte " << b;
        if (ref_ok) {
          ASSERT_EQ(got, want) << "len " << enc.size() << " pos " << pos << " byte " << b;
        }
      }
    }
  }
}

TEST(Base64BlocksTest, StandardAlphabetRoundTripsLongInputs) {
  std::mt19937 rng(7);
  for (size_t len = 0; len < 120; ++len) {
    std::string raw(len, '\0');
    for (char& c : raw) c = static_cast<char>(rng());
    std::string dec;
    ASSERT_TRUE(Base64Decode(Base64Encode(raw), &dec).ok()) << len;
    EXPECT_EQ(dec, raw);
  }
}

}  // namespace
}  // namespace lks
