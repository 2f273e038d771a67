// RestHandler: the seed's REST API as a function from request to response, independent of any
// HTTP server, so a host backend can mount it in its own framework (or through the C ABI).
//
// Routes (docs/rest-api.md has every request and response):
//   POST   /api/livekit/token                          a member's LiveKit token for a group's room
//   POST   /api/livekit/rooms                          create a room (moderators, admins)
//   GET    /api/livekit/rooms                          active rooms (of the caller's groups; all
//   for admins) GET    /api/livekit/rooms/:roomName                a room and its participants
//   (members) DELETE /api/livekit/rooms/:roomName                end the session (moderators) POST
//   /api/livekit/rooms/:roomName/remove-participant   (moderators; barred for the session) POST
//   /api/livekit/rooms/:roomName/mute-track      mute/unmute a published track (moderators) GET
//   /api/livekit/status                         whether LiveKit is configured (no auth) POST
//   /api/livekit/webhook                        LiveKit's webhooks (signed by LiveKit, no app auth)
//   POST   /api/study-groups/create                    create a group (the caller owns it)
//   GET    /api/study-groups                           the caller's groups (?after=ID&limit=N)
//   GET    /api/study-groups/:id                       one group
//   POST   /api/study-groups/:id/join | /leave         membership
//   GET    /api/study-groups/:id/members               members (members only)
//   GET    /api/study-groups/:id/usage                 participant-minutes and estimated cost
//
// Success: {"success":true,"data":...} (plus "message" where the seed has one); `data` is what the
// StudyGroupApi call of the route answers. Failure:
// {"success":false,"error":{"code":"...","message":"...","status":"...","reason":"..."}}: `code`
// is the seed's field (the reason word when there is one, else the canonical status name),
// `status` the canonical status name and `reason` the word or "". The HTTP status is
// HttpStatusFor(status) (lks/core/status.h): 400 (malformed or invalid field, named), 401 (no or
// invalid app token), 403 (not a member / not a moderator / barred), 404, 405, 409 (group full,
// conflicts), 413, 502/503 (LiveKit failing/unreachable), 500. No response ever contains a
// secret or a token other than the one a member asked for.
//
// Thread-safety: Handle may be called from any number of threads at once.
#ifndef LKS_API_REST_HANDLER_H_
#define LKS_API_REST_HANDLER_H_

#include <memory>
#include <optional>
#include <string>

#include "lks/api/app_token.h"
#include "lks/api/rest_types.h"
#include "lks/api/study_group_api.h"
#include "lks/groups/study_group_service.h"
#include "lks/livekit/webhook_receiver.h"

namespace lks {

struct RestHandlerOptions {
  // Largest request body accepted (413 beyond). Webhook bodies from LiveKit are small.
  size_t max_body_bytes = 1 << 20;
};

class RestHandler {
 public:
  // `service` is required. `app_tokens` authenticates callers from their Authorization header;
  // when null, only HandleAs (a principal the host authenticated) can reach authenticated routes.
  // `webhooks` verifies POST /api/livekit/webhook; when null that route answers 503.
  RestHandler(std::shared_ptr<StudyGroupService> service,
              std::shared_ptr<const AppTokenVerifier> app_tokens,
              std::shared_ptr<const WebhookReceiver> webhooks, RestHandlerOptions options = {});
  // The same over an API shared with other callers (the C ABI's typed lks_service_* calls).
  RestHandler(std::shared_ptr<const StudyGroupApi> api,
              std::shared_ptr<const AppTokenVerifier> app_tokens, RestHandlerOptions options = {});
  ~RestHandler();

  // Authenticates from the request's Authorization header ("Bearer <app JWT>").
  RestResponse Handle(const RestRequest& request) const;

  // For hosts that authenticate users themselves: `who` is trusted as the caller.
  RestResponse HandleAs(const RestRequest& request, const Principal& who) const;

  // The typed calls each route is served by.
  const StudyGroupApi& api() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lks

#endif  // LKS_API_REST_HANDLER_H_
