// A group's occurrences, expanded with libical (lks/groups/schedule.h).
#include "lks/groups/schedule.h"

#include <algorithm>
#include <memory>

#include "groups/ical_support.h"
#include "groups/next_occurrence_cache.h"

namespace lks {
namespace internal {

std::unique_lock<std::mutex> LockIcal() {
  static std::mutex mu;
  std::unique_lock<std::mutex> lock(mu);
  static const bool once = [] {
    // libical's default (in some builds) is to abort on its own errors; a library must not.
    icalerror_set_errors_are_fatal(0);
    return true;
  }();
  (void)once;
  return lock;
}

StatusOr<icaltimezone*> FindIcalZone(std::string_view name, std::string_view field) {
  if (name.empty() || name == "UTC" || name == "Etc/UTC") return icaltimezone_get_utc_timezone();
  const std::string n(name);
  // libical reads the system's zoneinfo; a name it does not list is unknown.
  icaltimezone* zone = n.find('\0') == std::string::npos && n.find("..") == std::string::npos
                           ? icaltimezone_get_builtin_timezone(n.c_str())
                           : nullptr;
  icalerror_clear_errno();
  if (!zone) {
    return InvalidArgumentError(std::string(field) + ": unknown time zone '" +
                                std::string(name.substr(0, 64)) +
                                "' (want an IANA name such as \"Europe/Berlin\")");
  }
  return zone;
}

std::string_view StripRrulePrefix(std::string_view text) noexcept {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  constexpr std::string_view kPrefix = "RRULE:";
  if (text.size() >= kPrefix.size()) {
    bool match = true;
    for (size_t i = 0; i < kPrefix.size(); ++i) {
      char c = text[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (c != kPrefix[i]) match = false;
    }
    if (match) text.remove_prefix(kPrefix.size());
  }
  return text;
}

// The largest COUNT accepted (daily for almost three years, weekly for 19): a counted rule is
// walked from DTSTART, about 3 microseconds an occurrence.
constexpr int kMaxCount = 1000;

StatusOr<icalrecurrencetype> ParseIcalRule(std::string_view text, std::string_view field) {
  const std::string rule(StripRrulePrefix(text));
  auto bad = [&](std::string why) { return InvalidArgumentError(std::string(field) + ": " + why); };
  if (rule.empty()) return bad("empty RRULE");
  if (rule.find('\0') != std::string::npos) return bad("not an RRULE");
  icalerror_clear_errno();
  icalrecurrencetype r = icalrecurrencetype_from_string(rule.c_str());
  const bool failed = icalerrno != ICAL_NO_ERROR || r.freq == ICAL_NO_RECURRENCE;
  icalerror_clear_errno();
  if (failed) {
    return bad("'" + rule.substr(0, 80) +
               "' is not a valid RFC 5545 RRULE (e.g. \"FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10\")");
  }
  switch (r.freq) {
    case ICAL_DAILY_RECURRENCE:
    case ICAL_WEEKLY_RECURRENCE:
    case ICAL_MONTHLY_RECURRENCE:
    case ICAL_YEARLY_RECURRENCE:
      break;
    default:
      return bad("FREQ=" + std::string(icalrecur_freq_to_string(r.freq)) +
                 " is not supported (want DAILY, WEEKLY, MONTHLY or YEARLY)");
  }
  if (r.interval < 1) return bad("INTERVAL: must be at least 1");
  if (r.count < 0) return bad("COUNT: must be at least 1");
  // A counted rule is walked from DTSTART (it cannot skip ahead): bound the walk.
  if (r.count > kMaxCount) {
    return bad("COUNT: at most " + std::to_string(kMaxCount) +
               " (leave COUNT out, or use UNTIL, for a longer series)");
  }
  return r;
}

icaltimetype LocalIcalTime(int64_t utc_ms, icaltimezone* zone) {
  const int64_t s = utc_ms >= 0 ? utc_ms / 1000 : -((-utc_ms + 999) / 1000);
  icaltimetype t = icaltime_from_timet_with_zone(static_cast<time_t>(s), 0, zone);
  t.zone = zone;  // libical converts the wall time but leaves the UTC zone on it
  return t;
}

}  // namespace internal

namespace {

// Expands at most this many occurrences per call: a daily rule is 36,500 in a century.
constexpr int kMaxIterations = 200000;
// How far past `after` (or DTSTART) an expansion looks. libical walks day by day looking for a
// match, up to its own limit centuries away, so a rule that matches nothing (FREQ=DAILY;
// BYMONTH=2;BYMONTHDAY=30) would cost a quarter second a call without an UNTIL this close.
constexpr int64_t kHorizonMs = int64_t{20} * 36525 * 86400000 / 100;  // 20 years

struct IteratorDeleter {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};

// The occurrences of a recurring group ending after `after_ms` (the caller holds the lock).
StatusOr<std::vector<Occurrence>> ExpandLocked(const StudyGroup& g, int64_t after_ms, size_t max) {
  StatusOr<icaltimezone*> zone = internal::FindIcalZone(g.time_zone.value_or(""));
  if (!zone.ok()) return zone.status();
  StatusOr<icalrecurrencetype> rule = internal::ParseIcalRule(*g.recurrence);
  if (!rule.ok()) return rule.status();
  const int64_t duration_ms = int64_t{std::max(g.duration_minutes, 0)} * 60000;
  const int64_t sub_second = ((g.scheduled_time_ms % 1000) + 1000) % 1000;
  icaltimetype start = internal::LocalIcalTime(g.scheduled_time_ms, *zone);
  const int64_t horizon = std::max(after_ms, g.scheduled_time_ms) + kHorizonMs;
  if (icaltime_is_null_time(rule->until) ||
      int64_t{icaltime_as_timet(rule->until)} * 1000 > horizon) {
    rule->until = internal::LocalIcalTime(horizon, icaltimezone_get_utc_timezone());
  }
  std::unique_ptr<icalrecur_iterator, IteratorDeleter> it(icalrecur_iterator_new(*rule, start));
  icalerror_clear_errno();
  if (!it) return InvalidArgumentError("recurrence: libical cannot expand this RRULE");
  // Skip ahead to a day before the first occurrence that can still end after `after_ms` (libical
  // can for a rule without COUNT, which must count from DTSTART), so that a daily group of many
  // years costs no more than a new one.
  const int64_t skip_to = after_ms - duration_ms - 86400000;
  if (rule->count == 0 && skip_to > g.scheduled_time_ms) {
    icalrecur_iterator_set_start(it.get(), internal::LocalIcalTime(skip_to, *zone));
  }
  std::vector<Occurrence> out;
  for (int i = 0; i < kMaxIterations && out.size() < max; ++i) {
    icaltimetype t = icalrecur_iterator_next(it.get());
    if (icaltime_is_null_time(t)) break;
    t.zone = *zone;
    const int64_t begin = int64_t{icaltime_as_timet_with_zone(t, *zone)} * 1000 + sub_second;
    if (begin + duration_ms > after_ms) out.push_back({begin, begin + duration_ms});
  }
  icalerror_clear_errno();
  return out;
}

}  // namespace

StatusOr<ScheduleFields> ValidateSchedule(std::string_view time_zone, std::string_view recurrence,
                                          int64_t scheduled_time_ms) {
  ScheduleFields out;
  const std::string_view rule = internal::StripRrulePrefix(recurrence);
  auto lock = internal::LockIcal();
  if (!time_zone.empty()) {
    StatusOr<icaltimezone*> zone = internal::FindIcalZone(time_zone);
    if (!zone.ok()) return zone.status();
    out.time_zone = std::string(time_zone);
  }
  if (!rule.empty()) {
    if (scheduled_time_ms <= 0) {
      return InvalidArgumentError(
          "scheduledTime: required with a recurrence (its first occurrence, after 1970)");
    }
    StatusOr<icalrecurrencetype> r = internal::ParseIcalRule(rule);
    if (!r.ok()) return r.status();
    // The rule must also expand from this start (libical refuses some BY* combinations).
    StudyGroup probe;
    probe.scheduled_time_ms = scheduled_time_ms;
    probe.time_zone = out.time_zone;
    probe.recurrence = std::string(rule);
    probe.duration_minutes = 0;
    StatusOr<std::vector<Occurrence>> first = ExpandLocked(probe, scheduled_time_ms - 1, 1);
    if (!first.ok()) return first.status();
    if (first->empty()) {
      return InvalidArgumentError("recurrence: '" + std::string(rule.substr(0, 80)) +
                                  "' has no occurrence in the 20 years from scheduledTime");
    }
    out.recurrence = std::string(rule);
  } else if (!recurrence.empty()) {
    return InvalidArgumentError("recurrence: empty RRULE");
  }
  return out;
}

bool HasRecurrence(const StudyGroup& group) noexcept {
  return group.recurrence && !internal::StripRrulePrefix(*group.recurrence).empty();
}

StatusOr<std::vector<Occurrence>> OccurrencesEndingAfter(const StudyGroup& g, int64_t after_ms,
                                                         size_t max) {
  if (max == 0) return std::vector<Occurrence>{};
  if (!HasRecurrence(g)) {
    std::vector<Occurrence> out;
    if (g.scheduled_time_ms <= 0) return out;
    const int64_t end = g.scheduled_time_ms + int64_t{std::max(g.duration_minutes, 0)} * 60000;
    if (end > after_ms) out.push_back({g.scheduled_time_ms, end});
    return out;
  }
  if (g.scheduled_time_ms <= 0)
    return InvalidArgumentError("scheduledTime: required with a recurrence");
  auto lock = internal::LockIcal();
  return ExpandLocked(g, after_ms, max);
}

StatusOr<std::optional<Occurrence>> CurrentOrNextOccurrence(const StudyGroup& group,
                                                            int64_t now_ms) {
  StatusOr<std::vector<Occurrence>> next = OccurrencesEndingAfter(group, now_ms, 1);
  if (!next.ok()) return next.status();
  if (next->empty()) return std::optional<Occurrence>();
  return std::optional<Occurrence>(next->front());
}

namespace internal {

NextOccurrenceCache::NextOccurrenceCache(size_t max_entries, Compute compute)
    : max_entries_(std::max<size_t>(max_entries, 1)),
      compute_(compute ? std::move(compute) : Compute(&CurrentOrNextOccurrence)) {}

bool NextOccurrenceCache::SameSchedule(const Entry& e, const StudyGroup& g) noexcept {
  return e.scheduled_time_ms == g.scheduled_time_ms && e.duration_minutes == g.duration_minutes &&
         e.time_zone == g.time_zone && e.recurrence == g.recurrence;
}

StatusOr<std::optional<Occurrence>> NextOccurrenceCache::Get(const StudyGroup& g, int64_t now_ms) {
  if (g.id <= 0 || !HasRecurrence(g)) return compute_(g, now_ms);
  {
    std::shared_lock lock(mu_);
    auto it = entries_.find(g.id);
    if (it != entries_.end() && SameSchedule(it->second, g) && now_ms >= it->second.valid_from_ms &&
        now_ms < it->second.valid_until_ms) {
      return it->second.next;
    }
  }
  computed_.fetch_add(1, std::memory_order_relaxed);
  StatusOr<std::optional<Occurrence>> next = compute_(g, now_ms);  // libical's lock, not ours
  if (!next.ok()) return next;
  Entry e;
  e.scheduled_time_ms = g.scheduled_time_ms;
  e.duration_minutes = g.duration_minutes;
  e.time_zone = g.time_zone;
  e.recurrence = g.recurrence;
  e.next = *next;
  e.valid_from_ms = now_ms;
  e.valid_until_ms = *next ? (*next)->end_ms : now_ms + kEmptyTtlMs;
  std::unique_lock lock(mu_);
  if (entries_.size() >= max_entries_ && entries_.find(g.id) == entries_.end()) {
    std::erase_if(entries_, [&](const auto& kv) { return kv.second.valid_until_ms <= now_ms; });
    if (entries_.size() >= max_entries_) entries_.erase(entries_.begin());
  }
  entries_.insert_or_assign(g.id, std::move(e));
  return next;
}

size_t NextOccurrenceCache::size() const {
  std::shared_lock lock(mu_);
  return entries_.size();
}

}  // namespace internal

}  // namespace lks
