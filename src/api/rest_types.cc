#include "lks/api/rest_types.h"

#include "core/json_writer.h"

namespace lks {

bool HeaderNameEquals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

namespace {
std::string_view Find(const std::vector<std::pair<std::string, std::string>>& headers,
                      std::string_view name) {
  for (const auto& [k, v] : headers) {
    if (HeaderNameEquals(k, name)) return v;
  }
  return {};
}
}  // namespace

std::string_view RestRequest::Header(std::string_view name) const { return Find(headers, name); }
std::string_view RestResponse::Header(std::string_view name) const { return Find(headers, name); }

RestResponse RestErrorResponse(const Status& status) {
  // "code" is the seed's field and keeps its meaning: the API's reason word when there is one
  // ("group_full"), else the canonical status name. "status" (the canonical name, always) and
  // "reason" (the word, or "") are lkstudy's additions, so clients need no table to tell them
  // apart (docs/rest-api.md, docs/error-handling.md).
  const std::string_view status_name = StatusCodeName(status.code());
  const std::string_view reason = status.reason();
  std::string body;
  internal::JsonWriter w(&body);
  w.BeginObject().Field("success", false).Key("error").BeginObject();
  w.Field("code", reason.empty() ? status_name : reason);
  w.Field("message", std::string_view(status.message()));
  w.Field("status", status_name);
  w.Field("reason", reason);
  // Detail the error was made with (Status meta, e.g. outside_schedule's "opensAt"), as more
  // string members; never one of the four above.
  for (const auto& [key, value] : status.meta()) {
    if (key.empty() || key == "code" || key == "message" || key == "status" || key == "reason")
      continue;
    w.Field(std::string_view(key), std::string_view(value));
  }
  w.EndObject().EndObject();
  RestResponse r;
  r.status = HttpStatusFor(status);
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  r.body = std::move(body);
  return r;
}

}  // namespace lks
