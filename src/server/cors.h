// CORS for `lkstudy serve`: browsers on other origins may call the API only when their origin is
// configured (--cors-origin, repeatable; none by default, so no cross-origin access at all).
//
// A preflight (OPTIONS with Origin and Access-Control-Request-Method) from an allowed origin gets
// 204 with Access-Control-Allow-Origin/-Methods/-Headers/-Max-Age; from any other origin 403
// (reason origin_not_allowed). Other requests are served as usual; from an allowed origin their
// response also carries Access-Control-Allow-Origin and `Vary: Origin`. Credentials (cookies) are
// never allowed: the API takes a bearer token.
//
// Thread-safety: immutable after construction; safe from any number of threads.
#ifndef LKS_SRC_SERVER_CORS_H_
#define LKS_SRC_SERVER_CORS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lks/api/rest_types.h"
#include "lks/core/status.h"

namespace lks::server {

class CorsPolicy {
 public:
  // `origins` are exact origins ("https://app.example.com", "http://localhost:5173"), or "*" for
  // any origin. Errors: kInvalidArgument "--cors-origin: ..." for a value that is not
  // scheme://host[:port] without a path.
  static StatusOr<CorsPolicy> Create(std::vector<std::string> origins);
  CorsPolicy() = default;  // no origin allowed

  // Whether `origin` (the Origin header's value) may call the API.
  bool Allows(std::string_view origin) const noexcept;

  // The answer to `req` when it is a preflight, nullopt otherwise.
  std::optional<RestResponse> Preflight(const RestRequest& req) const;

  // Adds Access-Control-Allow-Origin and Vary to `*resp` when `req` comes from an allowed origin.
  void Decorate(const RestRequest& req, RestResponse* resp) const;

 private:
  std::vector<std::string> origins_;
  bool any_ = false;
};

}  // namespace lks::server

#endif  // LKS_SRC_SERVER_CORS_H_
