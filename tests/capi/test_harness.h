/* A minimal harness for C tests: CHECK records a failure and goes on; the summary line is the
 * plain "N passed, N failed" that ctest's output carries. */
#ifndef LKS_TESTS_CAPI_TEST_HARNESS_H_
#define LKS_TESTS_CAPI_TEST_HARNESS_H_

#include <stdio.h>
#include <string.h>

static int lks_test_passed = 0;
static int lks_test_failed = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (cond) {                                                                \
      ++lks_test_passed;                                                       \
    } else {                                                                   \
      ++lks_test_failed;                                                       \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

#define CHECK_STR(a, b) CHECK((a) != NULL && strcmp((a), (b)) == 0)
#define CHECK_CONTAINS(hay, needle) CHECK((hay) != NULL && strstr((hay), (needle)) != NULL)

static int lks_test_summary(void) {
  printf("%d passed, %d failed\n", lks_test_passed, lks_test_failed);
  return lks_test_failed == 0 ? 0 : 1;
}

#endif
