// The first migration upgrades a study_groups table from an app that used only Google Meet
// (no LiveKit columns) in place, keeping every row.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <thread>
#include <vector>

#include "lks/store/open_store.h"
#include "store_backends.h"
#include "upgrade_checks.h"

namespace lks {
namespace {

// The legacy app's table and rows (same shape on both databases, except the id column).
std::string LegacySql(const std::string& id_column) {
  return "CREATE TABLE study_groups (id " + id_column +
         ", title VARCHAR(255) NOT NULL, description TEXT, max_participants INTEGER DEFAULT 10,"
         " scheduled_time BIGINT, duration_minutes INTEGER DEFAULT 60, meet_link TEXT, meet_id "
         "VARCHAR(255),"
         " created_by VARCHAR(255), created_at BIGINT, updated_at BIGINT);"
         "INSERT INTO study_groups (title, description, max_participants, scheduled_time, "
         "duration_minutes,"
         " meet_link, meet_id, created_by, created_at, updated_at) VALUES"
         " ('Gospel of John', 'Weekly', 15, 1760554800000, 60, "
         "'https://meet.google.com/aaa-bbbb-ccc',"
         "  'aaa-bbbb-ccc', 'u1', 1700000000000, 1700000000000),"
         " ('Psalms', NULL, 2, 1760641200000, 45, 'https://meet.google.com/ddd-eeee-fff', "
         "'ddd-eeee-fff', 'u2',"
         "  1700000001000, 1700000001000),"
         " ('Acts', 'It''s long', 8, 0, 90, NULL, NULL, 'u3', 1700000002000, 1700000002000);";
}

void ExpectUpgraded(const std::string& url) {
  ManualClock clock(1800000000000);
  StoreOptions options;
  options.clock = &clock;
  auto store = OpenStudyGroupStore(url, options);
  ASSERT_TRUE(store.ok()) << store.status().ToString();

  auto g1 = (*store)->GetGroup(1);
  ASSERT_TRUE(g1.ok()) << g1.status().ToString();
  EXPECT_EQ(g1->title, "Gospel of John");
  EXPECT_EQ(g1->max_participants, 15);
  EXPECT_EQ(g1->scheduled_time_ms, 1760554800000);
  EXPECT_EQ(g1->meet_link, std::optional<std::string>("https://meet.google.com/aaa-bbbb-ccc"));
  EXPECT_EQ(g1->video_provider, VideoProvider::kGoogleMeet);
  EXPECT_FALSE(g1->use_livekit);
  EXPECT_FALSE(g1->livekit_room_name.has_value());
  EXPECT_FALSE(g1->livekit_room_sid.has_value());
  EXPECT_EQ(g1->created_by, "u1");
  auto g2 = (*store)->GetGroup(2);
  ASSERT_TRUE(g2.ok());
  EXPECT_EQ(g2->description, "");  // NULL in the legacy row
  EXPECT_EQ(g2->duration_minutes, 45);
  auto g3 = (*store)->GetGroup(3);
  ASSERT_TRUE(g3.ok());
  EXPECT_EQ(g3->description, "It's long");
  EXPECT_FALSE(g3->meet_link.has_value());

  // The upgraded table works as a new one: switch a legacy group to LiveKit, create new groups,
  // add members up to the legacy limit.
  StudyGroupUpdate u;
  u.video_provider = VideoProvider::kLiveKit;
  u.use_livekit = true;
  u.livekit_room_name = "study_group_1800000000_abc123";
  auto switched = (*store)->UpdateGroup(1, u);
  ASSERT_TRUE(switched.ok()) << switched.status().ToString();
  EXPECT_EQ((*store)->GetGroupByRoomName("study_group_1800000000_abc123")->id, 1);
  NewStudyGroup n;
  n.title = "New";
  n.livekit_room_name = "study_group_1800000000_new";
  auto created = (*store)->CreateGroup(n, "u9");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->id, 4);
  ASSERT_TRUE((*store)->AddMember(2, "a", MemberRole::kOwner).ok());
  ASSERT_TRUE((*store)->AddMember(2, "b", MemberRole::kMember).ok());
  EXPECT_EQ((*store)->AddMember(2, "c", MemberRole::kMember).status().code(),
            StatusCode::kResourceExhausted);
  store->reset();

  // Opening again finds the schema current and the data intact.
  auto again = OpenStudyGroupStore(url, options);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->GetGroup(3)->title, "Acts");
  EXPECT_EQ((*again)->GetGroup(1)->video_provider, VideoProvider::kLiveKit);
}

TEST(LegacyUpgrade, SqliteKeepsEveryRow) {
  std::string path = testing::TempDir() + "/legacy.db";
  ASSERT_EQ(testing::WriteSqliteFixture(path, LegacySql("INTEGER PRIMARY KEY AUTOINCREMENT")), "");
  ExpectUpgraded("sqlite:" + path);

  // The version table records each migration exactly once.
  testing::ExpectSqliteMigratedOnce(path);
}

#if LKS_TEST_POSTGRES
TEST(LegacyUpgrade, PostgresKeepsEveryRow) {
  std::string error;
  testing::PostgresServer* pg = testing::SharedPostgres(&error);
  ASSERT_NE(pg, nullptr) << error;
  std::string schema = pg->CreateSchema();
  ASSERT_FALSE(schema.empty());
  ASSERT_EQ(pg->Execute(LegacySql("SERIAL PRIMARY KEY"), schema), "");
  ExpectUpgraded(pg->Url(schema));
  testing::ExpectPostgresMigratedOnce(pg, schema);
}
#endif  // LKS_TEST_POSTGRES

}  // namespace
}  // namespace lks

namespace lks {
namespace {

class Migrations : public ::testing::TestWithParam<std::string> {};

// Several openers of one fresh database at once: each succeeds, the schema is made once.
TEST_P(Migrations, ConcurrentOpenersMigrateOnce) {
  const std::string url = testing::FreshUrl(GetParam());
  ASSERT_FALSE(url.empty());
  std::vector<Status> results(6);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      auto s = OpenStudyGroupStore(url);
      results[i] = s.status();
      if (s.ok()) {
        NewStudyGroup g;
        g.title = "opener " + std::to_string(i);
        results[i] = (*s)->CreateGroup(g, "u").status();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const Status& s : results) EXPECT_TRUE(s.ok()) << s.ToString();
  auto store = OpenStudyGroupStore(url);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->ListGroupsForMember("u", 0, 100)->groups.size(), results.size());
}

// A database migrated by a newer library is refused, not misread.
TEST_P(Migrations, NewerSchemaIsRefused) {
  const std::string url = testing::FreshUrl(GetParam());
  ASSERT_FALSE(url.empty());
  ASSERT_TRUE(OpenStudyGroupStore(url).ok());
  const std::string bump =
      "INSERT INTO lks_schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)";
  if (GetParam() == "sqlite_file") {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(url.substr(7).c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, bump.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  } else {
#if LKS_TEST_POSTGRES
    testing::PostgresServer* pg = testing::SharedPostgres(nullptr);
    ASSERT_NE(pg, nullptr);
    std::string schema = url.substr(url.find("search_path%3D") + 14);
    ASSERT_EQ(pg->Execute(bump, schema), "");
#endif
  }
  auto again = OpenStudyGroupStore(url);
  ASSERT_EQ(again.status().code(), StatusCode::kFailedPrecondition) << again.status().ToString();
  EXPECT_NE(again.status().message().find("999"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, Migrations, ::testing::ValuesIn(testing::DurableBackends()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace lks
