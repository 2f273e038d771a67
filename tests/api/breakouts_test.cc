// Breakout rooms through the REST handler over a real SQLite store, without LiveKit (a room
// service at a port where nothing listens): the routes' checks and refusals (moderators, a live
// session, the request's fields, one open set), a set LiveKit could not make undone, and the
// webhooks of breakout rooms counted to the group and to the main session (usage and the session
// report) without ending it. Tokens for breakout rooms need LiveKit to make the rooms: the e2e
// suite covers them with real participants (tests/e2e/breakouts_e2e_test.cc).
#include <gtest/gtest.h>

#include "lks/api/rest_handler.h"
#include "lks/core/clock.h"
#include "lks/livekit/room_service_client.h"
#include "lks/store/open_store.h"
#include "rest_test_util.h"

namespace lks::testing {
namespace {

constexpr int64_t kT0 = 1'800'000'000'000;  // ms
constexpr char kMainSid[] = "RM_main";

class BreakoutsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.SetUnixMillis(kT0);
    auto store = OpenStudyGroupStore("sqlite::memory:");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::shared_ptr<StudyGroupStore>(std::move(*store));
    RoomServiceOptions ro;
    ro.url = "http://127.0.0.1:1";  // nothing listens: connection refused at once
    ro.api_key = "breakout_key";
    ro.api_secret = "breakout-secret-of-some-length";
    ro.retry.max_attempts = 1;
    auto rooms = RoomServiceClient::Create(ro);
    ASSERT_TRUE(rooms.ok()) << rooms.status().ToString();
    StudyGroupServiceOptions so;
    so.livekit_url = "ws://127.0.0.1:1";
    so.api_key = ro.api_key;
    so.api_secret = ro.api_secret;
    so.clock = &clock_;
    service_ = std::make_shared<StudyGroupService>(store_, std::move(*rooms), so);
    handler_ = std::make_unique<RestHandler>(
        service_, std::make_shared<const AppTokenVerifier>(kAppSecret), nullptr);
    Reply r = Post("/api/study-groups/create", "1", R"({"title":"Breakouts"})");
    ASSERT_EQ(r.status, 201) << r.body;
    id_ = r.data()["id"].GetInt64();
    room_ = r.data()["livekitRoomName"].GetString();
    for (const char* u : {"2", "3", "4"}) ASSERT_EQ(Post(Path("/join"), u).status, 200);
    ASSERT_TRUE(store_->AddMember(id_, "5", MemberRole::kModerator).ok());
  }
  Reply Post(const std::string& path, const std::string& user, const std::string& body = "") {
    return Call(*handler_, Req("POST", path, body, AppToken(user)));
  }
  Reply Get(const std::string& path, const std::string& user) {
    return Call(*handler_, Req("GET", path, "", AppToken(user)));
  }
  Reply Delete(const std::string& path, const std::string& user) {
    return Call(*handler_, Req("DELETE", path, "", AppToken(user)));
  }
  std::string Path(const std::string& rest) const {
    return "/api/study-groups/" + std::to_string(id_) + rest;
  }
  // A delivered webhook of room `name` (`sid`) at `at_ms`.
  void Event(WebhookEventType type, const std::string& name, const std::string& sid, int64_t at_ms,
             const std::string& user = "") {
    WebhookEvent e;
    e.type = type;
    e.id = "EV_" + std::to_string(++events_);
    e.created_at = at_ms / 1000;
    e.room = WebhookRoom{};
    e.room->sid = sid;
    e.room->name = name;
    e.room->creation_time = at_ms / 1000;
    if (!user.empty()) {
      e.participant = WebhookParticipant{};
      e.participant->identity = "user_" + user;
      e.participant->joined_at_ms = at_ms;
      e.participant->joined_at = at_ms / 1000;
    }
    StatusOr<WebhookOutcome> outcome = service_->IngestWebhook(e);
    ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  }
  // The main session is live (its room_started delivered).
  void StartMainSession() { Event(WebhookEventType::kRoomStarted, room_, kMainSid, kT0); }
  // A set opened in the store as the service would (LiveKit is not there to make the rooms).
  std::vector<BreakoutRoom> SeedSet(std::vector<std::vector<std::string>> members, int set = 1) {
    std::vector<BreakoutRoom> rooms;
    for (size_t i = 0; i < members.size(); ++i) {
      BreakoutRoom b;
      b.group_id = id_;
      b.session_sid = kMainSid;
      b.number = static_cast<int32_t>(i + 1);
      b.room_name =
          room_ + "-" + kMainSid + "-" + std::to_string(set) + "-" + std::to_string(i + 1);
      b.opened_by = "1";
      b.opened_at_ms = kT0 + 60000;
      b.members = std::move(members[i]);
      rooms.push_back(std::move(b));
    }
    return store_->OpenBreakouts(rooms).value();
  }

  ManualClock clock_;
  std::shared_ptr<StudyGroupStore> store_;
  std::shared_ptr<StudyGroupService> service_;
  std::unique_ptr<RestHandler> handler_;
  int64_t id_ = 0;
  std::string room_;
  int events_ = 0;
};

TEST_F(BreakoutsTest, OnlyModeratorsOpenAndCloseAndOnlyWhileASessionIsLive) {
  const std::string two = R"({"assignments":[{"members":["2"]},{"members":["3"]}]})";
  Reply member = Post(Path("/breakouts"), "2", two);
  EXPECT_EQ(member.status, 403) << member.body;
  EXPECT_EQ(member.error_code(), "not_a_moderator");
  Reply outsider = Get(Path("/breakouts"), "9");
  EXPECT_EQ(outsider.status, 403) << outsider.body;
  EXPECT_EQ(Delete(Path("/breakouts"), "3").status, 403);

  Reply idle = Post(Path("/breakouts"), "1", two);
  EXPECT_EQ(idle.status, 409) << idle.body;
  EXPECT_EQ(idle.error_code(), "room_not_active");

  Reply none = Get(Path("/breakouts"), "2");
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_FALSE(none.data()["open"].GetBool());
  EXPECT_EQ(none.data()["rooms"].Size(), 0u);
  EXPECT_TRUE(none.data()["assignment"].IsNull());
  EXPECT_STREQ(none.data()["mainRoomName"].GetString(), room_.c_str());

  Reply not_open = Delete(Path("/breakouts"), "1");
  EXPECT_EQ(not_open.status, 409) << not_open.body;
  EXPECT_EQ(not_open.error_code(), "breakouts_not_open");
}

TEST_F(BreakoutsTest, BadRequestsNameTheField) {
  StartMainSession();
  struct Case {
    const char* body;
    const char* field;
  } cases[] = {
      {R"({})", "assignments"},
      {R"({"assignments":[]})", "assignments"},
      {R"({"assignments":[{"members":["2"]},{"members":[]}]})", "assignments[1].members"},
      {R"({"assignments":[{"members":["2","77"]}]})", "assignments[0].members"},
      {R"({"assignments":[{"members":["2"]},{"members":["2"]}]})", "assignments[1].members"},
      {R"({"assignments":[{"people":["2"]}]})", "assignments[0].members"},
      {R"({"assignments":[{"members":[true]}]})", "assignments[0].members"},
      {R"({"mode":"auto"})", "count"},
      {R"({"mode":"random","count":2})", "mode"},
      {R"({"mode":"auto","count":2,"assignments":[{"members":["2"]}]})", "assignments"},
  };
  for (const Case& c : cases) {
    Reply r = Post(Path("/breakouts"), "1", c.body);
    EXPECT_EQ(r.status, 400) << c.body << " -> " << r.body;
    EXPECT_EQ(r.error_code(), "invalid_argument") << r.body;
    EXPECT_NE(r.body.find(c.field), std::string::npos) << c.body << " -> " << r.body;
  }
  // 51 rooms: more than kMaxBreakoutRooms.
  std::string many = R"({"assignments":[)";
  for (int i = 0; i < kMaxBreakoutRooms + 1; ++i)
    many += std::string(i ? "," : "") + R"({"members":["2"]})";
  many += "]}";
  Reply too_many = Post(Path("/breakouts"), "1", many);
  EXPECT_EQ(too_many.status, 400) << too_many.body;
  EXPECT_NE(too_many.body.find("assignments"), std::string::npos) << too_many.body;
  EXPECT_FALSE(Get(Path("/breakouts"), "1").data()["open"].GetBool());
}

TEST_F(BreakoutsTest, ASetLiveKitCouldNotMakeIsUndoneAndASecondSetIs409) {
  StartMainSession();
  Reply r =
      Post(Path("/breakouts"), "1", R"({"assignments":[{"members":["2"]},{"members":["3"]}]})");
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.error_code(), "livekit_unavailable") << r.body;
  EXPECT_FALSE(Get(Path("/breakouts"), "2").data()["open"].GetBool());
  // Auto mode asks LiveKit who is present: unreachable is 503 too, nothing opened.
  Reply auto_mode = Post(Path("/breakouts"), "1", R"({"count":2,"mode":"auto"})");
  EXPECT_EQ(auto_mode.status, 503) << auto_mode.body;

  // The undone set keeps its (closed) rows: the next set of the session is number 2.
  auto undone = store_->ListBreakouts(id_);
  ASSERT_EQ(undone->size(), 2u);
  EXPECT_TRUE((*undone)[0].closed_at_ms.has_value());
  EXPECT_EQ((*undone)[0].room_name, room_ + "-RM_main-1-1");
  SeedSet({{"2", "4"}, {"3"}}, 2);
  Reply second = Post(Path("/breakouts"), "5", R"({"assignments":[{"members":["2"]}]})");
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_EQ(second.error_code(), "breakouts_open");

  Reply mine = Get(Path("/breakouts"), "4");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_TRUE(mine.data()["open"].GetBool());
  EXPECT_STREQ(mine.data()["sessionSid"].GetString(), kMainSid);
  ASSERT_EQ(mine.data()["rooms"].Size(), 2u);
  EXPECT_EQ(mine.data()["assignment"]["number"].GetInt(), 1);
  EXPECT_STREQ(mine.data()["assignment"]["roomName"].GetString(), (room_ + "-RM_main-2-1").c_str());
  EXPECT_TRUE(Get(Path("/breakouts"), "5").data()["assignment"].IsNull());  // a visitor
}

TEST_F(BreakoutsTest, BreakoutWebhooksCountToTheGroupAndTheMainSessionWithoutEndingIt) {
  StartMainSession();
  Event(WebhookEventType::kParticipantJoined, room_, kMainSid, kT0, "2");
  Event(WebhookEventType::kParticipantJoined, room_, kMainSid, kT0, "3");
  std::vector<BreakoutRoom> set = SeedSet({{"2"}, {"3"}});
  // Both move to their breakouts after a minute; 2 stays 10 minutes, 3 stays 5.
  const int64_t t1 = kT0 + 60000;
  Event(WebhookEventType::kParticipantLeft, room_, kMainSid, t1, "2");
  Event(WebhookEventType::kParticipantLeft, room_, kMainSid, t1, "3");
  Event(WebhookEventType::kRoomStarted, set[0].room_name, "RM_b1", t1);
  Event(WebhookEventType::kParticipantJoined, set[0].room_name, "RM_b1", t1, "2");
  Event(WebhookEventType::kParticipantJoined, set[1].room_name, "RM_b2", t1, "3");
  Event(WebhookEventType::kParticipantLeft, set[1].room_name, "RM_b2", t1 + 5 * 60000, "3");
  Event(WebhookEventType::kParticipantLeft, set[0].room_name, "RM_b1", t1 + 10 * 60000, "2");
  Event(WebhookEventType::kRoomFinished, set[0].room_name, "RM_b1", t1 + 10 * 60000);
  Event(WebhookEventType::kRoomFinished, set[1].room_name, "RM_b2", t1 + 10 * 60000);

  // The breakouts' room_finished did not end the main session nor take its SID.
  EXPECT_FALSE(store_->GetRoomSession(kMainSid)->ended_at_ms.has_value());
  EXPECT_EQ(store_->GetGroup(id_)->livekit_room_sid, std::optional<std::string>(kMainSid));
  EXPECT_TRUE(store_->GetRoomSession("RM_b1")->ended_at_ms.has_value());
  EXPECT_EQ(store_->GetRoomSession("RM_b2")->group_id, id_);

  // Usage: 1 + 1 minutes in the main room, 10 + 5 in the breakouts, all in the main session.
  Reply usage = Get(Path("/usage"), "2");
  ASSERT_EQ(usage.status, 200) << usage.body;
  EXPECT_DOUBLE_EQ(usage.data()["participantMinutes"].GetDouble(), 17.0);
  ASSERT_EQ(usage.data()["sessions"].Size(), 1u) << usage.body;
  EXPECT_STREQ(usage.data()["sessions"][0]["roomSid"].GetString(), kMainSid);
  EXPECT_DOUBLE_EQ(usage.data()["sessions"][0]["participantMinutes"].GetDouble(), 17.0);
  EXPECT_EQ(usage.data()["sessions"][0]["participantSessions"].GetInt64(), 4);

  // The session's report: each attendee's main-room and breakout minutes added up.
  Reply report = Get(Path("/attendance?session=RM_main"), "1");
  ASSERT_EQ(report.status, 200) << report.body;
  const std::string body = report.body;
  auto minutes_of = [&](const char* user) {
    for (const auto& a : report.data()["attendees"].GetArray()) {
      if (std::string(a["userId"].GetString()) == user) return a["minutes"].GetDouble();
    }
    return -1.0;
  };
  EXPECT_DOUBLE_EQ(minutes_of("2"), 11.0) << body;
  EXPECT_DOUBLE_EQ(minutes_of("3"), 6.0) << body;

  // Reconciliation-free close: the store's set closes; late webhooks still count.
  ASSERT_TRUE(store_->CloseBreakouts(id_, t1 + 11 * 60000).ok());
  Event(WebhookEventType::kParticipantJoined, set[1].room_name, "RM_b2", t1 + 11 * 60000, "4");
  EXPECT_EQ(store_->ListAttendance("RM_b2")->size(), 2u);
}

}  // namespace
}  // namespace lks::testing
