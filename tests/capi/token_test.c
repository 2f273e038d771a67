/* Drives token minting and verification through the C ABI only, linked against liblkstudy.so. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lks.h"
#include "test_harness.h"

#define S(lit) lit, (sizeof(lit) - 1)

static void mint_and_verify(void) {
  lks_token_signer* signer = NULL;
  lks_token_options* opts = NULL;
  lks_token_verifier* verifier = NULL;
  lks_buf jwt = LKS_BUF_INIT, claims = LKS_BUF_INIT;

  CHECK(lks_token_signer_new(&signer, S("APIkey"), S("secret")) == LKS_OK);
  /* Never NULL: after a success it is the "no error" record. */
  CHECK(lks_error_last() != NULL && lks_error_last()->code == LKS_OK);
  CHECK_STR(lks_error_last()->message, "no error");
  CHECK(lks_token_options_new(&opts) == LKS_OK);
  CHECK(lks_token_options_set_identity(opts, S("user_15")) == LKS_OK);
  CHECK(lks_token_options_set_name(opts, S("John Doe")) == LKS_OK);
  CHECK(lks_token_options_set_metadata(opts, S("{\"userId\":15}")) == LKS_OK);
  CHECK(lks_token_options_set_attribute(opts, S("role"), S("owner")) == LKS_OK);
  CHECK(lks_token_options_set_ttl_seconds(opts, 600) == LKS_OK);
  CHECK(lks_token_options_set_sip_grant(opts, 1, 0) == LKS_OK);
  CHECK(lks_token_options_set_agent_grant(opts, 1) == LKS_OK);
  CHECK(lks_token_options_set_inference_grant(opts, 1) == LKS_OK);
  CHECK(lks_token_options_set_observability_grant(opts, 1) == LKS_OK);
  CHECK(lks_token_options_set_kind(opts, S("agent")) == LKS_OK);
  CHECK(lks_token_options_set_sha256(opts, S("CoEQz1chqJ9bnZRcORddjplkvpjmPujmLTR42DbefYI=")) ==
        LKS_OK);
  CHECK(lks_token_options_set_room_preset(opts, S("study")) == LKS_OK);
  CHECK(lks_token_options_set_room_config_json(
            opts, S("{\"name\":\"study_group_123\",\"maxParticipants\":15}")) == LKS_OK);
  CHECK(lks_token_options_add_video_grant_json(
            opts, S("{\"roomJoin\":true,\"room\":\"study_group_123\",\"canPublish\":false}")) ==
        LKS_OK);
  CHECK(lks_token_signer_mint(&jwt, signer, opts) == LKS_OK);
  CHECK(jwt.ptr != NULL && jwt.size > 100 && strlen(jwt.ptr) == jwt.size);

  CHECK(lks_token_verifier_new(&verifier) == LKS_OK);
  CHECK(lks_token_verifier_add_key(verifier, S("APIkey"), S("secret")) == LKS_OK);
  CHECK(lks_token_verifier_verify(&claims, verifier, jwt.ptr, jwt.size) == LKS_OK);
  CHECK_CONTAINS(claims.ptr, "\"sub\":\"user_15\"");
  CHECK_CONTAINS(claims.ptr, "\"name\":\"John Doe\"");
  CHECK_CONTAINS(claims.ptr,
                 "\"video\":{\"roomJoin\":true,\"room\":\"study_group_123\",\"canPublish\":false}");
  CHECK_CONTAINS(claims.ptr, "\"attributes\":{\"role\":\"owner\"}");
  CHECK_CONTAINS(claims.ptr, "\"sip\":{\"admin\":true}");
  CHECK_CONTAINS(claims.ptr, "\"agent\":{\"admin\":true}");
  CHECK_CONTAINS(claims.ptr, "\"inference\":{\"perform\":true}");
  CHECK_CONTAINS(claims.ptr, "\"observability\":{\"write\":true}");
  CHECK_CONTAINS(claims.ptr, "\"kind\":\"agent\"");
  CHECK_CONTAINS(claims.ptr, "\"sha256\":\"CoEQz1chqJ9bnZRcORddjplkvpjmPujmLTR42DbefYI=\"");
  CHECK_CONTAINS(claims.ptr, "\"roomPreset\":\"study\"");
  CHECK_CONTAINS(claims.ptr,
                 "\"roomConfig\":{\"name\":\"study_group_123\",\"maxParticipants\":15}");

  /* A filled buffer is disposed of before it is filled again: no leak under ASan/valgrind. */
  CHECK(lks_token_signer_mint(&jwt, signer, opts) == LKS_OK);

  /* Tamper with the signature: rejected with a reason. */
  jwt.ptr[jwt.size - 2] = jwt.ptr[jwt.size - 2] == 'A' ? 'B' : 'A';
  CHECK(lks_token_verifier_verify(&claims, verifier, jwt.ptr, jwt.size) == LKS_UNAUTHENTICATED);
  CHECK(claims.ptr == NULL && claims.size == 0);
  CHECK(lks_error_last() != NULL);
  if (lks_error_last()) {
    CHECK_STR(lks_error_last()->reason, "bad_signature");
    CHECK(lks_error_last()->code == LKS_UNAUTHENTICATED);
    CHECK(strstr(lks_error_last()->message, "secret") == NULL);
  }

  lks_buf_dispose(&jwt);
  lks_buf_dispose(&claims);
  lks_token_verifier_free(verifier);
  lks_token_options_free(opts);
  lks_token_signer_free(signer);
}

/* lks_token_signer_mint_to: the caller's buffer; too small reports the size needed and writes
 * nothing. */
static void mint_into_caller_buffer(void) {
  lks_token_signer* signer = NULL;
  lks_token_options* opts = NULL;
  lks_token_verifier* verifier = NULL;
  lks_buf claims = LKS_BUF_INIT;
  char small[16];
  char jwt[1024];
  size_t length = 0;

  CHECK(lks_token_signer_new(&signer, S("APIkey"), S("secret")) == LKS_OK);
  CHECK(lks_token_options_new(&opts) == LKS_OK);
  CHECK(lks_token_options_set_identity(opts, S("user_15")) == LKS_OK);
  CHECK(lks_token_options_add_video_grant_json(opts, S("{\"roomJoin\":true,\"room\":\"r\"}")) ==
        LKS_OK);
  memset(small, 'x', sizeof(small));
  CHECK(lks_token_signer_mint_to(small, sizeof(small), &length, signer, opts) == LKS_OUT_OF_RANGE);
  CHECK(length > sizeof(small) && small[0] == 'x');
  CHECK(lks_error_last() != NULL && strstr(lks_error_last()->message, "dst") != NULL);
  CHECK(lks_token_signer_mint_to(jwt, sizeof(jwt), &length, signer, opts) == LKS_OK);
  CHECK(strlen(jwt) == length);
  CHECK(lks_token_verifier_new(&verifier) == LKS_OK);
  CHECK(lks_token_verifier_add_key(verifier, S("APIkey"), S("secret")) == LKS_OK);
  CHECK(lks_token_verifier_verify(&claims, verifier, jwt, length) == LKS_OK);
  CHECK_CONTAINS(claims.ptr, "\"sub\":\"user_15\"");
  /* Invalid claims fail as lks_token_signer_mint does, naming the field. */
  CHECK(lks_token_options_set_identity(opts, NULL, 0) == LKS_OK);
  CHECK(lks_token_signer_mint_to(jwt, sizeof(jwt), &length, signer, opts) == LKS_INVALID_ARGUMENT);
  CHECK(strstr(lks_error_last()->message, "identity") != NULL);
  CHECK(lks_token_signer_mint_to(NULL, 8, &length, signer, opts) == LKS_INVALID_ARGUMENT);

  lks_buf_dispose(&claims);
  lks_token_verifier_free(verifier);
  lks_token_options_free(opts);
  lks_token_signer_free(signer);
}

static void errors_name_the_field(void) {
  lks_token_signer* signer = NULL;
  lks_token_options* opts = NULL;
  lks_buf jwt = LKS_BUF_INIT;
  char long_name[300];
  memset(long_name, 'n', sizeof long_name);

  CHECK(lks_token_signer_new(&signer, S(""), S("secret")) == LKS_INVALID_ARGUMENT);
  CHECK(signer == NULL);
  CHECK(lks_error_last() != NULL && strstr(lks_error_last()->message, "apiKey") != NULL);
  CHECK(lks_token_signer_new(&signer, S("k"), S("s")) == LKS_OK);
  CHECK(lks_token_options_new(&opts) == LKS_OK);

  CHECK(lks_token_options_add_video_grant_json(opts, S("{\"roomJoin\":true,\"room\":\"r\"}")) ==
        LKS_OK);
  CHECK(lks_token_signer_mint(&jwt, signer, opts) == LKS_INVALID_ARGUMENT);
  CHECK(lks_error_last() != NULL);
  if (lks_error_last())
    CHECK_STR(lks_error_last()->message, "identity: required when video.roomJoin is granted");

  CHECK(lks_token_options_set_identity(opts, S("u")) == LKS_OK);
  CHECK(lks_token_options_set_name(opts, long_name, sizeof long_name) == LKS_OK);
  CHECK(lks_token_signer_mint(&jwt, signer, opts) == LKS_INVALID_ARGUMENT);
  if (lks_error_last()) CHECK_STR(lks_error_last()->message, "name: longer than 256 bytes (300)");

  CHECK(lks_token_options_add_video_grant_json(opts, S("{\"canPublish\":1}")) ==
        LKS_INVALID_ARGUMENT);
  if (lks_error_last())
    CHECK_STR(lks_error_last()->message, "grant.canPublish: expected a boolean");
  CHECK(lks_token_options_add_video_grant_json(opts, S("{oops")) == LKS_INVALID_ARGUMENT);

  /* NULL handles are errors, not crashes. */
  CHECK(lks_token_signer_mint(&jwt, NULL, opts) == LKS_INVALID_ARGUMENT);
  CHECK(lks_token_options_set_identity(NULL, S("x")) == LKS_INVALID_ARGUMENT);
  CHECK(lks_token_verifier_verify(&jwt, NULL, S("x")) == LKS_INVALID_ARGUMENT);
  /* A successful call clears the last error. */
  CHECK(lks_token_options_set_name(opts, S("ok")) == LKS_OK);
  CHECK(lks_error_last()->code == LKS_OK && lks_error_last()->http_status == 0);
  CHECK_STR(lks_error_last()->reason, "");
  CHECK_STR(lks_status_name(LKS_UNAUTHENTICATED), "unauthenticated");
  CHECK_STR(lks_status_name(LKS_CANCELLED), "canceled");
  CHECK_STR(lks_status_name((lks_status)99), "");
  CHECK_STR(lks_status_name((lks_status)-1), "");
  /* The one status -> HTTP table. */
  CHECK(lks_status_http_status(LKS_OK) == 200);
  CHECK(lks_status_http_status(LKS_INVALID_ARGUMENT) == 400);
  CHECK(lks_status_http_status(LKS_FAILED_PRECONDITION) == 409);
  CHECK(lks_status_http_status(LKS_DEADLINE_EXCEEDED) == 504);
  CHECK(lks_status_http_status(LKS_CANCELLED) == 499);
  CHECK(lks_status_http_status((lks_status)99) == 500);
  /* A local failure carries the HTTP status an API answers for it. */
  CHECK(lks_token_options_set_identity(NULL, S("x")) == LKS_INVALID_ARGUMENT);
  CHECK(lks_error_last()->http_status == 400);
  CHECK(sizeof(lks_status) == sizeof(int) && LKS_STATUS_MAX_ENUM == 0x7FFFFFFF);

  lks_token_options_free(opts);
  lks_token_signer_free(signer);
  lks_token_options_free(NULL);
  lks_token_signer_free(NULL);
  lks_token_verifier_free(NULL);
}

static void verifier_reasons(void) {
  lks_token_verifier* v = NULL;
  lks_token_signer* signer = NULL;
  lks_token_options* opts = NULL;
  lks_buf jwt = LKS_BUF_INIT, claims = LKS_BUF_INIT;
  CHECK(lks_token_verifier_new(&v) == LKS_OK);
  CHECK(lks_token_verifier_add_key(v, S("k"), S("s")) == LKS_OK);
  CHECK(lks_token_verifier_set_leeway_seconds(v, -1) == LKS_INVALID_ARGUMENT);
  CHECK(lks_token_verifier_set_leeway_seconds(v, 0) == LKS_OK);

  CHECK(lks_token_verifier_verify(&claims, v, S("not.a.jwt")) == LKS_UNAUTHENTICATED);
  if (lks_error_last()) CHECK_STR(lks_error_last()->reason, "bad_base64");
  CHECK(lks_token_verifier_verify(&claims, v, S("abc")) == LKS_UNAUTHENTICATED);
  if (lks_error_last()) CHECK_STR(lks_error_last()->reason, "malformed");

  /* Not yet valid: nbf an hour from now (leeway 0). */
  CHECK(lks_token_signer_new(&signer, S("k"), S("s")) == LKS_OK);
  CHECK(lks_token_options_new(&opts) == LKS_OK);
  CHECK(lks_token_options_set_identity(opts, S("u")) == LKS_OK);
  CHECK(lks_token_options_set_not_before(opts, (int64_t)time(NULL) + 3600) == LKS_OK);
  CHECK(lks_token_signer_mint(&jwt, signer, opts) == LKS_OK);
  CHECK(lks_token_verifier_verify(&claims, v, jwt.ptr, jwt.size) == LKS_UNAUTHENTICATED);
  if (lks_error_last()) CHECK_STR(lks_error_last()->reason, "not_yet_valid");
  /* Valid once minted with the default nbf (now). */
  CHECK(lks_token_options_set_not_before(opts, (int64_t)time(NULL)) == LKS_OK);
  CHECK(lks_token_signer_mint(&jwt, signer, opts) == LKS_OK);
  CHECK(lks_token_verifier_verify(&claims, v, jwt.ptr, jwt.size) == LKS_OK);
  /* Unknown key after rotation removed it. */
  lks_token_verifier_free(v);
  CHECK(lks_token_verifier_new(&v) == LKS_OK);
  CHECK(lks_token_verifier_add_key(v, S("other"), S("s")) == LKS_OK);
  CHECK(lks_token_verifier_verify(&claims, v, jwt.ptr, jwt.size) == LKS_UNAUTHENTICATED);
  if (lks_error_last()) CHECK_STR(lks_error_last()->reason, "unknown_key");

  lks_buf_dispose(&jwt);
  lks_buf_dispose(&claims);
  lks_token_options_free(opts);
  lks_token_signer_free(signer);
  lks_token_verifier_free(v);
}

int main(void) {
  CHECK(lks_version_number() == LKS_VERSION_NUMBER);
  CHECK_STR(lks_version_string(), LKS_VERSION_STRING);
  mint_and_verify();
  mint_into_caller_buffer();
  errors_name_the_field();
  verifier_reasons();
  return lks_test_summary();
}
