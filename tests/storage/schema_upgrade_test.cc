// Schema migrations keep every row: a database written by schema version 1 (the release before
// schedules, knocks and the attendance source; tests/data/store/schema_v1.sql) and one written by
// version 2 (the release before recordings; schema_v2.sql) and one written by version 3 (the
// release before breakout rooms; schema_v3.sql) are upgraded to the current version on
// open, on SQLite and on PostgreSQL; and so is a SQLite database the version-2 release wrote
// itself (release_v2.sqlite.sql, from tests/data/store/make_release_db.sh).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "lks/store/open_store.h"
#include "store_backends.h"
#include "upgrade_checks.h"

namespace lks {
namespace {

using testing::WriteSqliteFixture;

std::string Fixture(const char* name, const std::string& id_column) {
  std::ifstream in(std::string(LKS_TEST_DATA_DIR) + "/store/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string sql = ss.str();
  for (size_t p; (p = sql.find("%ID%")) != std::string::npos;) sql.replace(p, 4, id_column);
  return sql;
}

std::string SchemaV1(const std::string& id_column) { return Fixture("schema_v1.sql", id_column); }
std::string SchemaV2(const std::string& id_column) { return Fixture("schema_v2.sql", id_column); }
std::string SchemaV3(const std::string& id_column) { return Fixture("schema_v3.sql", id_column); }

void ExpectUpgraded(const std::string& url) {
  ManualClock clock(1800000000000);
  StoreOptions options;
  options.clock = &clock;
  auto opened = OpenStudyGroupStore(url, options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  StudyGroupStore& store = **opened;

  // Every version-1 row reads back as written, the new columns at their defaults.
  auto g1 = store.GetGroup(1);
  ASSERT_TRUE(g1.ok()) << g1.status().ToString();
  EXPECT_EQ(g1->title, "Gospel of John");
  EXPECT_EQ(g1->description, "Weekly");
  EXPECT_EQ(g1->max_participants, 15);
  EXPECT_EQ(g1->scheduled_time_ms, 1760554800000);
  EXPECT_EQ(g1->video_provider, VideoProvider::kLiveKit);
  EXPECT_TRUE(g1->use_livekit);
  EXPECT_EQ(g1->livekit_room_name, std::optional<std::string>("study_group_1760000000_aaaa"));
  EXPECT_EQ(g1->livekit_room_sid, std::optional<std::string>("RM_old"));
  EXPECT_EQ(g1->created_at_ms, 1760000000000);
  EXPECT_EQ(g1->updated_at_ms, 1760000001000);
  EXPECT_FALSE(g1->time_zone.has_value());
  EXPECT_FALSE(g1->recurrence.has_value());
  EXPECT_EQ(g1->early_join_minutes, 15);
  EXPECT_EQ(g1->grace_minutes, 15);
  EXPECT_EQ(g1->admission, Admission::kOpen);
  EXPECT_FALSE(g1->locked);
  EXPECT_FALSE(g1->recording_consent);
  EXPECT_FALSE(g1->e2ee);
  EXPECT_FALSE(g1->transcription_agent.has_value());
  EXPECT_TRUE(store.ListRecordings(1)->empty());
  auto g2 = store.GetGroup(2);
  ASSERT_TRUE(g2.ok());
  EXPECT_EQ(g2->meet_link, std::optional<std::string>("https://meet.google.com/ddd-eeee-fff"));
  EXPECT_EQ(g2->video_provider, VideoProvider::kGoogleMeet);

  auto members = store.ListMembers(1);
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->size(), 2u);
  EXPECT_EQ((*members)[0].role, MemberRole::kOwner);
  EXPECT_EQ((*members)[1].user_id, "u3");
  EXPECT_EQ(store.ListMembers(2)->size(), 1u);
  auto sessions = store.ListRoomSessions(1);
  ASSERT_TRUE(sessions.ok());
  ASSERT_EQ(sessions->size(), 2u);
  EXPECT_EQ((*sessions)[0].ended_at_ms, std::optional<int64_t>(1760558400000));
  EXPECT_FALSE((*sessions)[1].ended_at_ms.has_value());
  auto old = store.ListAttendance("RM_old");
  ASSERT_TRUE(old.ok());
  ASSERT_EQ(old->size(), 2u);
  for (const Attendance& a : *old) EXPECT_EQ(a.source, AttendanceSource::kWebhook);
  EXPECT_EQ(store.GetSessionUsage("RM_old")->participant_millis, 3600000 + 1200000);
  EXPECT_EQ(store.ListAttendance("RM_live")->size(), 1u);
  EXPECT_EQ(*store.MarkEventSeen("EV_1", 1800000000000), EventMark::kAlreadySeen);
  EXPECT_TRUE(*store.IsRemoved("RM_old", "u9"));

  // The upgraded database takes the new things: a schedule, a knock, a reconciled leave.
  StudyGroupUpdate u;
  u.time_zone = "Europe/Berlin";
  u.recurrence = "FREQ=WEEKLY;BYDAY=WE";
  u.admission = Admission::kApproval;
  auto scheduled = store.UpdateGroup(1, u);
  ASSERT_TRUE(scheduled.ok()) << scheduled.status().ToString();
  EXPECT_EQ(store.GetGroup(1)->recurrence, u.recurrence);
  ASSERT_TRUE(store.RecordKnock(1, "s", "u3", "Mark Lee", 1800000000000).ok());
  auto left = store.RecordLeave("RM_live", "user_u1", 1760644800000, AttendanceSource::kReconcile);
  ASSERT_TRUE(left.ok()) << left.status().ToString();
  EXPECT_EQ(left->source, AttendanceSource::kReconcile);
  opened->reset();

  // Opening again finds the schema current and everything kept.
  auto again = OpenStudyGroupStore(url, options);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->GetGroup(1)->admission, Admission::kApproval);
  EXPECT_EQ((*again)->GetKnock(1, "s", "u3")->name, "Mark Lee");
  EXPECT_EQ((*again)->ListAttendance("RM_old")->size(), 2u);
}

// A version-2 database: its schedule, admission, lock, knocks and attendance sources are kept;
// the version-3 columns take their defaults and the upgraded database takes recordings.
void ExpectUpgradedFromV2(const std::string& url) {
  ManualClock clock(1800000000000);
  StoreOptions options;
  options.clock = &clock;
  auto opened = OpenStudyGroupStore(url, options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  StudyGroupStore& store = **opened;
  auto g1 = store.GetGroup(1);
  ASSERT_TRUE(g1.ok()) << g1.status().ToString();
  EXPECT_EQ(g1->title, "Gospel of John");
  EXPECT_EQ(g1->time_zone, std::optional<std::string>("America/New_York"));
  EXPECT_EQ(g1->recurrence, std::optional<std::string>("FREQ=WEEKLY;BYDAY=TU"));
  EXPECT_EQ(g1->early_join_minutes, 5);
  EXPECT_EQ(g1->grace_minutes, 30);
  EXPECT_EQ(g1->admission, Admission::kApproval);
  EXPECT_TRUE(g1->locked);
  EXPECT_FALSE(g1->recording_consent);
  EXPECT_FALSE(g1->e2ee);
  EXPECT_FALSE(g1->transcription_agent.has_value());
  EXPECT_EQ(store.GetGroup(2)->admission, Admission::kOpen);
  auto knocks = store.ListKnocks(1, "RM_live");
  ASSERT_TRUE(knocks.ok()) << knocks.status().ToString();
  ASSERT_EQ(knocks->size(), 2u);
  EXPECT_EQ((*knocks)[0].status, KnockStatus::kAdmitted);
  EXPECT_EQ((*knocks)[0].decided_by, std::optional<std::string>("u1"));
  EXPECT_EQ((*knocks)[1].status, KnockStatus::kWaiting);
  auto live = store.ListAttendance("RM_live");
  ASSERT_TRUE(live.ok());
  ASSERT_EQ(live->size(), 2u);
  EXPECT_EQ((*live)[1].source, AttendanceSource::kReconcile);
  EXPECT_EQ(store.GetSessionUsage("RM_old")->participant_millis, 3600000 + 1200000);
  EXPECT_TRUE(store.ListRecordings(1)->empty());

  StudyGroupUpdate u;
  u.recording_consent = true;
  u.transcription_agent = "transcriber";
  auto consented = store.UpdateGroup(1, u);
  ASSERT_TRUE(consented.ok()) << consented.status().ToString();
  EXPECT_TRUE(consented->locked);
  Recording r;
  r.group_id = 1;
  r.room_sid = "RM_live";
  r.egress_id = "EG_after_upgrade";
  r.started_at_ms = 1800000000000;
  ASSERT_TRUE(store.SaveRecording(r).ok());
  opened->reset();

  auto again = OpenStudyGroupStore(url, options);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE((*again)->GetGroup(1)->recording_consent);
  EXPECT_EQ((*again)->GetGroup(1)->transcription_agent, std::optional<std::string>("transcriber"));
  EXPECT_EQ((*again)->GetRecording("EG_after_upgrade")->room_sid, "RM_live");
}

// A version-3 database: every earlier row and the version-3 columns and recordings are kept; no
// breakout rooms yet, and the upgraded database takes them.
void ExpectUpgradedFromV3(const std::string& url) {
  ManualClock clock(1800000000000);
  StoreOptions options;
  options.clock = &clock;
  auto opened = OpenStudyGroupStore(url, options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  StudyGroupStore& store = **opened;
  auto g1 = store.GetGroup(1);
  ASSERT_TRUE(g1.ok()) << g1.status().ToString();
  EXPECT_EQ(g1->title, "Gospel of John");
  EXPECT_EQ(g1->livekit_room_sid, std::optional<std::string>("RM_old"));
  EXPECT_EQ(g1->recurrence, std::optional<std::string>("FREQ=WEEKLY;BYDAY=TU"));
  EXPECT_EQ(g1->admission, Admission::kApproval);
  EXPECT_TRUE(g1->locked);
  EXPECT_TRUE(g1->recording_consent);
  EXPECT_TRUE(g1->e2ee);
  EXPECT_EQ(g1->transcription_agent, std::optional<std::string>("scribe"));
  auto g2 = store.GetGroup(2);
  ASSERT_TRUE(g2.ok());
  EXPECT_FALSE(g2->recording_consent);
  EXPECT_EQ(g2->meet_link, std::optional<std::string>("https://meet.google.com/ddd-eeee-fff"));
  EXPECT_EQ(store.ListMembers(1)->size(), 2u);
  EXPECT_EQ(store.ListMembers(2)->size(), 1u);
  EXPECT_EQ(store.ListRoomSessions(1)->size(), 2u);
  EXPECT_EQ(store.ListAttendance("RM_old")->size(), 2u);
  EXPECT_EQ(store.ListAttendance("RM_live")->size(), 2u);
  EXPECT_EQ(store.GetSessionUsage("RM_old")->participant_millis, 3600000 + 1200000);
  EXPECT_EQ(*store.MarkEventSeen("EV_1", 1800000000000), EventMark::kAlreadySeen);
  EXPECT_TRUE(*store.IsRemoved("RM_old", "u9"));
  EXPECT_EQ(store.ListKnocks(1, "RM_live")->size(), 2u);
  auto recs = store.ListRecordings(1);
  ASSERT_TRUE(recs.ok()) << recs.status().ToString();
  ASSERT_EQ(recs->size(), 2u);
  EXPECT_EQ((*recs)[0].egress_id, "EG_done");
  EXPECT_EQ((*recs)[0].status, RecordingStatus::kComplete);
  EXPECT_EQ((*recs)[0].location, std::optional<std::string>("study-groups/1/old.mp4"));
  EXPECT_EQ((*recs)[0].duration_ms, 3400000);
  EXPECT_EQ((*recs)[1].status, RecordingStatus::kActive);
  EXPECT_TRUE(store.ListBreakouts(1)->empty());
  EXPECT_FALSE(g1->breakouts_open);

  BreakoutRoom b;
  b.group_id = 1;
  b.session_sid = "RM_live";
  b.room_name = "study_group_1760000000_aaaa-RM_live-1-1";
  b.number = 1;
  b.opened_by = "u1";
  b.opened_at_ms = 1800000000000;
  b.members = {"u3"};
  ASSERT_TRUE(store.OpenBreakouts({b}).ok());
  opened->reset();

  auto again = OpenStudyGroupStore(url, options);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  auto kept = (*again)->GetBreakoutRoom(b.room_name);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->members, std::vector<std::string>{"u3"});
  EXPECT_EQ((*again)->ListRecordings(1)->size(), 2u);
}

TEST(SchemaUpgrade, SqliteVersion3KeepsEveryRow) {
  std::string path = testing::TempDir() + "/schema_v3.db";
  ASSERT_EQ(WriteSqliteFixture(path, SchemaV3("INTEGER PRIMARY KEY AUTOINCREMENT")), "");
  ExpectUpgradedFromV3("sqlite:" + path);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT COUNT(*), MAX(version) FROM lks_schema_migrations", -1,
                               &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), LatestStoreSchemaVersion());
  EXPECT_EQ(sqlite3_column_int(st, 1), 4);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

// What the version-2 release wrote through its REST API and webhooks (make_release_db.sh): two
// groups, four memberships (18 joined and left), one finished session with two attendees.
TEST(SchemaUpgrade, SqliteDatabaseTheVersion2ReleaseWroteKeepsEveryRow) {
  const std::string path = testing::TempDir() + "/release_v2.db";
  ASSERT_EQ(WriteSqliteFixture(path, Fixture("release_v2.sqlite.sql", "")), "");

  auto opened = OpenStudyGroupStore("sqlite:" + path);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  StudyGroupStore& store = **opened;
  auto g1 = store.GetGroup(1);
  ASSERT_TRUE(g1.ok()) << g1.status().ToString();
  EXPECT_EQ(g1->title, "Gospel of John");
  EXPECT_EQ(g1->description, "Weekly");
  EXPECT_EQ(g1->max_participants, 15);
  EXPECT_EQ(g1->scheduled_time_ms, 1760554800000);
  EXPECT_EQ(g1->duration_minutes, 90);
  EXPECT_EQ(g1->video_provider, VideoProvider::kLiveKit);
  EXPECT_EQ(g1->livekit_room_sid, std::optional<std::string>("RM_release"));
  EXPECT_EQ(g1->created_by, "15");
  EXPECT_FALSE(g1->e2ee);
  EXPECT_FALSE(g1->recording_consent);
  auto g2 = store.GetGroup(2);
  ASSERT_TRUE(g2.ok()) << g2.status().ToString();
  EXPECT_EQ(g2->video_provider, VideoProvider::kGoogleMeet);
  EXPECT_EQ(g2->meet_link, std::optional<std::string>("https://meet.google.com/abc-defg-hij"));
  EXPECT_FALSE(g2->livekit_room_name.has_value());

  auto members = store.ListMembers(1);
  ASSERT_TRUE(members.ok()) << members.status().ToString();
  ASSERT_EQ(members->size(), 3u);  // 15 (owner), 16, 17; 18 left
  EXPECT_EQ(store.GetMembership(1, "15")->role, MemberRole::kOwner);
  EXPECT_EQ(store.GetMembership(2, "16")->role, MemberRole::kMember);
  EXPECT_EQ(store.GetMembership(1, "18").status().code(), StatusCode::kNotFound);

  auto session = store.GetRoomSession("RM_release");
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(session->group_id, 1);
  EXPECT_EQ(session->ended_at_ms, std::optional<int64_t>(1760556017000));
  auto attendance = store.ListAttendance("RM_release");
  ASSERT_TRUE(attendance.ok()) << attendance.status().ToString();
  ASSERT_EQ(attendance->size(), 2u);
  EXPECT_EQ((*attendance)[0].participant_identity, "user_16");
  EXPECT_EQ((*attendance)[0].source, AttendanceSource::kWebhook);
  auto usage = store.GetSessionUsage("RM_release");
  ASSERT_TRUE(usage.ok()) << usage.status().ToString();
  EXPECT_EQ(usage->participant_millis, 600000 + 1200000);
  // The webhook ids the release recorded still make re-deliveries duplicates.
  EXPECT_EQ(*store.MarkEventSeen("EV_f1", 1800000000000), EventMark::kAlreadySeen);
  // And the upgraded database goes on: ids continue, the new tables take rows.
  NewStudyGroup next;
  next.title = "After the upgrade";
  auto g3 = store.CreateGroup(next, "15");
  ASSERT_TRUE(g3.ok()) << g3.status().ToString();
  EXPECT_EQ(g3->id, 3);
  EXPECT_TRUE(store.ListRecordings(1)->empty());
}

TEST(SchemaUpgrade, SqliteVersion2KeepsEveryRow) {
  std::string path = testing::TempDir() + "/schema_v2.db";
  ASSERT_EQ(WriteSqliteFixture(path, SchemaV2("INTEGER PRIMARY KEY AUTOINCREMENT")), "");
  ExpectUpgradedFromV2("sqlite:" + path);
  testing::ExpectSqliteMigratedOnce(path);
}

TEST(SchemaUpgrade, SqliteVersion1KeepsEveryRow) {
  std::string path = testing::TempDir() + "/schema_v1.db";
  ASSERT_EQ(WriteSqliteFixture(path, SchemaV1("INTEGER PRIMARY KEY AUTOINCREMENT")), "");
  ExpectUpgraded("sqlite:" + path);

  // One version row per migration: version 1 kept, each later one recorded once.
  testing::ExpectSqliteMigratedOnce(path, 1760000000000);
}

#if LKS_TEST_POSTGRES
TEST(SchemaUpgrade, PostgresVersion1KeepsEveryRow) {
  std::string error;
  testing::PostgresServer* pg = testing::SharedPostgres(&error);
  ASSERT_NE(pg, nullptr) << error;
  std::string schema = pg->CreateSchema();
  ASSERT_FALSE(schema.empty());
  ASSERT_EQ(pg->Execute(SchemaV1("BIGSERIAL PRIMARY KEY"), schema), "");
  ExpectUpgraded(pg->Url(schema));
  testing::ExpectPostgresMigratedOnce(pg, schema);
}

TEST(SchemaUpgrade, PostgresVersion2KeepsEveryRow) {
  std::string error;
  testing::PostgresServer* pg = testing::SharedPostgres(&error);
  ASSERT_NE(pg, nullptr) << error;
  std::string schema = pg->CreateSchema();
  ASSERT_FALSE(schema.empty());
  ASSERT_EQ(pg->Execute(SchemaV2("BIGSERIAL PRIMARY KEY"), schema), "");
  ExpectUpgradedFromV2(pg->Url(schema));
}

TEST(SchemaUpgrade, PostgresVersion3KeepsEveryRow) {
  std::string error;
  testing::PostgresServer* pg = testing::SharedPostgres(&error);
  ASSERT_NE(pg, nullptr) << error;
  std::string schema = pg->CreateSchema();
  ASSERT_FALSE(schema.empty());
  ASSERT_EQ(pg->Execute(SchemaV3("BIGSERIAL PRIMARY KEY"), schema), "");
  ExpectUpgradedFromV3(pg->Url(schema));
}
#endif  // LKS_TEST_POSTGRES

}  // namespace
}  // namespace lks
