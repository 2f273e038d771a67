// The handles of the C ABI's app users and REST requests/responses, shared by lks_rest.cc (their
// setters and getters) and lks_service.cc (which reads them). Internal header.
#ifndef LKS_CAPI_SRC_REST_HANDLES_H_
#define LKS_CAPI_SRC_REST_HANDLES_H_

#include <optional>

#include "lks.h"
#include "lks/api/app_token.h"
#include "lks/api/rest_types.h"
#include "lks/core/status.h"

struct lks_principal {
  lks::Principal who;
};

struct lks_rest_request {
  lks_rest_request() { request.method = "GET"; }
  lks::RestRequest request;
  bool has_target = false;
  std::optional<lks::Principal> principal;
};

struct lks_rest_response {
  lks_rest_response() { response.status = 0; }
  lks::RestResponse response;
};

namespace lks::capi {

// OK when `who` may be used as a caller: a user id of 1 to 255 bytes.
Status CheckPrincipal(const Principal& who);

}  // namespace lks::capi

#endif  // LKS_CAPI_SRC_REST_HANDLES_H_
