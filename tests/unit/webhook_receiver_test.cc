// WebhookReceiver: authenticity checks before parsing, with LiveKit's own vectors.
#include "lks/livekit/webhook_receiver.h"

#include <gtest/gtest.h>

#include <string>

#include "lks/core/base64.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/webhook_signer.h"

namespace lks {
namespace {

// design.md §4 and the webhook tests of LiveKit's node, python and kotlin SDKs.
constexpr std::string_view kKey = "abcdefg";
constexpr std::string_view kSecret = "abababa";
constexpr std::string_view kBody =
    R"({"event":"room_started", "room":{"sid":"RM_TkVjUvAqgzKz", "name":"mytestroom", "emptyTimeout":300, )"
    R"("creationTime":"1628545903", "turnPassword":"ICkSr2rEeslkN6e9bXL4Ji5zzMD5Z7zzr6ulOaxMj6N", )"
    R"("enabledCodecs":[{"mime":"audio/opus"}, {"mime":"video/VP8"}]}})";
constexpr std::string_view kBodySha = "CoEQz1chqJ9bnZRcORddjplkvpjmPujmLTR42DbefYI=";
constexpr int64_t kNow = 1'732'700'000;

class WebhookReceiverTest : public ::testing::Test {
 protected:
  WebhookReceiverTest() : clock_(kNow * 1000), signer_(kKey, kSecret), receiver_(kKey, kSecret) {
    receiver_.set_clock(clock_);
  }

  // A token as livekit-server mints it: 5 minutes, sha256 claim only.
  std::string TokenWithSha(std::string_view sha, const TokenSigner& signer) {
    ClaimGrants g;
    g.sha256 = std::string(sha);
    TokenTiming t;
    t.ttl = std::chrono::minutes(5);
    StatusOr<std::string> jwt = signer.Sign(g, t, clock_);
    EXPECT_TRUE(jwt.ok()) << jwt.status().ToString();
    return jwt.ok() ? *jwt : std::string();
  }
  std::string TokenWithSha(std::string_view sha) { return TokenWithSha(sha, signer_); }
  std::string Sign(std::string_view body) {
    StatusOr<std::string> jwt = SignWebhook(signer_, body, kWebhookTokenTtl, clock_);
    EXPECT_TRUE(jwt.ok());
    return jwt.ok() ? *jwt : std::string();
  }
  std::string ReasonOf(std::string_view body, std::string_view auth) {
    StatusOr<WebhookEvent> ev = receiver_.Receive(body, auth);
    const std::string reason = ev.ok() ? "ok" : ev.status().reason();
    // Receiving into a reused event answers the same, with the same event.
    const Status into = receiver_.Receive(body, auth, &reused_);
    EXPECT_EQ(into.ok() ? "ok" : into.reason(), reason);
    if (ev.ok() && into.ok()) {
      EXPECT_EQ(WebhookEventToNormalizedJson(reused_), WebhookEventToNormalizedJson(*ev));
    }
    return reason;
  }

  ManualClock clock_;
  TokenSigner signer_;
  WebhookReceiver receiver_;
  WebhookEvent reused_;  // ReasonOf's second receive, kept across calls
};

TEST_F(WebhookReceiverTest, DesignVectorDigestIsTheSha256Claim) {
  ASSERT_EQ(kBody.size(), 253u);
  EXPECT_EQ(WebhookBodySha256(kBody), kBodySha);
}

TEST_F(WebhookReceiverTest, ReceivesTheSdkVector) {
  // As LiveKit's SDK tests do it: a token whose sha256 claim is the literal digest.
  const std::string jwt = TokenWithSha(kBodySha);
  StatusOr<WebhookEvent> ev = receiver_.Receive(kBody, jwt);
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  EXPECT_EQ(ev->type, WebhookEventType::kRoomStarted);
  EXPECT_EQ(ev->event, "room_started");
  ASSERT_TRUE(ev->room.has_value());
  EXPECT_EQ(ev->room->name, "mytestroom");
  EXPECT_EQ(ev->room->sid, "RM_TkVjUvAqgzKz");
  EXPECT_EQ(ev->room->empty_timeout, 300u);
  EXPECT_EQ(ev->room->creation_time, 1628545903);
  EXPECT_EQ(ev->raw_json, kBody);
  EXPECT_FALSE(ev->participant.has_value());
}

TEST_F(WebhookReceiverTest, AcceptsTheHeaderWithAndWithoutBearer) {
  const std::string jwt = Sign(kBody);
  EXPECT_EQ(ReasonOf(kBody, jwt), "ok");
  EXPECT_EQ(ReasonOf(kBody, "Bearer " + jwt), "ok");
  EXPECT_EQ(ReasonOf(kBody, "bearer " + jwt), "ok");
  EXPECT_EQ(ReasonOf(kBody, "  Bearer   " + jwt + " \r\n"), "ok");
  // "Bearer" glued to the token is not the scheme.
  EXPECT_NE(ReasonOf(kBody, "Bearer" + jwt), "ok");
}

TEST_F(WebhookReceiverTest, MissingHeaderIsItsOwnReason) {
  for (std::string_view h : {"", "   ", "Bearer", "Bearer  "}) {
    StatusOr<WebhookEvent> ev = receiver_.Receive(kBody, h);
    ASSERT_FALSE(ev.ok());
    EXPECT_EQ(ev.status().reason(), "missing_authorization") << "header '" << h << "'";
    EXPECT_EQ(ev.status().code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(ev.status().http_status(), 401);
  }
}

TEST_F(WebhookReceiverTest, EveryOneByteChangeOfTheBodyIsRejected) {
  const std::string jwt = TokenWithSha(kBodySha);
  for (size_t i = 0; i < kBody.size(); ++i) {
    std::string tampered(kBody);
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    StatusOr<WebhookEvent> ev = receiver_.Receive(tampered, jwt);
    ASSERT_FALSE(ev.ok()) << "byte " << i;
    EXPECT_EQ(ev.status().reason(), "body_mismatch") << "byte " << i;
  }
  // Truncated and extended bodies too.
  EXPECT_EQ(ReasonOf(kBody.substr(0, kBody.size() - 1), jwt), "body_mismatch");
  EXPECT_EQ(ReasonOf(std::string(kBody) + " ", jwt), "body_mismatch");
  EXPECT_EQ(ReasonOf(std::string(kBody) + "\n", jwt), "body_mismatch");
}

TEST_F(WebhookReceiverTest, ReserializedBodyWithOtherSpacingIsRejected) {
  // What a framework that parses and re-serializes JSON hands over: same content, other bytes.
  std::string compact;
  bool in_string = false;
  for (size_t i = 0; i < kBody.size(); ++i) {
    const char c = kBody[i];
    if (c == '"' && (i == 0 || kBody[i - 1] != '\\')) in_string = !in_string;
    if (!in_string && c == ' ') continue;
    compact.push_back(c);
  }
  ASSERT_LT(compact.size(), kBody.size());
  ASSERT_TRUE(ParseWebhookEvent(compact).ok());
  const std::string jwt = TokenWithSha(kBodySha);
  StatusOr<WebhookEvent> ev = receiver_.Receive(compact, jwt);
  ASSERT_FALSE(ev.ok());
  EXPECT_EQ(ev.status().reason(), "body_mismatch");
  EXPECT_NE(ev.status().message().find("as received"), std::string::npos) << ev.status().message();
  // Pretty-printed with a trailing newline: also different bytes.
  EXPECT_EQ(ReasonOf("{\n  \"event\": \"room_started\"\n}\n", Sign(R"({"event":"room_started"})")),
            "body_mismatch");
}

TEST_F(WebhookReceiverTest, TenMegabyteBodyVerifiesAndParses) {
  std::string metadata(10 * 1024 * 1024, 'm');
  const std::string body =
      R"({"event":"participant_joined","participant":{"identity":"user_1","metadata":")" +
      metadata + R"("},"id":"EV_big","createdAt":"1732700000"})";
  const std::string jwt = Sign(body);
  StatusOr<WebhookEvent> ev = receiver_.Receive(body, jwt);
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  EXPECT_EQ(ev->type, WebhookEventType::kParticipantJoined);
  ASSERT_TRUE(ev->participant.has_value());
  EXPECT_EQ(ev->participant->metadata.size(), metadata.size());
  EXPECT_EQ(ev->raw_json.size(), body.size());

  std::string tampered = body;
  tampered[tampered.size() / 2] = 'n';
  EXPECT_EQ(ReasonOf(tampered, jwt), "body_mismatch");
}

TEST_F(WebhookReceiverTest, EmptyBody) {
  // Signed empty body: authentic, but not an event.
  StatusOr<WebhookEvent> ev = receiver_.Receive("", Sign(""));
  ASSERT_FALSE(ev.ok());
  EXPECT_EQ(ev.status().reason(), "body_not_json");
  EXPECT_EQ(ev.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ev.status().http_status(), 400);
  EXPECT_TRUE(receiver_.Verify("", Sign("")).ok());
  // Empty body under a token for another body: a mismatch, found before any parsing.
  EXPECT_EQ(ReasonOf("", TokenWithSha(kBodySha)), "body_mismatch");
}

TEST_F(WebhookReceiverTest, ExpiredTokenKeepsTheVerifierReason) {
  const std::string jwt = TokenWithSha(kBodySha);  // exp = now + 300
  clock_.SetUnixSeconds(kNow + 300 + 60);          // within the 60 s leeway
  EXPECT_EQ(ReasonOf(kBody, jwt), "ok");
  clock_.SetUnixSeconds(kNow + 300 + 61);
  StatusOr<WebhookEvent> ev = receiver_.Receive(kBody, jwt);
  ASSERT_FALSE(ev.ok());
  EXPECT_EQ(ev.status().reason(), "expired");
  EXPECT_EQ(ev.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(ev.status().http_status(), 401);
  receiver_.set_leeway(std::chrono::seconds(0));
  clock_.SetUnixSeconds(kNow + 301);
  EXPECT_EQ(ReasonOf(kBody, jwt), "expired");
}

TEST_F(WebhookReceiverTest, WrongKeyOrSecret) {
  TokenSigner other_key("otherkey", kSecret);
  EXPECT_EQ(ReasonOf(kBody, TokenWithSha(kBodySha, other_key)), "unknown_key");
  TokenSigner other_secret(kKey, "not-the-secret");
  EXPECT_EQ(ReasonOf(kBody, TokenWithSha(kBodySha, other_secret)), "bad_signature");
}

TEST_F(WebhookReceiverTest, KeyRotationAcceptsEveryConfiguredKey) {
  KeySet keys;
  ASSERT_TRUE(keys.Add(kKey, kSecret).ok());
  ASSERT_TRUE(keys.Add("newkey", "newsecret").ok());
  WebhookReceiver rotating(keys);
  rotating.set_clock(clock_);
  EXPECT_TRUE(rotating.Receive(kBody, TokenWithSha(kBodySha)).ok());
  EXPECT_TRUE(
      rotating.Receive(kBody, TokenWithSha(kBodySha, TokenSigner("newkey", "newsecret"))).ok());
}

TEST_F(WebhookReceiverTest, TokenWithoutSha256Claim) {
  AccessToken at(kKey, kSecret);
  at.set_identity("someone");
  StatusOr<std::string> jwt = at.ToJwt(clock_);
  ASSERT_TRUE(jwt.ok());
  StatusOr<WebhookEvent> ev = receiver_.Receive(kBody, *jwt);
  ASSERT_FALSE(ev.ok());
  EXPECT_EQ(ev.status().reason(), "missing_sha256");
  EXPECT_EQ(ev.status().http_status(), 401);
}

TEST_F(WebhookReceiverTest, Sha256ClaimThatIsNotADigest) {
  EXPECT_EQ(ReasonOf(kBody, TokenWithSha("not base64!")), "body_mismatch");
  EXPECT_EQ(ReasonOf(kBody, TokenWithSha(Base64Encode("short"))), "body_mismatch");
  // base64url instead of standard base64 is not what the server sends.
  std::string url(kBodySha);
  for (char& c : url) c = c == '+' ? '-' : c == '/' ? '_' : c;
  url.pop_back();
  EXPECT_EQ(ReasonOf(kBody, TokenWithSha(url)), "body_mismatch");
}

TEST_F(WebhookReceiverTest, BadTokensKeepTheVerifierReasons) {
  EXPECT_EQ(ReasonOf(kBody, "not-a-jwt"), "malformed");
  EXPECT_EQ(ReasonOf(kBody, "a.b.c"), "bad_base64");
  // alg "none" with the right claims.
  const std::string none = Base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." +
                           Base64UrlEncode(R"({"iss":"abcdefg","exp":9999999999,"sha256":")" +
                                           std::string(kBodySha) + "\"}") +
                           ".";
  EXPECT_EQ(ReasonOf(kBody, none), "unsupported_alg");
  // Signed without exp.
  const std::string no_exp =
      signer_.SignRawPayload(R"({"iss":"abcdefg","sha256":")" + std::string(kBodySha) + "\"}");
  EXPECT_EQ(ReasonOf(kBody, no_exp), "missing_exp");
  // Not yet valid.
  const std::string future = signer_.SignRawPayload(
      R"({"iss":"abcdefg","nbf":)" + std::to_string(kNow + 3600) + R"(,"exp":)" +
      std::to_string(kNow + 7200) + R"(,"sha256":")" + std::string(kBodySha) + "\"}");
  EXPECT_EQ(ReasonOf(kBody, future), "not_yet_valid");
}

TEST_F(WebhookReceiverTest, VerifiesBeforeParsing) {
  // An unparsable body under a bad token reports the token, never the body.
  EXPECT_EQ(ReasonOf("not json", TokenWithSha(kBodySha, TokenSigner(kKey, "wrong"))),
            "bad_signature");
  EXPECT_EQ(ReasonOf("not json", TokenWithSha(kBodySha)), "body_mismatch");
  EXPECT_EQ(ReasonOf("not json", Sign("not json")), "body_not_json");
}

TEST_F(WebhookReceiverTest, AuthenticBodiesThatAreNotEvents) {
  EXPECT_EQ(ReasonOf("[1,2]", Sign("[1,2]")), "body_not_json");
  EXPECT_EQ(ReasonOf("\"room_started\"", Sign("\"room_started\"")), "body_not_json");
  const std::string bad_utf8 = "{\"event\":\"room_started\",\"id\":\"\xff\xfe\"}";
  EXPECT_EQ(ReasonOf(bad_utf8, Sign(bad_utf8)), "body_not_json");
  const std::string bad_type = R"({"event":"participant_joined","participant":{"joinedAt":true}})";
  StatusOr<WebhookEvent> ev = receiver_.Receive(bad_type, Sign(bad_type));
  ASSERT_FALSE(ev.ok());
  EXPECT_EQ(ev.status().reason(), "bad_event");
  EXPECT_EQ(ev.status().message(), "participant.joinedAt: expected an integer");
}

TEST_F(WebhookReceiverTest, UnknownEventNameIsKeptNotRejected) {
  const std::string body =
      R"({"event":"room_exploded","room":{"name":"r1"},"id":"EV_1","createdAt":"5"})";
  StatusOr<WebhookEvent> ev = receiver_.Receive(body, Sign(body));
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  EXPECT_EQ(ev->type, WebhookEventType::kUnknown);
  EXPECT_EQ(ev->event, "room_exploded");
  EXPECT_EQ(ev->room->name, "r1");
}

TEST_F(WebhookReceiverTest, GoProtocolTestVector) {
  // livekit/protocol webhook_test.go: track_published with a participant and a track.
  const std::string body =
      R"({"event":"track_published","participant":{"identity":"test"},"track":{"sid":"TR_abcde"}})";
  StatusOr<WebhookEvent> ev = receiver_.Receive(body, Sign(body));
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  EXPECT_EQ(ev->type, WebhookEventType::kTrackPublished);
  EXPECT_EQ(ev->participant->identity, "test");
  EXPECT_EQ(ev->track->sid, "TR_abcde");
  EXPECT_EQ(ev->track->type, "AUDIO");  // absent enum = its zero value
}

TEST_F(WebhookReceiverTest, ErrorsNeverContainTheTokenOrSecret) {
  const std::string jwt = TokenWithSha(kBodySha, TokenSigner(kKey, "wrong"));
  for (const std::string& auth : {jwt, std::string("Bearer ") + jwt, TokenWithSha(kBodySha)}) {
    StatusOr<WebhookEvent> ev = receiver_.Receive("{\"event\":\"x\"}", auth);
    ASSERT_FALSE(ev.ok());
    const std::string m = ev.status().message();
    EXPECT_EQ(m.find(jwt.substr(jwt.rfind('.') + 1)), std::string::npos);
    EXPECT_EQ(m.find(jwt.substr(0, 20)), std::string::npos);
    EXPECT_EQ(m.find(kSecret), std::string::npos);
  }
}

TEST_F(WebhookReceiverTest, SignWebhookMatchesTheServersToken) {
  const std::string jwt = Sign(kBody);
  TokenVerifier v(kKey, kSecret);
  v.set_clock(clock_);
  StatusOr<VerifiedToken> t = v.Verify(jwt);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->grants.sha256, kBodySha);
  EXPECT_EQ(t->expires_at - t->not_before, 300);
  EXPECT_EQ(t->api_key, kKey);
  EXPECT_FALSE(SignWebhook(signer_, kBody, std::chrono::seconds(0), clock_).ok());
}

}  // namespace
}  // namespace lks
