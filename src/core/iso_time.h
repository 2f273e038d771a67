// ISO 8601 / RFC 3339 timestamps as the seed's JSON writes them ("2025-10-13T14:30:00.000Z"): the
// one codec of the REST API and the store's JSON. Internal header.
#ifndef LKS_SRC_CORE_ISO_TIME_H_
#define LKS_SRC_CORE_ISO_TIME_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "lks/core/status.h"

namespace lks::internal {

// "YYYY-MM-DDTHH:MM:SS.mmmZ" for Unix milliseconds (UTC). Years outside 0000..9999 (which
// ParseIsoTimeMs refuses) are written with as many digits as they need and a '-' when negative.
std::string FormatIsoTimeMs(int64_t unix_ms);

// Room for any FormatIsoTimeMs text.
inline constexpr size_t kIsoTimeMsMaxChars = 48;

// The same text into `buf`, without allocating (a JSON writer's field): a view into `buf`.
std::string_view FormatIsoTimeMs(int64_t unix_ms, char (&buf)[kIsoTimeMsMaxChars]);

// Which texts ParseIsoTimeMs takes.
enum class IsoTimeForm {
  kUtc,        // "YYYY-MM-DDTHH:MM:SS[.fraction]Z" only: the store's canonical form
  kAnyOffset,  // also "+HH:MM"/"-HH:MM" offsets and a space for the 'T' (RFC 3339), as clients send
};

// Parses a time of `form` into Unix milliseconds (fractions beyond milliseconds are dropped).
// The instant must lie in 0000-01-01T00:00:00.000Z..9999-12-31T23:59:59.999Z (after applying the
// offset), so that FormatIsoTimeMs writes it back in the same four-digit form.
// Errors: kInvalidArgument "<field>: '<text>' is not an ISO 8601 time like
// 2025-10-15T19:00:00.000Z"
// ("... ISO 8601 UTC time ..." for kUtc).
StatusOr<int64_t> ParseIsoTimeMs(std::string_view text, std::string_view field,
                                 IsoTimeForm form = IsoTimeForm::kAnyOffset);

}  // namespace lks::internal

#endif  // LKS_SRC_CORE_ISO_TIME_H_
