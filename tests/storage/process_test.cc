// Several processes on one database: the capacity check holds across processes, and a writer
// killed with SIGKILL loses no acknowledged write.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "lks/store/open_store.h"
#include "store_backends.h"

extern char** environ;

namespace lks {
namespace {

struct Child {
  pid_t pid = -1;
  FILE* out = nullptr;  // the child's stdout
};

Child Spawn(const std::vector<std::string>& args) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
  posix_spawn_file_actions_addclose(&fa, fds[0]);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  Child c;
  if (posix_spawn(&c.pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) c.pid = -1;
  posix_spawn_file_actions_destroy(&fa);
  close(fds[1]);
  c.out = fdopen(fds[0], "r");
  return c;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

class Processes : public ::testing::TestWithParam<std::string> {};

// 2 processes x 32 threads add distinct users to a group of max 10: exactly 10 end up members.
TEST_P(Processes, CapacityHoldsAcrossProcesses) {
  std::string url = testing::FreshUrl(GetParam());
  ASSERT_FALSE(url.empty());
  int64_t group_id = 0;
  {
    auto store = OpenStudyGroupStore(url);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    NewStudyGroup g;
    g.title = "Ten seats";
    g.max_participants = 10;
    auto created = (*store)->CreateGroup(g, "owner");  // the owner takes one seat
    ASSERT_TRUE(created.ok());
    group_id = created->id;
  }
  const std::string start = std::to_string(SystemClock().NowUnixMillis() + 1500);
  std::vector<Child> children;
  for (const char* prefix : {"p1", "p2"}) {
    children.push_back(Spawn(
        {LKS_STORE_WORKER, "add-members", url, std::to_string(group_id), "32", prefix, start}));
    ASSERT_GT(children.back().pid, 0);
  }
  int added = 0, full = 0;
  for (Child& c : children) {
    int a = 0, f = 0;
    ASSERT_EQ(std::fscanf(c.out, "added %d full %d", &a, &f), 2);
    fclose(c.out);
    int status = Wait(c.pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "worker failed";
    added += a;
    full += f;
  }
  EXPECT_EQ(added, 9);
  EXPECT_EQ(full, 64 - 9);
  auto store = OpenStudyGroupStore(url);
  ASSERT_TRUE(store.ok());
  auto members = (*store)->ListMembers(group_id);
  ASSERT_TRUE(members.ok());
  EXPECT_EQ(members->size(), 10u);
}

// A writer killed with SIGKILL mid-stream: every write it acknowledged is there, and the
// database is consistent.
TEST_P(Processes, KilledWriterLosesNoAcknowledgedWrite) {
  std::string url = testing::FreshUrl(GetParam());
  ASSERT_FALSE(url.empty());
  {
    auto store = OpenStudyGroupStore(url);  // migrate before the writer starts
    ASSERT_TRUE(store.ok()) << store.status().ToString();
  }
  Child c = Spawn({LKS_STORE_WORKER, "write-stream", url, "4"});
  ASSERT_GT(c.pid, 0);
  std::map<int64_t, std::string> acked;
  char line[256];
  while (acked.size() < 300 && std::fgets(line, sizeof(line), c.out)) {
    long long id = 0;
    char title[200];
    if (std::sscanf(line, "%lld %199s", &id, title) == 2) acked[id] = title;
  }
  ASSERT_EQ(acked.size(), 300u) << "the writer stopped early";
  kill(c.pid, SIGKILL);
  // Acks already in the pipe count too.
  while (std::fgets(line, sizeof(line), c.out)) {
    long long id = 0;
    char title[200];
    if (std::sscanf(line, "%lld %199s", &id, title) == 2) acked[id] = title;
  }
  fclose(c.out);
  int status = Wait(c.pid);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

  auto store = OpenStudyGroupStore(url);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  for (const auto& [id, title] : acked) {
    auto g = (*store)->GetGroup(id);
    ASSERT_TRUE(g.ok()) << "acknowledged group " << id << " lost: " << g.status().ToString();
    EXPECT_EQ(g->title, title);
    EXPECT_TRUE((*store)->GetMembership(id, "writer").ok()) << "owner of group " << id << " lost";
  }
  // Every group has its owner (no half-done create), and the store still takes writes.
  auto page = (*store)->ListGroupsForMember("writer", 0, 1000);
  ASSERT_TRUE(page.ok());
  EXPECT_GE(page->groups.size(), acked.size());
  NewStudyGroup g;
  g.title = "after the crash";
  EXPECT_TRUE((*store)->CreateGroup(g, "writer").ok());

#if LKS_TEST_POSTGRES
  if (GetParam() == "postgres") {
    testing::PostgresServer* pg = testing::SharedPostgres(nullptr);
    ASSERT_NE(pg, nullptr);
    EXPECT_EQ(pg->AmCheck(), "");
  }
#endif
  if (GetParam() == "sqlite_file") {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(url.substr(7).c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok");
    sqlite3_finalize(st);
    ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE) << "dangling foreign key";
    sqlite3_finalize(st);
    sqlite3_close(db);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, Processes, ::testing::ValuesIn(testing::DurableBackends()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace lks
