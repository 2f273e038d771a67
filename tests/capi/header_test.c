/* Compiles lks.h as strict C99 (-std=c99 -Wall -Wextra -pedantic -Werror) and checks, at compile
 * time and run time, the promises the header makes about itself. */
#include <stdio.h>

#include "lks.h"

#if LKS_VERSION_NUMBER != LKS_VERSION_MAJOR * 1000000 + LKS_VERSION_MINOR * 1000 + LKS_VERSION_PATCH
#error "LKS_VERSION_NUMBER is inconsistent"
#endif

int main(void) {
  lks_buf buf = LKS_BUF_INIT;
  lks_buf_dispose(&buf);
  lks_buf_dispose(NULL);
  if (lks_version_number() != LKS_VERSION_NUMBER) {
    fprintf(stderr, "header %u, library %u\n", (unsigned)LKS_VERSION_NUMBER,
            (unsigned)lks_version_number());
    return 1;
  }
  printf("1 passed, 0 failed\n");
  return 0;
}
