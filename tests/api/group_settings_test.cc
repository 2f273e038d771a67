// PATCH /api/study-groups/:id through the REST handler over a real SQLite store and a fixed
// service clock: a partial update answers the updated group with updatedAt bumped, create's checks
// and messages name the field, fixed fields are refused, null removes the optional settings, and
// only owners and admins may change settings (members and moderators 403, outsiders not_a_member,
// unknown groups 404).
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/iso_time.h"
#include "lks/api/rest_handler.h"
#include "lks/core/clock.h"
#include "lks/livekit/room_service_client.h"
#include "lks/store/open_store.h"
#include "rest_test_util.h"

namespace lks::testing {
namespace {

int64_t Ms(const char* iso) { return internal::ParseIsoTimeMs(iso, "t").value(); }

class GroupSettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenStudyGroupStore("sqlite::memory:");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::shared_ptr<StudyGroupStore>(std::move(*store));
    RoomServiceOptions ro;
    ro.url = "http://127.0.0.1:1";  // nothing listens: settings never ask LiveKit
    ro.api_key = "settings_key";
    ro.api_secret = "settings-secret-of-some-length";
    ro.retry.max_attempts = 1;
    auto rooms = RoomServiceClient::Create(ro);
    ASSERT_TRUE(rooms.ok()) << rooms.status().ToString();
    StudyGroupServiceOptions so;
    so.livekit_url = "ws://127.0.0.1:1";
    so.api_key = ro.api_key;
    so.api_secret = ro.api_secret;
    so.clock = &clock_;
    auto service = std::make_shared<StudyGroupService>(store_, std::move(*rooms), so);
    handler_ = std::make_unique<RestHandler>(
        service, std::make_shared<const AppTokenVerifier>(kAppSecret), nullptr);
  }
  Reply Send(const std::string& method, const std::string& path, const std::string& body,
             const std::string& user, const std::string& role = "") {
    return Call(*handler_, Req(method, path, body, AppToken(user, role)));
  }
  Reply Patch(int64_t id, const std::string& body, const std::string& user = "1",
              const std::string& role = "") {
    return Send("PATCH", "/api/study-groups/" + std::to_string(id), body, user, role);
  }
  // A group owned by user 1 with member 2 and moderator 3.
  int64_t Group() {
    Reply r = Send("POST", "/api/study-groups/create",
                   R"({"title":"Before","description":"d","maxParticipants":5})", "1");
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return 0;
    const int64_t id = r.data()["id"].GetInt64();
    EXPECT_TRUE(store_->AddMember(id, "2", MemberRole::kMember).ok());
    EXPECT_TRUE(store_->AddMember(id, "3", MemberRole::kModerator).ok());
    return id;
  }
  static std::string Message(const Reply& r) {
    return r.status == 400 ? std::string(r.json["error"]["message"].GetString()) : r.body;
  }

  ManualClock clock_{Ms("2026-03-01T12:00:00Z")};
  std::shared_ptr<StudyGroupStore> store_;
  std::unique_ptr<RestHandler> handler_;
};

TEST_F(GroupSettingsTest, APartialUpdateAnswersTheUpdatedGroupWithUpdatedAtBumped) {
  const int64_t id = Group();
  Reply before = Send("GET", "/api/study-groups/" + std::to_string(id), "", "1");
  ASSERT_EQ(before.status, 200) << before.body;
  std::this_thread::sleep_for(std::chrono::milliseconds(5));  // the store stamps its own clock
  Reply r = Patch(id, R"({"title":"After","maxParticipants":8,"admission":"approval",)"
                      R"("recordingConsent":true,"e2ee":true,"transcriptionAgent":"scribe",)"
                      R"("unknownField":1})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json["success"].GetBool());
  const auto& g = r.data();
  EXPECT_STREQ(g["title"].GetString(), "After");
  EXPECT_STREQ(g["description"].GetString(), "d");  // not named: unchanged
  EXPECT_EQ(g["maxParticipants"].GetInt(), 8);
  EXPECT_STREQ(g["admission"].GetString(), "approval");
  EXPECT_TRUE(g["recordingConsent"].GetBool());
  EXPECT_TRUE(g["e2ee"].GetBool());
  EXPECT_STREQ(g["transcriptionAgent"].GetString(), "scribe");
  EXPECT_GT(std::string(g["updatedAt"].GetString()), before.data()["updatedAt"].GetString());
  EXPECT_STREQ(g["createdAt"].GetString(), before.data()["createdAt"].GetString());
  EXPECT_STREQ(g["livekitRoomName"].GetString(), before.data()["livekitRoomName"].GetString());
  Reply got = Send("GET", "/api/study-groups/" + std::to_string(id), "", "2");
  EXPECT_STREQ(got.data()["title"].GetString(), "After");
  EXPECT_STREQ(got.data()["transcriptionAgent"].GetString(), "scribe");
}

TEST_F(GroupSettingsTest, TheScheduleIsCheckedAsItWillBeAndNullRemovesIt) {
  const int64_t id = Group();
  // A recurrence needs a start: the stored group has none.
  EXPECT_EQ(
      Message(Patch(id, R"({"recurrence":"FREQ=WEEKLY;BYDAY=TU"})")).rfind("scheduledTime: ", 0),
      0u);
  Reply weekly =
      Patch(id, R"({"scheduledTime":"2026-03-03T23:00:00Z",)"
                R"("timeZone":"America/New_York","recurrence":"RRULE:FREQ=WEEKLY;BYDAY=TU",)"
                R"("durationMinutes":60,"earlyJoinMinutes":10,"graceMinutes":5})");
  ASSERT_EQ(weekly.status, 200) << weekly.body;
  EXPECT_STREQ(weekly.data()["recurrence"].GetString(), "FREQ=WEEKLY;BYDAY=TU");
  EXPECT_STREQ(weekly.data()["timeZone"].GetString(), "America/New_York");
  EXPECT_STREQ(weekly.data()["nextSession"]["start"].GetString(), "2026-03-03T23:00:00.000Z");
  // Removing the start while the recurrence stays is refused, as create refuses it.
  EXPECT_EQ(Message(Patch(id, R"({"scheduledTime":null})")).rfind("scheduledTime: ", 0), 0u);
  // A new zone is checked against the stored recurrence and start.
  EXPECT_EQ(Message(Patch(id, R"({"timeZone":"Nowhere/X"})")).rfind("timeZone: ", 0), 0u);
  Reply cleared = Patch(id, R"({"recurrence":null,"timeZone":"","transcriptionAgent":null})");
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(cleared.data()["recurrence"].IsNull()) << cleared.body;
  EXPECT_TRUE(cleared.data()["timeZone"].IsNull()) << cleared.body;
  EXPECT_TRUE(cleared.data()["transcriptionAgent"].IsNull()) << cleared.body;
  // A one-off date stays, so does its nextSession; removing it leaves no schedule.
  EXPECT_STREQ(cleared.data()["nextSession"]["start"].GetString(), "2026-03-03T23:00:00.000Z");
  Reply unscheduled = Patch(id, R"({"scheduledTime":null})");
  ASSERT_EQ(unscheduled.status, 200) << unscheduled.body;
  EXPECT_TRUE(unscheduled.data()["scheduledTime"].IsNull()) << unscheduled.body;
  EXPECT_TRUE(unscheduled.data()["nextSession"].IsNull()) << unscheduled.body;
}

TEST_F(GroupSettingsTest, CreatesChecksAndMessagesNameTheField) {
  const int64_t id = Group();
  auto starts = [&](const std::string& body, const std::string& field) {
    Reply r = Patch(id, body);
    EXPECT_EQ(r.status, 400) << body << " " << r.body;
    EXPECT_EQ(Message(r).rfind(field + ": ", 0), 0u) << body << " " << Message(r);
  };
  starts(R"({"title":""})", "title");
  starts(R"({"title":null})", "title");
  starts(R"({"title":5})", "title");
  starts(R"({"maxParticipants":0})", "maxParticipants");
  starts(R"({"maxParticipants":"8"})", "maxParticipants");
  starts(R"({"durationMinutes":-1})", "durationMinutes");
  starts(R"({"earlyJoinMinutes":-1})", "earlyJoinMinutes");
  starts(R"({"graceMinutes":100000})", "graceMinutes");
  starts(R"({"admission":"knock"})", "admission");
  starts(R"({"recordingConsent":"yes"})", "recordingConsent");
  starts(R"({"e2ee":1})", "e2ee");
  starts(R"({"scheduledTime":"tomorrow"})", "scheduledTime");
  starts(R"({"transcriptionAgent":7})", "transcriptionAgent");
  for (const char* fixed : {"videoProvider", "useLiveKit", "meetLink", "meetId", "livekitRoomName"})
    starts(std::string(R"({")") + fixed + R"(":"x"})", fixed);
  starts(R"({})", "body");
  starts(R"({"unknownField":1})", "body");
  starts(R"([1])", "body");
  // Capacity below the member count (3) is the store's 409.
  Reply low = Patch(id, R"({"maxParticipants":2})");
  EXPECT_EQ(low.status, 409) << low.body;
  EXPECT_NE(low.body.find("maxParticipants"), std::string::npos) << low.body;
  // Nothing changed.
  Reply got = Send("GET", "/api/study-groups/" + std::to_string(id), "", "1");
  EXPECT_STREQ(got.data()["title"].GetString(), "Before");
  EXPECT_EQ(got.data()["maxParticipants"].GetInt(), 5);
}

TEST_F(GroupSettingsTest, OnlyOwnersAndAdminsChangeSettings) {
  const int64_t id = Group();
  Reply member = Patch(id, R"({"title":"x"})", "2");
  EXPECT_EQ(member.status, 403) << member.body;
  EXPECT_EQ(member.error_code(), "not_an_owner");
  Reply moderator = Patch(id, R"({"recordingConsent":true})", "3");
  EXPECT_EQ(moderator.status, 403) << moderator.body;
  EXPECT_EQ(moderator.error_code(), "not_an_owner");
  Reply outsider = Patch(id, R"({"title":"x"})", "9");
  EXPECT_EQ(outsider.status, 403) << outsider.body;
  EXPECT_EQ(outsider.error_code(), "not_a_member");
  Reply admin = Patch(id, R"({"title":"By admin"})", "9", "admin");
  ASSERT_EQ(admin.status, 200) << admin.body;
  EXPECT_STREQ(admin.data()["title"].GetString(), "By admin");
  EXPECT_EQ(Patch(999, R"({"title":"x"})").status, 404);
  EXPECT_EQ(Patch(999, R"({"title":"x"})", "1", "admin").status, 404);
  EXPECT_EQ(Send("PATCH", "/api/study-groups/abc", R"({"title":"x"})", "1").status, 400);
  RestResponse put = handler_->Handle(
      Req("PUT", "/api/study-groups/" + std::to_string(id), R"({"title":"x"})", AppToken("1")));
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(put.Header("Allow"), "GET, PATCH");
  RestRequest anonymous =
      Req("PATCH", "/api/study-groups/" + std::to_string(id), R"({"title":"x"})");
  EXPECT_EQ(Call(*handler_, anonymous).status, 401);
}

}  // namespace
}  // namespace lks::testing
