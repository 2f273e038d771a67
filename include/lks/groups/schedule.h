// A study group's schedule: its occurrences (scheduledTime, durationMinutes, timeZone and an
// RFC 5545 RRULE, expanded with libical so that the local wall time stays fixed across daylight
// saving changes), the join window around them, and its iCalendar form (calendar.ics).
//
// The rules (docs/rest-api.md, "Schedules"):
//  - A group with a recurrence meets at scheduledTime's local wall time in timeZone (UTC when
//    unset), on every occurrence of the RRULE; each occurrence lasts durationMinutes.
//  - A group with only a scheduledTime has that one occurrence.
//  - A group with neither has no occurrence (and no schedule).
//
// Thread-safety: every function may be called from any number of threads at once (libical's
// time zone cache is shared, so its calls are serialized inside).
#ifndef LKS_GROUPS_SCHEDULE_H_
#define LKS_GROUPS_SCHEDULE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lks/core/status.h"
#include "lks/store/models.h"

namespace lks {

// One meeting of a group, in Unix milliseconds (UTC); end = start + durationMinutes.
struct Occurrence {
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  bool operator==(const Occurrence&) const = default;
};

// A group's schedule fields, checked. The RRULE may carry an "RRULE:" prefix, which is dropped.
struct ScheduleFields {
  std::optional<std::string> time_zone;   // a known IANA name, or unset
  std::optional<std::string> recurrence;  // the RRULE value without "RRULE:", or unset
};

// Checks `time_zone` (an IANA name libical knows, from the system's zoneinfo) and `recurrence`
// (an RRULE with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY; BYDAY, INTERVAL, COUNT (at most 1000),
// UNTIL and the other BY* parts as RFC 5545 has them). Empty strings count as unset. A recurrence
// needs a scheduledTime (its first occurrence, DTSTART). Errors: kInvalidArgument naming the field
// ("timeZone: unknown time zone 'Mars/Base'", "recurrence: ...", "scheduledTime: required with
// a recurrence"). A rule with no occurrence in the 20 years from scheduledTime is refused.
StatusOr<ScheduleFields> ValidateSchedule(std::string_view time_zone, std::string_view recurrence,
                                          int64_t scheduled_time_ms);

// True when the group has a recurrence (the join window applies only then; see
// StudyGroupService::IssueToken).
bool HasRecurrence(const StudyGroup& group) noexcept;

// Up to `max` occurrences of `group` whose end is after `after_ms`, in order, among those that
// start within 20 years of `after_ms` (or of scheduledTime, when later). Empty for a group
// without a schedule, or when the recurrence has ended. Errors: kInvalidArgument when the stored
// time zone or recurrence is not valid (a row written around the service).
StatusOr<std::vector<Occurrence>> OccurrencesEndingAfter(const StudyGroup& group, int64_t after_ms,
                                                         size_t max);

// The current occurrence at `now_ms` (start <= now < end), else the next one; nullopt when there
// is none. Errors as OccurrencesEndingAfter.
StatusOr<std::optional<Occurrence>> CurrentOrNextOccurrence(const StudyGroup& group,
                                                            int64_t now_ms);

// The group as an iCalendar object (RFC 5545, CRLF lines): a VCALENDAR with the VTIMEZONE of
// its time zone (from libical's zone data) and one VEVENT: UID study-group-<id>-<createdAt
// seconds>@lkstudy (stable for the group), DTSTAMP and LAST-MODIFIED its updatedAt, DTSTART in
// its TZID (UTC without a time zone), DURATION, RRULE (when it recurs), SUMMARY (title),
// DESCRIPTION (description, and the join link) and URL `join_url` (left out when empty).
// Errors: kFailedPrecondition (reason not_scheduled) for a group without a scheduledTime;
// kInvalidArgument as OccurrencesEndingAfter.
StatusOr<std::string> GroupCalendar(const StudyGroup& group, std::string_view join_url);

}  // namespace lks

#endif  // LKS_GROUPS_SCHEDULE_H_
