// The store's JSON form: ISO-8601 times, field-naming errors, a round trip through the codec.
#include "store/store_json.h"

#include <gtest/gtest.h>

#include "core/iso_time.h"
#include "lks/store/open_store.h"

namespace lks::store {
namespace {

TEST(StoreJson, IsoTimesRoundTrip) {
  EXPECT_EQ(internal::FormatIsoTimeMs(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(internal::FormatIsoTimeMs(1760554800123), "2025-10-15T19:00:00.123Z");
  EXPECT_EQ(*internal::ParseIsoTimeMs("2025-10-15T19:00:00.000Z", "t", internal::IsoTimeForm::kUtc),
            1760554800000);
  EXPECT_EQ(*internal::ParseIsoTimeMs("2025-10-15T19:00:00Z", "t", internal::IsoTimeForm::kUtc),
            1760554800000);
  EXPECT_EQ(*internal::ParseIsoTimeMs("2025-10-15T19:00:00.5Z", "t", internal::IsoTimeForm::kUtc),
            1760554800500);
  EXPECT_EQ(
      *internal::ParseIsoTimeMs("2025-10-15T19:00:00.123456Z", "t", internal::IsoTimeForm::kUtc),
      1760554800123);
  for (int64_t ms : {int64_t{1}, int64_t{951782400999}, int64_t{4102444799000}}) {
    EXPECT_EQ(
        *internal::ParseIsoTimeMs(internal::FormatIsoTimeMs(ms), "t", internal::IsoTimeForm::kUtc),
        ms);
  }
}

TEST(StoreJson, BadTimesNameTheField) {
  for (const char* bad :
       {"", "2025-10-15", "2025-10-15T19:00:00", "2025-13-01T00:00:00Z", "2025-10-15T19:00:00.Z",
        "2025-10-15 19:00:00Z", "2025-10-15T19:00:00+01:00", "x025-10-15T19:00:00Z",
        "2025-02-31T00:00:00Z"}) {
    auto r = internal::ParseIsoTimeMs(bad, "scheduledTime", internal::IsoTimeForm::kUtc);
    ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(r.status().message().rfind("scheduledTime:", 0), 0u);
  }
}

TEST(StoreJson, OperationsSpeakCamelCaseJson) {
  ManualClock clock(1760554800000);
  StoreOptions options;
  options.clock = &clock;
  auto store = OpenStudyGroupStore("sqlite::memory:", options);
  ASSERT_TRUE(store.ok());
  std::string out;
  ASSERT_TRUE(ExecuteStoreOperation(
                  **store, "createGroup",
                  R"({"group":{"title":"T","maxParticipants":3,"scheduledTime":1760558400000,
                                        "videoProvider":"google_meet","useLiveKit":false,
                                        "meetLink":"https://meet.google.com/a"},"ownerUserId":"u1"})",
                  &out)
                  .ok());
  EXPECT_EQ(
      out,
      R"({"id":1,"title":"T","description":"","maxParticipants":3,"scheduledTime":"2025-10-15T20:00:00.000Z",)"
      R"("durationMinutes":60,"videoProvider":"google_meet","useLiveKit":false,"livekitRoomName":null,)"
      R"("livekitRoomSid":null,"meetLink":"https://meet.google.com/a","meetId":null,"createdBy":"u1",)"
      R"("createdAt":"2025-10-15T19:00:00.000Z","updatedAt":"2025-10-15T19:00:00.000Z",)"
      R"("timeZone":null,"recurrence":null,"earlyJoinMinutes":15,"graceMinutes":15,)"
      R"("admission":"open","locked":false,"recordingConsent":false,"e2ee":false,)"
      R"("transcriptionAgent":null,"breakoutsOpen":false})");

  out.clear();
  Status s = ExecuteStoreOperation(**store, "addMember", R"({"groupId":1})", &out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "userId: required");
  s = ExecuteStoreOperation(**store, "addMember", R"({"groupId":1,"userId":"u2","role":"admin"})",
                            &out);
  EXPECT_EQ(s.message().rfind("role:", 0), 0u) << s.message();
  s = ExecuteStoreOperation(**store, "createGroup", R"({"group":{"title":7},"ownerUserId":"u"})",
                            &out);
  EXPECT_EQ(s.message().rfind("group.title:", 0), 0u) << s.message();
  s = ExecuteStoreOperation(**store, "getGroup", "[1]", &out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  s = ExecuteStoreOperation(**store, "dropTables", "{}", &out);
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);

  out.clear();
  ASSERT_TRUE(
      ExecuteStoreOperation(**store, "listGroupsForMember", R"({"userId":"u1","limit":10})", &out)
          .ok());
  rapidjson::Document doc;
  ASSERT_TRUE(internal::ParseJson(out, &doc, "out").ok());
  StudyGroup g;
  ASSERT_TRUE(ReadGroup(doc["groups"][0], &g).ok());
  EXPECT_EQ(g, *(*store)->GetGroup(1));

  // The waiting room's operations.
  out.clear();
  ASSERT_TRUE(ExecuteStoreOperation(**store, "recordKnock",
                                    R"({"groupId":1,"session":"s1","userId":"u2","name":"Jane",)"
                                    R"("knockedAt":"2025-10-15T19:00:00.000Z"})",
                                    &out)
                  .ok());
  EXPECT_EQ(out, R"({"groupId":1,"session":"s1","userId":"u2","name":"Jane","status":"waiting",)"
                 R"("knockedAt":"2025-10-15T19:00:00.000Z","decidedAt":null,"decidedBy":null})");
  out.clear();
  ASSERT_TRUE(
      ExecuteStoreOperation(**store, "decideKnock",
                            R"({"groupId":1,"session":"s1","userId":"u2",)"
                            R"("status":"admitted","decidedBy":"u1","decidedAt":1760554860000})",
                            &out)
          .ok());
  EXPECT_NE(out.find(R"("status":"admitted")"), std::string::npos) << out;
  s = ExecuteStoreOperation(**store, "decideKnock",
                            R"({"groupId":1,"session":"s1","userId":"u2","status":"maybe",)"
                            R"("decidedAt":0})",
                            &out);
  EXPECT_EQ(s.message().rfind("status:", 0), 0u) << s.message();
  out.clear();
  ASSERT_TRUE(
      ExecuteStoreOperation(**store, "listKnocks", R"({"groupId":1,"session":"s1"})", &out).ok());
  ASSERT_TRUE(internal::ParseJson(out, &doc, "out").ok());
  Knock k;
  ASSERT_TRUE(ReadKnock(doc["knocks"][0], &k).ok());
  EXPECT_EQ(k, *(*store)->GetKnock(1, "s1", "u2"));
}

}  // namespace
}  // namespace lks::store
