/* The C ABI from many threads at once, as a host's thread pool calls it (docs/threading.md):
 * one signer and one verifier shared by every thread; lks_error_last() is per thread (a failing
 * call on one thread never shows up as another thread's detail); one service shared by every
 * thread for joins that race for the last seats of a group and for the same webhook delivered
 * on every thread at once. Built as strict C99 with POSIX threads; run by the ThreadSanitizer
 * build too (label tsan). */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../capi/test_harness.h"
#include "lks.h"

#define S(lit) lit, (sizeof(lit) - 1)
#define THREADS 8
#define ROUNDS 200

/* CHECK from several threads: the harness's counters are plain ints, so guard them. */
static pthread_mutex_t check_mutex = PTHREAD_MUTEX_INITIALIZER;
#define TCHECK(cond)                    \
  do {                                  \
    pthread_mutex_lock(&check_mutex);   \
    CHECK(cond);                        \
    pthread_mutex_unlock(&check_mutex); \
  } while (0)

static lks_token_signer* signer;
static lks_token_verifier* verifier;
static lks_service* service;
static int64_t group_id;
static char room_name[300];

static void* tokens_thread(void* arg) {
  const int n = (int)(size_t)arg;
  char identity[32];
  int i;
  lks_token_options* opts = NULL;
  lks_buf jwt = LKS_BUF_INIT, claims = LKS_BUF_INIT;
  snprintf(identity, sizeof identity, "user_%d", n);
  TCHECK(lks_token_options_new(&opts) == LKS_OK);
  TCHECK(lks_token_options_set_identity(opts, identity, strlen(identity)) == LKS_OK);
  TCHECK(lks_token_options_add_video_grant_json(opts, S("{\"roomJoin\":true,\"room\":\"r\"}")) ==
         LKS_OK);
  for (i = 0; i < ROUNDS; i++) {
    int ok = lks_token_signer_mint(&jwt, signer, opts) == LKS_OK;
    ok = ok && lks_token_verifier_verify(&claims, verifier, jwt.ptr, jwt.size) == LKS_OK;
    ok = ok && strstr(claims.ptr, identity) != NULL;
    if (!ok) TCHECK(ok);
    /* Odd threads also fail on purpose: the detail must be theirs, right after the call. */
    if (n % 2 == 1) {
      jwt.ptr[jwt.size - 2] = jwt.ptr[jwt.size - 2] == 'A' ? 'B' : 'A';
      ok = lks_token_verifier_verify(&claims, verifier, jwt.ptr, jwt.size) == LKS_UNAUTHENTICATED;
      ok = ok && strcmp(lks_error_last()->reason, "bad_signature") == 0;
      if (!ok) TCHECK(ok);
    } else {
      ok = lks_error_last()->code == LKS_OK || lks_error_last()->reason[0] == '\0';
      if (!ok) TCHECK(ok); /* another thread's failure never shows here */
    }
  }
  lks_buf_dispose(&jwt);
  lks_buf_dispose(&claims);
  lks_token_options_free(opts);
  return NULL;
}

static int joined = 0, full = 0, applied = 0, duplicates = 0;

static void* service_thread(void* arg) {
  const int n = (int)(size_t)arg;
  char user[16], body[1024];
  lks_principal* who = NULL;
  lks_buf out = LKS_BUF_INIT, auth = LKS_BUF_INIT;
  lks_status st;
  snprintf(user, sizeof user, "%d", 100 + n);
  TCHECK(lks_principal_new(&who) == LKS_OK);
  TCHECK(lks_principal_set_user_id(who, user, strlen(user)) == LKS_OK);
  /* Everyone races for the group's seats. */
  st = lks_service_join_group(&out, service, who, group_id);
  pthread_mutex_lock(&check_mutex);
  if (st == LKS_OK) joined++;
  if (st == LKS_RESOURCE_EXHAUSTED && strcmp(lks_error_last()->reason, "group_full") == 0) full++;
  pthread_mutex_unlock(&check_mutex);
  /* Everyone delivers the same webhook event at once. */
  snprintf(body, sizeof body,
           "{\"event\":\"participant_joined\",\"room\":{\"sid\":\"RM_threads\",\"name\":\"%s\"},"
           "\"participant\":{\"sid\":\"PA_1\",\"identity\":\"user_1\",\"joinedAt\":\"1732700012\"},"
           "\"id\":\"EV_threads_1\",\"createdAt\":\"1732700012\"}",
           room_name);
  TCHECK(lks_webhook_sign(&auth, S("key"), S("secret"), body, strlen(body), 300) == LKS_OK);
  st = lks_service_receive_webhook(&out, service, body, strlen(body), auth.ptr, auth.size);
  TCHECK(st == LKS_OK);
  pthread_mutex_lock(&check_mutex);
  if (st == LKS_OK && strstr(out.ptr, "\"outcome\":\"duplicate\"")) duplicates++;
  if (st == LKS_OK && strstr(out.ptr, "\"outcome\":\"applied\"")) applied++;
  pthread_mutex_unlock(&check_mutex);
  /* And reads the group meanwhile. */
  TCHECK(lks_service_get_group(&out, service, who, group_id) == LKS_OK);
  lks_buf_dispose(&out);
  lks_buf_dispose(&auth);
  lks_principal_free(who);
  return NULL;
}

static void run(void* (*fn)(void*), int threads) {
  pthread_t t[32];
  int i;
  for (i = 0; i < threads; i++) TCHECK(pthread_create(&t[i], NULL, fn, (void*)(size_t)i) == 0);
  for (i = 0; i < threads; i++) pthread_join(t[i], NULL);
}

int main(void) {
  char path[] = "/tmp/lks-capi-threads-XXXXXX";
  char url[64];
  int fd = mkstemp(path);
  lks_store* store = NULL;
  lks_service_options* opts = NULL;
  lks_principal* owner = NULL;
  lks_buf out = LKS_BUF_INIT;
  const char* name;

  CHECK(fd >= 0);
  close(fd);
  snprintf(url, sizeof url, "sqlite:%s", path);

  CHECK(lks_token_signer_new(&signer, S("APIthreads"), S("threads-secret")) == LKS_OK);
  CHECK(lks_token_verifier_new(&verifier) == LKS_OK);
  CHECK(lks_token_verifier_add_key(verifier, S("APIthreads"), S("threads-secret")) == LKS_OK);
  run(tokens_thread, THREADS);

  CHECK(lks_store_open(&store, url, strlen(url)) == LKS_OK);
  CHECK(lks_service_options_new(&opts) == LKS_OK);
  CHECK(lks_service_options_set_api_key(opts, S("key")) == LKS_OK);
  CHECK(lks_service_options_set_api_secret(opts, S("secret")) == LKS_OK);
  CHECK(lks_service_new(&service, store, opts) == LKS_OK);
  CHECK(lks_principal_new(&owner) == LKS_OK);
  CHECK(lks_principal_set_user_id(owner, S("1")) == LKS_OK);
  CHECK(lks_service_create_group(&out, service, owner,
                                 S("{\"title\":\"Race\",\"maxParticipants\":5}")) == LKS_OK);
  group_id = strtoll(strstr(out.ptr, "\"id\":") + 5, NULL, 10);
  name = strstr(out.ptr, "\"livekitRoomName\":\"");
  CHECK(name != NULL);
  if (name) {
    name += strlen("\"livekitRoomName\":\"");
    snprintf(room_name, sizeof room_name, "%.*s", (int)(strchr(name, '"') - name), name);
  }

  run(service_thread, 16);
  /* The owner holds one of five seats: four joins win, twelve find the group full. */
  CHECK(joined == 4);
  CHECK(full == 12);
  /* One delivery applies the event, the fifteen others see a duplicate. */
  CHECK(applied == 1);
  CHECK(duplicates == 15);
  CHECK(lks_service_list_members(&out, service, owner, group_id) == LKS_OK);
  CHECK_CONTAINS(out.ptr, "\"total\":5");

  lks_buf_dispose(&out);
  lks_principal_free(owner);
  lks_service_free(service);
  lks_service_options_free(opts);
  lks_store_free(store);
  lks_token_verifier_free(verifier);
  lks_token_signer_free(signer);
  unlink(path);
  return lks_test_summary();
}
