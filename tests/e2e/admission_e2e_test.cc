// End to end: a scheduled group with a waiting room (docs/rest-api.md "Schedules", "Admission")
// through `lkstudy serve` in front of a real livekit-server: the join window, then the waiting
// room and the lock, with a real WebRTC participant joining once admitted.
// Runs inside tests/integration/run_in_netns.sh; skips (and says why) outside it.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <string>

#include "e2e_fixture.h"
#include "test_participant.h"

namespace lks::testing {
namespace {

using std::chrono::seconds;

class AdmissionE2e : public ServeWithLiveKitTest {
 protected:
  AdmissionE2e() : ServeWithLiveKitTest("lks-e2e-adm-") {}
  using ServeWithLiveKitTest::Token;
  HttpReply Token(const std::string& user) const { return Token(user, room_); }
  HttpReply Post(const std::string& path, const std::string& user) {
    return Http("POST", U("/api/study-groups/" + gid_ + path), "", E2eAppToken(user));
  }

  std::string gid_, room_;
};

// ISO 8601 (UTC, whole minutes) of `base` + `offset`.
std::string IsoAt(std::chrono::system_clock::time_point base, std::chrono::minutes offset) {
  const std::time_t t = std::chrono::system_clock::to_time_t(base + offset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:00.000Z", &tm);
  return buf;
}

// A group that meets every day in Berlin at `start`, for two hours, with a waiting room.
std::string ScheduledApprovalGroup(const std::string& start) {
  return R"({"title":"Waiting room","useLiveKit":true,"admission":"approval",)"
         R"("timeZone":"Europe/Berlin","recurrence":"FREQ=DAILY","durationMinutes":120,)"
         R"("scheduledTime":")" +
         start + R"("})";
}

TEST_F(AdmissionE2e, ScheduledApprovalGroupAdmitsDeniesAndLocks) {
  // Outside the join window (today's meeting starts in three hours): members are told when the
  // window opens (15 minutes before), the owner may open the room at any time.
  const auto now = std::chrono::system_clock::now();
  HttpReply later =
      Http("POST", U("/api/study-groups/create"),
           ScheduledApprovalGroup(IsoAt(now, std::chrono::hours(3))), E2eAppToken("15"));
  ASSERT_EQ(later.status, 201) << later.body;
  const std::string later_room = later.data()["livekitRoomName"].GetString();
  ASSERT_EQ(Http("POST",
                 U("/api/study-groups/" + std::to_string(later.data()["id"].GetInt64()) + "/join"),
                 "", E2eAppToken("16"))
                .status,
            200);
  HttpReply closed = Http("POST", U("/api/livekit/token"),
                          R"({"roomName":")" + later_room + R"("})", E2eAppToken("16"));
  EXPECT_EQ(closed.status, 403) << closed.body;
  EXPECT_EQ(closed.error_code(), "outside_schedule");
  EXPECT_EQ(std::string(closed.json["error"]["opensAt"].GetString()),
            IsoAt(now, std::chrono::minutes(165)))
      << closed.body;
  EXPECT_EQ(Http("POST", U("/api/livekit/token"), R"({"roomName":")" + later_room + R"("})",
                 E2eAppToken("15"))
                .status,
            200);

  // Inside the window (today's meeting began ten minutes ago): the waiting room applies.
  HttpReply g =
      Http("POST", U("/api/study-groups/create"),
           ScheduledApprovalGroup(IsoAt(now, std::chrono::minutes(-10))), E2eAppToken("15"));
  ASSERT_EQ(g.status, 201) << g.body;
  EXPECT_STREQ(g.data()["admission"].GetString(), "approval");
  EXPECT_TRUE(g.data()["nextSession"].IsObject()) << g.body;
  gid_ = std::to_string(g.data()["id"].GetInt64());
  room_ = g.data()["livekitRoomName"].GetString();
  for (const char* u : {"16", "17", "18"}) ASSERT_EQ(Post("/join", u).status, 200);

  // 16 asks before anyone opened the room: 202 waiting, the knock recorded once.
  HttpReply wait = Token("16");
  ASSERT_EQ(wait.status, 202) << wait.body;
  EXPECT_STREQ(wait.json["status"].GetString(), "waiting");
  EXPECT_STREQ(wait.data()["status"].GetString(), "waiting");
  EXPECT_FALSE(wait.data().HasMember("token"));
  EXPECT_EQ(wait.Header("Retry-After"), "5");
  const std::string session = wait.data()["session"].GetString();
  EXPECT_EQ(session.rfind("RM_", 0), 0u) << session;  // the LiveKit room session it opened
  ASSERT_EQ(Token("16").status, 202);                 // asking again changes nothing
  ASSERT_EQ(Token("17").status, 202);

  // The owner is never held and sees both knocks on that session.
  HttpReply owner = Token("15");
  ASSERT_EQ(owner.status, 200) << owner.body;
  HttpReply knocks = Http("GET", U("/api/study-groups/" + gid_ + "/knocks"), "", E2eAppToken("15"));
  ASSERT_EQ(knocks.status, 200) << knocks.body;
  EXPECT_EQ(std::string(knocks.data()["session"].GetString()), session);
  ASSERT_EQ(knocks.data()["total"].GetInt(), 2) << knocks.body;
  EXPECT_STREQ(knocks.data()["knocks"][0]["userId"].GetString(), "16");
  EXPECT_STREQ(knocks.data()["knocks"][0]["name"].GetString(), "Member 16");
  EXPECT_STREQ(knocks.data()["knocks"][0]["status"].GetString(), "waiting");
  // A member may not decide.
  EXPECT_EQ(Post("/knocks/16/admit", "17").error_code(), "not_a_moderator");

  // Admitted: 16's next request gets a token and a real participant joins with it.
  HttpReply admit = Post("/knocks/16/admit", "15");
  ASSERT_EQ(admit.status, 200) << admit.body;
  EXPECT_STREQ(admit.data()["status"].GetString(), "admitted");
  HttpReply t16 = Token("16");
  ASSERT_EQ(t16.status, 200) << t16.body;
  std::string error;
  auto p16 =
      TestParticipant::Join(livekit_->ws_url(), t16.data()["token"].GetString(), false, &error);
  ASSERT_TRUE(p16) << error;
  EXPECT_TRUE(PollUntil(
      [&] {
        HttpReply r = Http("GET", U("/api/livekit/rooms/" + room_), "", E2eAppToken("15"));
        return r.status == 200 && r.body.find("\"identity\":\"user_16\"") != std::string::npos;
      },
      seconds(30)));

  // Denied: 403 denied for this session, every time.
  ASSERT_EQ(Post("/knocks/17/deny", "15").status, 200);
  for (int i = 0; i < 2; ++i) {
    HttpReply d = Token("17");
    EXPECT_EQ(d.status, 403) << d.body;
    EXPECT_EQ(d.error_code(), "denied");
  }

  // Locked: a new member gets 403 locked; the owner still gets a token; 16 (admitted) as well
  // is held by the lock, which comes before admission.
  ASSERT_TRUE(Post("/lock", "15").data()["locked"].GetBool());
  HttpReply locked = Token("18");
  EXPECT_EQ(locked.status, 403) << locked.body;
  EXPECT_EQ(locked.error_code(), "locked");
  EXPECT_EQ(Token("16").error_code(), "locked");
  EXPECT_EQ(Token("15").status, 200);
  ASSERT_FALSE(Post("/unlock", "15").data()["locked"].GetBool());
  EXPECT_EQ(Token("18").status, 202);  // unlocked: back to the waiting room
  EXPECT_EQ(Token("16").status, 200);  // still admitted to this session

  // The session ends: admission lasted for it only.
  p16->Leave();
  ASSERT_EQ(Http("DELETE", U("/api/livekit/rooms/" + room_), "", E2eAppToken("15")).status, 200);
  HttpReply next = Token("16");
  EXPECT_EQ(next.status, 202) << next.body;
  EXPECT_NE(std::string(next.data()["session"].GetString()), session);
}

}  // namespace
}  // namespace lks::testing
