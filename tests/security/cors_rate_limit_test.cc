// CORS (none by default; preflights answered only for configured origins) and the per-user rate
// limits of `lkstudy serve` (src/server/cors, src/server/rate_limiter).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "server/cors.h"
#include "server/rate_limiter.h"

namespace lks::server {
namespace {

RestRequest Preflight(const std::string& origin) {
  RestRequest r;
  r.method = "OPTIONS";
  r.path = "/api/livekit/token";
  r.headers = {{"Origin", origin},
               {"Access-Control-Request-Method", "POST"},
               {"Access-Control-Request-Headers", "authorization, content-type"}};
  return r;
}

TEST(Cors, NoOriginIsAllowedByDefault) {
  CorsPolicy none;
  auto r = none.Preflight(Preflight("https://evil.example"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 403);
  EXPECT_NE(r->body.find("origin_not_allowed"), std::string::npos);
  EXPECT_TRUE(r->Header("Access-Control-Allow-Origin").empty());
  RestRequest get;
  get.method = "GET";
  get.path = "/api/livekit/status";
  get.headers = {{"Origin", "https://evil.example"}};
  EXPECT_FALSE(none.Preflight(get).has_value());  // not a preflight: served as usual
  RestResponse resp;
  none.Decorate(get, &resp);
  EXPECT_TRUE(resp.headers.empty());
}

TEST(Cors, ConfiguredOriginsGetPreflightsAndHeaders) {
  auto p = CorsPolicy::Create({"https://app.example.com", "http://localhost:5173"});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto ok = p->Preflight(Preflight("https://app.example.com"));
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->status, 204);
  EXPECT_EQ(ok->Header("Access-Control-Allow-Origin"), "https://app.example.com");
  EXPECT_NE(ok->Header("Access-Control-Allow-Headers").find("Authorization"), std::string::npos);
  EXPECT_EQ(ok->Header("Vary"), "Origin");
  EXPECT_TRUE(ok->Header("Access-Control-Allow-Credentials").empty());
  // Exact match only: another port, scheme or a suffix is another origin.
  for (const char* other : {"https://app.example.com:8443", "http://app.example.com",
                            "https://app.example.com.evil.example", "null"}) {
    auto no = p->Preflight(Preflight(other));
    ASSERT_TRUE(no.has_value()) << other;
    EXPECT_EQ(no->status, 403) << other;
  }
  RestRequest get;
  get.method = "GET";
  get.headers = {{"Origin", "http://localhost:5173"}};
  RestResponse resp;
  p->Decorate(get, &resp);
  EXPECT_EQ(resp.Header("Access-Control-Allow-Origin"), "http://localhost:5173");
}

TEST(Cors, RefusesValuesThatAreNotOrigins) {
  for (const char* bad : {"app.example.com", "https://", "https://a.example/path", "ftp://a.b"}) {
    auto p = CorsPolicy::Create({bad});
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.status().message().rfind("--cors-origin: ", 0), 0u);
  }
  EXPECT_TRUE(CorsPolicy::Create({"*"})->Allows("https://any.example"));
}

TEST(RateLimiter, AllowsABurstThenAsksToRetryAfterTheRefill) {
  RateLimiter l(6);  // 6 a minute: one every 10 s
  int64_t t = 1000000;
  for (int i = 0; i < 6; ++i) EXPECT_EQ(l.Acquire("15", t), 0) << i;
  EXPECT_EQ(l.Acquire("15", t), 10);
  EXPECT_EQ(l.Acquire("16", t), 0);  // per key
  EXPECT_EQ(l.Acquire("15", t + 4000), 6);
  EXPECT_EQ(l.Acquire("15", t + 10000), 0);
  EXPECT_GE(l.Acquire("15", t + 10000), 1);
  EXPECT_EQ(l.Acquire("15", t + 10 * 60000), 0);  // long idle: full again
}

TEST(RateLimiter, ZeroDisablesAndManyThreadsNeverGetMoreThanTheBurst) {
  RateLimiter off(0);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(off.Acquire("x", 0), 0);
  RateLimiter l(50);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 100; ++j) allowed += l.Acquire("same", 5000) == 0;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(allowed.load(), 50);
}

}  // namespace
}  // namespace lks::server
