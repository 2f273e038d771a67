#include "lks/livekit/token_verifier.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "lks/core/base64.h"
#include "lks/livekit/access_token.h"

namespace lks {
namespace {

constexpr int64_t kNow = 1700000000;

// A JWT with any header and payload, signed with `secret` (or with `signature` verbatim).
std::string MakeJwt(std::string_view header, std::string_view payload, std::string_view secret) {
  std::string s = Base64UrlEncode(header) + "." + Base64UrlEncode(payload);
  Sha256Digest mac = HmacSha256Key(secret).Sign(s);
  return s + "." +
         Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
}
constexpr std::string_view kHs256 = R"({"alg":"HS256","typ":"JWT"})";

class TokenVerifierTest : public ::testing::Test {
 protected:
  TokenVerifierTest() : clock_(kNow * 1000), verifier_("APIkey", "secret") {
    verifier_.set_clock(clock_);
  }

  std::string Reason(std::string_view jwt) {
    auto r = verifier_.Verify(jwt);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return "";
    // Never echo the token or the secret.
    EXPECT_EQ(r.status().message().find("secret"), std::string::npos);
    if (jwt.size() > 20) {
      EXPECT_EQ(r.status().message().find(std::string(jwt.substr(0, 20))), std::string::npos);
    }
    return r.status().reason();
  }
  std::string Payload(std::string_view extra) {
    return R"({"iss":"APIkey","sub":"u","nbf":1699999000,"exp":1700003600)" + std::string(extra) +
           "}";
  }

  ManualClock clock_;
  TokenVerifier verifier_;
};

TEST_F(TokenVerifierTest, RoundTripsEveryClaim) {
  AccessToken at("APIkey", "secret");
  at.set_identity("user_15").set_name("Jöhn").set_metadata("{\"m\":1}").set_kind("agent");
  at.set_attribute("a", "1").set_attribute("b", "2").set_sha256("abc=").set_room_preset("p");
  at.set_room_config_json(R"({"name":"r","maxParticipants":10})");
  VideoGrant g;
  g.room_create = g.room_list = g.room_record = g.room_admin = g.room_join = true;
  g.room = "r";
  g.can_publish = false;
  g.can_subscribe = true;
  g.can_publish_data = false;
  g.can_publish_sources = {"camera", "microphone", "screen_share", "screen_share_audio"};
  g.can_update_own_metadata = g.ingress_admin = g.hidden = g.recorder = g.agent = true;
  g.can_subscribe_metrics = g.can_manage_agent_session = true;
  g.destination_room = "d";
  at.AddGrant(g).AddSipGrant({true, true}).AddAgentGrant({true});
  at.AddInferenceGrant({true}).AddObservabilityGrant({true});
  auto jwt = at.ToJwt(clock_);
  ASSERT_TRUE(jwt.ok()) << jwt.status().ToString();
  auto t = verifier_.Verify(*jwt);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->api_key, "APIkey");
  EXPECT_EQ(t->grants, at.grants());
  EXPECT_EQ(t->expires_at, kNow + 6 * 3600);
  EXPECT_EQ(VerifiedTokenToJson(*t).rfind(R"({"iss":"APIkey","sub":"user_15",)", 0), 0u);
}

// Verify(jwt, &out) replaces everything a previous token left in `out`: a token with every claim,
// then one with almost none, gives what a fresh Verify() of the second gives.
TEST_F(TokenVerifierTest, VerifyIntoOneObjectReplacesEveryClaim) {
  AccessToken rich("APIkey", "secret");
  rich.set_identity("user_15").set_name("n").set_metadata("{\"m\":1}").set_kind("agent");
  rich.set_attribute("a", "1").set_sha256("abc=").set_room_preset("p");
  rich.set_room_config_json(R"({"name":"r"})");
  VideoGrant g;
  g.room_join = true;
  g.room = "r";
  g.can_publish_sources = {"camera"};
  rich.AddGrant(g).AddSipGrant({true, true}).AddAgentGrant({true});
  rich.AddInferenceGrant({true}).AddObservabilityGrant({true});
  auto rich_jwt = rich.ToJwt(clock_);
  ASSERT_TRUE(rich_jwt.ok());
  const std::string plain_jwt = MakeJwt(kHs256, R"({"iss":"APIkey","exp":1700003600})", "secret");

  VerifiedToken reused;
  ASSERT_TRUE(verifier_.Verify(*rich_jwt, &reused).ok());
  EXPECT_EQ(reused.grants, rich.grants());
  ASSERT_TRUE(verifier_.Verify(plain_jwt, &reused).ok());
  auto fresh = verifier_.Verify(plain_jwt);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(reused.api_key, fresh->api_key);
  EXPECT_EQ(reused.not_before, 0);
  EXPECT_EQ(reused.expires_at, 1700003600);
  EXPECT_EQ(reused.grants, fresh->grants);
  EXPECT_EQ(reused.grants, ClaimGrants{});

  // Failures are the same as Verify(jwt)'s.
  const std::string bad = plain_jwt.substr(0, plain_jwt.size() - 2) + "AA";
  const Status s = verifier_.Verify(bad, &reused);
  EXPECT_EQ(s.reason(), "bad_signature");
  EXPECT_EQ(s.message(), verifier_.Verify(bad).status().message());
}

// server-sdk-go / protocol auth: a token from 2020 with snake_case claims this verifier does not
// know (room_join, room_sid). Expired today; valid at its own time, unknown claims ignored.
TEST_F(TokenVerifierTest, GoSdkExpiredTokenVector) {
  const std::string token =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
      "eyJleHAiOjE2MDg5MzAzMDgsImlzcyI6IkFQSUQzQjY3dXhrNE5qMkdLaVJQ"
      "aWJBWjkiLCJuYmYiOjE2MDg5MjY3MDgsInJvb21fam9pbiI6dHJ1ZSwicm9vbV9zaWQiOiJteWlkIiwic3ViIjoiQVBJ"
      "RDNC"
      "Njd1eGs0TmoyR0tpUlBpYkFaOSJ9.cmHEBq0MLyRqphmVLM2cLXg5ao5Sro7am8yXhcYKcwE";
  TokenVerifier v("APID3B67uxk4Nj2GKiRPibAZ9", "YHC-CUhbQhGeVCaYgn1BNA++");
  auto expired = v.Verify(token);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.status().reason(), "expired");
  EXPECT_EQ(expired.status().code(), StatusCode::kUnauthenticated);

  ManualClock then(1608928000LL * 1000);
  v.set_clock(then);
  auto ok = v.Verify(token);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->grants.identity, "APID3B67uxk4Nj2GKiRPibAZ9");
  EXPECT_FALSE(ok->grants.video.has_value());

  TokenVerifier wrong("APID3B67uxk4Nj2GKiRPibAZ9", "anothersecret");
  wrong.set_clock(then);
  EXPECT_EQ(wrong.Verify(token).status().reason(), "bad_signature");
}

TEST_F(TokenVerifierTest, IgnoresUnknownClaimsForForwardCompatibility) {
  auto t = verifier_.Verify(
      MakeJwt(kHs256,
              Payload(R"(,"someFutureGrant":{"enabled":true},)"
                      R"("video":{"roomJoin":true,"room":"myroom","someFutureVideoField":"x"},)"
                      R"("roomConfig":{"name":"myroom","someFutureRoomConfigField":"x"})"),
              "secret"));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->grants.video->room, "myroom");
  EXPECT_TRUE(t->grants.video->room_join);
  EXPECT_EQ(t->grants.room_config, R"({"name":"myroom","someFutureRoomConfigField":"x"})");
}

TEST_F(TokenVerifierTest, NilPermissionsStayUnset) {
  auto t = verifier_.Verify(
      MakeJwt(kHs256, Payload(R"(,"video":{"roomJoin":true,"room":"r","canPublishData":false})"),
              "secret"));
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->grants.video->can_subscribe.has_value());
  EXPECT_FALSE(t->grants.video->can_publish.has_value());
  EXPECT_EQ(t->grants.video->can_publish_data, std::optional<bool>(false));
}

TEST_F(TokenVerifierTest, AcceptsIntegerTimesAsNumbersOfAnyJsonForm) {
  EXPECT_TRUE(
      verifier_.Verify(MakeJwt(kHs256, R"({"iss":"APIkey","exp":1.7000036e9})", "secret")).ok());
}

TEST_F(TokenVerifierTest, MalformedStructure) {
  EXPECT_EQ(Reason(""), "malformed");
  EXPECT_EQ(Reason("abc"), "malformed");
  EXPECT_EQ(Reason("a.b"), "malformed");
  EXPECT_EQ(Reason("a.b.c.d"), "malformed");
  EXPECT_EQ(Reason(".."), "malformed");
  const std::string good = MakeJwt(kHs256, Payload(""), "secret");
  for (size_t cut : {size_t{1}, good.size() / 2, good.size() - 44, good.size() - 1}) {
    std::string r = Reason(good.substr(0, cut));
    EXPECT_TRUE(r == "malformed" || r == "bad_base64" || r == "bad_signature") << cut << " " << r;
  }
}

TEST_F(TokenVerifierTest, BadBase64) {
  EXPECT_EQ(Reason("eyJ!.eyJ.abc"), "bad_base64");
  const std::string good = MakeJwt(kHs256, Payload(""), "secret");
  std::string padded = good + "=";
  EXPECT_EQ(Reason(padded), "bad_base64");
  std::string std_alphabet = good;
  std_alphabet[good.find('.') + 2] = '+';
  EXPECT_EQ(Reason(std_alphabet), "bad_base64");
}

TEST_F(TokenVerifierTest, WrongAlgorithms) {
  for (const char* h : {R"({"alg":"none"})", R"({"alg":"RS256"})", R"({"alg":"HS512"})",
                        R"({"alg":"hs256"})", R"({"typ":"JWT"})", R"({"alg":256})"}) {
    EXPECT_EQ(Reason(MakeJwt(h, Payload(""), "secret")), "unsupported_alg") << h;
  }
  // alg none with an empty signature segment, the classic bypass.
  std::string none =
      Base64UrlEncode(R"({"alg":"none"})") + "." + Base64UrlEncode(Payload("")) + ".";
  EXPECT_EQ(Reason(none), "unsupported_alg");
}

TEST_F(TokenVerifierTest, UnknownKeyAndBadSignature) {
  EXPECT_EQ(Reason(MakeJwt(kHs256, R"({"iss":"other","exp":1700003600})", "secret")),
            "unknown_key");
  EXPECT_EQ(Reason(MakeJwt(kHs256, R"({"exp":1700003600})", "secret")), "unknown_key");
  EXPECT_EQ(Reason(MakeJwt(kHs256, Payload(""), "not-the-secret")), "bad_signature");
  std::string flipped = MakeJwt(kHs256, Payload(""), "secret");
  flipped[flipped.size() - 2] = flipped[flipped.size() - 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Reason(flipped), "bad_signature");
  // Payload swapped under an existing signature.
  std::string a = MakeJwt(kHs256, Payload(R"(,"name":"a")"), "secret");
  std::string b = MakeJwt(kHs256, Payload(R"(,"name":"b")"), "secret");
  std::string spliced = a.substr(0, a.rfind('.')) + b.substr(b.rfind('.'));
  EXPECT_EQ(Reason(spliced), "bad_signature");
  // A signature of the wrong length is a mismatch, not a crash.
  EXPECT_EQ(Reason(a.substr(0, a.rfind('.') + 1) + "AAAA"), "bad_signature");
}

TEST_F(TokenVerifierTest, TimeChecksWithLeeway) {
  EXPECT_EQ(Reason(MakeJwt(kHs256, R"({"iss":"APIkey","sub":"u"})", "secret")), "missing_exp");
  // exp 60 s in the past: inside the default leeway; 61 s: expired.
  EXPECT_TRUE(
      verifier_.Verify(MakeJwt(kHs256, R"({"iss":"APIkey","exp":1699999940})", "secret")).ok());
  EXPECT_EQ(Reason(MakeJwt(kHs256, R"({"iss":"APIkey","exp":1699999939})", "secret")), "expired");
  EXPECT_TRUE(verifier_
                  .Verify(MakeJwt(kHs256, R"({"iss":"APIkey","nbf":1700000060,"exp":1700003600})",
                                  "secret"))
                  .ok());
  EXPECT_EQ(
      Reason(MakeJwt(kHs256, R"({"iss":"APIkey","nbf":1700000061,"exp":1700003600})", "secret")),
      "not_yet_valid");
  verifier_.set_leeway(std::chrono::seconds(0));
  EXPECT_EQ(Reason(MakeJwt(kHs256, R"({"iss":"APIkey","exp":1699999999})", "secret")), "expired");
  EXPECT_EQ(Reason(MakeJwt(kHs256, R"({"iss":"APIkey","exp":"soon"})", "secret")), "malformed");
}

TEST_F(TokenVerifierTest, HostilePayloads) {
  EXPECT_EQ(Reason(MakeJwt(kHs256, "[1,2]", "secret")), "malformed");
  EXPECT_EQ(Reason(MakeJwt(kHs256, "{not json", "secret")), "malformed");
  EXPECT_EQ(Reason(MakeJwt(kHs256, Payload("") + "trailing", "secret")), "malformed");
  EXPECT_EQ(Reason(MakeJwt("[]", Payload(""), "secret")), "malformed");
  // Duplicate keys could make two parsers disagree on the claims: refused.
  EXPECT_EQ(Reason(MakeJwt(kHs256, Payload(R"(,"sub":"admin")"), "secret")), "malformed");
  EXPECT_EQ(Reason(MakeJwt(R"({"alg":"HS256","alg":"none"})", Payload(""), "secret")), "malformed");
  // Non-UTF-8 inside a claim string.
  EXPECT_EQ(Reason(MakeJwt(kHs256, Payload(",\"name\":\"\xff\xfe\""), "secret")), "malformed");
  // A claim of the wrong type names it.
  auto r = verifier_.Verify(MakeJwt(kHs256, Payload(R"(,"video":{"roomJoin":"yes"})"), "secret"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "malformed");
  EXPECT_NE(r.status().message().find("video.roomJoin: expected a boolean"), std::string::npos);
  // Deep nesting is refused up front instead of recursing (500k levels would overflow a stack).
  std::string deep = Payload(R"(,"x":)" + std::string(500000, '[') + std::string(500000, ']'));
  EXPECT_EQ(Reason(MakeJwt(kHs256, deep, "secret")), "malformed");
  std::string deep_in_string = Payload(R"(,"x":")" + std::string(1000, '[') + "\"");
  EXPECT_TRUE(verifier_.Verify(MakeJwt(kHs256, deep_in_string, "secret")).ok());
}

TEST_F(TokenVerifierTest, LargeTokens) {
  // ~700 KB token carrying 512 KiB of metadata: verifies.
  AccessToken at("APIkey", "secret");
  at.set_identity("u").set_metadata(std::string(512 * 1024, 'm'));
  auto big = verifier_.Verify(*at.ToJwt(clock_));
  ASSERT_TRUE(big.ok()) << big.status().ToString();
  EXPECT_EQ(big->grants.metadata.size(), 512u * 1024);
  // 1 MB of base64 garbage with the right shape: rejected cleanly.
  std::string garbage = "eyJhbGciOiJIUzI1NiJ9." + std::string(1 << 20, 'A') + ".AAAA";
  EXPECT_NE(Reason(garbage), "");
  // Over the limit: refused before decoding.
  EXPECT_EQ(Reason(std::string(kMaxTokenBytes + 1, 'a')), "malformed");
}

TEST_F(TokenVerifierTest, KeyRotationWithSeveralKeys) {
  KeySet keys;
  ASSERT_TRUE(keys.Add("old", "old-secret").ok());
  ASSERT_TRUE(keys.Add("new", "new-secret").ok());
  EXPECT_FALSE(keys.Add("", "x").ok());
  EXPECT_FALSE(keys.Add("x", "").ok());
  TokenVerifier v(keys);
  v.set_clock(clock_);
  AccessToken a("old", "old-secret"), b("new", "new-secret"), c("new", "old-secret");
  a.set_identity("a");
  b.set_identity("b");
  c.set_identity("c");
  EXPECT_EQ(v.Verify(*a.ToJwt(clock_))->grants.identity, "a");
  EXPECT_EQ(v.Verify(*b.ToJwt(clock_))->grants.identity, "b");
  EXPECT_EQ(v.Verify(*c.ToJwt(clock_)).status().reason(), "bad_signature");
}

TEST_F(TokenVerifierTest, ConcurrentVerifyFromManyThreads) {
  AccessToken at("APIkey", "secret");
  at.set_identity("u").set_name("n");
  const std::string good = *at.ToJwt(clock_);
  const std::string bad = MakeJwt(kHs256, Payload(""), "wrong");
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        auto g = verifier_.Verify(good);
        if (!g.ok() || g->grants.name != "n") ++errors;
        if (verifier_.Verify(bad).status().reason() != "bad_signature") ++errors;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
}

}  // namespace
}  // namespace lks
