/* The study-group service and REST handler through the C ABI only, as a host in another language
 * would mount it: request bytes in, response bytes out. */
#include <stdlib.h>
#include <string.h>

#include "lks.h"
#include "test_harness.h"

#define S(lit) lit, (sizeof(lit) - 1)

typedef struct response {
  int status;
  lks_buf headers;
  lks_buf body;
} response;

static lks_status request(response* r, const lks_service* svc, const char* method,
                          const char* target, const char* headers, const char* body,
                          const char* principal) {
  return lks_service_handle_request(&r->status, &r->headers, &r->body, svc, method, strlen(method),
                                    target, strlen(target), headers, headers ? strlen(headers) : 0,
                                    body, body ? strlen(body) : 0, principal,
                                    principal ? strlen(principal) : 0);
}

int main(void) {
  lks_store* store = NULL;
  lks_service_options* opts = NULL;
  lks_service* svc = NULL;
  lks_buf token = LKS_BUF_INIT;
  response r = {0, LKS_BUF_INIT, LKS_BUF_INIT};
  char auth[1024];

  CHECK(lks_store_open(&store, S("sqlite::memory:")) == LKS_OK);
  CHECK(lks_service_options_new(&opts) == LKS_OK);
  CHECK(lks_service_options_set_app_jwt_secret(opts, S("app-secret")) == LKS_OK);
  CHECK(lks_service_options_set_moderators_get_room_admin(opts, 1) == LKS_OK);
  CHECK(lks_service_options_set_live_room_cache_seconds(opts, -1) == LKS_INVALID_ARGUMENT);
  CHECK(strstr(lks_error_last()->message, "liveRoomCacheSeconds") != NULL);
  CHECK(lks_service_options_set_live_room_cache_seconds(opts, 10) == LKS_OK);
  /* A LiveKit URL without key and secret leaves LiveKit unconfigured; with them, an invalid URL
   * is refused when the service is made. */
  CHECK(lks_service_options_set_livekit_url(opts, S("ftp://nowhere")) == LKS_OK);
  CHECK(lks_service_options_set_api_key(opts, S("key")) == LKS_OK);
  CHECK(lks_service_options_set_api_secret(opts, S("secret")) == LKS_OK);
  CHECK(lks_service_new(&svc, store, opts) == LKS_INVALID_ARGUMENT);
  CHECK(svc == NULL);
  CHECK(lks_error_last() != NULL && strstr(lks_error_last()->message, "livekitUrl") != NULL);
  CHECK(lks_service_options_set_livekit_url(opts, NULL, 0) == LKS_OK);
  CHECK(lks_service_options_set_cost_per_participant_minute(opts, -1) == LKS_INVALID_ARGUMENT);
  CHECK(lks_service_options_set_token_ttl_seconds(opts, 0) == LKS_INVALID_ARGUMENT);
  CHECK(lks_service_new(&svc, store, opts) == LKS_OK);
  /* The service shares the store: freeing the store handle first is fine. */
  lks_store_free(store);

  /* With the app's own token in the Authorization header. */
  CHECK(lks_app_token_mint(&token, S("app-secret"),
                           S("{\"userId\":15,\"email\":\"john@example.com\"}"), 3600) == LKS_OK);
  strcpy(auth, "Content-Type: application/json\r\nAuthorization: Bearer ");
  strncat(auth, token.ptr, sizeof auth - strlen(auth) - 3);
  strcat(auth, "\r\n");
  CHECK(request(&r, svc, "POST", "/api/study-groups/create", auth,
                "{\"title\":\"Test Bible "
                "Study\",\"videoProvider\":\"livekit\",\"useLiveKit\":true,\"maxParticipants\":10}",
                NULL) == LKS_OK);
  CHECK(r.status == 201);
  CHECK_CONTAINS(r.body.ptr, "\"message\":\"Study group created successfully\"");
  CHECK_CONTAINS(r.body.ptr, "\"createdBy\":\"15\"");
  CHECK_CONTAINS(r.headers.ptr, "Content-Type: application/json");

  /* With a principal the host authenticated. */
  CHECK(request(&r, svc, "POST", "/api/study-groups/1/join", "", NULL,
                "{\"userId\":\"16\",\"name\":\"Ann\"}") == LKS_OK);
  CHECK(r.status == 200);
  CHECK_CONTAINS(r.body.ptr, "\"role\":\"member\"");
  CHECK(request(&r, svc, "GET", "/api/study-groups?limit=5", "", NULL, "{\"userId\":\"16\"}") ==
        LKS_OK);
  CHECK(r.status == 200);
  CHECK_CONTAINS(r.body.ptr, "\"total\":1");

  /* API errors are responses, not C errors. */
  CHECK(request(&r, svc, "GET", "/api/study-groups/1", "", NULL, NULL) == LKS_OK);
  CHECK(r.status == 401);
  CHECK_CONTAINS(r.body.ptr, "{\"success\":false,\"error\":{\"code\":\"unauthenticated\"");
  CHECK(request(&r, svc, "POST", "/api/livekit/token", auth, "{\"roomName\":\"x\"}", NULL) ==
        LKS_OK);
  CHECK(r.status == 503);
  CHECK_CONTAINS(r.body.ptr, "livekit_not_configured");

  /* A malformed principal is a C error naming the field. */
  CHECK(request(&r, svc, "GET", "/api/study-groups/1", "", NULL, "{\"email\":\"x\"}") ==
        LKS_INVALID_ARGUMENT);
  CHECK(lks_error_last() != NULL && strstr(lks_error_last()->message, "principal.userId") != NULL);
  CHECK(lks_service_handle_request(NULL, &r.headers, &r.body, svc, S("GET"), S("/"), NULL, 0, NULL,
                                   0, NULL, 0) == LKS_INVALID_ARGUMENT);
  CHECK(lks_app_token_mint(&token, S(""), S("{\"userId\":1}"), 60) == LKS_INVALID_ARGUMENT);

  lks_buf_dispose(&token);
  lks_buf_dispose(&r.headers);
  lks_buf_dispose(&r.body);
  lks_service_free(svc);
  lks_service_options_free(opts);
  lks_service_free(NULL);
  lks_service_options_free(NULL);
  return lks_test_summary();
}
