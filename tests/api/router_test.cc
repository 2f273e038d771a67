#include "api/router.h"

#include <gtest/gtest.h>

namespace lks::internal {
namespace {

TEST(Router, MatchesLiteralsParamsAndMethods) {
  Router<int> r;
  r.Add("GET /api/study-groups/:id", 1);
  r.Add("POST /api/study-groups/:id/join", 2);
  r.Add("DELETE /api/livekit/rooms/:roomName", 3);
  r.Add("GET /api/livekit/rooms/:roomName", 4);
  const int* h = nullptr;
  PathParams p;
  ASSERT_EQ(r.Match("GET", "/api/study-groups/123", &h, &p), Router<int>::Outcome::kMatched);
  EXPECT_EQ(*h, 1);
  EXPECT_EQ(p.Get("id"), "123");
  ASSERT_EQ(r.Match("POST", "/api/study-groups/7/join/", &h, &p), Router<int>::Outcome::kMatched);
  EXPECT_EQ(*h, 2);
  ASSERT_EQ(r.Match("DELETE", "/api/livekit/rooms/study%20group", &h, &p),
            Router<int>::Outcome::kMatched);
  EXPECT_EQ(p.Get("roomName"), "study group");
  EXPECT_EQ(r.Match("PUT", "/api/livekit/rooms/x", &h, &p), Router<int>::Outcome::kWrongMethod);
  EXPECT_EQ(r.AllowedMethods("/api/livekit/rooms/x"), "DELETE, GET");
  EXPECT_EQ(r.Match("GET", "/api/nothing", &h, &p), Router<int>::Outcome::kNoRoute);
  // Literal segments win over parameters.
  r.Add("POST /api/study-groups/create", 5);
  ASSERT_EQ(r.Match("POST", "/api/study-groups/create", &h, &p), Router<int>::Outcome::kMatched);
  EXPECT_EQ(*h, 5);
  EXPECT_EQ(r.Match("GET", "/api/study-groups/create", &h, &p), Router<int>::Outcome::kWrongMethod);
  EXPECT_EQ(r.AllowedMethods("/api/study-groups/create"), "POST");
  EXPECT_EQ(r.Match("GET", "/api/livekit/rooms/%zz", &h, &p), Router<int>::Outcome::kNoRoute);
}

TEST(PercentDecode, DecodesAndRejectsBadEscapes) {
  std::string out;
  EXPECT_TRUE(PercentDecode("a%2Fb%20c", &out));
  EXPECT_EQ(out, "a/b c");
  EXPECT_FALSE(PercentDecode("abc%2", &out));
  EXPECT_FALSE(PercentDecode("%g0", &out));
}

}  // namespace
}  // namespace lks::internal
