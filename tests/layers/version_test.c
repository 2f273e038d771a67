/* One version everywhere: the generated lks/core/version.h (from project(VERSION)), the library
 * actually linked, and the version CMake passes in (LKS_EXPECTED_VERSION) agree. */
#include <stdio.h>
#include <string.h>

#include "lks.h"

int main(void) {
  int failed = 0;
  if (strcmp(LKS_VERSION_STRING, LKS_EXPECTED_VERSION) != 0) {
    fprintf(stderr, "header says %s, CMake project says %s\n", LKS_VERSION_STRING,
            LKS_EXPECTED_VERSION);
    failed = 1;
  }
  if (strcmp(lks_version_string(), LKS_VERSION_STRING) != 0 ||
      lks_version_number() != LKS_VERSION_NUMBER) {
    fprintf(stderr, "library says %s (%lld), header %s (%d)\n", lks_version_string(),
            (long long)lks_version_number(), LKS_VERSION_STRING, LKS_VERSION_NUMBER);
    failed = 1;
  }
  printf("version %s\n", lks_version_string());
  return failed;
}
