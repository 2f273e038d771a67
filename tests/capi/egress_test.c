/* The Egress and agent dispatch section of the C ABI from C, without a server: bad arguments are
 * refused, and every call to a port where nothing listens fails as LKS_UNAVAILABLE with nothing
 * written. Calls against livekit-server and LiveKit's test-server are in tests/integration
 * (egress_integration_test). */
#include <string.h>

#include "lks.h"
#include "test_harness.h"

#define S(lit) lit, (sizeof(lit) - 1)

static lks_room_client_options* unreachable_options(void) {
  lks_room_client_options* opts = NULL;
  CHECK(lks_room_client_options_new(&opts) == LKS_OK);
  CHECK(lks_room_client_options_set_url(opts, S("http://127.0.0.1:1")) == LKS_OK);
  CHECK(lks_room_client_options_set_api_key(opts, S("devkey")) == LKS_OK);
  CHECK(lks_room_client_options_set_api_secret(opts, S("secret")) == LKS_OK);
  CHECK(lks_room_client_options_set_max_attempts(opts, 1) == LKS_OK);
  return opts;
}

static void egress_calls(void) {
  lks_room_client_options* opts = unreachable_options();
  lks_egress_client* eg = NULL;
  lks_buf out = LKS_BUF_INIT;
  const char req[] = "{\"roomName\":\"r\",\"fileOutputs\":[{\"filepath\":\"a.mp4\"}]}";
  CHECK(lks_egress_client_new(NULL, opts) == LKS_INVALID_ARGUMENT);
  CHECK(lks_egress_client_new(&eg, NULL) == LKS_INVALID_ARGUMENT);
  CHECK(lks_egress_client_new(&eg, opts) == LKS_OK);
  lks_room_client_options_free(opts);

  CHECK(lks_egress_client_start_room_composite(&out, eg, req, strlen(req)) == LKS_UNAVAILABLE);
  CHECK(out.ptr == NULL);
  CHECK(lks_egress_client_start_participant(&out, eg, req, strlen(req)) == LKS_UNAVAILABLE);
  CHECK(lks_egress_client_start_track(&out, eg, req, strlen(req)) == LKS_UNAVAILABLE);
  CHECK(lks_egress_client_start_track_composite(&out, eg, req, strlen(req)) == LKS_UNAVAILABLE);
  CHECK(lks_egress_client_start_web(&out, eg, req, strlen(req)) == LKS_UNAVAILABLE);
  CHECK(lks_egress_client_update_layout(&out, eg, S("EG_1"), S("speaker")) == LKS_UNAVAILABLE);
  CHECK(lks_egress_client_update_stream(&out, eg, S("EG_1"), S("[\"rtmp://h/x\"]"), NULL, 0) ==
        LKS_UNAVAILABLE);
  CHECK(lks_egress_client_list(&out, eg, NULL, 0, 0) == LKS_UNAVAILABLE);
  CHECK(lks_egress_client_stop(&out, eg, S("EG_1")) == LKS_UNAVAILABLE);
  CHECK(lks_egress_client_call_json(&out, eg, S("ListEgress"), S("{}")) == LKS_UNAVAILABLE);
  CHECK(out.ptr == NULL);

  /* Refused before anything is sent, naming the field. */
  CHECK(lks_egress_client_start_web(&out, eg, S("not json")) == LKS_INVALID_ARGUMENT);
  CHECK(lks_egress_client_stop(&out, eg, NULL, 0) == LKS_INVALID_ARGUMENT);
  CHECK_CONTAINS(lks_error_last()->message, "egress_id");
  CHECK(lks_egress_client_update_stream(&out, eg, S("EG_1"), S("{}"), NULL, 0) ==
        LKS_INVALID_ARGUMENT);
  CHECK_CONTAINS(lks_error_last()->message, "add_urls_json");
  CHECK(lks_egress_client_call_json(&out, eg, S("List/Egress"), S("{}")) == LKS_INVALID_ARGUMENT);
  CHECK(lks_egress_client_list(NULL, eg, NULL, 0, 0) == LKS_INVALID_ARGUMENT);
  lks_egress_client_free(eg);
  lks_egress_client_free(NULL);
}

static void dispatch_calls(void) {
  lks_room_client_options* opts = unreachable_options();
  lks_agent_dispatch_client* ad = NULL;
  lks_buf out = LKS_BUF_INIT;
  CHECK(lks_agent_dispatch_client_new(&ad, opts) == LKS_OK);
  lks_room_client_options_free(opts);
  CHECK(lks_agent_dispatch_client_create(&out, ad, S("r"), S("transcriber"), NULL, 0) ==
        LKS_UNAVAILABLE);
  CHECK(lks_agent_dispatch_client_list(&out, ad, S("r"), NULL, 0) == LKS_UNAVAILABLE);
  CHECK(lks_agent_dispatch_client_delete(&out, ad, S("r"), S("AD_1")) == LKS_UNAVAILABLE);
  CHECK(out.ptr == NULL);
  CHECK(lks_agent_dispatch_client_create(&out, ad, NULL, 0, S("transcriber"), NULL, 0) ==
        LKS_INVALID_ARGUMENT);
  CHECK_CONTAINS(lks_error_last()->message, "room");
  CHECK(lks_agent_dispatch_client_create(&out, ad, S("r"), NULL, 0, NULL, 0) ==
        LKS_INVALID_ARGUMENT);
  CHECK_CONTAINS(lks_error_last()->message, "agent_name");
  lks_agent_dispatch_client_free(ad);
  lks_agent_dispatch_client_free(NULL);
}

int main(void) {
  egress_calls();
  dispatch_calls();
  return lks_test_summary();
}
