// Admission through the REST handler without LiveKit (a room service at a port where nothing
// listens): the create parser's `admission`, the group JSON's `admission` and `locked`, the
// moderator routes (knocks, admit, deny, lock, unlock) and their refusals, and the lock's effect
// on tokens, which is decided before LiveKit is asked. The waiting room itself needs a live room
// session: tests/integration/admission_integration_test.cc and the e2e suite cover it against a
// real livekit-server.
#include <gtest/gtest.h>

#include "lks/api/rest_handler.h"
#include "lks/livekit/room_service_client.h"
#include "lks/store/open_store.h"
#include "rest_test_util.h"

namespace lks::testing {
namespace {

class AdmissionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenStudyGroupStore("sqlite::memory:");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::shared_ptr<StudyGroupStore>(std::move(*store));
    RoomServiceOptions ro;
    ro.url = "http://127.0.0.1:1";  // nothing listens: connection refused at once
    ro.api_key = "admission_key";
    ro.api_secret = "admission-secret-of-some-length";
    ro.retry.max_attempts = 1;
    auto rooms = RoomServiceClient::Create(ro);
    ASSERT_TRUE(rooms.ok()) << rooms.status().ToString();
    StudyGroupServiceOptions so;
    so.livekit_url = "ws://127.0.0.1:1";
    so.api_key = ro.api_key;
    so.api_secret = ro.api_secret;
    auto service = std::make_shared<StudyGroupService>(store_, std::move(*rooms), so);
    handler_ = std::make_unique<RestHandler>(
        service, std::make_shared<const AppTokenVerifier>(kAppSecret), nullptr);
  }
  Reply Post(const std::string& path, const std::string& user, const std::string& body = "") {
    return Call(*handler_, Req("POST", path, body, AppToken(user)));
  }
  Reply Get(const std::string& path, const std::string& user) {
    return Call(*handler_, Req("GET", path, "", AppToken(user)));
  }
  // A group owned by user 1 with member 2 (and moderator 3 when asked).
  int64_t Group(const std::string& admission = "approval") {
    Reply r = Post("/api/study-groups/create", "1",
                   R"({"title":"Admission","admission":")" + admission + R"("})");
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return 0;
    const int64_t id = r.data()["id"].GetInt64();
    EXPECT_EQ(Post(Path(id, "/join"), "2").status, 200);
    EXPECT_TRUE(store_->AddMember(id, "3", MemberRole::kModerator).ok());
    room_ = r.data()["livekitRoomName"].GetString();
    return id;
  }
  static std::string Path(int64_t id, const std::string& rest) {
    return "/api/study-groups/" + std::to_string(id) + rest;
  }
  Reply Token(const std::string& user) {
    return Post("/api/livekit/token", user, R"({"roomName":")" + room_ + R"("})");
  }

  std::shared_ptr<StudyGroupStore> store_;
  std::unique_ptr<RestHandler> handler_;
  std::string room_;
};

TEST_F(AdmissionTest, CreateTakesAdmissionAndTheGroupJsonShowsItWithTheLock) {
  Reply open = Post("/api/study-groups/create", "1", R"({"title":"Default"})");
  ASSERT_EQ(open.status, 201) << open.body;
  EXPECT_STREQ(open.data()["admission"].GetString(), "open");
  EXPECT_FALSE(open.data()["locked"].GetBool());

  const int64_t id = Group("approval");
  Reply got = Get(Path(id, ""), "2");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_STREQ(got.data()["admission"].GetString(), "approval");
  EXPECT_FALSE(got.data()["locked"].GetBool());

  for (const char* bad : {R"("knock")", "1", "true", R"("")"}) {
    Reply r = Post("/api/study-groups/create", "1",
                   std::string(R"({"title":"Bad","admission":)") + bad + "}");
    EXPECT_EQ(r.status, 400) << bad << ": " << r.body;
    EXPECT_EQ(std::string(r.json["error"]["message"].GetString()).rfind("admission: ", 0), 0u)
        << r.body;
  }
}

TEST_F(AdmissionTest, ModeratorsLockAndUnlockMembersMayNot) {
  const int64_t id = Group("open");
  Reply member = Post(Path(id, "/lock"), "2");
  EXPECT_EQ(member.status, 403) << member.body;
  EXPECT_EQ(member.error_code(), "not_a_moderator");
  Reply stranger = Post(Path(id, "/lock"), "9");
  EXPECT_EQ(stranger.status, 403) << stranger.body;
  EXPECT_EQ(stranger.error_code(), "not_a_member");

  Reply locked = Post(Path(id, "/lock"), "3");  // a moderator
  ASSERT_EQ(locked.status, 200) << locked.body;
  EXPECT_TRUE(locked.data()["locked"].GetBool());
  EXPECT_TRUE(Post(Path(id, "/lock"), "1").data()["locked"].GetBool());  // idempotent
  EXPECT_TRUE(Get(Path(id, ""), "2").data()["locked"].GetBool());

  // While locked a member gets no token, before LiveKit is asked; owners and moderators pass the
  // policy (and then fail creating the room: nothing listens).
  Reply refused = Token("2");
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.error_code(), "locked");
  for (const char* who : {"1", "3"}) {
    Reply r = Token(who);
    EXPECT_EQ(r.status, 503) << who << ": " << r.body;
    EXPECT_EQ(r.error_code(), "livekit_unavailable");
  }
  Reply admin = Call(*handler_, Req("POST", "/api/livekit/token",
                                    R"({"roomName":")" + room_ + R"("})", AppToken("50", "admin")));
  EXPECT_EQ(admin.status, 503) << admin.body;

  Reply unlocked = Post(Path(id, "/unlock"), "1");
  ASSERT_EQ(unlocked.status, 200) << unlocked.body;
  EXPECT_FALSE(unlocked.data()["locked"].GetBool());
  Reply again = Token("2");
  EXPECT_EQ(again.status, 503) << again.body;  // past the lock now
}

TEST_F(AdmissionTest, KnockRoutesAreForModeratorsAndNeedALiveSession) {
  const int64_t id = Group("approval");
  Reply member = Get(Path(id, "/knocks"), "2");
  EXPECT_EQ(member.status, 403) << member.body;
  EXPECT_EQ(member.error_code(), "not_a_moderator");
  for (const char* verb : {"/admit", "/deny"}) {
    Reply r = Post(Path(id, std::string("/knocks/2") + verb), "2");
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.error_code(), "not_a_moderator");
  }

  // No session is live: no knocks, and nothing to admit.
  Reply list = Get(Path(id, "/knocks"), "3");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(list.data()["session"].IsNull());
  EXPECT_EQ(list.data()["total"].GetInt(), 0);
  Reply admit = Post(Path(id, "/knocks/2/admit"), "1");
  EXPECT_EQ(admit.status, 404) << admit.body;
  EXPECT_EQ(admit.error_code(), "knock_not_found");

  // A live session (as its room_started webhook records it) with one knock on it.
  ASSERT_TRUE(store_->OpenRoomSession(id, "RM_live", room_, 1000).ok());
  ASSERT_TRUE(store_->SetRoomSid(id, "RM_live").ok());
  ASSERT_TRUE(store_->RecordKnock(id, "RM_live", "2", "User 2", 2000).ok());
  list = Get(Path(id, "/knocks"), "1");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_STREQ(list.data()["session"].GetString(), "RM_live");
  ASSERT_EQ(list.data()["total"].GetInt(), 1);
  const auto& k = list.data()["knocks"][0];
  EXPECT_STREQ(k["userId"].GetString(), "2");
  EXPECT_STREQ(k["name"].GetString(), "User 2");
  EXPECT_STREQ(k["status"].GetString(), "waiting");
  EXPECT_STREQ(k["knockedAt"].GetString(), "1970-01-01T00:00:02.000Z");

  Reply denied = Post(Path(id, "/knocks/2/deny"), "3");
  ASSERT_EQ(denied.status, 200) << denied.body;
  EXPECT_STREQ(denied.data()["status"].GetString(), "denied");
  EXPECT_STREQ(denied.data()["decidedBy"].GetString(), "3");
  Reply admitted = Post(Path(id, "/knocks/2/admit"), "1");  // deciding again overwrites
  ASSERT_EQ(admitted.status, 200) << admitted.body;
  EXPECT_STREQ(admitted.data()["status"].GetString(), "admitted");
  EXPECT_EQ(Post(Path(id, "/knocks/7/admit"), "1").error_code(), "knock_not_found");

  // The session ends: its knocks are no longer the current ones.
  ASSERT_TRUE(store_->CloseRoomSession("RM_live", 5000).ok());
  list = Get(Path(id, "/knocks"), "1");
  EXPECT_TRUE(list.data()["session"].IsNull()) << list.body;
  EXPECT_EQ(Post(Path(id, "/knocks/2/admit"), "1").error_code(), "knock_not_found");
}

}  // namespace
}  // namespace lks::testing
