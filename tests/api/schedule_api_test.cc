// Schedules through the REST API, over a real SQLite store and a fixed clock: create with a time
// zone and an RRULE, nextSession in the group JSON, the join window of POST /api/livekit/token
// (403 outside_schedule with opensAt) and GET /api/study-groups/:id/calendar.ics. The room
// service points at a port where nothing listens, so a token request that passes every check
// ends in 503 (creating the room), which is how these tests see "admitted".
#include <gtest/gtest.h>

#include "core/iso_time.h"
#include "lks/api/rest_handler.h"
#include "lks/core/clock.h"
#include "rest_test_util.h"

namespace lks::testing {
namespace {

constexpr char kKey[] = "schedule_key";
constexpr char kSecret[] = "schedule-secret-of-some-length";

int64_t Ms(const char* iso) { return internal::ParseIsoTimeMs(iso, "t").value(); }

class ScheduleApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StudyGroupServiceOptions so;
    so.public_url = "https://study.example.org/";
    so.clock = &clock_;
    MakeServiceWithoutLiveKit(&service_, &handler_, kKey, kSecret, so);
  }
  Reply Create(const std::string& body, const std::string& owner = "1") {
    return Call(*handler_, Req("POST", "/api/study-groups/create", body, AppToken(owner)));
  }
  Reply Token(const std::string& room, const std::string& user) {
    return Call(*handler_,
                Req("POST", "/api/livekit/token",
                    R"({"roomName":")" + room + R"(","participantName":"P"})", AppToken(user)));
  }
  // Tuesdays 18:00 in New York for 60 minutes, opening 10 minutes early, closing 5 after.
  Reply CreateWeekly() {
    return Create(R"({"title":"Weekly","scheduledTime":"2026-03-03T23:00:00Z",)"
                  R"("durationMinutes":60,"timeZone":"America/New_York",)"
                  R"("recurrence":"FREQ=WEEKLY;BYDAY=TU","earlyJoinMinutes":10,"graceMinutes":5})");
  }

  ManualClock clock_{Ms("2026-03-01T12:00:00Z")};
  std::shared_ptr<StudyGroupService> service_;
  std::unique_ptr<RestHandler> handler_;
};

TEST_F(ScheduleApiTest, CreateStoresTheScheduleAndAnswersNextSession) {
  Reply r = CreateWeekly();
  ASSERT_EQ(r.status, 201) << r.body;
  const auto& g = r.data();
  EXPECT_STREQ(g["timeZone"].GetString(), "America/New_York");
  EXPECT_STREQ(g["recurrence"].GetString(), "FREQ=WEEKLY;BYDAY=TU");
  EXPECT_EQ(g["earlyJoinMinutes"].GetInt(), 10);
  EXPECT_EQ(g["graceMinutes"].GetInt(), 5);
  EXPECT_STREQ(g["scheduledTime"].GetString(), "2026-03-03T23:00:00.000Z");  // the seed's field
  ASSERT_TRUE(g["nextSession"].IsObject()) << r.body;
  EXPECT_STREQ(g["nextSession"]["start"].GetString(), "2026-03-03T23:00:00.000Z");
  EXPECT_STREQ(g["nextSession"]["end"].GetString(), "2026-03-04T00:00:00.000Z");

  // A week on, across the change to EDT: still 18:00 local.
  clock_.SetUnixMillis(Ms("2026-03-05T00:00:00Z"));
  Reply got = Call(*handler_, Req("GET", "/api/study-groups/" + std::to_string(g["id"].GetInt64()),
                                  "", AppToken("1")));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_STREQ(got.data()["nextSession"]["start"].GetString(), "2026-03-10T22:00:00.000Z");
  Reply list = Call(*handler_, Req("GET", "/api/study-groups", "", AppToken("1")));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_STREQ(list.data()["groups"][0]["nextSession"]["start"].GetString(),
               "2026-03-10T22:00:00.000Z");
}

TEST_F(ScheduleApiTest, DefaultsAndGroupsWithoutASchedule) {
  Reply r = Create(R"({"title":"Plain"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.data()["earlyJoinMinutes"].GetInt(), 15);
  EXPECT_EQ(r.data()["graceMinutes"].GetInt(), 15);
  EXPECT_TRUE(r.data()["timeZone"].IsNull());
  EXPECT_TRUE(r.data()["recurrence"].IsNull());
  EXPECT_TRUE(r.data()["nextSession"].IsNull());
  // The seed's shape: a scheduledTime alone is one occurrence.
  r = Create(R"({"title":"Once","scheduledTime":"2026-03-02T10:00:00Z","durationMinutes":30})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_STREQ(r.data()["nextSession"]["end"].GetString(), "2026-03-02T10:30:00.000Z");
}

TEST_F(ScheduleApiTest, BadSchedulesAreRefusedNamingTheField) {
  auto message = [&](const std::string& body) {
    Reply r = Create(body);
    EXPECT_EQ(r.status, 400) << r.body;
    return r.status == 400 ? std::string(r.json["error"]["message"].GetString()) : "";
  };
  EXPECT_EQ(
      message(R"({"title":"x","scheduledTime":"2026-03-03T23:00:00Z","timeZone":"Nowhere/X"})")
          .rfind("timeZone: ", 0),
      0u);
  EXPECT_EQ(message(R"({"title":"x","scheduledTime":"2026-03-03T23:00:00Z","recurrence":"WEEKLY"})")
                .rfind("recurrence: ", 0),
            0u);
  EXPECT_EQ(message(R"({"title":"x","recurrence":"FREQ=WEEKLY"})").rfind("scheduledTime: ", 0), 0u);
  EXPECT_EQ(message(R"({"title":"x","earlyJoinMinutes":-1})").rfind("earlyJoinMinutes: ", 0), 0u);
  EXPECT_EQ(message(R"({"title":"x","graceMinutes":100000})").rfind("graceMinutes: ", 0), 0u);
  EXPECT_EQ(message(R"({"title":"x","timeZone":5})").rfind("timeZone: ", 0), 0u);
}

TEST_F(ScheduleApiTest, MembersJoinOnlyInTheWindowModeratorsAlways) {
  Reply r = CreateWeekly();
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string room = r.data()["livekitRoomName"].GetString();
  const std::string id = std::to_string(r.data()["id"].GetInt64());
  ASSERT_EQ(
      Call(*handler_, Req("POST", "/api/study-groups/" + id + "/join", "", AppToken("2"))).status,
      200);

  // Before the window (opens 22:50Z on 2026-03-03).
  clock_.SetUnixMillis(Ms("2026-03-03T22:49:59Z"));
  Reply closed = Token(room, "2");
  ASSERT_EQ(closed.status, 403) << closed.body;
  EXPECT_EQ(closed.error_code(), "outside_schedule");
  EXPECT_STREQ(closed.json["error"]["opensAt"].GetString(), "2026-03-03T22:50:00.000Z");
  EXPECT_EQ(Token(room, "1").status, 503);  // the owner passes (then LiveKit is absent)
  EXPECT_EQ(Token(room, "9").error_code(), "not_a_member");  // membership is checked first

  clock_.SetUnixMillis(Ms("2026-03-03T22:50:00Z"));  // early join
  EXPECT_EQ(Token(room, "2").status, 503);
  clock_.SetUnixMillis(Ms("2026-03-04T00:04:59Z"));  // grace after the 00:00Z end
  EXPECT_EQ(Token(room, "2").status, 503);
  clock_.SetUnixMillis(Ms("2026-03-04T00:05:00Z"));  // closed: next Tuesday, now in EDT
  closed = Token(room, "2");
  ASSERT_EQ(closed.status, 403) << closed.body;
  EXPECT_STREQ(closed.json["error"]["opensAt"].GetString(), "2026-03-10T21:50:00.000Z");
  EXPECT_EQ(Token(room, "admin-user-1").status, 403);  // not a member, not an admin
}

TEST_F(ScheduleApiTest, AGroupWithOnlyAScheduledTimeIsAlwaysOpen) {
  Reply r = Create(R"({"title":"Seed","scheduledTime":"2026-06-01T10:00:00Z"})");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = std::to_string(r.data()["id"].GetInt64());
  ASSERT_EQ(
      Call(*handler_, Req("POST", "/api/study-groups/" + id + "/join", "", AppToken("2"))).status,
      200);
  EXPECT_EQ(Token(r.data()["livekitRoomName"].GetString(), "2").status, 503);
}

TEST_F(ScheduleApiTest, CalendarIsTextCalendarForMembersOnly) {
  Reply r = CreateWeekly();
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = std::to_string(r.data()["id"].GetInt64());
  RestResponse ics =
      handler_->Handle(Req("GET", "/api/study-groups/" + id + "/calendar.ics", "", AppToken("1")));
  ASSERT_EQ(ics.status, 200) << ics.body;
  EXPECT_EQ(ics.Header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_NE(ics.body.find("DTSTART;TZID=America/New_York:20260303T180000\r\n"), std::string::npos)
      << ics.body;
  EXPECT_NE(ics.body.find("URL:https://study.example.org/#/group/" + id + "/call\r\n"),
            std::string::npos)
      << ics.body;
  Reply stranger =
      Call(*handler_, Req("GET", "/api/study-groups/" + id + "/calendar.ics", "", AppToken("5")));
  EXPECT_EQ(stranger.status, 403);
  EXPECT_EQ(stranger.error_code(), "not_a_member");
  Reply plain = Create(R"({"title":"Plain"})");
  Reply none = Call(
      *handler_,
      Req("GET",
          "/api/study-groups/" + std::to_string(plain.data()["id"].GetInt64()) + "/calendar.ics",
          "", AppToken("1")));
  EXPECT_EQ(none.status, 409) << none.body;
  EXPECT_EQ(none.error_code(), "not_scheduled");
}

}  // namespace
}  // namespace lks::testing
