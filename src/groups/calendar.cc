// A group as an iCalendar object (lks/groups/schedule.h: GroupCalendar), built with libical.
#include <algorithm>
#include <memory>

#include "groups/ical_support.h"
#include "lks/groups/schedule.h"

namespace lks {
namespace {

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

icaltimetype UtcTime(int64_t ms) {
  return internal::LocalIcalTime(ms, icaltimezone_get_utc_timezone());
}

// The zone's VTIMEZONE from libical's zone data, named by its plain IANA name (libical's own
// TZIDs carry a "/freeassociation.sourceforge.net/" prefix that calendar clients would show),
// without the transitions before `from_ms` (the first occurrence).
Component ZoneComponent(icaltimezone* zone, const std::string& name, int64_t from_ms) {
  icalcomponent* source = icaltimezone_get_component(zone);
  if (!source) return nullptr;
  Component vtz(icalcomponent_new_clone(source));
  icalproperty* tzid = icalcomponent_get_first_property(vtz.get(), ICAL_TZID_PROPERTY);
  if (tzid) icalproperty_set_tzid(tzid, name.c_str());
  icaltimezone_truncate_vtimezone(vtz.get(), UtcTime(from_ms), icaltime_null_time(), 0);
  return vtz;
}

}  // namespace

StatusOr<std::string> GroupCalendar(const StudyGroup& g, std::string_view join_url) {
  if (g.scheduled_time_ms <= 0) {
    return FailedPreconditionError("study group " + std::to_string(g.id) +
                                   " has no scheduledTime, so it has no calendar")
        .WithReason("not_scheduled");
  }
  const std::string zone_name = g.time_zone.value_or("");
  auto lock = internal::LockIcal();
  StatusOr<icaltimezone*> zone = internal::FindIcalZone(zone_name);
  if (!zone.ok()) return zone.status();
  const bool utc = *zone == icaltimezone_get_utc_timezone();
  std::optional<icalrecurrencetype> rule;
  if (HasRecurrence(g)) {
    StatusOr<icalrecurrencetype> r = internal::ParseIcalRule(*g.recurrence);
    if (!r.ok()) return r.status();
    rule = *r;
  }

  Component cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//lkstudy//study groups//EN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  if (!utc) {
    Component vtz = ZoneComponent(*zone, zone_name, g.scheduled_time_ms);
    if (vtz) icalcomponent_add_component(cal.get(), vtz.release());
  }

  icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_component(cal.get(), event);  // cal owns it from here
  const std::string uid = "study-group-" + std::to_string(g.id) + "-" +
                          std::to_string(g.created_at_ms / 1000) + "@lkstudy";
  icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(UtcTime(g.updated_at_ms)));
  icalcomponent_add_property(event, icalproperty_new_lastmodified(UtcTime(g.updated_at_ms)));
  icalproperty* dtstart = icalproperty_new_dtstart(
      utc ? UtcTime(g.scheduled_time_ms) : internal::LocalIcalTime(g.scheduled_time_ms, *zone));
  if (!utc) icalproperty_add_parameter(dtstart, icalparameter_new_tzid(zone_name.c_str()));
  icalcomponent_add_property(event, dtstart);
  icalcomponent_add_property(
      event,
      icalproperty_new_duration(icaldurationtype_from_int(std::max(g.duration_minutes, 0) * 60)));
  if (rule) icalcomponent_add_property(event, icalproperty_new_rrule(*rule));
  icalcomponent_add_property(event, icalproperty_new_summary(g.title.c_str()));
  std::string description = g.description;
  const std::string url(join_url);
  if (!url.empty()) {
    if (!description.empty()) description += "\n\n";
    description += "Join: " + url;
  }
  if (!description.empty())
    icalcomponent_add_property(event, icalproperty_new_description(description.c_str()));
  if (!url.empty()) icalcomponent_add_property(event, icalproperty_new_url(url.c_str()));

  char* text = icalcomponent_as_ical_string_r(cal.get());
  icalerror_clear_errno();
  if (!text) return InternalError("calendar: libical could not write the VCALENDAR");
  std::string out(text);
  icalmemory_free_buffer(text);
  return out;
}

}  // namespace lks
