/* The webhook section of the C ABI, called from C as a host would, linked against liblkstudy.so. */
#include <stdlib.h>
#include <string.h>

#include "lks.h"
#include "test_harness.h"

#define S(lit) lit, (sizeof(lit) - 1)

static const char kKey[] = "abcdefg";
static const char kSecret[] = "abababa";
static const char kBody[] =
    "{\"event\":\"participant_joined\",\"room\":{\"name\":\"r1\"},\"participant\":{\"identity\":"
    "\"user_15\",\"joinedAt\":\"17\"},\"id\":\"EV_1\",\"createdAt\":\"1732700012\","
    "\"somethingNew\":{\"x\":1}}";

static lks_webhook_receiver* new_receiver(void) {
  lks_webhook_receiver* r = NULL;
  CHECK(lks_webhook_receiver_new(&r) == LKS_OK);
  CHECK(lks_webhook_receiver_add_key(r, S(kKey), S(kSecret)) == LKS_OK);
  return r;
}

/* The Authorization value for `body` (a JWT), in `auth` (caller disposes). */
static void sign_body(lks_buf* auth, const char* body, size_t len) {
  CHECK(lks_webhook_sign(auth, S(kKey), S(kSecret), body, len, 300) == LKS_OK);
  CHECK(auth->ptr != NULL && auth->size > 0);
}

static void receive_raw_returns_the_body_byte_for_byte(void) {
  lks_webhook_receiver* r = new_receiver();
  lks_buf auth = LKS_BUF_INIT, json = LKS_BUF_INIT;
  lks_webhook_event_type type = LKS_WEBHOOK_EVENT_UNKNOWN;
  sign_body(&auth, S(kBody));
  CHECK(lks_webhook_receiver_receive(&json, &type, r, S(kBody), auth.ptr, auth.size,
                                     LKS_WEBHOOK_OUTPUT_RAW) == LKS_OK);
  CHECK(lks_error_last()->code == LKS_OK);
  CHECK(type == LKS_WEBHOOK_EVENT_PARTICIPANT_JOINED);
  CHECK_STR(lks_webhook_event_type_name(type), "participant_joined");
  CHECK(json.size == sizeof(kBody) - 1 && memcmp(json.ptr, kBody, json.size) == 0);
  lks_buf_dispose(&json);
  lks_buf_dispose(&auth);
  lks_webhook_receiver_free(r);
}

static void receive_normalized(void) {
  lks_webhook_receiver* r = new_receiver();
  lks_buf auth = LKS_BUF_INIT, json = LKS_BUF_INIT;
  char bearer[1024];
  sign_body(&auth, S(kBody));
  CHECK(auth.size + 8 < sizeof bearer);
  memcpy(bearer, "Bearer ", 7);
  memcpy(bearer + 7, auth.ptr, auth.size);
  CHECK(lks_webhook_receiver_receive(&json, NULL, r, S(kBody), bearer, auth.size + 7,
                                     LKS_WEBHOOK_OUTPUT_NORMALIZED) == LKS_OK);
  CHECK_CONTAINS(json.ptr, "\"identity\":\"user_15\"");
  CHECK_CONTAINS(json.ptr, "\"joinedAt\":\"17\"");
  CHECK_CONTAINS(json.ptr, "\"state\":\"JOINING\"");
  CHECK(json.ptr != NULL && strstr(json.ptr, "somethingNew") == NULL);
  lks_buf_dispose(&json);
  lks_buf_dispose(&auth);
  lks_webhook_receiver_free(r);
}

static void rejections_carry_reason_and_http_status(void) {
  lks_webhook_receiver* r = new_receiver();
  lks_buf auth = LKS_BUF_INIT, auth2 = LKS_BUF_INIT, json = LKS_BUF_INIT;
  lks_webhook_event_type type = LKS_WEBHOOK_EVENT_ROOM_STARTED;
  char tampered[sizeof kBody];
  memcpy(tampered, kBody, sizeof kBody);
  tampered[10] = 'X';
  sign_body(&auth, S(kBody));
  CHECK(lks_webhook_receiver_receive(&json, &type, r, tampered, sizeof tampered - 1, auth.ptr,
                                     auth.size, LKS_WEBHOOK_OUTPUT_RAW) == LKS_UNAUTHENTICATED);
  CHECK_STR(lks_error_last()->reason, "body_mismatch");
  CHECK(lks_error_last()->http_status == 401);
  CHECK(type == LKS_WEBHOOK_EVENT_UNKNOWN);
  CHECK(json.ptr == NULL);

  CHECK(lks_webhook_receiver_verify(r, S(kBody), NULL, 0) == LKS_UNAUTHENTICATED);
  CHECK_STR(lks_error_last()->reason, "missing_authorization");
  CHECK(lks_webhook_receiver_verify(r, S(kBody), auth.ptr, auth.size) == LKS_OK);

  sign_body(&auth2, S("nope"));
  CHECK(lks_webhook_receiver_receive(&json, NULL, r, S("nope"), auth2.ptr, auth2.size,
                                     LKS_WEBHOOK_OUTPUT_RAW) == LKS_INVALID_ARGUMENT);
  CHECK_STR(lks_error_last()->reason, "body_not_json");
  CHECK(lks_error_last()->http_status == 400);

  CHECK(lks_webhook_receiver_receive(&json, NULL, r, S(kBody), auth.ptr, auth.size,
                                     (lks_webhook_output)7) == LKS_INVALID_ARGUMENT);
  CHECK(lks_webhook_receiver_receive(NULL, NULL, r, S(kBody), auth.ptr, auth.size,
                                     LKS_WEBHOOK_OUTPUT_RAW) == LKS_INVALID_ARGUMENT);
  lks_buf_dispose(&auth);
  lks_buf_dispose(&auth2);
  lks_webhook_receiver_free(r);
}

static void configuration_errors(void) {
  lks_webhook_receiver* r = new_receiver();
  lks_buf auth = LKS_BUF_INIT;
  CHECK(lks_webhook_receiver_add_key(r, "k", 1, NULL, 0) == LKS_INVALID_ARGUMENT);
  CHECK(lks_webhook_receiver_set_leeway_seconds(r, -1) == LKS_INVALID_ARGUMENT);
  CHECK(lks_webhook_receiver_set_leeway_seconds(r, 0) == LKS_OK);
  CHECK(lks_webhook_sign(&auth, "k", 1, "s", 1, "{}", 2, 0) == LKS_INVALID_ARGUMENT);
  CHECK(lks_webhook_sign(&auth, "", 0, "s", 1, "{}", 2, 300) == LKS_INVALID_ARGUMENT);
  CHECK(auth.ptr == NULL);
  lks_webhook_receiver_free(r);
  lks_webhook_receiver_free(NULL);
  CHECK_STR(lks_webhook_event_type_name((lks_webhook_event_type)99), "");
}

int main(void) {
  receive_raw_returns_the_body_byte_for_byte();
  receive_normalized();
  rejections_carry_reason_and_http_status();
  configuration_errors();
  return lks_test_summary();
}
