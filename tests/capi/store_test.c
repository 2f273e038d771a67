/* The store's C ABI from plain C: open, execute operations, errors that name the field. */
#include <stdio.h>
#include <string.h>

#include "lks.h"

static int failures = 0;
#define CHECK(cond)                                                     \
  do {                                                                  \
    if (!(cond)) {                                                      \
      fprintf(stderr, "%s:%d: CHECK(%s)\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                       \
    }                                                                   \
  } while (0)

static lks_status run(lks_store* s, const char* op, const char* req, lks_buf* out) {
  return lks_store_execute(out, s, op, strlen(op), req, strlen(req));
}

int main(void) {
  lks_store* store = NULL;
  lks_buf out = LKS_BUF_INIT;
  const lks_error* e;

  CHECK(lks_store_open(&store, "mysql://x", 9) == LKS_INVALID_ARGUMENT);
  CHECK(store == NULL);
  e = lks_error_last();
  CHECK(e && strncmp(e->message, "url:", 4) == 0);

  CHECK(lks_store_open(&store, "sqlite::memory:", 15) == LKS_OK);
  CHECK(lks_store_schema_version() >= 1);

  CHECK(run(store, "createGroup",
            "{\"group\":{\"title\":\"Bible Study - Gospel of John\",\"description\":\"Weekly\","
            "\"maxParticipants\":2,\"scheduledTime\":\"2025-10-15T19:00:00.000Z\","
            "\"durationMinutes\":60,"
            "\"videoProvider\":\"livekit\",\"useLiveKit\":true,\"livekitRoomName\":\"study_group_"
            "1697123456_abc123\"},"
            "\"ownerUserId\":\"u1\"}",
            &out) == LKS_OK);
  CHECK(strstr(out.ptr, "\"id\":1") != NULL);
  CHECK(strstr(out.ptr, "\"maxParticipants\":2") != NULL);
  CHECK(strstr(out.ptr, "\"livekitRoomName\":\"study_group_1697123456_abc123\"") != NULL);
  CHECK(strstr(out.ptr, "\"scheduledTime\":\"2025-10-15T19:00:00.000Z\"") != NULL);
  CHECK(strstr(out.ptr, "\"useLiveKit\":true") != NULL);
  CHECK(strstr(out.ptr, "\"meetLink\":null") != NULL);

  CHECK(run(store, "addMember", "{\"groupId\":1,\"userId\":\"u2\"}", &out) == LKS_OK);
  CHECK(strstr(out.ptr, "\"role\":\"member\"") != NULL);
  CHECK(run(store, "addMember", "{\"groupId\":1,\"userId\":\"u3\"}", &out) ==
        LKS_RESOURCE_EXHAUSTED);
  e = lks_error_last();
  CHECK(e && strcmp(e->reason, "group_full") == 0);

  CHECK(run(store, "markEventSeen", "{\"eventId\":\"EV_1\",\"receivedAt\":1760554800000}", &out) ==
        LKS_OK);
  CHECK(strcmp(out.ptr, "{\"alreadySeen\":false}") == 0);
  CHECK(run(store, "markEventSeen", "{\"eventId\":\"EV_1\",\"receivedAt\":1760554800000}", &out) ==
        LKS_OK);
  CHECK(strcmp(out.ptr, "{\"alreadySeen\":true}") == 0);

  /* Bad input: the message names the field. */
  CHECK(run(store, "createGroup",
            "{\"group\":{\"title\":\"t\",\"videoProvider\":\"zoom\"},\"ownerUserId\":\"u\"}",
            &out) == LKS_INVALID_ARGUMENT);
  e = lks_error_last();
  CHECK(e && strstr(e->message, "videoProvider") != NULL);
  CHECK(run(store, "createGroup",
            "{\"group\":{\"title\":\"t\",\"durationMinutes\":-1},\"ownerUserId\":\"u\"}",
            &out) == LKS_INVALID_ARGUMENT);
  e = lks_error_last();
  CHECK(e && strncmp(e->message, "durationMinutes:", 16) == 0);
  CHECK(run(store, "getGroup", "{}", &out) == LKS_INVALID_ARGUMENT);
  e = lks_error_last();
  CHECK(e && strncmp(e->message, "groupId:", 8) == 0);
  CHECK(run(store, "noSuchOp", "{}", &out) == LKS_UNIMPLEMENTED);
  CHECK(run(store, "getGroup", "{\"groupId\":42}", &out) == LKS_NOT_FOUND);

  /* A vtable of an unknown version is refused. */
  {
    lks_storage_backend b;
    lks_store* h = NULL;
    memset(&b, 0, sizeof(b));
    b.version = 99;
    b.size = sizeof(b);
    CHECK(lks_store_open_backend(&h, &b) == LKS_FAILED_PRECONDITION);
    CHECK(h == NULL);
  }

  lks_buf_dispose(&out);
  lks_store_free(store);
  lks_store_free(NULL);
  if (failures) fprintf(stderr, "%d failures\n", failures);
  return failures ? 1 : 0;
}
