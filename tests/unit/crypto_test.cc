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
