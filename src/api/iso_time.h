// ISO 8601 / RFC 3339 timestamps as the seed's JSON writes them ("2025-10-13T14:30:00.000Z").
// Internal header.
#ifndef LKS_SRC_API_ISO_TIME_H_
#define LKS_SRC_API_ISO_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "lks/core/status.h"

namespace lks::internal {

// "YYYY-MM-DDTHH:MM:SS.mmmZ" for Unix milliseconds (UTC).
std::string FormatIsoTimeMs(int64_t unix_ms);

// Parses "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)" into Unix milliseconds.
// Errors: kInvalidArgument "<field>: '<text>' is not an ISO 8601 time like 2025-10-15T19:00:00.000Z".
StatusOr<int64_t> ParseIsoTimeMs(std::string_view text, std::string_view field);

}  // namespace lks::internal

#endif  // LKS_SRC_API_ISO_TIME_H_
