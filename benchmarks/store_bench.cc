// Store benchmarks (docs/performance.md, "Store"):
//  - SQLite store vs a raw SQLite floor: the same SQL statements (store/sql/statements.h),
//    prepared once, run with sqlite3_* directly in the same transactions, on a database with the
//    same schema and settings (WAL, synchronous=NORMAL, foreign keys on), in the same run.
//  - PostgreSQL store (a real server started here, fsync on) with 1 and 16 concurrent clients.
// Operations: create group (+ owner), add member (capacity checked), membership check,
// record join + leave.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "lks/store/open_store.h"
#include "store/sql/statements.h"
#ifdef LKS_BENCH_POSTGRES
#include "postgres_server.h"
#endif

namespace {

using lks::store::SqlStatement;

std::string BenchDir() {
  static std::string dir = [] {
    char tmpl[] = "/tmp/lks-store-bench-XXXXXX";
    std::string d = mkdtemp(tmpl) ? tmpl : "/tmp";
    return d;
  }();
  return dir;
}

// --- The floor: raw sqlite3 with cached prepared statements ---------------------------------

class RawSqlite {
 public:
  explicit RawSqlite(const std::string& path) {
    sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    sqlite3_busy_timeout(db_, 5000);
    sqlite3_exec(db_, "PRAGMA foreign_keys=ON;PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;",
                 nullptr, nullptr, nullptr);
    begin_ = Prep("BEGIN IMMEDIATE");
    commit_ = Prep("COMMIT");
  }
  ~RawSqlite() {
    for (auto& [k, s] : cache_) sqlite3_finalize(s);
    sqlite3_finalize(begin_);
    sqlite3_finalize(commit_);
    sqlite3_close_v2(db_);
  }
  sqlite3_stmt* Prep(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    return s;
  }
  // The store's statement text with $N turned into ?N, as the store does.
  sqlite3_stmt* Get(const SqlStatement& st) {
    auto it = cache_.find(&st);
    if (it != cache_.end()) return it->second;
    std::string sql = st.sql;
    for (char& c : sql) c = c == '$' ? '?' : c;
    return cache_[&st] = Prep(sql);
  }
  void Step(sqlite3_stmt* s) {
    while (sqlite3_step(s) == SQLITE_ROW) {
    }
    sqlite3_reset(s);
  }
  void Begin() { Step(begin_); }
  void Commit() { Step(commit_); }
  sqlite3* db() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* begin_ = nullptr;
  sqlite3_stmt* commit_ = nullptr;
  std::unordered_map<const SqlStatement*, sqlite3_stmt*> cache_;
};

void BindText(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}

// A fresh database file with the store's schema (migrated by opening a store on it).
std::string FreshSqlitePath(const std::string& name) {
  std::string path = BenchDir() + "/" + name + ".db";
  std::filesystem::remove(path);
  auto s = lks::OpenStudyGroupStore("sqlite:" + path);
  if (!s.ok()) std::fprintf(stderr, "%s\n", s.status().ToString().c_str());
  return path;
}

int64_t Now() { return lks::SystemClock().NowUnixMillis(); }

// Floor operations, statement for statement what SqlStudyGroupStore runs.
int64_t FloorCreateGroup(RawSqlite& r, const std::string& title, const std::string& owner) {
  int64_t now = Now();
  r.Begin();
  sqlite3_stmt* s = r.Get(lks::store::kInsertGroup);
  BindText(s, 1, title);
  BindText(s, 2, std::string());
  sqlite3_bind_int64(s, 3, 500);
  sqlite3_bind_int64(s, 4, 0);
  sqlite3_bind_int64(s, 5, 60);
  sqlite3_bind_text(s, 6, "livekit", -1, SQLITE_STATIC);
  sqlite3_bind_int(s, 7, 1);
  sqlite3_bind_null(s, 8);
  sqlite3_bind_null(s, 9);
  sqlite3_bind_null(s, 10);
  BindText(s, 11, owner);
  sqlite3_bind_int64(s, 12, now);
  sqlite3_bind_int64(s, 13, now);
  int64_t id = 0;
  if (sqlite3_step(s) == SQLITE_ROW) id = sqlite3_column_int64(s, 0);
  r.Step(s);
  sqlite3_stmt* m = r.Get(lks::store::kInsertMember);
  sqlite3_bind_int64(m, 1, id);
  BindText(m, 2, owner);
  sqlite3_bind_text(m, 3, "owner", -1, SQLITE_STATIC);
  sqlite3_bind_int64(m, 4, now);
  r.Step(m);
  r.Commit();
  return id;
}

bool FloorAddMember(RawSqlite& r, int64_t group, const std::string& user) {
  int64_t now = Now();
  r.Begin();
  sqlite3_stmt* g = r.Get(lks::store::kLockGroup);
  sqlite3_bind_int64(g, 1, group);
  int64_t max = sqlite3_step(g) == SQLITE_ROW ? sqlite3_column_int64(g, 0) : 0;
  sqlite3_reset(g);
  sqlite3_stmt* sel = r.Get(lks::store::kSelectMember);
  sqlite3_bind_int64(sel, 1, group);
  BindText(sel, 2, user);
  bool exists = sqlite3_step(sel) == SQLITE_ROW;
  sqlite3_reset(sel);
  sqlite3_stmt* cnt = r.Get(lks::store::kCountMembers);
  sqlite3_bind_int64(cnt, 1, group);
  int64_t n = sqlite3_step(cnt) == SQLITE_ROW ? sqlite3_column_int64(cnt, 0) : 0;
  sqlite3_reset(cnt);
  bool ok = !exists && n < max;
  if (ok) {
    sqlite3_stmt* ins = r.Get(lks::store::kInsertMember);
    sqlite3_bind_int64(ins, 1, group);
    BindText(ins, 2, user);
    sqlite3_bind_text(ins, 3, "member", -1, SQLITE_STATIC);
    sqlite3_bind_int64(ins, 4, now);
    r.Step(ins);
  }
  r.Commit();
  return ok;
}

bool FloorIsMember(RawSqlite& r, int64_t group, const std::string& user) {
  sqlite3_stmt* sel = r.Get(lks::store::kSelectMember);
  sqlite3_bind_int64(sel, 1, group);
  BindText(sel, 2, user);
  bool found = false;
  if (sqlite3_step(sel) == SQLITE_ROW) {
    found = true;
    // Read the row as the store does.
    benchmark::DoNotOptimize(sqlite3_column_int64(sel, 0));
    benchmark::DoNotOptimize(sqlite3_column_text(sel, 1));
    benchmark::DoNotOptimize(sqlite3_column_text(sel, 2));
    benchmark::DoNotOptimize(sqlite3_column_int64(sel, 3));
  }
  sqlite3_reset(sel);
  return found;
}

void FloorJoinLeave(RawSqlite& r, const std::string& sid, const std::string& identity, int64_t t) {
  r.Begin();
  sqlite3_stmt* open = r.Get(lks::store::kSelectOpenAttendance);
  BindText(open, 1, sid);
  BindText(open, 2, identity);
  bool has = sqlite3_step(open) == SQLITE_ROW;
  sqlite3_reset(open);
  if (!has) {
    sqlite3_stmt* ins = r.Get(lks::store::kInsertAttendance);
    BindText(ins, 1, sid);
    BindText(ins, 2, identity);
    BindText(ins, 3, identity);
    sqlite3_bind_int64(ins, 4, t);
    r.Step(ins);
  }
  r.Commit();
  r.Begin();
  BindText(open, 1, sid);
  BindText(open, 2, identity);
  int64_t id = sqlite3_step(open) == SQLITE_ROW ? sqlite3_column_int64(open, 0) : 0;
  sqlite3_reset(open);
  sqlite3_stmt* up = r.Get(lks::store::kLeaveAttendance);
  sqlite3_bind_int64(up, 1, id);
  sqlite3_bind_int64(up, 2, t + 1000);
  r.Step(up);
  r.Commit();
}

// --- SQLite: store vs floor -----------------------------------------------------------------

std::unique_ptr<lks::StudyGroupStore> OpenSqliteStore(const std::string& name) {
  auto s = lks::OpenStudyGroupStore("sqlite:" + FreshSqlitePath(name));
  return s.ok() ? std::move(*s) : nullptr;
}

void BM_Sqlite_CreateGroup_Store(benchmark::State& state) {
  auto store = OpenSqliteStore("create_store");
  lks::NewStudyGroup g;
  g.title = "Bench group";
  g.max_participants = 500;
  g.use_livekit = true;
  for (auto _ : state) benchmark::DoNotOptimize(store->CreateGroup(g, "owner").ok());
  state.SetItemsProcessed(state.iterations());
}

void BM_Sqlite_CreateGroup_Floor(benchmark::State& state) {
  RawSqlite r(FreshSqlitePath("create_floor"));
  for (auto _ : state) benchmark::DoNotOptimize(FloorCreateGroup(r, "Bench group", "owner"));
  state.SetItemsProcessed(state.iterations());
}

void BM_Sqlite_AddMember_Store(benchmark::State& state) {
  auto store = OpenSqliteStore("add_store");
  lks::NewStudyGroup g;
  g.title = "Bench group";
  g.max_participants = 500;
  int64_t group = 0;
  int64_t i = 0;
  for (auto _ : state) {
    if (i % 400 == 0) {
      state.PauseTiming();
      group = store->CreateGroup(g, "owner")->id;
      state.ResumeTiming();
    }
    benchmark::DoNotOptimize(
        store->AddMember(group, "user_" + std::to_string(i++), lks::MemberRole::kMember).ok());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Sqlite_AddMember_Floor(benchmark::State& state) {
  RawSqlite r(FreshSqlitePath("add_floor"));
  int64_t group = 0;
  int64_t i = 0;
  for (auto _ : state) {
    if (i % 400 == 0) {
      state.PauseTiming();
      group = FloorCreateGroup(r, "Bench group", "owner");
      state.ResumeTiming();
    }
    benchmark::DoNotOptimize(FloorAddMember(r, group, "user_" + std::to_string(i++)));
  }
  state.SetItemsProcessed(state.iterations());
}

constexpr int kMembers = 200;

void BM_Sqlite_MembershipCheck_Store(benchmark::State& state) {
  auto store = OpenSqliteStore("check_store");
  lks::NewStudyGroup g;
  g.title = "Bench group";
  g.max_participants = 500;
  int64_t group = store->CreateGroup(g, "owner")->id;
  std::vector<std::string> users;
  for (int i = 0; i < kMembers; ++i) {
    users.push_back("user_" + std::to_string(i));
    (void)store->AddMember(group, users.back(), lks::MemberRole::kMember);
  }
  size_t i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(store->GetMembership(group, users[i++ % users.size()]).ok());
  state.SetItemsProcessed(state.iterations());
}

void BM_Sqlite_MembershipCheck_Floor(benchmark::State& state) {
  RawSqlite r(FreshSqlitePath("check_floor"));
  int64_t group = FloorCreateGroup(r, "Bench group", "owner");
  std::vector<std::string> users;
  for (int i = 0; i < kMembers; ++i) {
    users.push_back("user_" + std::to_string(i));
    FloorAddMember(r, group, users.back());
  }
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(FloorIsMember(r, group, users[i++ % users.size()]));
  state.SetItemsProcessed(state.iterations());
}

void BM_Sqlite_JoinLeave_Store(benchmark::State& state) {
  auto store = OpenSqliteStore("join_store");
  lks::NewStudyGroup g;
  g.title = "Bench group";
  int64_t group = store->CreateGroup(g, "owner")->id;
  (void)store->OpenRoomSession(group, "RM_bench", "room", 1);
  int64_t t = 1;
  for (auto _ : state) {
    std::string identity = "user_" + std::to_string(t % 50);
    benchmark::DoNotOptimize(store->RecordJoin("RM_bench", identity, identity, t).ok());
    benchmark::DoNotOptimize(store->RecordLeave("RM_bench", identity, t + 1000).ok());
    ++t;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Sqlite_JoinLeave_Floor(benchmark::State& state) {
  std::string path = FreshSqlitePath("join_floor");
  {
    auto store = lks::OpenStudyGroupStore("sqlite:" + path);
    lks::NewStudyGroup g;
    g.title = "Bench group";
    int64_t group = (*store)->CreateGroup(g, "owner")->id;
    (void)(*store)->OpenRoomSession(group, "RM_bench", "room", 1);
  }
  RawSqlite r(path);
  const std::string sid = "RM_bench";
  int64_t t = 1;
  for (auto _ : state) {
    FloorJoinLeave(r, sid, "user_" + std::to_string(t % 50), t);
    ++t;
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_Sqlite_CreateGroup_Floor);
BENCHMARK(BM_Sqlite_CreateGroup_Store);
BENCHMARK(BM_Sqlite_AddMember_Floor);
BENCHMARK(BM_Sqlite_AddMember_Store);
BENCHMARK(BM_Sqlite_MembershipCheck_Floor);
BENCHMARK(BM_Sqlite_MembershipCheck_Store);
BENCHMARK(BM_Sqlite_JoinLeave_Floor);
BENCHMARK(BM_Sqlite_JoinLeave_Store);

// --- PostgreSQL: 1 and 16 concurrent clients -----------------------------------------------

#ifdef LKS_BENCH_POSTGRES
lks::StudyGroupStore* PgStore() {
  static std::unique_ptr<lks::testing::PostgresServer> server;
  static std::unique_ptr<lks::StudyGroupStore> store;
  static std::once_flag once;
  std::call_once(once, [] {
    std::string error;
    server = lks::testing::PostgresServer::Start(&error, /*durable=*/true);
    if (!server) {
      std::fprintf(stderr, "PostgreSQL did not start: %s\n", error.c_str());
      return;
    }
    lks::StoreOptions o;
    o.max_connections = 16;
    auto s = lks::OpenStudyGroupStore(server->Url(server->CreateSchema()), o);
    if (s.ok())
      store = std::move(*s);
    else
      std::fprintf(stderr, "%s\n", s.status().ToString().c_str());
    std::atexit([] {
      store.reset();
      server.reset();
    });
  });
  return store.get();
}

std::atomic<int64_t> g_pg_seq{0};

lks::NewStudyGroup PgGroup() {
  lks::NewStudyGroup g;
  g.title = "Bench group";
  g.max_participants = 500;
  return g;
}

void BM_Postgres_CreateGroup(benchmark::State& state) {
  lks::StudyGroupStore* store = PgStore();
  if (!store) return state.SkipWithError("no PostgreSQL");
  lks::NewStudyGroup g = PgGroup();
  for (auto _ : state) benchmark::DoNotOptimize(store->CreateGroup(g, "owner").ok());
  state.SetItemsProcessed(state.iterations());
}

void BM_Postgres_AddMember(benchmark::State& state) {
  lks::StudyGroupStore* store = PgStore();
  if (!store) return state.SkipWithError("no PostgreSQL");
  lks::NewStudyGroup g = PgGroup();
  int64_t group = 0, i = 0;
  for (auto _ : state) {
    if (i % 400 == 0) group = store->CreateGroup(g, "owner")->id;  // one group per client at a time
    std::string user = "user_" + std::to_string(g_pg_seq.fetch_add(1));
    benchmark::DoNotOptimize(store->AddMember(group, user, lks::MemberRole::kMember).ok());
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Postgres_MembershipCheck(benchmark::State& state) {
  lks::StudyGroupStore* store = PgStore();
  if (!store) return state.SkipWithError("no PostgreSQL");
  static int64_t group = [&] {
    int64_t id = store->CreateGroup(PgGroup(), "owner")->id;
    for (int k = 0; k < kMembers; ++k)
      (void)store->AddMember(id, "m_" + std::to_string(k), lks::MemberRole::kMember);
    return id;
  }();
  int64_t i = state.thread_index();
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        store->GetMembership(group, "m_" + std::to_string(i++ % kMembers)).ok());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Postgres_JoinLeave(benchmark::State& state) {
  lks::StudyGroupStore* store = PgStore();
  if (!store) return state.SkipWithError("no PostgreSQL");
  static int64_t group = store->CreateGroup(PgGroup(), "owner")->id;
  std::string sid = "RM_" + std::to_string(g_pg_seq.fetch_add(1));
  (void)store->OpenRoomSession(group, sid, "room", 1);
  int64_t t = 1;
  for (auto _ : state) {
    std::string identity = "user_" + std::to_string(t % 50);
    benchmark::DoNotOptimize(store->RecordJoin(sid, identity, identity, t).ok());
    benchmark::DoNotOptimize(store->RecordLeave(sid, identity, t + 1000).ok());
    ++t;
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_Postgres_CreateGroup)->Threads(1)->Threads(16)->UseRealTime();
BENCHMARK(BM_Postgres_AddMember)->Threads(1)->Threads(16)->UseRealTime();
BENCHMARK(BM_Postgres_MembershipCheck)->Threads(1)->Threads(16)->UseRealTime();
BENCHMARK(BM_Postgres_JoinLeave)->Threads(1)->Threads(16)->UseRealTime();
#endif

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ec;
  std::filesystem::remove_all(BenchDir(), ec);
  return 0;
}
