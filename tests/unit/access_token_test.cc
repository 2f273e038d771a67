#include "lks/livekit/access_token.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "lks/core/base64.h"
#include "lks/livekit/token_verifier.h"

namespace lks {
namespace {

constexpr int64_t kNow = 1700000000;

std::string PayloadOf(const std::string& jwt) {
  size_t a = jwt.find('.'), b = jwt.rfind('.');
  std::string out;
  EXPECT_TRUE(Base64UrlDecode(jwt.substr(a + 1, b - a - 1), &out).ok());
  return out;
}

VideoGrant JoinGrant(std::string room) {
  VideoGrant g;
  g.room_join = true;
  g.room = std::move(room);
  return g;
}

TEST(AccessToken, MintsTheSeedTokenExactly) {
  ManualClock clock(kNow * 1000);
  AccessToken at("APIkey", "secret");
  at.set_identity("user_15")
      .set_name("John Doe")
      .set_metadata(R"({"userId":15,"email":"john@example.com"})");
  VideoGrant g = JoinGrant("study_group_123");
  g.can_publish = true;
  g.can_subscribe = true;
  g.can_publish_data = true;
  g.can_update_own_metadata = true;
  at.AddGrant(g);
  auto jwt = at.ToJwt(clock);
  ASSERT_TRUE(jwt.ok()) << jwt.status().ToString();
  EXPECT_EQ(jwt->substr(0, jwt->find('.')), "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9");
  EXPECT_EQ(
      PayloadOf(*jwt),
      R"({"iss":"APIkey","video":{"roomJoin":true,"room":"study_group_123",)"
      R"("canPublish":true,"canSubscribe":true,"canPublishData":true,"canUpdateOwnMetadata":true},)"
      R"("exp":1700021600,"nbf":1700000000,"sub":"user_15","name":"John Doe",)"
      R"("metadata":"{\"userId\":15,\"email\":\"john@example.com\"}"})");
}

TEST(AccessToken, DefaultTtlIsSixHoursAndTtlAndNbfAreSettable) {
  ManualClock clock(kNow * 1000);
  TokenVerifier v("k", "s");
  v.set_clock(clock);
  AccessToken at("k", "s");
  at.set_identity("a");
  auto t1 = v.Verify(*at.ToJwt(clock));
  ASSERT_TRUE(t1.ok());
  EXPECT_EQ(t1->expires_at - t1->not_before, 6 * 3600);
  at.set_ttl(std::chrono::seconds(90 * 60)).set_not_before(kNow - 10);
  auto t2 = v.Verify(*at.ToJwt(clock));
  ASSERT_TRUE(t2.ok());
  EXPECT_EQ(t2->expires_at, kNow + 5400);
  EXPECT_EQ(t2->not_before, kNow - 10);
}

TEST(AccessToken, TriStatesAreOmittedWhenUnsetAndKeptWhenFalse) {
  ManualClock clock(kNow * 1000);
  AccessToken at("k", "s");
  VideoGrant g = JoinGrant("r");
  g.can_publish = false;
  at.set_identity("a").AddGrant(g);
  std::string payload = PayloadOf(*at.ToJwt(clock));
  EXPECT_NE(payload.find(R"("canPublish":false)"), std::string::npos);
  EXPECT_EQ(payload.find("canSubscribe"), std::string::npos);
  EXPECT_EQ(payload.find("canPublishData"), std::string::npos);

  TokenVerifier v("k", "s");
  v.set_clock(clock);
  auto t = v.Verify(*at.ToJwt(clock));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->grants.video->can_publish, std::optional<bool>(false));
  EXPECT_EQ(t->grants.video->can_subscribe, std::nullopt);
}

TEST(AccessToken, AddGrantMergesLikeTheSdks) {
  AccessToken at("k", "s");
  VideoGrant first = JoinGrant("r1");
  first.can_publish = true;
  VideoGrant second;
  second.room_admin = true;
  second.room = "r2";
  second.can_publish = false;
  second.can_publish_sources = {"camera"};
  at.AddGrant(first).AddGrant(second);
  const VideoGrant& v = *at.grants().video;
  EXPECT_TRUE(v.room_join);
  EXPECT_TRUE(v.room_admin);
  EXPECT_EQ(v.room, "r2");
  EXPECT_EQ(v.can_publish, std::optional<bool>(false));
  EXPECT_EQ(v.can_publish_sources, std::vector<std::string>{"camera"});
  at.AddSipGrant({true, false}).AddSipGrant({false, true});
  EXPECT_EQ(*at.grants().sip, (SipGrant{true, true}));
}

TEST(AccessToken, RejectsInvalidClaimsNamingTheField) {
  struct Case {
    const char* name;
    std::function<void(AccessToken&)> mutate;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"join without identity", [](AccessToken& t) { t.AddGrant(JoinGrant("r")); },
       "identity: required when video.roomJoin is granted"},
      {"join without room", [](AccessToken& t) { t.set_identity("a").AddGrant(JoinGrant("")); },
       "video.room: required when video.roomJoin is granted"},
      {"long identity", [](AccessToken& t) { t.set_identity(std::string(257, 'a')); },
       "identity: longer than 256 bytes (257)"},
      {"long name", [](AccessToken& t) { t.set_identity("a").set_name(std::string(300, 'n')); },
       "name: longer than 256 bytes (300)"},
      {"long room",
       [](AccessToken& t) { t.set_identity("a").AddGrant(JoinGrant(std::string(257, 'r'))); },
       "video.room: longer than 256 bytes (257)"},
      {"huge metadata",
       [](AccessToken& t) { t.set_identity("a").set_metadata(std::string(512 * 1024 + 1, 'm')); },
       "metadata: longer than 524288 bytes (524289)"},
      {"huge attributes",
       [](AccessToken& t) {
         t.set_identity("a")
             .set_attribute("a", std::string(40000, 'x'))
             .set_attribute("b", std::string(40000, 'y'));
       },
       "attributes: longer than 65536 bytes in total (80002)"},
      {"non-UTF-8 name", [](AccessToken& t) { t.set_identity("a").set_name("bad \xff name"); },
       "name: not valid UTF-8"},
      {"unknown kind", [](AccessToken& t) { t.set_identity("a").set_kind("robot"); },
       "kind: 'robot' is not one of standard, egress, ingress, sip, agent"},
      {"unknown source",
       [](AccessToken& t) {
         VideoGrant g = JoinGrant("r");
         g.can_publish_sources = {"camera", "webcam"};
         t.set_identity("a").AddGrant(g);
       },
       "video.canPublishSources: 'webcam' is not one of camera, microphone, screen_share, "
       "screen_share_audio"},
      {"zero ttl", [](AccessToken& t) { t.set_identity("a").set_ttl(std::chrono::seconds(0)); },
       "ttl: must be positive (got 0s)"},
      {"roomConfig not an object",
       [](AccessToken& t) { t.set_identity("a").set_room_config_json("[1]"); },
       "roomConfig: expected a JSON object"},
  };
  for (const Case& c : cases) {
    AccessToken at("k", "s");
    c.mutate(at);
    auto jwt = at.ToJwt();
    ASSERT_FALSE(jwt.ok()) << c.name;
    EXPECT_EQ(jwt.status().code(), StatusCode::kInvalidArgument) << c.name;
    EXPECT_EQ(jwt.status().message(), c.message) << c.name;
  }
}

TEST(AccessToken, AcceptsLimitsExactly) {
  AccessToken at("k", "s");
  at.set_identity(std::string(256, 'i'))
      .set_name(std::string(256, 'n'))
      .set_metadata(std::string(512 * 1024, 'm'));
  at.AddGrant(JoinGrant(std::string(256, 'r')));
  EXPECT_TRUE(at.ToJwt().ok());
}

TEST(AccessToken, EscapesHostileStrings) {
  ManualClock clock(kNow * 1000);
  AccessToken at("k", "s");
  at.set_identity("a\"b\\c\n").set_metadata(std::string("\0x\x01", 3)).set_attribute("k\"", "v\t");
  TokenVerifier v("k", "s");
  v.set_clock(clock);
  auto t = v.Verify(*at.ToJwt(clock));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->grants.identity, "a\"b\\c\n");
  EXPECT_EQ(t->grants.metadata, std::string("\0x\x01", 3));
  EXPECT_EQ(t->grants.attributes.at("k\""), "v\t");
}

TEST(TokenSigner, SignToReusesTheBufferAndIsThreadSafe) {
  auto signer = std::make_shared<const TokenSigner>("k", "s");
  ClaimGrants g;
  g.identity = "user";
  g.video = JoinGrant("room");
  ManualClock clock(kNow * 1000);
  const std::string expected = *signer->Sign(g, {}, clock);
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      std::string out;
      for (int i = 0; i < 500; ++i) {
        if (!signer->SignTo(g, {}, clock, &out).ok() || out != expected) ++bad;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad.load(), 0);
}

}  // namespace
}  // namespace lks
