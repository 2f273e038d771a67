// Who gets a LiveKit token for which room (POST /api/livekit/token), over a real SQLite store and a
// room service client whose LiveKit is not there: a request that passes the policy for a group's
// room then fails creating the room (503), while ad-hoc rooms need no LiveKit call at all.
#include <gtest/gtest.h>

#include "lks/api/rest_handler.h"
#include "lks/core/clock.h"
#include "lks/livekit/token_verifier.h"
#include "rest_test_util.h"

namespace lks::testing {
namespace {

constexpr char kKey[] = "policy_key";
constexpr char kSecret[] = "policy-secret-of-some-length";

class TokenPolicyTest : public ::testing::Test {
 protected:
  void SetUp() override { MakeServiceWithoutLiveKit(&service_, &handler_, kKey, kSecret); }
  Reply Token(const std::string& room, const std::string& app_token) {
    return Call(*handler_,
                Req("POST", "/api/livekit/token",
                    R"({"roomName":")" + room + R"(","participantName":"Test User"})", app_token));
  }
  std::string GroupRoom(const std::string& owner) {
    Reply r = Call(*handler_, Req("POST", "/api/study-groups/create",
                                  R"({"title":"Policy","maxParticipants":4})", AppToken(owner)));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.data()["livekitRoomName"].GetString() : "";
  }

  std::shared_ptr<StudyGroupService> service_;
  std::unique_ptr<RestHandler> handler_;
};

TEST_F(TokenPolicyTest, AdminsGetTheSeedGrantsForAdHocRooms) {
  // The seed's "Test Token Generation": an admin, a room no group owns (made by POST
  // /api/livekit/rooms, or by LiveKit on the first join).
  Reply r = Token("test_room", AppToken("1", "admin"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_STREQ(r.data()["roomName"].GetString(), "test_room");
  EXPECT_STREQ(r.data()["identity"].GetString(), "user_1");
  EXPECT_STREQ(r.data()["participantName"].GetString(), "Test User");
  EXPECT_STREQ(r.data()["serverUrl"].GetString(), "ws://127.0.0.1:1");

  StatusOr<VerifiedToken> t = TokenVerifier(kKey, kSecret).Verify(r.data()["token"].GetString());
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_TRUE(t->grants.video);
  VideoGrant want;
  want.room_join = true;
  want.room = "test_room";
  want.can_publish = true;
  want.can_subscribe = true;
  want.can_publish_data = true;
  want.can_update_own_metadata = true;
  EXPECT_EQ(*t->grants.video, want);  // exactly the seed's grants: no roomAdmin, no roomCreate
  EXPECT_EQ(t->grants.identity, "user_1");
  EXPECT_EQ(t->grants.metadata, R"({"userId":1,"email":"1@example.com"})");
}

TEST_F(TokenPolicyTest, OthersGetNoTokenForAdHocRooms) {
  Reply r = Token("test_room", AppToken("15"));
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.error_code(), "room_not_found");
  Reply m = Token("test_room", AppToken("15", "moderator"));  // an app role other than admin
  EXPECT_EQ(m.status, 404) << m.body;
}

TEST_F(TokenPolicyTest, AdminsPassThePolicyForGroupRoomsMembersOnlyForTheirs) {
  const std::string room = GroupRoom("15");
  ASSERT_FALSE(room.empty());
  // A non-member is refused before LiveKit is asked.
  Reply stranger = Token(room, AppToken("16"));
  EXPECT_EQ(stranger.status, 403) << stranger.body;
  EXPECT_EQ(stranger.error_code(), "not_a_member");
  // The owner and an admin who is no member pass the policy; creating the room then fails.
  for (const std::string& who : {AppToken("15"), AppToken("2", "admin")}) {
    Reply r = Token(room, who);
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_EQ(r.error_code(), "livekit_unavailable") << r.body;
  }
}

// An end-to-end encrypted group on a service without a master secret: a configuration error
// (503), said before LiveKit is asked, naming the setting.
TEST_F(TokenPolicyTest, EncryptedGroupsNeedAMasterSecret) {
  Reply g = Call(*handler_, Req("POST", "/api/study-groups/create",
                                R"({"title":"Sensitive","e2ee":true})", AppToken("15")));
  ASSERT_EQ(g.status, 201) << g.body;
  EXPECT_TRUE(g.data()["e2ee"].GetBool());
  Reply r = Token(g.data()["livekitRoomName"].GetString(), AppToken("15"));
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.error_code(), "e2ee_not_configured") << r.body;
  EXPECT_NE(r.body.find("LKS_E2EE_MASTER_SECRET"), std::string::npos) << r.body;
}

// Join tokens are short-lived (15 minutes by default) and the answer says when the token expires.
TEST_F(TokenPolicyTest, JoinTokensLastFifteenMinutesAndSayWhen) {
  const ManualClock clock(1700000000000);  // 2023-11-14T22:13:20Z
  StudyGroupServiceOptions so;
  so.clock = &clock;
  EXPECT_EQ(so.token_ttl, std::chrono::minutes(15));
  std::shared_ptr<StudyGroupService> service;  // an ad-hoc room's token needs no LiveKit call
  std::unique_ptr<RestHandler> handler;
  ASSERT_NO_FATAL_FAILURE(MakeServiceWithoutLiveKit(&service, &handler, kKey, kSecret, so));
  Reply r = Call(*handler, Req("POST", "/api/livekit/token", R"({"roomName":"test_room"})",
                               AppToken("1", "admin")));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_STREQ(r.data()["expiresAt"].GetString(), "2023-11-14T22:28:20.000Z");
  TokenVerifier verifier(kKey, kSecret);
  verifier.set_clock(clock);
  StatusOr<VerifiedToken> t = verifier.Verify(r.data()["token"].GetString());
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->expires_at, 1700000000 + 15 * 60);  // the exp the answer names
}

}  // namespace
}  // namespace lks::testing
