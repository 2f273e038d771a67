// Errors the study-group service returns, with the reasons the REST layer turns into error codes.
// Internal header.
#ifndef LKS_SRC_GROUPS_SERVICE_ERRORS_H_
#define LKS_SRC_GROUPS_SERVICE_ERRORS_H_

#include <string>
#include <string_view>

#include "lks/core/status.h"

namespace lks::internal {

// The room is neither a study group's nor one of its breakout rooms.
inline Status RoomNotFound(std::string_view room_name) {
  return NotFoundError("room '" + std::string(room_name) + "' does not belong to any study group")
      .WithReason("room_not_found");
}
inline Status NotAMember(int64_t group_id) {
  return PermissionDeniedError("not a member of study group " + std::to_string(group_id))
      .WithReason("not_a_member");
}
inline Status NotAModerator(int64_t group_id) {
  return PermissionDeniedError("only owners and moderators of study group " +
                               std::to_string(group_id) + " may do this")
      .WithReason("not_a_moderator");
}
inline Status NotAnOwner(int64_t group_id) {
  return PermissionDeniedError("only owners of study group " + std::to_string(group_id) +
                               " may change its settings")
      .WithReason("not_an_owner");
}
inline Status LiveKitNotConfigured() {
  return FailedPreconditionError(
             "LiveKit is not configured (set LIVEKIT_API_KEY, LIVEKIT_API_SECRET and "
             "LIVEKIT_SERVER_URL)")
      .WithReason("livekit_not_configured")
      .WithHttpStatus(503);  // the server's configuration, not the request: 503, not 409
}
inline Status E2eeNotConfigured(int64_t group_id) {
  return FailedPreconditionError("study group " + std::to_string(group_id) +
                                 " is end-to-end encrypted and the service has no E2EE master "
                                 "secret (LKS_E2EE_MASTER_SECRET)")
      .WithReason("e2ee_not_configured")
      .WithHttpStatus(503);  // the server's configuration, not the request
}

// A failure of a LiveKit call, as the service reports it: unreachable (kUnavailable, HTTP 503),
// an unexpected answer (kInternal, HTTP 502), or LiveKit's own 4xx verdict passed on.
inline Status FromLiveKit(const Status& s, std::string_view what) {
  if (s.code() == StatusCode::kUnavailable || s.code() == StatusCode::kDeadlineExceeded) {
    return UnavailableError("LiveKit is unreachable (" + std::string(what) + "): " + s.message())
        .WithReason("livekit_unavailable")
        .WithHttpStatus(503);
  }
  if (s.code() == StatusCode::kInternal || s.code() == StatusCode::kUnknown ||
      s.code() == StatusCode::kDataLoss || s.http_status() >= 500) {
    return InternalError("LiveKit failed (" + std::string(what) + "): " + s.message())
        .WithReason("livekit_error")
        .WithHttpStatus(502);
  }
  return s.Annotate(what);
}

}  // namespace lks::internal

#endif  // LKS_SRC_GROUPS_SERVICE_ERRORS_H_
