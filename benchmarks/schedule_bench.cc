// nextSession of a list (docs/performance.md, "Schedules"): GET /api/study-groups?limit=100 through
// RestHandler for a member of 100 weekly groups (Europe/Berlin, each answer carries its
// nextSession), over an in-memory SQLite store and no LiveKit, on 1 and 2 threads. Every recurring
// group's next occurrence is an RRULE expansion under libical's process-wide lock unless it is
// cached (src/groups/next_occurrence_cache.h). Also: validating a rule that matches nothing.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "lks/api/app_token.h"
#include "lks/api/rest_handler.h"
#include "lks/groups/schedule.h"
#include "lks/store/open_store.h"

namespace {

constexpr char kAppSecret[] = "bench-app-secret";

struct ListOf100 {
  std::unique_ptr<lks::RestHandler> handler;
  lks::RestRequest list;

  ListOf100() {
    auto store = lks::OpenStudyGroupStore("sqlite::memory:");
    if (!store.ok()) Fail(store.status().ToString());
    auto service = std::make_shared<lks::StudyGroupService>(
        std::shared_ptr<lks::StudyGroupStore>(std::move(*store)), nullptr,
        lks::StudyGroupServiceOptions{});
    handler = std::make_unique<lks::RestHandler>(
        service, std::make_shared<const lks::AppTokenVerifier>(kAppSecret), nullptr);
    const std::string token =
        lks::MintAppToken(kAppSecret, lks::Principal{"15", "u15@example.com", "U 15", ""},
                          std::chrono::hours(24))
            .value();
    for (int i = 0; i < 100; ++i) {
      lks::RestRequest create = Request("POST", "/api/study-groups/create", token);
      create.body = "{\"title\":\"Weekly " + std::to_string(i) +
                    "\",\"maxParticipants\":10,\"scheduledTime\":\"2026-01-06T17:00:00Z\","
                    "\"timeZone\":\"Europe/Berlin\",\"recurrence\":\"FREQ=WEEKLY;BYDAY=TU\"}";
      lks::RestResponse r = handler->Handle(create);
      if (r.status != 201) Fail(r.body);
    }
    list = Request("GET", "/api/study-groups", token);
    list.query = "limit=100";
    lks::RestResponse r = handler->Handle(list);
    if (r.status != 200 || r.body.find("\"nextSession\":{") == std::string::npos) Fail(r.body);
  }
  static lks::RestRequest Request(const char* method, const char* path, const std::string& token) {
    lks::RestRequest r;
    r.method = method;
    r.path = path;
    r.headers.emplace_back("Authorization", "Bearer " + token);
    r.headers.emplace_back("Content-Type", "application/json");
    return r;
  }
  [[noreturn]] static void Fail(const std::string& why) {
    std::fprintf(stderr, "schedule_bench setup: %s\n", why.c_str());
    std::exit(1);
  }
};

// One list; its own function so that callgrind counts only it (10 lists, after the setup's one):
//   valgrind --tool=callgrind --toggle-collect='*ListOnce*' build/bin/lks_bench_schedule
//            --benchmark_filter=iterations:10
// and divide the instructions callgrind collected by 10.
[[gnu::noinline]] void ListOnce(const ListOf100& fixture) {
  lks::RestResponse r = fixture.handler->Handle(fixture.list);
  benchmark::DoNotOptimize(r.body.data());
}

void BM_ListOf100WeeklyGroups(benchmark::State& state) {
  static ListOf100* fixture = new ListOf100();  // shared by the threads, made once
  for (auto _ : state) ListOnce(*fixture);
  state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(BM_ListOf100WeeklyGroups)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_ListOf100WeeklyGroups)->Iterations(10);  // for callgrind

// Refusing a rule that matches nothing (a group create or PATCH with it): the expansion's 20-year
// horizon ends the search; without it libical walks for centuries (~0.25 s a call). A 400 answer
// should cost about what a valid rule's validation does.
void BM_ValidateRuleWithoutOccurrence(benchmark::State& state) {
  const char* rule =
      state.range(0) ? "FREQ=DAILY;BYDAY=+5FR" : "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30";
  for (auto _ : state) {
    auto s = lks::ValidateSchedule("UTC", rule, 1772578800000);  // 2026-03-03T23:00:00Z
    if (s.ok()) state.SkipWithError("the rule was accepted");
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_ValidateRuleWithoutOccurrence)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_ValidateWeeklyRule(benchmark::State& state) {
  for (auto _ : state) {
    auto s = lks::ValidateSchedule("Europe/Berlin", "FREQ=WEEKLY;BYDAY=TU,TH", 1772578800000);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_ValidateWeeklyRule)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
