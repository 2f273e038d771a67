#include "lks/core/base64.h"

#include <gtest/gtest.h>

namespace lks {
namespace {

TEST(Base64Url, EncodesRfc4648Vectors) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foob"), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode("fooba"), "Zm9vYmE");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff\xbf"), "-_-_");
}

TEST(Base64Url, RoundTripsEveryLengthAndByte) {
  std::string data;
  for (int i = 0; i < 300; ++i) {
    data.push_back(static_cast<char>(i * 37 + 11));
    std::string decoded;
    ASSERT_TRUE(Base64UrlDecode(Base64UrlEncode(data), &decoded).ok());
    ASSERT_EQ(decoded, data);
  }
}

TEST(Base64Url, DecodingIsStrict) {
  std::string out;
  EXPECT_EQ(Base64UrlDecode("Zg==", &out).reason(), "bad_base64");   // padding not allowed
  EXPECT_EQ(Base64UrlDecode("Zm9v+", &out).reason(), "bad_base64");  // length 5 impossible
  EXPECT_EQ(Base64UrlDecode("Zm+v", &out).reason(), "bad_base64");   // std alphabet char
  EXPECT_EQ(Base64UrlDecode("Zm9 v", &out).reason(), "bad_base64");
  EXPECT_EQ(Base64UrlDecode("Zh", &out).reason(), "bad_base64");  // trailing bits set
  EXPECT_EQ(Base64UrlDecode(std::string_view("Zm\0v", 4), &out).reason(), "bad_base64");
  EXPECT_TRUE(Base64UrlDecode("Zg", &out).ok());
  EXPECT_EQ(out, "f");
}

TEST(Base64Std, PaddedRoundTripAndStrictness) {
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("\xfb\xff\xbf"), "+/+/");
  std::string out;
  EXPECT_TRUE(Base64Decode("Zm8=", &out).ok());
  EXPECT_EQ(out, "fo");
  EXPECT_FALSE(Base64Decode("Zm8", &out).ok());
  EXPECT_FALSE(Base64Decode("Z===", &out).ok());
  EXPECT_FALSE(Base64Decode("Zm=8", &out).ok());
  EXPECT_FALSE(Base64Decode("-_-_", &out).ok());
}

}  // namespace
}  // namespace lks
