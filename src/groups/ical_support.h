// libical, as the schedule and calendar code use it: one lock around every call (libical's time
// zone cache and its error number are process-wide), zone lookup by IANA name and RRULE parsing
// with errors that name the field. Internal header.
#ifndef LKS_SRC_GROUPS_ICAL_SUPPORT_H_
#define LKS_SRC_GROUPS_ICAL_SUPPORT_H_

#include <libical/ical.h>

#include <mutex>
#include <string>
#include <string_view>

#include "lks/core/status.h"
#include "lks/store/models.h"

namespace lks::internal {

// Held around every libical call. The first lock also turns off libical's abort-on-error mode.
std::unique_lock<std::mutex> LockIcal();

// The zone named `name` (IANA, e.g. "Europe/Berlin"); UTC for "", "UTC" and "Etc/UTC".
// Errors: kInvalidArgument "<field>: unknown time zone '...'". Zones live as long as the process.
// The caller holds LockIcal().
StatusOr<icaltimezone*> FindIcalZone(std::string_view name, std::string_view field = "timeZone");

// `text` (an RRULE value, with or without "RRULE:") as libical's rule, limited to FREQ=DAILY,
// WEEKLY, MONTHLY and YEARLY. Errors: kInvalidArgument naming `field`. The caller holds
// LockIcal().
StatusOr<icalrecurrencetype> ParseIcalRule(std::string_view text,
                                           std::string_view field = "recurrence");

// `text` without a leading "RRULE:" (any case) and surrounding blanks.
std::string_view StripRrulePrefix(std::string_view text) noexcept;

// The local wall time of `utc_ms` in `zone` (seconds precision), carrying `zone`. The caller
// holds LockIcal().
icaltimetype LocalIcalTime(int64_t utc_ms, icaltimezone* zone);

}  // namespace lks::internal

#endif  // LKS_SRC_GROUPS_ICAL_SUPPORT_H_
