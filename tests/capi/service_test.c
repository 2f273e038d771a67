/* The study-group service through the C ABI only, as a host in another language would use it:
 * the REST API as request -> response (lks_service_handle_rest), and the typed calls
 * (lks_service_<operation>) that answer the REST API's `data` and fail with its status, reason
 * and HTTP status. */
#include <stdlib.h>
#include <string.h>

#include "lks.h"
#include "test_harness.h"

#define S(lit) lit, (sizeof(lit) - 1)

/* The value of response header `name`, or NULL. */
static const char* header(const lks_rest_response* r, const char* name) {
  int64_t i, n = lks_rest_response_header_count(r);
  for (i = 0; i < n; i++) {
    const char *k, *v;
    size_t kn, vn;
    if (lks_rest_response_header(&k, &kn, &v, &vn, r, i) != LKS_OK) return NULL;
    if (kn == strlen(name) && strncmp(k, name, kn) == 0 && strlen(v) == vn) return v;
  }
  return NULL;
}

static lks_principal* principal(const char* user_id, const char* name) {
  lks_principal* who = NULL;
  CHECK(lks_principal_new(&who) == LKS_OK);
  CHECK(lks_principal_set_user_id(who, user_id, strlen(user_id)) == LKS_OK);
  if (name) CHECK(lks_principal_set_name(who, name, strlen(name)) == LKS_OK);
  return who;
}

/* The REST API as a function from request to response. */
static void rest(const lks_service* svc) {
  lks_rest_request* req = NULL;
  lks_rest_response* resp = NULL;
  lks_principal* ann = principal("16", "Ann");
  lks_principal* john = NULL;
  lks_buf token = LKS_BUF_INIT;
  char bearer[1024];
  size_t len = 0;

  CHECK(lks_rest_request_new(&req) == LKS_OK);
  CHECK(lks_rest_response_new(&resp) == LKS_OK);
  CHECK(lks_rest_response_status(resp) == 0);
  CHECK_STR(lks_rest_response_body(resp, &len), "");
  CHECK(len == 0);

  /* A request without a target is refused before any routing. */
  CHECK(lks_service_handle_rest(resp, svc, req) == LKS_INVALID_ARGUMENT);
  CHECK_CONTAINS(lks_error_last()->message, "request.target");

  /* With the app's own token in the Authorization header. */
  CHECK(lks_principal_new(&john) == LKS_OK);
  CHECK(lks_principal_set_user_id(john, S("15")) == LKS_OK);
  CHECK(lks_principal_set_email(john, S("john@example.com")) == LKS_OK);
  CHECK(lks_principal_set_role(john, S("")) == LKS_OK);
  CHECK(lks_app_token_mint(&token, S("app-secret"), john, 3600) == LKS_OK);
  strcpy(bearer, "Bearer ");
  strncat(bearer, token.ptr, sizeof bearer - strlen(bearer) - 1);
  CHECK(lks_rest_request_set_method(req, S("post")) == LKS_OK);
  CHECK(lks_rest_request_set_target(req, S("/api/study-groups/create")) == LKS_OK);
  CHECK(lks_rest_request_add_header(req, S("Content-Type"), S("application/json")) == LKS_OK);
  CHECK(lks_rest_request_add_header(req, "Authorization", 13, bearer, strlen(bearer)) == LKS_OK);
  CHECK(lks_rest_request_set_body(
            req, S("{\"title\":\"Test Bible Study\",\"videoProvider\":"
                   "\"livekit\",\"useLiveKit\":true,\"maxParticipants\":2}")) == LKS_OK);
  CHECK(lks_service_handle_rest(resp, svc, req) == LKS_OK);
  CHECK(lks_rest_response_status(resp) == 201);
  CHECK_CONTAINS(lks_rest_response_body(resp, NULL),
                 "\"message\":\"Study group created successfully\"");
  CHECK_CONTAINS(lks_rest_response_body(resp, NULL), "\"createdBy\":\"15\"");
  CHECK_CONTAINS(header(resp, "Content-Type"), "application/json");
  {
    const char *k, *v;
    size_t kn, vn;
    CHECK(lks_rest_response_header(&k, &kn, &v, &vn, resp, lks_rest_response_header_count(resp)) ==
          LKS_OUT_OF_RANGE);
    CHECK(lks_rest_response_header(&k, &kn, &v, &vn, resp, -1) == LKS_OUT_OF_RANGE);
  }

  /* With a principal the host authenticated (the Authorization header is then not read). */
  CHECK(lks_rest_request_clear_headers(req) == LKS_OK);
  CHECK(lks_rest_request_set_principal(req, ann) == LKS_OK);
  CHECK(lks_rest_request_set_target(req, S("/api/study-groups/1/join")) == LKS_OK);
  CHECK(lks_rest_request_set_body(req, NULL, 0) == LKS_OK);
  CHECK(lks_service_handle_rest(resp, svc, req) == LKS_OK);
  CHECK(lks_rest_response_status(resp) == 200);
  CHECK_CONTAINS(lks_rest_response_body(resp, NULL), "\"role\":\"member\"");
  CHECK(lks_rest_request_set_method(req, S("GET")) == LKS_OK);
  CHECK(lks_rest_request_set_target(req, S("/api/study-groups?limit=5")) == LKS_OK);
  CHECK(lks_service_handle_rest(resp, svc, req) == LKS_OK);
  CHECK(lks_rest_response_status(resp) == 200);
  CHECK_CONTAINS(lks_rest_response_body(resp, NULL), "\"total\":1");

  /* API errors are responses, not C errors: the seed's code and message, plus the canonical
   * status and the reason. */
  CHECK(lks_rest_request_set_principal(req, NULL) == LKS_OK);
  CHECK(lks_rest_request_set_target(req, S("/api/study-groups/1")) == LKS_OK);
  CHECK(lks_service_handle_rest(resp, svc, req) == LKS_OK);
  CHECK(lks_rest_response_status(resp) == 401);
  CHECK_CONTAINS(lks_rest_response_body(resp, NULL),
                 "{\"success\":false,\"error\":{\"code\":\"unauthenticated\"");
  CHECK_CONTAINS(lks_rest_response_body(resp, NULL), "\"status\":\"unauthenticated\"");
  CHECK(lks_rest_request_set_principal(req, john) == LKS_OK);
  CHECK(lks_rest_request_set_method(req, S("POST")) == LKS_OK);
  CHECK(lks_rest_request_set_target(req, S("/api/study-groups/1/join")) == LKS_OK);
  CHECK(lks_service_handle_rest(resp, svc, req) == LKS_OK); /* the owner: already a member */
  CHECK(lks_rest_response_status(resp) == 200);
  {
    lks_principal* third = principal("17", NULL);
    CHECK(lks_rest_request_set_principal(req, third) == LKS_OK);
    lks_principal_free(third); /* the request keeps its own copy */
  }
  CHECK(lks_service_handle_rest(resp, svc, req) == LKS_OK);
  CHECK(lks_rest_response_status(resp) == 409);
  CHECK_CONTAINS(lks_rest_response_body(resp, NULL),
                 "\"code\":\"group_full\",\"message\":\"groupId: study group 1 is full");
  CHECK_CONTAINS(lks_rest_response_body(resp, NULL),
                 "\"status\":\"resource_exhausted\",\"reason\":\"group_full\"}");

  /* A principal without a user id is a C error naming the field. */
  {
    lks_principal* nobody = NULL;
    CHECK(lks_principal_new(&nobody) == LKS_OK);
    CHECK(lks_rest_request_set_principal(req, nobody) == LKS_OK);
    CHECK(lks_service_handle_rest(resp, svc, req) == LKS_INVALID_ARGUMENT);
    CHECK_CONTAINS(lks_error_last()->message, "principal.userId: required");
    lks_principal_free(nobody);
  }
  CHECK(lks_rest_request_add_header(req, S("Bad:Name"), S("v")) == LKS_INVALID_ARGUMENT);
  CHECK(lks_rest_request_add_header(req, S("X"), S("a\r\nb")) == LKS_INVALID_ARGUMENT);
  CHECK(lks_service_handle_rest(NULL, svc, req) == LKS_INVALID_ARGUMENT);
  CHECK(lks_app_token_mint(&token, S(""), john, 60) == LKS_INVALID_ARGUMENT);
  CHECK(lks_rest_response_status(NULL) == 0 && lks_rest_response_header_count(NULL) == 0);

  lks_buf_dispose(&token);
  lks_principal_free(ann);
  lks_principal_free(john);
  lks_rest_request_free(req);
  lks_rest_response_free(resp);
  lks_rest_request_free(NULL);
  lks_rest_response_free(NULL);
  lks_principal_free(NULL);
}

/* The typed calls: the REST API's data, and its errors as lks_status + reason + HTTP status. */
static void typed(const lks_service* svc) {
  lks_principal* owner = principal("40", "Olga");
  lks_principal* member = principal("41", NULL);
  lks_principal* stranger = principal("42", NULL);
  lks_buf out = LKS_BUF_INIT;
  const char* group = "{\"title\":\"Gospel of John\",\"maxParticipants\":2,\"useLiveKit\":false}";
  char id_text[32];
  int64_t id;

  CHECK(lks_service_create_group(&out, svc, owner, group, strlen(group)) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"title\":\"Gospel of John\"");
  CHECK_CONTAINS(out.ptr, "\"videoProvider\":\"google_meet\"");
  CHECK(out.ptr[0] == '{'); /* the group itself: REST's data, not its envelope */
  CHECK(strstr(out.ptr, "\"success\"") == NULL);
  id = strtoll(strstr(out.ptr, "\"id\":") + 5, NULL, 10);
  CHECK(id > 0);
  snprintf(id_text, sizeof id_text, "\"groupId\":%lld", (long long)id);

  CHECK(lks_service_get_group(&out, svc, stranger, id) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "Gospel of John");
  CHECK(lks_service_join_group(&out, svc, member, id) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"role\":\"member\"");
  CHECK(lks_service_list_members(&out, svc, member, id) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"total\":2");
  CHECK(lks_service_list_groups(&out, svc, member, 0, 0) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"groups\":[{");
  CHECK_CONTAINS(out.ptr, "\"nextAfter\":null");
  CHECK(lks_service_get_usage(&out, svc, owner, id) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"participantMinutes\":0");
  CHECK(lks_service_get_livekit_status(&out, svc) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"configured\":false");

  /* Errors: the status, reason and HTTP status the REST route would answer with. */
  CHECK(lks_service_join_group(&out, svc, stranger, id) == LKS_RESOURCE_EXHAUSTED);
  CHECK(out.ptr == NULL);
  CHECK_STR(lks_error_last()->reason, "group_full");
  CHECK(lks_error_last()->http_status == 409);
  CHECK(lks_service_list_members(&out, svc, stranger, id) == LKS_PERMISSION_DENIED);
  CHECK_STR(lks_error_last()->reason, "not_a_member");
  CHECK(lks_error_last()->http_status == 403);
  CHECK(lks_service_get_group(&out, svc, owner, 999999) == LKS_NOT_FOUND);
  CHECK(lks_error_last()->http_status == 404);
  CHECK(lks_service_get_group(&out, svc, owner, 0) == LKS_INVALID_ARGUMENT);
  CHECK_CONTAINS(lks_error_last()->message, "id:");
  CHECK(lks_service_list_groups(&out, svc, owner, 0, 1001) == LKS_INVALID_ARGUMENT);
  CHECK_CONTAINS(lks_error_last()->message, "limit:");
  CHECK(lks_service_create_group(&out, svc, owner, S("{\"title\":7}")) == LKS_INVALID_ARGUMENT);
  CHECK_STR(lks_error_last()->message, "title: expected a string");
  CHECK(lks_error_last()->http_status == 400);
  CHECK(lks_service_issue_token(&out, svc, member, S("study_group_1_x"), S("")) ==
        LKS_FAILED_PRECONDITION);
  CHECK_STR(lks_error_last()->reason, "livekit_not_configured");
  CHECK(lks_error_last()->http_status == 503);
  CHECK(lks_service_create_room(&out, svc, owner, S("{\"name\":\"r\"}")) != LKS_OK);
  CHECK(lks_service_list_rooms(&out, svc, owner) == LKS_FAILED_PRECONDITION);
  CHECK(lks_service_get_room(&out, svc, owner, S("r")) != LKS_OK);
  CHECK(lks_service_delete_room(&out, svc, owner, S("r")) != LKS_OK);
  CHECK(lks_service_remove_participant(&out, svc, owner, S("r"), S("user_41")) != LKS_OK);
  CHECK(lks_service_mute_track(&out, svc, owner, S("r"), S("user_41"), S("TR_1"), 1) != LKS_OK);
  /* Reconciliation needs the room service: refused, with the reason, never a silent no-op. */
  CHECK(lks_service_reconcile(&out, svc) == LKS_FAILED_PRECONDITION);
  CHECK(out.ptr == NULL);
  CHECK_STR(lks_error_last()->reason, "livekit_not_configured");
  CHECK(lks_error_last()->http_status == 503);
  CHECK(lks_service_reconcile(NULL, svc) == LKS_INVALID_ARGUMENT);
  CHECK(lks_service_reconcile(&out, NULL) == LKS_INVALID_ARGUMENT);
  /* Recording (docs/recording.md): moderators only, LiveKit groups only, with consent. */
  CHECK(lks_service_start_recording(&out, svc, owner, id) == LKS_FAILED_PRECONDITION);
  CHECK_STR(lks_error_last()->reason, "not_livekit");
  CHECK(lks_error_last()->http_status == 409);
  CHECK(lks_service_start_recording(&out, svc, member, id) == LKS_PERMISSION_DENIED);
  CHECK_STR(lks_error_last()->reason, "not_a_moderator");
  CHECK(lks_service_stop_recording(&out, svc, owner, id) == LKS_FAILED_PRECONDITION);
  CHECK_STR(lks_error_last()->reason, "not_recording");
  CHECK(lks_service_list_recordings(&out, svc, member, id) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"recordings\":[]");
  CHECK_CONTAINS(out.ptr, "\"total\":0");
  CHECK(lks_service_list_recordings(&out, svc, stranger, id) == LKS_PERMISSION_DENIED);
  {
    const char* recorded =
        "{\"title\":\"Recorded\",\"recordingConsent\":true,"
        "\"transcriptionAgent\":\"transcriber\"}";
    const char* plain = "{\"title\":\"Not recorded\"}";
    int64_t rid;
    CHECK(lks_service_create_group(&out, svc, owner, recorded, strlen(recorded)) == LKS_OK);
    CHECK_CONTAINS(out.ptr, "\"recordingConsent\":true");
    CHECK_CONTAINS(out.ptr, "\"e2ee\":false");
    CHECK_CONTAINS(out.ptr, "\"transcriptionAgent\":\"transcriber\"");
    rid = strtoll(strstr(out.ptr, "\"id\":") + 5, NULL, 10);
    CHECK(lks_service_start_recording(&out, svc, owner, rid) == LKS_FAILED_PRECONDITION);
    CHECK_STR(lks_error_last()->reason, "livekit_not_configured");
    CHECK(lks_error_last()->http_status == 503);
    CHECK(lks_service_create_group(&out, svc, owner, plain, strlen(plain)) == LKS_OK);
    CHECK_CONTAINS(out.ptr, "\"recordingConsent\":false");
    rid = strtoll(strstr(out.ptr, "\"id\":") + 5, NULL, 10);
    CHECK(lks_service_start_recording(&out, svc, owner, rid) == LKS_FAILED_PRECONDITION);
    CHECK_STR(lks_error_last()->reason, "recording_not_consented");
    CHECK(lks_error_last()->http_status == 409);
  }
  /* Breakout rooms (docs/breakouts.md): moderators open and close, members look. */
  CHECK(lks_service_open_breakouts(&out, svc, member, id, S("{\"count\":2,\"mode\":\"auto\"}")) ==
        LKS_PERMISSION_DENIED);
  CHECK_STR(lks_error_last()->reason, "not_a_moderator");
  CHECK(lks_service_open_breakouts(&out, svc, owner, id, S("{\"count\":2,\"mode\":\"auto\"}")) ==
        LKS_FAILED_PRECONDITION);
  CHECK_STR(lks_error_last()->reason, "not_livekit");
  CHECK(lks_error_last()->http_status == 409);
  CHECK(lks_service_open_breakouts(&out, svc, owner, id, NULL, 3) == LKS_INVALID_ARGUMENT);
  CHECK(lks_service_get_breakouts(&out, svc, member, id) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"open\":false");
  CHECK_CONTAINS(out.ptr, "\"rooms\":[]");
  CHECK_CONTAINS(out.ptr, "\"assignment\":null");
  CHECK(lks_service_get_breakouts(&out, svc, stranger, id) == LKS_PERMISSION_DENIED);
  CHECK(lks_service_close_breakouts(&out, svc, member, id) == LKS_PERMISSION_DENIED);
  CHECK(lks_service_close_breakouts(&out, svc, owner, id) == LKS_FAILED_PRECONDITION);
  CHECK_STR(lks_error_last()->reason, "livekit_not_configured");
  CHECK(lks_service_get_group(NULL, svc, owner, id) == LKS_INVALID_ARGUMENT);
  CHECK(lks_service_get_group(&out, svc, NULL, id) == LKS_INVALID_ARGUMENT);

  CHECK(lks_service_leave_group(&out, svc, member, id) == LKS_OK);
  CHECK_CONTAINS(out.ptr, id_text);
  CHECK_CONTAINS(out.ptr, "\"userId\":\"41\"");
  CHECK(lks_service_leave_group(&out, svc, owner, id) == LKS_FAILED_PRECONDITION);
  CHECK(lks_error_last()->http_status == 409);

  lks_buf_dispose(&out);
  lks_principal_free(owner);
  lks_principal_free(member);
  lks_principal_free(stranger);
}

/* Admission: an approval group, the lock, the knock calls and their refusals. (The waiting answer
 * of lks_service_issue_token needs a live LiveKit room: bindings/node/test/service.test.js covers
 * it through this ABI against a real livekit-server.) */
static void admission(const lks_service* svc) {
  lks_principal* owner = principal("60", "Olga");
  lks_principal* member = principal("61", NULL);
  lks_buf out = LKS_BUF_INIT;
  int64_t id;

  CHECK(lks_service_create_group(
            &out, svc, owner, S("{\"title\":\"Waiting\",\"admission\":\"approval\"}")) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"admission\":\"approval\"");
  CHECK_CONTAINS(out.ptr, "\"locked\":false");
  id = strtoll(strstr(out.ptr, "\"id\":") + 5, NULL, 10);
  CHECK(lks_service_join_group(&out, svc, member, id) == LKS_OK);
  CHECK(
      lks_service_create_group(&out, svc, owner, S("{\"title\":\"x\",\"admission\":\"closed\"}")) ==
      LKS_INVALID_ARGUMENT);
  CHECK_CONTAINS(lks_error_last()->message, "admission:");
  CHECK(lks_error_last()->http_status == 400);

  CHECK(lks_service_lock_group(&out, svc, owner, id) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"locked\":true");
  CHECK(lks_service_lock_group(&out, svc, member, id) == LKS_PERMISSION_DENIED);
  CHECK_STR(lks_error_last()->reason, "not_a_moderator");
  CHECK(lks_error_last()->http_status == 403);
  CHECK(lks_service_unlock_group(&out, svc, owner, id) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"locked\":false");

  CHECK(lks_service_list_knocks(&out, svc, owner, id) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"session\":null,\"knocks\":[],\"total\":0");
  CHECK(lks_service_list_knocks(&out, svc, member, id) == LKS_PERMISSION_DENIED);
  CHECK_STR(lks_error_last()->reason, "not_a_moderator");
  CHECK(lks_service_admit_knock(&out, svc, owner, id, S("61")) == LKS_NOT_FOUND);
  CHECK_STR(lks_error_last()->reason, "knock_not_found");
  CHECK(lks_error_last()->http_status == 404);
  CHECK(lks_service_deny_knock(&out, svc, member, id, S("61")) == LKS_PERMISSION_DENIED);
  CHECK(lks_service_admit_knock(&out, svc, owner, id, NULL, 0) == LKS_INVALID_ARGUMENT);
  CHECK_CONTAINS(lks_error_last()->message, "userId:");

  lks_buf_dispose(&out);
  lks_principal_free(owner);
  lks_principal_free(member);
}

/* Webhooks verified by the service: signed as livekit-server signs them. */
static void webhooks(const lks_service* svc) {
  const char* body =
      "{\"event\":\"room_started\",\"room\":{\"sid\":\"RM_1\",\"name\":\"not_a_group_room\"},"
      "\"id\":\"EV_capi_1\",\"createdAt\":\"1732700000\"}";
  lks_buf auth = LKS_BUF_INIT, out = LKS_BUF_INIT;
  CHECK(lks_webhook_sign(&auth, S("key"), S("secret"), body, strlen(body), 300) == LKS_OK);
  CHECK(lks_service_receive_webhook(&out, svc, body, strlen(body), auth.ptr, auth.size) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"event\":\"room_started\",\"id\":\"EV_capi_1\"");
  CHECK(lks_service_receive_webhook(&out, svc, body, strlen(body), auth.ptr, auth.size) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"outcome\":\"duplicate\"");
  CHECK(lks_service_receive_webhook(&out, svc, body, strlen(body) - 1, auth.ptr, auth.size) ==
        LKS_UNAUTHENTICATED);
  CHECK_STR(lks_error_last()->reason, "body_mismatch");
  CHECK(lks_error_last()->http_status == 401);
  CHECK(lks_service_receive_webhook(&out, svc, body, strlen(body), NULL, 0) == LKS_UNAUTHENTICATED);
  CHECK_STR(lks_error_last()->reason, "missing_authorization");
  lks_buf_dispose(&auth);
  lks_buf_dispose(&out);
}

int main(void) {
  lks_store* store = NULL;
  lks_service_options* opts = NULL;
  lks_service* svc = NULL;

  CHECK(lks_store_open(&store, S("sqlite::memory:")) == LKS_OK);
  CHECK(lks_service_options_new(&opts) == LKS_OK);
  CHECK(lks_service_options_set_app_jwt_secret(opts, S("app-secret")) == LKS_OK);
  CHECK(lks_service_options_set_moderators_get_room_admin(opts, 1) == LKS_OK);
  CHECK(lks_service_options_set_live_room_cache_seconds(opts, -1) == LKS_INVALID_ARGUMENT);
  CHECK_CONTAINS(lks_error_last()->message, "liveRoomCacheSeconds");
  CHECK(lks_service_options_set_live_room_cache_seconds(opts, 10) == LKS_OK);
  CHECK(lks_service_options_set_public_url(opts, S("ftp://study.example.org")) ==
        LKS_INVALID_ARGUMENT);
  CHECK_CONTAINS(lks_error_last()->message, "publicUrl");
  CHECK(lks_service_options_set_public_url(opts, S("https://study.example.org")) == LKS_OK);
  /* A LiveKit URL without key and secret leaves LiveKit unconfigured; with them, an invalid URL
   * is refused when the service is made. */
  CHECK(lks_service_options_set_livekit_url(opts, S("ftp://nowhere")) == LKS_OK);
  CHECK(lks_service_options_set_api_key(opts, S("key")) == LKS_OK);
  CHECK(lks_service_options_set_api_secret(opts, S("secret")) == LKS_OK);
  CHECK(lks_service_new(&svc, store, opts) == LKS_INVALID_ARGUMENT);
  CHECK(svc == NULL);
  CHECK_CONTAINS(lks_error_last()->message, "livekitUrl");
  /* Key and secret without a URL: webhooks are verified, the room service is not configured. */
  CHECK(lks_service_options_set_livekit_url(opts, NULL, 0) == LKS_OK);
  CHECK(lks_service_options_set_cost_per_participant_minute(opts, -1) == LKS_INVALID_ARGUMENT);
  CHECK(lks_service_options_set_token_ttl_seconds(opts, 0) == LKS_INVALID_ARGUMENT);
  /* The E2EE master secret: 32 bytes at least; the error names the option, never the value. */
  CHECK(lks_service_options_set_e2ee_master_secret(opts, S("too-short-master-secret")) ==
        LKS_INVALID_ARGUMENT);
  CHECK_CONTAINS(lks_error_last()->message, "e2eeMasterSecret");
  CHECK(strstr(lks_error_last()->message, "too-short") == NULL);
  CHECK(lks_service_options_set_e2ee_master_secret(opts, S("0123456789abcdef0123456789abcdef")) ==
        LKS_OK);
  CHECK(lks_service_new(&svc, store, opts) == LKS_OK);
  /* The service shares the store: freeing the store handle first is fine. */
  lks_store_free(store);

  rest(svc);
  typed(svc);
  admission(svc);
  webhooks(svc);

  lks_service_free(svc);
  lks_service_options_free(opts);
  lks_service_free(NULL);
  lks_service_options_free(NULL);
  return lks_test_summary();
}
