// The conformance suite's tests of schema version 2 (schedules, admission and lock on groups, the
// waiting room's knocks, the attendance source); instantiated for every backend with the rest of
// the suite in conformance_test.cc.
#include <string>
#include <vector>

#include "conformance_fixture.h"

namespace lks {
namespace {

using testing::kT0;
using testing::StoreConformance;

TEST_P(StoreConformance, ScheduleAdmissionAndLockRoundTrip) {
  // A new group without them: no schedule, the default window, open, unlocked.
  StudyGroup plain = MustCreate(Group("plain"));
  EXPECT_FALSE(plain.time_zone.has_value());
  EXPECT_FALSE(plain.recurrence.has_value());
  EXPECT_EQ(plain.early_join_minutes, 15);
  EXPECT_EQ(plain.grace_minutes, 15);
  EXPECT_EQ(plain.admission, Admission::kOpen);
  EXPECT_FALSE(plain.locked);
  EXPECT_EQ(*store_->GetGroup(plain.id), plain);

  NewStudyGroup in = Group("weekly");
  in.time_zone = "America/New_York";
  in.recurrence = "FREQ=WEEKLY;BYDAY=TU,TH;INTERVAL=2;COUNT=10";
  in.early_join_minutes = 5;
  in.grace_minutes = 30;
  in.admission = Admission::kApproval;
  StudyGroup g = MustCreate(in);
  auto got = store_->GetGroup(g.id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, g);
  EXPECT_EQ(got->time_zone, in.time_zone);
  EXPECT_EQ(got->recurrence, in.recurrence);
  EXPECT_EQ(got->early_join_minutes, 5);
  EXPECT_EQ(got->grace_minutes, 30);
  EXPECT_EQ(got->admission, Admission::kApproval);
  EXPECT_EQ(store_->ListGroupsForMember("owner-1", 0, 10)->groups.back(), g);

  // Lock, then change only the rule: the other fields stay.
  StudyGroupUpdate lock;
  lock.locked = true;
  auto locked = store_->UpdateGroup(g.id, lock);
  ASSERT_TRUE(locked.ok()) << locked.status().ToString();
  EXPECT_TRUE(locked->locked);
  StudyGroupUpdate u;
  u.recurrence = "FREQ=DAILY;UNTIL=20261231T235959Z";
  u.admission = Admission::kOpen;
  u.grace_minutes = 0;
  auto updated = store_->UpdateGroup(g.id, u);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(*store_->GetGroup(g.id), *updated);
  EXPECT_TRUE(updated->locked);
  EXPECT_EQ(updated->time_zone, in.time_zone);
  EXPECT_EQ(updated->recurrence, u.recurrence);
  EXPECT_EQ(updated->admission, Admission::kOpen);
  EXPECT_EQ(updated->grace_minutes, 0);
  EXPECT_EQ(updated->early_join_minutes, 5);
  StudyGroupUpdate unlock;
  unlock.locked = false;
  EXPECT_FALSE(store_->UpdateGroup(g.id, unlock)->locked);
}

TEST_P(StoreConformance, ScheduleBadInputNamesTheField) {
  struct Case {
    std::string field;
    NewStudyGroup group;
  };
  std::vector<Case> cases;
  NewStudyGroup g = Group("x");
  g.time_zone = std::string(65, 'z');
  cases.push_back({"timeZone", g});
  g = Group("x");
  g.recurrence = std::string("FREQ=DAILY\xFF");
  cases.push_back({"recurrence", g});
  g = Group("x");
  g.early_join_minutes = -1;
  cases.push_back({"earlyJoinMinutes", g});
  g = Group("x");
  g.grace_minutes = kMaxJoinWindowMinutes + 1;
  cases.push_back({"graceMinutes", g});
  for (const Case& c : cases) {
    auto r = store_->CreateGroup(c.group, "owner-1");
    ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.field;
    EXPECT_EQ(r.status().message().rfind(c.field + ":", 0), 0u) << r.status().message();
  }
  StudyGroup ok = MustCreate(Group("ok"));
  StudyGroupUpdate u;
  u.early_join_minutes = kMaxJoinWindowMinutes + 1;
  EXPECT_EQ(store_->UpdateGroup(ok.id, u).status().message().rfind("earlyJoinMinutes:", 0), 0u);
}

TEST_P(StoreConformance, KnocksWaitUntilDecided) {
  StudyGroup g = MustCreate(Group("waiting room"));
  const std::string s1 = "2025-10-15T19:00:00Z";
  auto k = store_->RecordKnock(g.id, s1, "u1", "Jane Smith", kT0);
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  EXPECT_EQ(k->status, KnockStatus::kWaiting);
  EXPECT_EQ(k->name, "Jane Smith");
  EXPECT_EQ(k->knocked_at_ms, kT0);
  EXPECT_FALSE(k->decided_at_ms.has_value());
  EXPECT_FALSE(k->decided_by.has_value());
  // Knocking again changes nothing.
  auto again = store_->RecordKnock(g.id, s1, "u1", "Jane", kT0 + 5000);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *k);
  ASSERT_TRUE(store_->RecordKnock(g.id, s1, "u2", "", kT0 + 1000).ok());
  ASSERT_TRUE(store_->RecordKnock(g.id, "other-session", "u3", "", kT0).ok());

  auto list = store_->ListKnocks(g.id, s1);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].user_id, "u1");
  EXPECT_EQ((*list)[1].user_id, "u2");

  auto admitted = store_->DecideKnock(g.id, s1, "u1", KnockStatus::kAdmitted, "owner-1", kT0 + 9);
  ASSERT_TRUE(admitted.ok()) << admitted.status().ToString();
  EXPECT_EQ(admitted->status, KnockStatus::kAdmitted);
  EXPECT_EQ(admitted->decided_by, std::optional<std::string>("owner-1"));
  EXPECT_EQ(admitted->decided_at_ms, std::optional<int64_t>(kT0 + 9));
  EXPECT_EQ(*store_->GetKnock(g.id, s1, "u1"), *admitted);
  // A repeated knock of an admitted user keeps the decision.
  EXPECT_EQ(store_->RecordKnock(g.id, s1, "u1", "", kT0 + 10)->status, KnockStatus::kAdmitted);
  auto denied = store_->DecideKnock(g.id, s1, "u2", KnockStatus::kDenied, "owner-1", kT0 + 11);
  ASSERT_TRUE(denied.ok());
  EXPECT_EQ(store_->GetKnock(g.id, s1, "u2")->status, KnockStatus::kDenied);
  // Another session's knock is its own.
  EXPECT_EQ(store_->GetKnock(g.id, "other-session", "u3")->status, KnockStatus::kWaiting);
  EXPECT_EQ(store_->GetKnock(g.id, "other-session", "u1").status().code(), StatusCode::kNotFound);

  EXPECT_EQ(
      store_->DecideKnock(g.id, s1, "nobody", KnockStatus::kAdmitted, "o", kT0).status().code(),
      StatusCode::kNotFound);
  auto waiting = store_->DecideKnock(g.id, s1, "u1", KnockStatus::kWaiting, "o", kT0);
  ASSERT_EQ(waiting.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(waiting.status().message().rfind("status:", 0), 0u);
  EXPECT_EQ(store_->RecordKnock(g.id + 100, s1, "u1", "", kT0).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->ListKnocks(g.id + 100, s1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->RecordKnock(g.id, "", "u1", "", kT0).status().message().rfind("session:", 0),
            0u);

  // Knocks go with their group.
  ASSERT_TRUE(store_->DeleteGroup(g.id).ok());
  EXPECT_EQ(store_->GetKnock(g.id, s1, "u1").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, AttendanceRecordsItsSource) {
  StudyGroup g = MustCreate(Group("g"));
  ASSERT_TRUE(store_->OpenRoomSession(g.id, "RM_src", *g.livekit_room_name, kT0).ok());
  auto hooked = store_->RecordJoin("RM_src", "user_a", "a", kT0);
  ASSERT_TRUE(hooked.ok());
  EXPECT_EQ(hooked->source, AttendanceSource::kWebhook);
  auto found =
      store_->RecordJoin("RM_src", "user_b", "b", kT0 + 1000, AttendanceSource::kReconcile);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->source, AttendanceSource::kReconcile);
  // A webhook join of an identity reconciliation already opened returns that row.
  EXPECT_EQ(store_->RecordJoin("RM_src", "user_b", "b", kT0 + 2000)->id, found->id);
  // A reconcile leave marks a webhook row; a webhook leave keeps a reconcile row's mark.
  auto closed = store_->RecordLeave("RM_src", "user_a", kT0 + 60000, AttendanceSource::kReconcile);
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->source, AttendanceSource::kReconcile);
  auto left = store_->RecordLeave("RM_src", "user_b", kT0 + 61000);
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->source, AttendanceSource::kReconcile);
  ASSERT_TRUE(store_->RecordJoin("RM_src", "user_c", "c", kT0 + 2000).ok());
  ASSERT_TRUE(store_->RecordLeave("RM_src", "user_c", kT0 + 3000).ok());

  auto att = store_->ListAttendance("RM_src");
  ASSERT_TRUE(att.ok());
  ASSERT_EQ(att->size(), 3u);
  EXPECT_EQ((*att)[0].source, AttendanceSource::kReconcile);  // user_a
  EXPECT_EQ((*att)[1].source, AttendanceSource::kReconcile);  // user_b
  EXPECT_EQ((*att)[2].source, AttendanceSource::kWebhook);    // user_c
  EXPECT_EQ(store_->GetSessionUsage("RM_src")->participant_millis, 60000 + 60000 + 1000);
}

}  // namespace
}  // namespace lks
