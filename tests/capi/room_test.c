/* The room service section of the C ABI from C, without a server: options are checked, bad
 * configuration is refused naming the option, and a call to a port where nothing listens fails
 * as LKS_UNAVAILABLE with the detail in lks_error_last(). The calls against a real livekit-server
 * are in tests/integration (room_capi_cli_integration_test). */
#include <string.h>

#include "lks.h"
#include "test_harness.h"

#define S(lit) lit, (sizeof(lit) - 1)

static void options_are_checked(void) {
  lks_room_client_options* opts = NULL;
  lks_room_client* client = NULL;
  CHECK(lks_room_client_options_new(NULL) == LKS_INVALID_ARGUMENT);
  CHECK(lks_room_client_options_new(&opts) == LKS_OK);
  CHECK(lks_room_client_options_set_timeout_ms(opts, 0) == LKS_INVALID_ARGUMENT);
  CHECK(lks_room_client_options_set_max_attempts(opts, 0) == LKS_INVALID_ARGUMENT);
  CHECK(lks_room_client_options_set_region_failover(opts, (lks_region_failover)99) ==
        LKS_INVALID_ARGUMENT);
  CHECK(lks_room_client_options_set_url(NULL, S("http://x")) == LKS_INVALID_ARGUMENT);
  /* No URL yet: the client is refused, naming the option. */
  CHECK(lks_room_client_new(&client, opts) == LKS_INVALID_ARGUMENT);
  CHECK(client == NULL);
  CHECK_CONTAINS(lks_error_last()->message, "url");
  CHECK(lks_room_client_options_set_url(opts, S("http://127.0.0.1:1")) == LKS_OK);
  CHECK(lks_room_client_new(&client, opts) == LKS_INVALID_ARGUMENT);
  CHECK_CONTAINS(lks_error_last()->message, "api_key");
  lks_room_client_options_free(opts);
  lks_room_client_options_free(NULL);
  lks_room_client_free(NULL);
}

static void unreachable_server_is_unavailable(void) {
  lks_room_client_options* opts = NULL;
  lks_room_client* client = NULL;
  lks_buf rooms = LKS_BUF_INIT;
  CHECK(lks_room_client_options_new(&opts) == LKS_OK);
  /* Port 1 on loopback: connection refused at once. */
  CHECK(lks_room_client_options_set_url(opts, S("http://127.0.0.1:1")) == LKS_OK);
  CHECK(lks_room_client_options_set_api_key(opts, S("devkey")) == LKS_OK);
  CHECK(lks_room_client_options_set_api_secret(opts, S("secret")) == LKS_OK);
  CHECK(lks_room_client_options_set_max_attempts(opts, 1) == LKS_OK);
  CHECK(lks_room_client_new(&client, opts) == LKS_OK);
  lks_room_client_options_free(opts);
  CHECK(lks_room_client_list_rooms(&rooms, client, NULL, 0) == LKS_UNAVAILABLE);
  CHECK(lks_error_last()->code == LKS_UNAVAILABLE);
  CHECK(lks_error_last()->message != NULL && strlen(lks_error_last()->message) > 0);
  CHECK(rooms.ptr == NULL);
  /* A bad request is refused before any network call, naming the field. */
  CHECK(lks_room_client_create_room(&rooms, client, S("not json")) == LKS_INVALID_ARGUMENT);
  lks_room_client_free(client);
}

int main(void) {
  options_are_checked();
  unreachable_server_is_unavailable();
  return lks_test_summary();
}
