#include "lks/core/crypto.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace lks {
namespace {

std::string Hex(const Sha256Digest& d) {
  static constexpr char k[] = "0123456789abcdef";
  std::string s;
  for (uint8_t b : d) {
    s.push_back(k[b >> 4]);
    s.push_back(k[b & 15]);
  }
  return s;
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(Hex(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Hex(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// RFC 4231 test cases 1, 2, 4 and 6 (a key longer than the block size).
TEST(HmacSha256, Rfc4231Vectors) {
  EXPECT_EQ(Hex(HmacSha256Key(std::string(20, '\x0b')).Sign("Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(Hex(HmacSha256Key("Jefe").Sign("what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  std::string key4;
  for (int i = 1; i <= 25; ++i) key4.push_back(static_cast<char>(i));
  EXPECT_EQ(Hex(HmacSha256Key(key4).Sign(std::string(50, '\xcd'))),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
  EXPECT_EQ(Hex(HmacSha256Key(std::string(131, '\xaa'))
                    .Sign("Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSha256, TwoPartSignEqualsConcatenation) {
  HmacSha256Key key("secret");
  EXPECT_EQ(key.Sign("header.", "payload"), key.Sign("header.payload"));
}

TEST(HmacSha256, VerifyIsExact) {
  HmacSha256Key key("secret");
  Sha256Digest mac = key.Sign("message");
  std::string m(reinterpret_cast<const char*>(mac.data()), mac.size());
  EXPECT_TRUE(key.Verify("message", m));
  m[31] ^= 1;
  EXPECT_FALSE(key.Verify("message", m));
  EXPECT_FALSE(key.Verify("message", m.substr(0, 31)));
  EXPECT_FALSE(key.Verify("message", ""));
}

TEST(HmacSha256, SharedKeyIsThreadSafe) {
  const HmacSha256Key key("shared");
  const Sha256Digest expected = key.Sign("payload");
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        if (key.Sign("payload") != expected) ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

std::string Bytes(int from, int to) {  // from..to-1
  std::string s;
  for (int i = from; i < to; ++i) s.push_back(static_cast<char>(i));
  return s;
}

std::string Okm(std::string_view salt, std::string_view ikm, std::string_view info, size_t n,
                std::string* prk_hex) {
  Sha256Digest prk = HkdfSha256Extract(salt, ikm);
  *prk_hex = Hex(prk);
  std::vector<uint8_t> okm(n);
  EXPECT_TRUE(HkdfSha256Expand(HmacSha256Key(std::string_view(
                                   reinterpret_cast<const char*>(prk.data()), prk.size())),
                               info, okm.data(), n)
                  .ok());
  static constexpr char k[] = "0123456789abcdef";
  std::string hex;
  for (uint8_t b : okm) {
    hex.push_back(k[b >> 4]);
    hex.push_back(k[b & 15]);
  }
  return hex;
}

// RFC 5869 appendix A, test cases 1 to 3 (3: no salt, no info; 2: three blocks of output).
TEST(HkdfSha256, Rfc5869Vectors) {
  std::string prk;
  EXPECT_EQ(Okm(Bytes(0, 13), std::string(22, '\x0b'), Bytes(0xf0, 0xfa), 42, &prk),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  EXPECT_EQ(prk, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
  EXPECT_EQ(Okm(Bytes(0x60, 0xb0), Bytes(0, 0x50), Bytes(0xb0, 0x100), 82, &prk),
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
            "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
            "cc30c58179ec3e87c14c01d5c1f3434f1d87");
  EXPECT_EQ(prk, "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244");
  EXPECT_EQ(Okm("", std::string(22, '\x0b'), "", 42, &prk),
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  EXPECT_EQ(prk, "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04");
}

TEST(HkdfSha256, RefusesMoreThan255Blocks) {
  std::vector<uint8_t> out(255 * 32 + 1);
  Status s = HkdfSha256Expand(HmacSha256Key("k"), "", out.data(), out.size());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("length"), std::string::npos);
  EXPECT_TRUE(HkdfSha256Expand(HmacSha256Key("k"), "", out.data(), 255 * 32).ok());
}

TEST(ConstantTimeEquals, ComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

TEST(Random, HexHasRequestedLengthAndVaries) {
  std::string a = RandomHex(16), b = RandomHex(16);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace lks
