// Mapping of Twirp error answers to Status. Internal header.
#ifndef LKS_SRC_LIVEKIT_TWIRP_ERROR_H_
#define LKS_SRC_LIVEKIT_TWIRP_ERROR_H_

#include <string_view>

#include "lks/core/status.h"

namespace lks::internal {

// The canonical code of a Twirp error code ("not_found" -> kNotFound); kUnknown for others.
StatusCode TwirpCodeToStatusCode(std::string_view twirp_code);

// The canonical code for an HTTP status without a Twirp body (401 -> kUnauthenticated, ...).
StatusCode HttpStatusToStatusCode(int http_status);

// A non-2xx answer of `method` as a Status: from a Twirp JSON body {"code","msg","meta"} when
// there is one, otherwise from the HTTP status and the (plain) text. Never OK. Anything that looks
// like a JWT in the text is replaced by "<token>".
Status TwirpErrorToStatus(std::string_view method, int http_status, std::string_view body);

// `text` with every JWT-looking run ("eyJ...") replaced by "<token>", cut to `max` bytes.
std::string RedactTokens(std::string_view text, size_t max = 300);

}  // namespace lks::internal

#endif  // LKS_SRC_LIVEKIT_TWIRP_ERROR_H_
