// The app's own user tokens: how callers of the REST API prove who they are.
//
// A study-group app already signs its users' sessions with an HS256 JWT and a secret of its own
// (APP_JWT_SECRET), e.g. jsonwebtoken's sign({userId, email}, secret). AppTokenVerifier accepts
// those: the user id comes from `userId` (a number or a string) or else `sub`; `email`, `name` and
// `role` are optional; `exp` is checked when present (with a leeway), `nbf` likewise.
//
// Thread-safety: configure before sharing; Verify* are then safe from any number of threads.
#ifndef LKS_API_APP_TOKEN_H_
#define LKS_API_APP_TOKEN_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "lks/core/clock.h"
#include "lks/core/crypto.h"
#include "lks/core/status.h"
#include "lks/groups/principal.h"

namespace lks {

class AppTokenVerifier {
 public:
  // `secret` is the app's JWT secret; it is not stored, only its HMAC state.
  explicit AppTokenVerifier(std::string_view secret);

  AppTokenVerifier& set_leeway(std::chrono::seconds leeway) noexcept;
  // The clock must outlive the verifier.
  AppTokenVerifier& set_clock(const Clock& clock) noexcept;

  // Verifies a JWT. Errors: kUnauthenticated with reason malformed, bad_base64, unsupported_alg,
  // bad_signature, expired, not_yet_valid, or no_user (no usable userId or sub).
  StatusOr<Principal> Verify(std::string_view jwt) const;

  // Verifies an Authorization header value: "Bearer <jwt>" (any case of "bearer"). Errors as
  // Verify, plus reason missing_header for an empty value and bad_scheme for another scheme.
  StatusOr<Principal> VerifyAuthorization(std::string_view header_value) const;

 private:
  HmacSha256Key key_;
  std::chrono::seconds leeway_{60};
  const Clock* clock_;
};

// Mints an app token for `who` ({"sub","userId","email","name","role","iat","exp"}), for trying the
// API and for tests. A user id of digits is also written as the number `userId`, as the seed's app
// does. Errors: kInvalidArgument for an empty or over-long user id, a non-positive ttl or invalid
// UTF-8.
StatusOr<std::string> MintAppToken(std::string_view secret, const Principal& who,
                                   std::chrono::seconds ttl, const Clock& clock = SystemClock());

}  // namespace lks

#endif  // LKS_API_APP_TOKEN_H_
