// Framework-agnostic HTTP request and response: what the REST handler takes and returns, so a host
// backend can mount lkstudy's API in any server, framework or language.
//
// Thread-safety: plain values.
#ifndef LKS_API_REST_TYPES_H_
#define LKS_API_REST_TYPES_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lks/core/status.h"

namespace lks {

struct RestRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // "/api/study-groups/123", without the query string
  std::string query;   // "a=1&b=2", without '?'
  // Header names as received; look them up with Header(), which ignores case.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // the raw bytes as received (webhooks are verified over these exact bytes)

  // The first header named `name` (ASCII case-insensitive), or empty.
  std::string_view Header(std::string_view name) const;
};

struct RestResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header named `name` (ASCII case-insensitive), or empty.
  std::string_view Header(std::string_view name) const;
};

// The REST API's error response for `status`, with HttpStatusFor(status) as its HTTP status:
// {"success":false,"error":{"code","message","status","reason"}} (docs/rest-api.md), plus one
// string member per entry of status.meta() (e.g. "opensAt" of outside_schedule).
RestResponse RestErrorResponse(const Status& status);

// ASCII case-insensitive equality, for header names.
bool HeaderNameEquals(std::string_view a, std::string_view b) noexcept;

}  // namespace lks

#endif  // LKS_API_REST_TYPES_H_
