// The verifier's one-pass payload reader (livekit/token_payload.h) against the DOM reader it
// replaces on the hot path (RapidJSON + ReadClaimGrants): same claims, same errors, for ordinary,
// odd and hostile payloads. A claim added to ReadClaimGrants but not to ParseTokenPayload fails
// here.
#include "livekit/token_payload.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "core/json_reader.h"
#include "livekit/claims_json.h"

namespace lks::internal {
namespace {

// What the DOM path made of a payload.
struct DomResult {
  bool syntax_ok = false;
  std::string syntax_message;
  std::string iss;
  bool has_exp = false;
  int64_t exp = 0, nbf = 0;
  Status exp_error, nbf_error, claims_error;
  ClaimGrants grants;
};

DomResult ReadWithDom(const std::string& text) {
  DomResult r;
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  if (doc.HasParseError()) {
    r.syntax_message = "payload is not valid UTF-8 JSON";
    return r;
  }
  if (!doc.IsObject()) {
    r.syntax_message = "payload is not a JSON object";
    return r;
  }
  if (HasDuplicateKeys(doc)) {
    r.syntax_message = "payload has a duplicate key";
    return r;
  }
  r.syntax_ok = true;
  if (const JsonValue* iss = FindMember(doc, "iss"); iss && iss->IsString())
    r.iss = iss->GetString();
  r.has_exp = FindMember(doc, "exp") != nullptr;
  r.exp_error = ReadInt64(doc, "exp", &r.exp);
  r.nbf_error = ReadInt64(doc, "nbf", &r.nbf);
  r.claims_error = ReadClaimGrants(doc, &r.grants);
  return r;
}

void ExpectSame(const std::string& text) {
  SCOPED_TRACE("payload: " + text);
  const DomResult dom = ReadWithDom(text);
  std::string buffer = text;
  TokenPayload fast;
  ClaimGrants grants;
  const Status s = ParseTokenPayload(&buffer, &fast, &grants);
  ASSERT_EQ(s.ok(), dom.syntax_ok) << s.message();
  if (!s.ok()) {
    EXPECT_EQ(s.message(), dom.syntax_message);
    return;
  }
  EXPECT_EQ(std::string(fast.iss), dom.iss);
  EXPECT_EQ(fast.has_exp, dom.has_exp);
  EXPECT_EQ(fast.exp_error.ok(), dom.exp_error.ok())
      << fast.exp_error.message() << " / " << dom.exp_error.message();
  EXPECT_EQ(fast.exp_error.message(), dom.exp_error.message());
  EXPECT_EQ(fast.nbf_error.message(), dom.nbf_error.message());
  if (dom.exp_error.ok()) {
    EXPECT_EQ(fast.exp, dom.exp);
  }
  if (dom.nbf_error.ok()) {
    EXPECT_EQ(fast.nbf, dom.nbf);
  }
  EXPECT_EQ(fast.claims_error.ok(), dom.claims_error.ok())
      << "fast: " << fast.claims_error.message() << " / dom: " << dom.claims_error.message();
  EXPECT_EQ(fast.claims_error.message(), dom.claims_error.message());
  if (dom.claims_error.ok()) {
    EXPECT_TRUE(grants == dom.grants);
  }
}

TEST(TokenPayloadTest, OrdinaryTokensReadAsTheDomReadsThem) {
  const std::vector<std::string> payloads = {
      R"({"sub":"user_15","name":"John Doe","video":{"roomJoin":true,"room":"study_group_1","canPublish":true,"canSubscribe":true,"canPublishData":true,"canUpdateOwnMetadata":true},"metadata":"{\"userId\":15,\"email\":\"john@example.com\"}","iss":"APIkey","nbf":1700000000,"exp":1700021600})",
      R"({"iss":"k","exp":1,"sub":"Zoë ✓ 🎓","name":"\u00e9\ud83c\udf93\/\b\f\n\r\t\"\\ \u0001","attributes":{"a":"1","b":"","k e y":"v=w"},"video":{"roomCreate":true,"roomList":true,"roomRecord":true,"roomAdmin":true,"roomJoin":true,"room":"r","canPublish":false,"canSubscribe":false,"canPublishData":false,"canPublishSources":["camera","microphone","screen_share","screen_share_audio"],"canUpdateOwnMetadata":true,"ingressAdmin":true,"hidden":true,"recorder":true,"agent":true,"canSubscribeMetrics":true,"canManageAgentSession":true,"destinationRoom":"d"},"sip":{"admin":true,"call":true},"inference":{"perform":true},"observability":{"write":true},"kind":"agent","sha256":"abc=","roomPreset":"p","roomConfig":{"name":"r","emptyTimeout":300,"agents":[{"agentName":"a","metadata":"m"}]}})",
      // Whitespace everywhere, and protojson-style spacing inside roomConfig.
      " \n{ \"iss\" : \"k\" ,\t\"exp\" : 5 , \"roomConfig\" : { \"name\" :  \"r\",  "
      "\"maxParticipants\" : 3 , \"x\" : [ 1 , 2.5e3 , -0 , true , null , { } , [ ] ] } } \r\n",
      // Claims LiveKit's Go SDK knows (agent, kindDetails, agentEndpoint, agentThread): when
      // ReadClaimGrants learns one, this payload fails until ParseTokenPayload learns it too.
      R"({"iss":"k","exp":9,"agent":{"admin":true,"simulationAdmin":true},"kindDetails":["forwarded"],"agentEndpoint":{"call":true},"agentThread":{"read":true}})",
      // Unknown claims of every shape are ignored (Go's identity/iat, ...).
      R"({"iss":"k","exp":9,"iat":8,"identity":"u","kindDetails":["x"],"agentThread":{"a":{"b":[{}]}},"n":null,"f":-1.25e-3,"t":true})",
      // Nulls count as absent.
      R"({"iss":"k","exp":null,"nbf":null,"sub":null,"video":null,"attributes":null,"sip":null,"roomConfig":null})",
      R"({"iss":"k","exp":1,"video":{"canPublish":null,"room":null,"canPublishSources":null}})",
      // exp as a string, as an integral double, negative; nbf as a string.
      R"({"iss":"k","exp":"1700000000","nbf":"-5"})",
      R"({"iss":"k","exp":1.7e9,"nbf":0.0})",
      R"({"iss":"k","exp":-9223372036854775808})",
      R"({"iss":"k","exp":9223372036854775807})",
      // Duplicates below the top level: the DOM reader takes the first in grants, the last in
      // attributes.
      R"({"iss":"k","exp":1,"video":{"room":"first","room":"second","canPublish":true,"canPublish":false}})",
      R"({"iss":"k","exp":1,"attributes":{"a":"1","a":"2"},"sip":{"call":true,"call":false}})",
      // Empty objects and arrays.
      R"({})",
      R"({"video":{},"sip":{},"attributes":{},"roomConfig":{},"x":[]})",
      R"({"video":{"canPublishSources":[]}})",
      // iss that is not a string is no iss.
      R"({"iss":5,"exp":1})",
      R"({"iss":"","exp":1})",
      // A long string (SWAR chunks) with an escape at every offset of a chunk.
      R"({"metadata":"0123456789abcdef\"0123456789abcde\\f012345\n6789abcdef0123456789ab\u00ffcdef","iss":"k","exp":1})",
  };
  for (const auto& p : payloads) ExpectSame(p);
}

TEST(TokenPayloadTest, ClaimsOfTheWrongTypeAreReportedByName) {
  const std::vector<std::string> payloads = {
      R"({"iss":"k","exp":1,"sub":5})",
      R"({"iss":"k","exp":1,"name":true})",
      R"({"iss":"k","exp":1,"metadata":{}})",
      R"({"iss":"k","exp":1,"kind":[]})",
      R"({"iss":"k","exp":1,"video":"x"})",
      R"({"iss":"k","exp":1,"video":{"canPublish":"yes"}})",
      R"({"iss":"k","exp":1,"video":{"roomJoin":1}})",
      R"({"iss":"k","exp":1,"video":{"room":7}})",
      R"({"iss":"k","exp":1,"video":{"canPublishSources":"camera"}})",
      R"({"iss":"k","exp":1,"video":{"canPublishSources":["camera",1]}})",
      R"({"iss":"k","exp":1,"attributes":[]})",
      R"({"iss":"k","exp":1,"attributes":{"a":1}})",
      R"({"iss":"k","exp":1,"attributes":{"a":null}})",
      R"({"iss":"k","exp":1,"sip":[]})",
      R"({"iss":"k","exp":1,"sip":{"admin":"true"}})",
      R"({"iss":"k","exp":1,"inference":{"perform":0}})",
      R"({"iss":"k","exp":1,"observability":"w"})",
      R"({"iss":"k","exp":1,"roomConfig":3})",
      R"({"iss":"k","exp":"abc"})",
      R"({"iss":"k","exp":"12x"})",
      R"({"iss":"k","exp":""})",
      R"({"iss":"k","exp":1.5})",
      R"({"iss":"k","exp":true})",
      R"({"iss":"k","exp":{}})",
      R"({"iss":"k","exp":9223372036854775808})",
      R"({"iss":"k","exp":1,"nbf":"soon"})",
  };
  for (const auto& p : payloads) ExpectSame(p);
}

TEST(TokenPayloadTest, TextThatIsNotOneJsonObjectIsRejected) {
  const std::vector<std::string> payloads = {
      "",
      " ",
      "[1]",
      "\"s\"",
      "5",
      "null",
      "{",
      "}",
      "{} x",
      "{}{}",
      R"({"a":1,})",
      R"({"a":1 "b":2})",
      R"({"a"})",
      R"({"a":})",
      R"({a:1})",
      R"({"a":01})",
      R"({"a":1.})",
      R"({"a":.5})",
      R"({"a":1e})",
      R"({"a":-})",
      R"({"a":tru})",
      R"({"a":nul})",
      R"({"a":[1,]})",
      R"({"a":"\x"})",
      R"({"a":"\u12"})",
      R"({"a":"\u12g4"})",
      R"({"a":"\ud800"})",
      R"({"a":"\ud800\u0041"})",
      std::string("{\"a\":\"x\ny\"}"),
      std::string("{\"a\":\"\x01\"}"),
      std::string("{\"a\":\"\xff\"}"),
      std::string("{\"a\":\"\xc0\xaf\"}"),
      std::string("{\"a\":\"\xed\xa0\x80\"}"),
      std::string("{\"a\":\"\xf4\x90\x80\x80\"}"),
      std::string("{\"a\":\"\xe2\x82\"}"),
      std::string("{\"a\xff\":1}"),
      std::string("{\"a\":1}\xff"),
      std::string("{\"a\":\"unterminated"),
      std::string("{\"a\":\"0123456789abcdef0123456789"),
      R"({"sub":"a","sub":"b"})",
      R"({"iss":"k","exp":1,"x":1,"x":2})",
  };
  for (const auto& p : payloads) ExpectSame(p);
}

// Where the one-pass reader is stricter than RapidJSON: a lone low surrogate (RapidJSON would
// store it as invalid UTF-8) and bytes after a NUL (RapidJSON stops reading at the NUL).
TEST(TokenPayloadTest, RejectsWhatTheDomWouldHaveLetThrough) {
  for (std::string text : {std::string(R"({"a":"\udc00"})"), std::string("{\"a\":1}\0", 8),
                           std::string("{\"a\":1}\0{\"iss\":\"k\"}", 20)}) {
    TokenPayload out;
    ClaimGrants grants;
    EXPECT_FALSE(ParseTokenPayload(&text, &out, &grants).ok()) << text;
  }
}

TEST(TokenPayloadTest, DeepNestingIsRejectedWithoutExhaustingTheStack) {
  std::string deep = R"({"x":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  TokenPayload out;
  ClaimGrants grants;
  EXPECT_FALSE(ParseTokenPayload(&deep, &out, &grants).ok());
  std::string ok = R"({"x":)" + std::string(100, '[') + std::string(100, ']') + "}";
  EXPECT_TRUE(ParseTokenPayload(&ok, &out, &grants).ok());
}

}  // namespace
}  // namespace lks::internal
