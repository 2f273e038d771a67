// The REST handler over a real SQLite store, without LiveKit: groups, membership, policy, errors.
// (Routes that reach LiveKit are tested against a real livekit-server in tests/e2e.)
#include "lks/api/rest_handler.h"

#include <gtest/gtest.h>

#include "lks/store/open_store.h"
#include "rest_test_util.h"

namespace lks::testing {
namespace {

// The text of the top-level "data" member of a REST body, exactly as written.
std::string DataText(const std::string& body) {
  const std::string key = "\"data\":";
  const size_t at = body.find(key);
  if (at == std::string::npos || body.empty() || body.back() != '}') return {};
  return body.substr(at + key.size(), body.size() - 1 - (at + key.size()));
}

constexpr char kSeedGroup[] =
    R"({"title":"Bible Study - Gospel of John","description":"Weekly study of John's Gospel",)"
    R"("maxParticipants":15,"scheduledTime":"2025-10-15T19:00:00.000Z","durationMinutes":60,)"
    R"("videoProvider":"livekit","useLiveKit":true})";

class RestHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenStudyGroupStore("sqlite::memory:");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    service_ = std::make_shared<StudyGroupService>(
        std::shared_ptr<StudyGroupStore>(std::move(*store)), nullptr, StudyGroupServiceOptions{});
    handler_ = std::make_unique<RestHandler>(
        service_, std::make_shared<const AppTokenVerifier>(kAppSecret), nullptr);
  }
  int64_t CreateGroup(const std::string& owner, const std::string& body = kSeedGroup) {
    Reply r = Call(*handler_, Req("POST", "/api/study-groups/create", body, AppToken(owner)));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.data()["id"].GetInt64() : 0;
  }
  std::shared_ptr<StudyGroupService> service_;
  std::unique_ptr<RestHandler> handler_;
};

TEST_F(RestHandlerTest, CreateGroupAnswersTheSeedShape) {
  Reply r = Call(*handler_, Req("POST", "/api/study-groups/create", kSeedGroup, AppToken("15")));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(r.json["success"].GetBool());
  EXPECT_STREQ(r.json["message"].GetString(), "Study group created successfully");
  const auto& d = r.data();
  EXPECT_GT(d["id"].GetInt64(), 0);
  EXPECT_STREQ(d["title"].GetString(), "Bible Study - Gospel of John");
  EXPECT_STREQ(d["videoProvider"].GetString(), "livekit");
  EXPECT_TRUE(d["useLiveKit"].GetBool());
  EXPECT_EQ(std::string(d["livekitRoomName"].GetString()).rfind("study_group_", 0), 0u);
  EXPECT_TRUE(d["meetLink"].IsNull());
  EXPECT_TRUE(d["meetId"].IsNull());
  EXPECT_EQ(d["maxParticipants"].GetInt(), 15);
  EXPECT_STREQ(d["scheduledTime"].GetString(), "2025-10-15T19:00:00.000Z");
  EXPECT_EQ(d["durationMinutes"].GetInt(), 60);
  EXPECT_STREQ(d["createdBy"].GetString(), "15");

  // The creator is its owner; GET returns the same group.
  const int64_t id = d["id"].GetInt64();
  Reply g =
      Call(*handler_, Req("GET", "/api/study-groups/" + std::to_string(id), "", AppToken("15")));
  ASSERT_EQ(g.status, 200);
  EXPECT_STREQ(g.data()["livekitRoomName"].GetString(), d["livekitRoomName"].GetString());
  Reply m = Call(*handler_, Req("GET", "/api/study-groups/" + std::to_string(id) + "/members", "",
                                AppToken("15")));
  ASSERT_EQ(m.status, 200) << m.body;
  EXPECT_STREQ(m.data()["members"][0]["role"].GetString(), "owner");
}

TEST_F(RestHandlerTest, GoogleMeetGroupsHaveNoRoom) {
  Reply r = Call(
      *handler_,
      Req("POST", "/api/study-groups/create",
          R"({"title":"Meet","videoProvider":"google_meet","meetLink":"https://meet.google.com/abc"})",
          AppToken("3")));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_FALSE(r.data()["useLiveKit"].GetBool());
  EXPECT_TRUE(r.data()["livekitRoomName"].IsNull());
  EXPECT_STREQ(r.data()["meetLink"].GetString(), "https://meet.google.com/abc");
}

TEST_F(RestHandlerTest, RoomNamesAreUniquePerGroup) {
  Reply a = Call(*handler_, Req("POST", "/api/study-groups/create", kSeedGroup, AppToken("15")));
  Reply b = Call(*handler_, Req("POST", "/api/study-groups/create", kSeedGroup, AppToken("15")));
  EXPECT_STRNE(a.data()["livekitRoomName"].GetString(), b.data()["livekitRoomName"].GetString());
}

TEST_F(RestHandlerTest, AuthenticationErrorsAre401WithTheErrorShape) {
  for (const std::string& header :
       {std::string(), std::string("Basic abc"), std::string("Bearer nope"),
        "Bearer " + MintAppToken("wrong-secret", Principal{"1", "", "", ""}, std::chrono::hours(1))
                        .value()}) {
    RestRequest req = Req("GET", "/api/study-groups/1");
    if (!header.empty()) req.headers.emplace_back("Authorization", header);
    Reply r = Call(*handler_, req);
    EXPECT_EQ(r.status, 401) << header;
    EXPECT_FALSE(r.json["success"].GetBool());
    EXPECT_EQ(r.error_code(), "unauthenticated");
    EXPECT_TRUE(r.json["error"]["message"].IsString());
    EXPECT_EQ(r.body.find("wrong-secret"), std::string::npos);
  }
}

TEST_F(RestHandlerTest, BadInputIs400NamingTheField) {
  struct Case {
    std::string body;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"{not json", "body: invalid JSON"},
      {"[1,2]", "body: expected a JSON object"},
      {R"({"description":"no title"})", "title: required"},
      {R"({"title":5})", "title: expected a string"},
      {R"({"title":"t","maxParticipants":"ten"})", "maxParticipants: expected an integer"},
      {R"({"title":"t","videoProvider":"zoom"})", "videoProvider"},
      {R"({"title":"t","scheduledTime":"tomorrow"})",
       "scheduledTime: 'tomorrow' is not an ISO 8601 time"},
      {R"({"title":"t","durationMinutes":-5})", "durationMinutes"},
      {R"({"title":")" + std::string(300, 'x') + R"("})", "title"},
      {R"({"title":"t","videoProvider":"livekit","useLiveKit":false})", "useLiveKit: must be true"},
  };
  for (const Case& c : cases) {
    Reply r = Call(*handler_, Req("POST", "/api/study-groups/create", c.body, AppToken("1")));
    EXPECT_EQ(r.status, 400) << c.body << " -> " << r.body;
    ASSERT_TRUE(r.json.HasMember("error")) << r.body;
    EXPECT_NE(std::string(r.json["error"]["message"].GetString()).find(c.message),
              std::string::npos)
        << c.body << " -> " << r.body;
  }
  EXPECT_EQ(Call(*handler_, Req("GET", "/api/study-groups/abc", "", AppToken("1"))).status, 400);
  EXPECT_EQ(Call(*handler_, Req("GET", "/api/study-groups/-3", "", AppToken("1"))).status, 400);
  EXPECT_EQ(Call(*handler_, Req("GET", "/api/study-groups?limit=0", "", AppToken("1"))).status,
            400);
}

TEST_F(RestHandlerTest, SqlMetacharactersAreStoredVerbatim) {
  const std::string title = R"(Robert'); DROP TABLE study_groups;-- \"x\" % _)";
  std::string body = R"({"title":")" +
                     std::string(R"(Robert'); DROP TABLE study_groups;-- \\\"x\\\" % _)") + R"("})";
  Reply r = Call(*handler_, Req("POST", "/api/study-groups/create", body, AppToken("1")));
  ASSERT_EQ(r.status, 201) << r.body;
  Reply g =
      Call(*handler_, Req("GET", "/api/study-groups/" + std::to_string(r.data()["id"].GetInt64()),
                          "", AppToken("1")));
  EXPECT_EQ(std::string(g.data()["title"].GetString()), title);
}

// Errors carry the seed's code and message plus the canonical status and the reason, and answer
// with HttpStatusFor(status): one table for the REST API, the C ABI and the bindings.
TEST_F(RestHandlerTest, ErrorBodiesCarryCodeStatusAndReason) {
  const int64_t id = CreateGroup("1", R"({"title":"Tiny","maxParticipants":1})");
  const std::string base = "/api/study-groups/" + std::to_string(id);
  Reply full = Call(*handler_, Req("POST", base + "/join", "", AppToken("2")));
  EXPECT_EQ(full.status, 409) << full.body;
  const auto& e = full.json["error"];
  EXPECT_STREQ(e["code"].GetString(), "group_full");
  EXPECT_STREQ(e["status"].GetString(), "resource_exhausted");
  EXPECT_STREQ(e["reason"].GetString(), "group_full");
  EXPECT_NE(std::string(e["message"].GetString()).find("is full"), std::string::npos);

  // Without a reason, code is the canonical status and reason is empty.
  Reply bad =
      Call(*handler_, Req("POST", "/api/study-groups/create", R"({"title":3})", AppToken("1")));
  EXPECT_EQ(bad.status, 400);
  EXPECT_STREQ(bad.json["error"]["code"].GetString(), "invalid_argument");
  EXPECT_STREQ(bad.json["error"]["status"].GetString(), "invalid_argument");
  EXPECT_STREQ(bad.json["error"]["reason"].GetString(), "");

  // The last owner leaving: failed_precondition, 409 from the table.
  Reply owner = Call(*handler_, Req("POST", base + "/leave", "", AppToken("1")));
  EXPECT_EQ(owner.status, HttpStatusForCode(StatusCode::kFailedPrecondition));
  EXPECT_STREQ(owner.json["error"]["status"].GetString(), "failed_precondition");

  for (int c = 1; c <= 16; ++c) {
    const Status s(static_cast<StatusCode>(c), "m");
    EXPECT_EQ(RestErrorResponse(s).status, HttpStatusForCode(s.code())) << c;
  }
  EXPECT_EQ(RestErrorResponse(NotFoundError("x").WithHttpStatus(418)).status, 418);
}

// Each route's data is the JSON of the StudyGroupApi call behind it, which the C ABI's typed
// lks_service_* functions answer too.
TEST_F(RestHandlerTest, RouteDataIsTheTypedCallsJson) {
  const int64_t id = CreateGroup("1", R"({"title":"Same","maxParticipants":4})");
  const Principal owner{"1", "1@example.com", "User 1", ""};
  const std::string base = "/api/study-groups/" + std::to_string(id);
  const StudyGroupApi& api = handler_->api();
  auto data_of = [](const Reply& r) { return DataText(r.body); };
  EXPECT_EQ(data_of(Call(*handler_, Req("GET", base, "", AppToken("1")))),
            api.GetGroup(owner, id).value());
  EXPECT_EQ(data_of(Call(*handler_, Req("GET", base + "/members", "", AppToken("1")))),
            api.ListMembers(owner, id).value());
  EXPECT_EQ(data_of(Call(*handler_, Req("GET", base + "/usage", "", AppToken("1")))),
            api.GetUsage(owner, id).value());
  EXPECT_EQ(data_of(Call(*handler_, Req("GET", "/api/study-groups?limit=3", "", AppToken("1")))),
            api.ListGroups(owner, 0, 3).value());
  EXPECT_EQ(data_of(Call(*handler_, Req("GET", "/api/livekit/status"))), api.LiveKitStatus());
  // The same input checks: an out-of-range limit is refused by both, with the same message.
  Reply r = Call(*handler_, Req("GET", "/api/study-groups?limit=5000", "", AppToken("1")));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(std::string(r.json["error"]["message"].GetString()),
            api.ListGroups(owner, 0, 5000).status().message());
}

TEST_F(RestHandlerTest, MembershipJoinLeaveAndCapacity) {
  const int64_t id = CreateGroup("1", R"({"title":"Small","maxParticipants":2})");
  const std::string base = "/api/study-groups/" + std::to_string(id);
  Reply j = Call(*handler_, Req("POST", base + "/join", "", AppToken("2")));
  ASSERT_EQ(j.status, 200) << j.body;
  EXPECT_STREQ(j.data()["role"].GetString(), "member");
  EXPECT_EQ(Call(*handler_, Req("POST", base + "/join", "", AppToken("2"))).status,
            200);  // idempotent
  Reply full = Call(*handler_, Req("POST", base + "/join", "", AppToken("3")));
  EXPECT_EQ(full.status, 409) << full.body;
  EXPECT_EQ(full.error_code(), "group_full");
  // Non-members cannot see members or usage.
  Reply m = Call(*handler_, Req("GET", base + "/members", "", AppToken("3")));
  EXPECT_EQ(m.status, 403);
  EXPECT_EQ(m.error_code(), "not_a_member");
  EXPECT_EQ(Call(*handler_, Req("GET", base + "/usage", "", AppToken("3"))).status, 403);
  // An admin may.
  EXPECT_EQ(Call(*handler_, Req("GET", base + "/members", "", AppToken("99", "admin"))).status,
            200);
  // Leaving frees a place.
  EXPECT_EQ(Call(*handler_, Req("POST", base + "/leave", "", AppToken("2"))).status, 200);
  EXPECT_EQ(Call(*handler_, Req("POST", base + "/leave", "", AppToken("2"))).status, 403);
  EXPECT_EQ(Call(*handler_, Req("POST", base + "/join", "", AppToken("3"))).status, 200);
  // The last owner cannot leave.
  EXPECT_EQ(Call(*handler_, Req("POST", base + "/leave", "", AppToken("1"))).status, 409);
  // My groups.
  Reply mine = Call(*handler_, Req("GET", "/api/study-groups", "", AppToken("3")));
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.data()["total"].GetInt(), 1);
  EXPECT_EQ(mine.data()["groups"][0]["id"].GetInt64(), id);
}

TEST_F(RestHandlerTest, UsageStartsAtZero) {
  const int64_t id = CreateGroup("1");
  Reply u = Call(*handler_, Req("GET", "/api/study-groups/" + std::to_string(id) + "/usage", "",
                                AppToken("1")));
  ASSERT_EQ(u.status, 200) << u.body;
  EXPECT_EQ(u.data()["participantMinutes"].GetDouble(), 0);
  EXPECT_EQ(u.data()["estimatedCost"].GetDouble(), 0);
  EXPECT_STREQ(u.data()["currency"].GetString(), "USD");
  EXPECT_DOUBLE_EQ(u.data()["ratePerParticipantMinute"].GetDouble(), 0.0035);
}

TEST_F(RestHandlerTest, UnknownGroupsRoutesAndMethods) {
  Reply r = Call(*handler_, Req("GET", "/api/study-groups/424242", "", AppToken("1")));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Call(*handler_, Req("GET", "/api/nothing", "", AppToken("1"))).status, 404);
  RestResponse wrong =
      handler_->Handle(Req("PUT", "/api/study-groups/create", "{}", AppToken("1")));
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.Header("Allow"), "POST");
}

TEST_F(RestHandlerTest, BodiesOverTheLimitAre413) {
  Reply r = Call(*handler_,
                 Req("POST", "/api/study-groups/create", std::string(2 << 20, ' '), AppToken("1")));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.error_code(), "payload_too_large");
}

TEST_F(RestHandlerTest, LiveKitRoutesSay503WhenLiveKitIsNotConfigured) {
  Reply s = Call(*handler_, Req("GET", "/api/livekit/status"));
  ASSERT_EQ(s.status, 200);
  EXPECT_FALSE(s.data()["configured"].GetBool());
  EXPECT_FALSE(s.data()["hasApiSecret"].GetBool());
  Reply t =
      Call(*handler_, Req("POST", "/api/livekit/token", R"({"roomName":"x"})", AppToken("1")));
  EXPECT_EQ(t.status, 503);
  EXPECT_EQ(t.error_code(), "livekit_not_configured");
  EXPECT_EQ(Call(*handler_, Req("GET", "/api/livekit/rooms", "", AppToken("1"))).status, 503);
  Reply w = Call(*handler_, Req("POST", "/api/livekit/webhook", "{}"));
  EXPECT_EQ(w.status, 503);
}

TEST_F(RestHandlerTest, HostsMayPassTheirOwnPrincipal) {
  RestHandler embedded(service_, nullptr, nullptr);
  RestRequest req = Req("POST", "/api/study-groups/create", R"({"title":"Embedded"})");
  EXPECT_EQ(embedded.Handle(req).status, 401);
  RestResponse r = embedded.HandleAs(req, Principal{"77", "h@example.com", "Host User", ""});
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_NE(r.body.find(R"("createdBy":"77")"), std::string::npos);
}

// Webhook deliveries race each other: the owner may end the room before LiveKit's
// participant_joined of someone arrives. Such a late join counts until the session's end, and a
// participant_left after the end changes nothing.
TEST_F(RestHandlerTest, AJoinDeliveredAfterTheSessionEndedCountsUntilTheEnd) {
  const int64_t id = CreateGroup("15");
  Reply g =
      Call(*handler_, Req("GET", "/api/study-groups/" + std::to_string(id), "", AppToken("15")));
  const std::string room_name = g.data()["livekitRoomName"].GetString();
  const int64_t t0 = 1'800'000'000;
  int n = 0;
  auto event = [&](WebhookEventType type, int64_t at, const std::string& who) {
    WebhookEvent e;
    e.type = type;
    e.id = "EV_late_" + std::to_string(++n);
    e.created_at = at;
    e.room = WebhookRoom{};
    e.room->sid = "RM_late";
    e.room->name = room_name;
    e.room->creation_time = t0;
    if (!who.empty()) {
      e.participant = WebhookParticipant{};
      e.participant->identity = "user_" + who;
      if (type == WebhookEventType::kParticipantJoined) e.participant->joined_at = at;
    }
    StatusOr<WebhookOutcome> outcome = service_->IngestWebhook(e);
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
  };
  event(WebhookEventType::kRoomStarted, t0, "");
  event(WebhookEventType::kParticipantJoined, t0 + 10, "15");
  event(WebhookEventType::kRoomFinished, t0 + 70, "");
  event(WebhookEventType::kParticipantJoined, t0 + 20, "16");  // late: the room already ended
  event(WebhookEventType::kParticipantLeft, t0 + 80, "16");
  event(WebhookEventType::kParticipantLeft, t0 + 80, "15");

  Reply u = Call(*handler_, Req("GET", "/api/study-groups/" + std::to_string(id) + "/usage", "",
                                AppToken("15")));
  ASSERT_EQ(u.status, 200) << u.body;
  ASSERT_EQ(u.data()["sessions"].Size(), 1u) << u.body;
  const auto& session = u.data()["sessions"][0];
  EXPECT_EQ(session["participantSessions"].GetInt(), 2) << u.body;
  EXPECT_NEAR(session["participantMinutes"].GetDouble(), (60.0 + 50.0) / 60.0, 0.01) << u.body;

  // The attendance behind it: who, from when to when, members only.
  const std::string attendance = "/api/study-groups/" + std::to_string(id) + "/attendance";
  Reply a = Call(*handler_, Req("GET", attendance, "", AppToken("15")));
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_EQ(a.data()["sessions"].Size(), 1u) << a.body;
  const auto& s = a.data()["sessions"][0];
  EXPECT_STREQ(s["roomSid"].GetString(), "RM_late");
  EXPECT_STREQ(s["roomName"].GetString(), room_name.c_str());
  EXPECT_TRUE(s["endedAt"].IsString()) << a.body;
  ASSERT_EQ(s["attendance"].Size(), 2u) << a.body;
  EXPECT_STREQ(s["attendance"][0]["identity"].GetString(), "user_15");
  EXPECT_STREQ(s["attendance"][0]["userId"].GetString(), "15");
  EXPECT_NEAR(s["attendance"][0]["participantMinutes"].GetDouble(), 1.0, 0.01) << a.body;
  EXPECT_STREQ(s["attendance"][1]["identity"].GetString(), "user_16");
  EXPECT_NEAR(s["attendance"][1]["participantMinutes"].GetDouble(), 50.0 / 60.0, 0.01) << a.body;
  EXPECT_EQ(Call(*handler_, Req("GET", attendance, "", AppToken("99"))).error_code(),
            "not_a_member");
}

}  // namespace
}  // namespace lks::testing
