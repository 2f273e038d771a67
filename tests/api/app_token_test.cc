#include "lks/api/app_token.h"

#include <gtest/gtest.h>

#include "core/jwt_hs256.h"
#include "lks/core/crypto.h"

namespace lks {
namespace {

constexpr int64_t kNow = 1700000000;

std::string Sign(std::string_view payload, std::string_view secret = "app-secret") {
  std::string jwt;
  internal::SignHs256Jwt(HmacSha256Key(secret), payload, &jwt);
  return jwt;
}

class AppTokenTest : public ::testing::Test {
 protected:
  AppTokenTest() : clock_(kNow * 1000), verifier_("app-secret") { verifier_.set_clock(clock_); }
  ManualClock clock_;
  AppTokenVerifier verifier_;
};

TEST_F(AppTokenTest, RoundTripsAMintedToken) {
  Principal who{"15", "john@example.com", "John Doe", "admin"};
  auto jwt = MintAppToken("app-secret", who, std::chrono::hours(1), clock_);
  ASSERT_TRUE(jwt.ok());
  auto got = verifier_.VerifyAuthorization("Bearer " + *jwt);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, who);
}

// The shape jsonwebtoken's sign({userId, email}, secret) produces in the seed's Express app.
TEST_F(AppTokenTest, AcceptsTheSeedAppsTokens) {
  auto a = verifier_.Verify(Sign(R"({"userId":15,"email":"john@example.com","iat":1699990000})"));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->user_id, "15");
  EXPECT_EQ(a->email, "john@example.com");
  auto b = verifier_.Verify(Sign(R"({"sub":"42","exp":1700000100})"));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->user_id, "42");
  auto c = verifier_.Verify(Sign(R"({"sub":"9b2f-uuid"})"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->user_id, "9b2f-uuid");
}

TEST_F(AppTokenTest, RejectsWithReasons) {
  auto reason = [&](std::string_view header) {
    return verifier_.VerifyAuthorization(header).status().reason();
  };
  EXPECT_EQ(reason(""), "missing_header");
  EXPECT_EQ(reason("Basic dXNlcjpwYXNz"), "bad_scheme");
  EXPECT_EQ(reason("Bearer " + Sign(R"({"userId":15})", "other")), "bad_signature");
  EXPECT_EQ(reason("Bearer " + Sign(R"({"userId":15,"exp":1699990000})")), "expired");
  EXPECT_EQ(reason("Bearer " + Sign(R"({"email":"x@y"})")), "no_user");
  EXPECT_EQ(reason("Bearer " + Sign(R"({"userId":-3})")), "no_user");
  EXPECT_EQ(reason("Bearer " + Sign(R"({"userId":""})")), "no_user");
  EXPECT_EQ(reason("Bearer " + Sign(R"({"userId":"a\nb"})")), "no_user");
  EXPECT_EQ(reason("Bearer garbage"), "malformed");
  EXPECT_EQ(reason("bearer  " + Sign(R"({"userId":1})")), "");  // scheme is case-insensitive
  EXPECT_EQ(verifier_.VerifyAuthorization("Bearer x").status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(AppTokenTest, MintValidatesItsInput) {
  EXPECT_FALSE(MintAppToken("s", Principal{"", "", "", ""}, std::chrono::hours(1)).ok());
  EXPECT_FALSE(MintAppToken("s", Principal{"1", "", "", ""}, std::chrono::seconds(0)).ok());
  EXPECT_FALSE(MintAppToken("s", Principal{"1", "\xff", "", ""}, std::chrono::hours(1)).ok());
}

}  // namespace
}  // namespace lks
