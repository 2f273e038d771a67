/* The run-time version check a host does at start-up (docs/embedding.md): the library it loaded
 * must have the major version of the header it was built against. Exits 1 with a clear message
 * otherwise. */
#include <stdio.h>

#include "lks.h"

int main(void) {
  int64_t loaded = lks_version_number();
  if (loaded / 1000000 != LKS_VERSION_MAJOR) {
    fprintf(stderr,
            "lkstudy: this program was built against lkstudy %s but loaded liblkstudy %s; the "
            "major versions differ, so the C ABI may not match\n",
            LKS_VERSION_STRING, lks_version_string());
    return 1;
  }
  printf("lkstudy %s (built against %s)\n", lks_version_string(), LKS_VERSION_STRING);
  return 0;
}
