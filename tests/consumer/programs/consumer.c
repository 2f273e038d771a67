/* A C consumer of lkstudy's C ABI (lks::lkstudy_shared / pkg-config lkstudy): checks the loaded
 * library's major version, mints a token and opens a SQLite store with a group in it. Prints
 * "ok" and exits 0 on success. */
#include <stdio.h>
#include <string.h>

#include "lks.h"

#define S(lit) lit, (sizeof(lit) - 1)

int main(void) {
  lks_token_signer* signer = NULL;
  lks_token_options* opts = NULL;
  lks_store* store = NULL;
  lks_buf jwt = LKS_BUF_INIT, out = LKS_BUF_INIT;
  const char* group = "{\"group\":{\"title\":\"Consumers\"},\"ownerUserId\":\"u1\"}";
  int rc = 1;

  if (lks_version_number() / 1000000 != LKS_VERSION_MAJOR) {
    fprintf(stderr, "built for lkstudy %s, loaded %s: major versions differ\n", LKS_VERSION_STRING,
            lks_version_string());
    return 1;
  }
  if (lks_token_signer_new(&signer, S("APIkey"), S("a-secret-of-at-least-32-bytes-length")) !=
          LKS_OK ||
      lks_token_options_new(&opts) != LKS_OK ||
      lks_token_options_set_identity(opts, S("user_15")) != LKS_OK ||
      lks_token_options_add_video_grant_json(opts, S("{\"roomJoin\":true,\"room\":\"r\"}")) !=
          LKS_OK ||
      lks_token_signer_mint(&jwt, signer, opts) != LKS_OK) {
    fprintf(stderr, "mint: %s\n", lks_error_last()->message);
    goto done;
  }
  if (lks_store_open(&store, S("sqlite::memory:")) != LKS_OK ||
      lks_store_execute(&out, store, S("createGroup"), group, strlen(group)) != LKS_OK) {
    fprintf(stderr, "store: %s\n", lks_error_last()->message);
    goto done;
  }
  printf("ok: token of %zu bytes, %s\n", jwt.size, out.ptr);
  rc = 0;
done:
  lks_buf_dispose(&jwt);
  lks_buf_dispose(&out);
  lks_store_free(store);
  lks_token_options_free(opts);
  lks_token_signer_free(signer);
  return rc;
}
