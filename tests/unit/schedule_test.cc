// A group's occurrences across daylight saving changes (libical with the system's zoneinfo), the
// schedule's validation, and its iCalendar form. Fixed clocks only.
#include "lks/groups/schedule.h"

#include <gtest/gtest.h>

#include <ctime>

#include "core/iso_time.h"

namespace lks {
namespace {

int64_t Ms(const char* iso) {
  StatusOr<int64_t> ms = internal::ParseIsoTimeMs(iso, "t");
  EXPECT_TRUE(ms.ok()) << iso;
  return ms.ok() ? *ms : 0;
}

std::string Iso(int64_t ms) { return internal::FormatIsoTimeMs(ms); }

StudyGroup Group(const char* start, const char* zone, const char* rule, int minutes = 60) {
  StudyGroup g;
  g.id = 7;
  g.title = "Linear algebra";
  g.description = "Chapter 3, eigenvalues";
  g.scheduled_time_ms = Ms(start);
  g.duration_minutes = minutes;
  if (zone) g.time_zone = zone;
  if (rule) g.recurrence = rule;
  g.created_at_ms = Ms("2026-02-01T10:00:00.000Z");
  g.updated_at_ms = Ms("2026-02-02T11:00:00.000Z");
  return g;
}

// The starts of the first `n` occurrences ending after `after`.
std::vector<std::string> Starts(const StudyGroup& g, const char* after, size_t n) {
  StatusOr<std::vector<Occurrence>> o = OccurrencesEndingAfter(g, Ms(after), n);
  EXPECT_TRUE(o.ok()) << o.status().ToString();
  std::vector<std::string> out;
  if (o.ok())
    for (const Occurrence& x : *o) out.push_back(Iso(x.start_ms));
  return out;
}

TEST(ScheduleTest, NewYorkWeeklyKeepsItsLocalTimeAcrossTheSpringChange) {
  // Tuesdays and Thursdays at 18:00 in New York; DST begins on Sunday 2026-03-08.
  StudyGroup g = Group("2026-03-03T23:00:00Z", "America/New_York", "FREQ=WEEKLY;BYDAY=TU,TH");
  EXPECT_EQ(Starts(g, "2026-03-01T00:00:00Z", 4),
            (std::vector<std::string>{"2026-03-03T23:00:00.000Z", "2026-03-05T23:00:00.000Z",
                                      "2026-03-10T22:00:00.000Z", "2026-03-12T22:00:00.000Z"}));
}

TEST(ScheduleTest, NewYorkDailyKeepsItsLocalTimeAcrossTheAutumnChange) {
  // 08:30 every day; DST ends on Sunday 2026-11-01.
  StudyGroup g = Group("2026-10-31T12:30:00Z", "America/New_York", "FREQ=DAILY");
  EXPECT_EQ(Starts(g, "2026-10-31T00:00:00Z", 3),
            (std::vector<std::string>{"2026-10-31T12:30:00.000Z", "2026-11-01T13:30:00.000Z",
                                      "2026-11-02T13:30:00.000Z"}));
}

TEST(ScheduleTest, BerlinDailyWithCountEndsAfterItsCount) {
  // 09:00 in Berlin, five days; DST begins on Sunday 2026-03-29.
  StudyGroup g = Group("2026-03-27T08:00:00Z", "Europe/Berlin", "FREQ=DAILY;COUNT=5");
  EXPECT_EQ(Starts(g, "2026-01-01T00:00:00Z", 10),
            (std::vector<std::string>{"2026-03-27T08:00:00.000Z", "2026-03-28T08:00:00.000Z",
                                      "2026-03-29T07:00:00.000Z", "2026-03-30T07:00:00.000Z",
                                      "2026-03-31T07:00:00.000Z"}));
  StatusOr<std::optional<Occurrence>> after =
      CurrentOrNextOccurrence(g, Ms("2026-04-01T00:00:00Z"));
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->has_value());  // the recurrence has ended
}

TEST(ScheduleTest, BerlinEveryOtherMondayUntilAcrossTheAutumnChange) {
  // Mondays at 17:00, every second week, until 2026-11-16; DST ends on Sunday 2026-10-25.
  StudyGroup g = Group("2026-10-19T15:00:00Z", "Europe/Berlin",
                       "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20261116T160000Z");
  EXPECT_EQ(Starts(g, "2026-10-01T00:00:00Z", 10),
            (std::vector<std::string>{"2026-10-19T15:00:00.000Z", "2026-11-02T16:00:00.000Z",
                                      "2026-11-16T16:00:00.000Z"}));
}

TEST(ScheduleTest, CurrentOrNextIsTheRunningOccurrenceThenTheNextOne) {
  StudyGroup g = Group("2026-03-03T23:00:00Z", "America/New_York", "FREQ=WEEKLY;BYDAY=TU,TH", 90);
  auto at = [&](const char* now) {
    StatusOr<std::optional<Occurrence>> o = CurrentOrNextOccurrence(g, Ms(now));
    EXPECT_TRUE(o.ok() && o->has_value()) << now;
    return o.ok() && o->has_value() ? Iso((*o)->start_ms) + "/" + Iso((*o)->end_ms) : "";
  };
  EXPECT_EQ(at("2026-03-03T10:00:00Z"), "2026-03-03T23:00:00.000Z/2026-03-04T00:30:00.000Z");
  EXPECT_EQ(at("2026-03-04T00:29:59Z"), "2026-03-03T23:00:00.000Z/2026-03-04T00:30:00.000Z");
  EXPECT_EQ(at("2026-03-04T00:30:00Z"), "2026-03-05T23:00:00.000Z/2026-03-06T00:30:00.000Z");
  EXPECT_EQ(at("2026-03-09T12:00:00Z"), "2026-03-10T22:00:00.000Z/2026-03-10T23:30:00.000Z");
  // Years later: still 18:00 local (EST in January).
  EXPECT_EQ(at("2029-01-01T00:00:00Z"), "2029-01-02T23:00:00.000Z/2029-01-03T00:30:00.000Z");
}

TEST(ScheduleTest, AScheduledTimeAloneIsOneOccurrenceAndNothingIsNone) {
  StudyGroup once = Group("2026-05-01T14:00:00Z", nullptr, nullptr, 45);
  StatusOr<std::optional<Occurrence>> o = CurrentOrNextOccurrence(once, Ms("2026-04-01T00:00:00Z"));
  ASSERT_TRUE(o.ok() && o->has_value());
  EXPECT_EQ((*o)->start_ms, Ms("2026-05-01T14:00:00Z"));
  EXPECT_EQ((*o)->end_ms, Ms("2026-05-01T14:45:00Z"));
  o = CurrentOrNextOccurrence(once, Ms("2026-05-01T14:45:00Z"));
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->has_value());
  EXPECT_FALSE(HasRecurrence(once));

  StudyGroup none;
  o = CurrentOrNextOccurrence(none, Ms("2026-04-01T00:00:00Z"));
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->has_value());
}

TEST(ScheduleTest, ARecurrenceWithoutATimeZoneIsInUtc) {
  StudyGroup g = Group("2026-03-06T17:00:00Z", nullptr, "FREQ=WEEKLY");
  EXPECT_EQ(Starts(g, "2026-03-07T00:00:00Z", 2),
            (std::vector<std::string>{"2026-03-13T17:00:00.000Z", "2026-03-20T17:00:00.000Z"}));
}

TEST(ScheduleTest, SkippingAheadFindsWhatExpandingFromTheStartFinds) {
  // Rules without COUNT skip ahead to `after`; the answer must be the one a walk from DTSTART
  // gives, here checked against a walk that asks for every occurrence from the start.
  for (const char* rule : {"FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=TU,TH",
                           "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR", "FREQ=MONTHLY;BYDAY=2TU",
                           "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;UNTIL=20300101T000000Z"}) {
    StudyGroup g = Group("2019-01-01T17:00:00Z", "America/New_York", rule, 90);
    StatusOr<std::vector<Occurrence>> all =
        OccurrencesEndingAfter(g, Ms("2019-01-01T00:00:00Z"), 5000);
    ASSERT_TRUE(all.ok()) << rule;
    for (int64_t after = Ms("2019-06-01T00:00:00Z"); after < Ms("2031-01-01T00:00:00Z");
         after += 86400000LL * 37 + 3600000) {
      std::optional<Occurrence> want;
      for (const Occurrence& o : *all) {
        if (o.end_ms > after) {
          want = o;
          break;
        }
      }
      StatusOr<std::optional<Occurrence>> got = CurrentOrNextOccurrence(g, after);
      ASSERT_TRUE(got.ok()) << rule;
      ASSERT_EQ(*got, want) << rule << " after " << Iso(after);
    }
  }
}

TEST(ScheduleTest, ValidationNamesTheField) {
  const int64_t start = Ms("2026-03-03T23:00:00Z");
  auto message = [&](std::string_view zone, std::string_view rule, int64_t at) {
    StatusOr<ScheduleFields> s = ValidateSchedule(zone, rule, at);
    EXPECT_FALSE(s.ok()) << zone << " " << rule;
    if (s.ok()) return std::string();
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
    return s.status().message();
  };
  EXPECT_EQ(message("Mars/Olympus_Mons", "", start).rfind("timeZone: unknown time zone", 0), 0u);
  EXPECT_EQ(message("../../etc/passwd", "", start).rfind("timeZone: ", 0), 0u);
  EXPECT_EQ(message("Europe/Berlin", "FREQ=SOMETIMES", start).rfind("recurrence: ", 0), 0u);
  EXPECT_EQ(message("Europe/Berlin", "FREQ=WEEKLY;BYDAY=XX", start).rfind("recurrence: ", 0), 0u);
  EXPECT_EQ(message("Europe/Berlin", "FREQ=HOURLY", start).rfind("recurrence: FREQ=HOURLY", 0), 0u);
  EXPECT_EQ(message("Europe/Berlin", "FREQ=DAILY", 0).rfind("scheduledTime: ", 0), 0u);
  // Rules that match nothing are refused by the 20-year horizon of the expansion (libical alone
  // would walk for centuries). How long that takes is a benchmark's business
  // (BM_ValidateRuleWithoutOccurrence in benchmarks/schedule_bench.cc), not a unit test's: the
  // message shows the horizon ended it.
  for (const char* rule : {"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;BYDAY=+5FR"}) {
    const std::string m = message("UTC", rule, start);
    EXPECT_EQ(m.rfind("recurrence: ", 0), 0u) << m;
    EXPECT_NE(m.find("has no occurrence in the 20 years from scheduledTime"), std::string::npos)
        << m;
  }
  EXPECT_EQ(
      message("Europe/Berlin", "FREQ=DAILY;COUNT=1001", start).rfind("recurrence: COUNT: ", 0), 0u);

  StatusOr<ScheduleFields> ok =
      ValidateSchedule("America/New_York", " rrule:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4 ", start);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->time_zone, "America/New_York");
  EXPECT_EQ(ok->recurrence, "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4");
  ok = ValidateSchedule("", "", 0);
  ASSERT_TRUE(ok.ok());
  EXPECT_FALSE(ok->time_zone);
  EXPECT_FALSE(ok->recurrence);
}

TEST(ScheduleTest, CalendarHasTheZoneTheRuleAndAStableUid) {
  StudyGroup g = Group("2026-03-03T23:00:00Z", "America/New_York", "FREQ=WEEKLY;BYDAY=TU,TH");
  StatusOr<std::string> ics = GroupCalendar(g, "https://study.example.org/#/group/7/call");
  ASSERT_TRUE(ics.ok()) << ics.status().ToString();
  const std::string& c = *ics;
  EXPECT_EQ(c.rfind("BEGIN:VCALENDAR\r\n", 0), 0u) << c;
  for (const char* want :
       {"VERSION:2.0\r\n", "BEGIN:VTIMEZONE\r\n", "TZID:America/New_York\r\n", "BEGIN:VEVENT\r\n",
        "UID:study-group-7-1769940000@lkstudy\r\n", "DTSTAMP:20260202T110000Z\r\n",
        "DTSTART;TZID=America/New_York:20260303T180000\r\n", "DURATION:PT1H\r\n",
        "RRULE:FREQ=WEEKLY;BYDAY=TU,TH\r\n", "SUMMARY:Linear algebra\r\n",
        "URL:https://study.example.org/#/group/7/call\r\n", "END:VCALENDAR\r\n"}) {
    EXPECT_NE(c.find(want), std::string::npos) << want << "\n" << c;
  }
  EXPECT_EQ(c.find("freeassociation"), std::string::npos) << c;
  EXPECT_EQ(*GroupCalendar(g, "https://study.example.org/#/group/7/call"), c);  // stable

  StudyGroup unscheduled;
  StatusOr<std::string> none = GroupCalendar(unscheduled, "");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().reason(), "not_scheduled");
}

}  // namespace
}  // namespace lks
