// NextOccurrenceCache (src/groups/next_occurrence_cache.h): a hit answers as
// CurrentOrNextOccurrence would without computing, any schedule field's change and the passing of
// the cached occurrence's end compute again, and the cache stays within its bound. Fixed clocks.
#include "groups/next_occurrence_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/iso_time.h"

namespace lks::internal {
namespace {

int64_t Ms(const char* iso) { return ParseIsoTimeMs(iso, "t").value(); }

// Weekly on Tuesdays at 18:00 Berlin time, for an hour.
StudyGroup Weekly(int64_t id) {
  StudyGroup g;
  g.id = id;
  g.scheduled_time_ms = Ms("2026-01-06T17:00:00Z");
  g.duration_minutes = 60;
  g.time_zone = "Europe/Berlin";
  g.recurrence = "FREQ=WEEKLY;BYDAY=TU";
  return g;
}

// A cache whose misses are counted (and answered by CurrentOrNextOccurrence).
struct Counted {
  std::atomic<int> calls{0};
  NextOccurrenceCache cache;
  explicit Counted(size_t max = NextOccurrenceCache::kDefaultMaxEntries)
      : cache(max, [this](const StudyGroup& g, int64_t now) {
          ++calls;
          return CurrentOrNextOccurrence(g, now);
        }) {}
};

std::optional<Occurrence> Expected(const StudyGroup& g, int64_t now) {
  return CurrentOrNextOccurrence(g, now).value();
}

TEST(NextOccurrenceCacheTest, AHitAnswersWithoutComputingUntilTheOccurrenceEnds) {
  Counted c;
  const StudyGroup g = Weekly(1);
  const int64_t monday = Ms("2026-03-02T12:00:00Z");
  auto first = c.cache.Get(g, monday);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->start_ms, Ms("2026-03-03T17:00:00Z"));
  EXPECT_EQ(c.calls, 1);
  // Later, up to the last millisecond of the meeting: the same answer, not computed again.
  for (int64_t now : {monday + 1, Ms("2026-03-03T17:30:00Z"), Ms("2026-03-03T17:59:59.999Z")}) {
    auto again = c.cache.Get(g, now);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, Expected(g, now));
  }
  EXPECT_EQ(c.calls, 1);
  EXPECT_EQ(c.cache.size(), 1u);
}

TEST(NextOccurrenceCacheTest, PassingTheOccurrencesEndComputesTheNextOne) {
  Counted c;
  const StudyGroup g = Weekly(1);
  ASSERT_TRUE(c.cache.Get(g, Ms("2026-03-02T12:00:00Z")).ok());
  const int64_t after = Ms("2026-03-03T18:00:00Z");  // the end: the meeting is over
  auto next = c.cache.Get(g, after);
  ASSERT_TRUE(next.ok());
  ASSERT_TRUE(next->has_value());
  EXPECT_EQ((*next)->start_ms, Ms("2026-03-10T17:00:00Z"));
  EXPECT_EQ(c.calls, 2);
}

TEST(NextOccurrenceCacheTest, AnyScheduleFieldsChangeComputesAgain) {
  Counted c;
  const int64_t now = Ms("2026-04-06T12:00:00Z");  // Berlin on summer time: 18:00 is 16:00Z
  const StudyGroup g = Weekly(1);
  ASSERT_TRUE(c.cache.Get(g, now).ok());
  // Each change moves the next meeting, so a stale entry would answer wrong.
  std::vector<StudyGroup> changed(5, g);
  changed[0].recurrence = "FREQ=WEEKLY;BYDAY=WE";
  changed[1].time_zone = "Asia/Tokyo";
  changed[2].scheduled_time_ms = Ms("2026-01-06T15:00:00Z");
  changed[3].duration_minutes = 90;
  changed[4].time_zone.reset();  // UTC
  int calls = 1;
  for (const StudyGroup& h : changed) {
    auto got = c.cache.Get(h, now);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(*got, Expected(h, now));
    EXPECT_NE(*got, Expected(g, now));
    EXPECT_EQ(c.calls, ++calls);
  }
  // Only a change of the schedule counts: the title and updatedAt are not part of the key.
  StudyGroup renamed = changed.back();
  renamed.title = "Renamed";
  renamed.updated_at_ms += 1000;
  ASSERT_TRUE(c.cache.Get(renamed, now).ok());
  EXPECT_EQ(c.calls, calls);
  EXPECT_EQ(c.cache.size(), 1u);  // one entry per group, replaced
}

TEST(NextOccurrenceCacheTest, AClockThatGoesBackComputesAgain) {
  Counted c;
  const StudyGroup g = Weekly(1);
  ASSERT_TRUE(c.cache.Get(g, Ms("2026-03-03T17:30:00Z")).ok());
  const int64_t week_before = Ms("2026-02-24T17:30:00Z");
  auto got = c.cache.Get(g, week_before);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, Expected(g, week_before));
  EXPECT_EQ(c.calls, 2);
}

TEST(NextOccurrenceCacheTest, StaysWithinItsBoundAndStillAnswersRight) {
  Counted c(3);
  const int64_t now = Ms("2026-03-02T12:00:00Z");
  for (int64_t id = 1; id <= 10; ++id) {
    StudyGroup g = Weekly(id);
    g.scheduled_time_ms += id * 3600000;  // a different hour each
    auto got = c.cache.Get(g, now);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, Expected(g, now));
    EXPECT_LE(c.cache.size(), 3u);
  }
  EXPECT_EQ(c.calls, 10);
}

TEST(NextOccurrenceCacheTest, GroupsWithoutARecurrenceAndErrorsAreNotCached) {
  Counted c;
  const int64_t now = Ms("2026-03-02T12:00:00Z");
  StudyGroup once = Weekly(1);
  once.recurrence.reset();
  StudyGroup broken = Weekly(2);
  broken.time_zone = "Mars/Base";  // a row written around the service
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(c.cache.Get(once, now).value(), Expected(once, now));
    EXPECT_FALSE(c.cache.Get(broken, now).ok());
  }
  EXPECT_EQ(c.calls, 4);
  EXPECT_EQ(c.cache.size(), 0u);
}

TEST(NextOccurrenceCacheTest, ThreadsShareItAndGetTheRightAnswers) {
  NextOccurrenceCache cache(8);
  const int64_t now = Ms("2026-03-02T12:00:00Z");
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        StudyGroup g = Weekly(1 + (i + t) % 12);  // more groups than entries: evictions too
        g.duration_minutes = 30 + static_cast<int>(g.id);
        auto got = cache.Get(g, now + i);
        if (!got.ok() || *got != Expected(g, now + i)) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong, 0);
  EXPECT_LE(cache.size(), 8u);
}

}  // namespace
}  // namespace lks::internal
