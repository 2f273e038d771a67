// The conformance suite's tests of schema version 3 (recording consent, e2ee and the
// transcription agent on groups; recordings); instantiated for every backend with the rest of the
// suite in conformance_test.cc.
#include <string>
#include <vector>

#include "conformance_fixture.h"

namespace lks {
namespace {

using testing::kT0;
using testing::StoreConformance;

TEST_P(StoreConformance, RecordingSettingsRoundTrip) {
  StudyGroup plain = MustCreate(Group("plain"));
  EXPECT_FALSE(plain.recording_consent);
  EXPECT_FALSE(plain.e2ee);
  EXPECT_FALSE(plain.transcription_agent.has_value());
  EXPECT_EQ(*store_->GetGroup(plain.id), plain);

  NewStudyGroup in = Group("recorded");
  in.recording_consent = true;
  in.e2ee = true;
  in.transcription_agent = "transcriber";
  StudyGroup g = MustCreate(in);
  auto got = store_->GetGroup(g.id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, g);
  EXPECT_TRUE(got->recording_consent);
  EXPECT_TRUE(got->e2ee);
  EXPECT_EQ(got->transcription_agent, "transcriber");
  EXPECT_EQ(store_->ListGroupsForMember("owner-1", 0, 10)->groups.back(), g);

  // Withdraw consent only: the other settings stay.
  StudyGroupUpdate u;
  u.recording_consent = false;
  auto updated = store_->UpdateGroup(g.id, u);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_FALSE(updated->recording_consent);
  EXPECT_TRUE(updated->e2ee);
  EXPECT_EQ(updated->transcription_agent, "transcriber");
  EXPECT_EQ(*store_->GetGroup(g.id), *updated);

  NewStudyGroup bad = Group("bad");
  bad.transcription_agent = std::string(kMaxIdBytes + 1, 'a');
  auto refused = store_->CreateGroup(bad, "owner-1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("transcriptionAgent"), std::string::npos)
      << refused.status().ToString();
}

// What PATCH /api/study-groups/:id changes: every setting at once, then one alone, then the
// optional ones removed with "" (NULL, read back unset), with updated_at bumped each time.
TEST_P(StoreConformance, SettingsUpdateChangesEverySettingAndRemovesOptionalOnes) {
  StudyGroup g = MustCreate(Group("settings", 5));
  clock_.AdvanceMillis(1000);
  StudyGroupUpdate all;
  all.title = "Renamed";
  all.description = "New description";
  all.max_participants = 8;
  all.scheduled_time_ms = kT0 + 86400000;
  all.duration_minutes = 90;
  all.time_zone = "Europe/Berlin";
  all.recurrence = "FREQ=WEEKLY;BYDAY=MO";
  all.early_join_minutes = 5;
  all.grace_minutes = 30;
  all.admission = Admission::kApproval;
  all.recording_consent = true;
  all.e2ee = true;
  all.transcription_agent = "transcriber";
  auto r = store_->UpdateGroup(g.id, all);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->title, "Renamed");
  EXPECT_EQ(r->description, "New description");
  EXPECT_EQ(r->max_participants, 8);
  EXPECT_EQ(r->scheduled_time_ms, kT0 + 86400000);
  EXPECT_EQ(r->duration_minutes, 90);
  EXPECT_EQ(r->time_zone, std::optional<std::string>("Europe/Berlin"));
  EXPECT_EQ(r->recurrence, std::optional<std::string>("FREQ=WEEKLY;BYDAY=MO"));
  EXPECT_EQ(r->early_join_minutes, 5);
  EXPECT_EQ(r->grace_minutes, 30);
  EXPECT_EQ(r->admission, Admission::kApproval);
  EXPECT_TRUE(r->recording_consent);
  EXPECT_TRUE(r->e2ee);
  EXPECT_EQ(r->transcription_agent, std::optional<std::string>("transcriber"));
  EXPECT_EQ(r->updated_at_ms, kT0 + 1000);
  EXPECT_EQ(r->livekit_room_name, g.livekit_room_name);
  EXPECT_EQ(*store_->GetGroup(g.id), *r);

  clock_.AdvanceMillis(1000);
  StudyGroupUpdate one;
  one.grace_minutes = 10;
  auto r2 = store_->UpdateGroup(g.id, one);
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  StudyGroup expected = *r;
  expected.grace_minutes = 10;
  expected.updated_at_ms = kT0 + 2000;
  EXPECT_EQ(*r2, expected);

  StudyGroupUpdate clear;
  clear.time_zone = "";
  clear.recurrence = "";
  clear.transcription_agent = "";
  auto r3 = store_->UpdateGroup(g.id, clear);
  ASSERT_TRUE(r3.ok()) << r3.status().ToString();
  EXPECT_FALSE(r3->time_zone.has_value());
  EXPECT_FALSE(r3->recurrence.has_value());
  EXPECT_FALSE(r3->transcription_agent.has_value());
  EXPECT_EQ(*store_->GetGroup(g.id), *r3);
}

TEST_P(StoreConformance, RecordingsAreKeptByEgressIdPerGroup) {
  StudyGroup g = MustCreate(Group("recorded"));
  StudyGroup other = MustCreate(Group("other"));
  Recording r;
  r.group_id = g.id;
  r.room_sid = "RM_one";
  r.egress_id = "EG_first";
  r.started_at_ms = kT0 + 1000;
  r.started_by = "owner-1";
  auto saved = store_->SaveRecording(r);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_GT(saved->id, 0);
  EXPECT_EQ(saved->status, RecordingStatus::kStarting);
  EXPECT_FALSE(saved->location.has_value());
  EXPECT_FALSE(saved->ended_at_ms.has_value());
  EXPECT_EQ(*store_->GetRecording("EG_first"), *saved);

  // The egress ends: the same row gets the file, the end and the duration.
  Recording done = *saved;
  done.status = RecordingStatus::kComplete;
  done.location = "recordings/study_group_1/RM_one-20251015T190001.mp4";
  done.ended_at_ms = kT0 + 61000;
  done.duration_ms = 60000;
  auto ended = store_->SaveRecording(done);
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  EXPECT_EQ(ended->id, saved->id);
  EXPECT_EQ(*ended, done);

  Recording failed;
  failed.group_id = g.id;
  failed.room_sid = "RM_two";
  failed.egress_id = "EG_second";
  failed.status = RecordingStatus::kFailed;
  failed.started_at_ms = kT0 + 5000;
  failed.error = "no space left on device";
  ASSERT_TRUE(store_->SaveRecording(failed).ok());
  Recording theirs = failed;
  theirs.group_id = other.id;
  theirs.egress_id = "EG_other";
  ASSERT_TRUE(store_->SaveRecording(theirs).ok());

  auto list = store_->ListRecordings(g.id);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].egress_id, "EG_first");
  EXPECT_EQ((*list)[1].egress_id, "EG_second");
  EXPECT_EQ((*list)[1].status, RecordingStatus::kFailed);
  EXPECT_EQ((*list)[1].error, "no space left on device");
  EXPECT_EQ(store_->ListRecordings(other.id)->size(), 1u);

  EXPECT_EQ(store_->GetRecording("EG_none").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListRecordings(999999).status().code(), StatusCode::kNotFound);
  Recording orphan = r;
  orphan.group_id = 999999;
  orphan.egress_id = "EG_orphan";
  EXPECT_EQ(store_->SaveRecording(orphan).status().code(), StatusCode::kNotFound);

  // Deleting the group deletes its recordings.
  ASSERT_TRUE(store_->DeleteGroup(g.id).ok());
  EXPECT_EQ(store_->GetRecording("EG_first").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->GetRecording("EG_other").ok());
}

TEST_P(StoreConformance, RecordingBadInputNamesTheField) {
  StudyGroup g = MustCreate(Group("recorded"));
  auto expect_field = [&](Recording r, const std::string& field) {
    auto s = store_->SaveRecording(r).status();
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << field;
    EXPECT_NE(s.message().find(field), std::string::npos) << s.ToString();
  };
  Recording r;
  r.group_id = g.id;
  r.egress_id = "EG_x";
  r.started_at_ms = kT0;
  Recording no_id = r;
  no_id.egress_id.clear();
  expect_field(no_id, "egressId");
  Recording early = r;
  early.ended_at_ms = kT0 - 1;
  expect_field(early, "endedAt");
  Recording negative = r;
  negative.duration_ms = -1;
  expect_field(negative, "durationMs");
  Recording long_location = r;
  long_location.location = std::string(kMaxLinkBytes + 1, 'x');
  expect_field(long_location, "location");
}

}  // namespace
}  // namespace lks
