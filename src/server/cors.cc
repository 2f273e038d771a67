#include "server/cors.h"

#include <algorithm>

namespace lks::server {

StatusOr<CorsPolicy> CorsPolicy::Create(std::vector<std::string> origins) {
  CorsPolicy p;
  for (std::string& o : origins) {
    if (o == "*") {
      p.any_ = true;
      continue;
    }
    const size_t scheme_end = o.find("://");
    const bool scheme_ok =
        scheme_end != std::string::npos &&
        (o.compare(0, scheme_end, "http") == 0 || o.compare(0, scheme_end, "https") == 0);
    const std::string_view host = scheme_ok ? std::string_view(o).substr(scheme_end + 3) : "";
    if (!scheme_ok || host.empty() || host.find_first_of("/?# ") != std::string_view::npos) {
      return InvalidArgumentError("--cors-origin: '" + o +
                                  "' is not an origin like https://app.example.com[:port]");
    }
    p.origins_.push_back(std::move(o));
  }
  return p;
}

bool CorsPolicy::Allows(std::string_view origin) const noexcept {
  if (origin.empty()) return false;
  return any_ || std::find(origins_.begin(), origins_.end(), origin) != origins_.end();
}

std::optional<RestResponse> CorsPolicy::Preflight(const RestRequest& req) const {
  const std::string_view origin = req.Header("Origin");
  if (req.method != "OPTIONS" || origin.empty() ||
      req.Header("Access-Control-Request-Method").empty()) {
    return std::nullopt;
  }
  if (!Allows(origin)) {
    RestResponse r = RestErrorResponse(
        PermissionDeniedError("Origin: not allowed to call this API (see --cors-origin)")
            .WithReason("origin_not_allowed"));
    r.headers.emplace_back("Vary", "Origin");
    return r;
  }
  RestResponse r;
  r.status = 204;
  r.headers.emplace_back("Access-Control-Allow-Origin", std::string(origin));
  r.headers.emplace_back("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS");
  r.headers.emplace_back("Access-Control-Allow-Headers", "Authorization, Content-Type");
  r.headers.emplace_back("Access-Control-Max-Age", "600");
  r.headers.emplace_back("Vary", "Origin");
  return r;
}

void CorsPolicy::Decorate(const RestRequest& req, RestResponse* resp) const {
  const std::string_view origin = req.Header("Origin");
  if (!Allows(origin)) return;
  resp->headers.emplace_back("Access-Control-Allow-Origin", std::string(origin));
  resp->headers.emplace_back("Access-Control-Expose-Headers", "Retry-After");
  resp->headers.emplace_back("Vary", "Origin");
}

}  // namespace lks::server
