/* A stand-in liblkstudy.so.0 that reports major version 1, for the version check's test. */
#include <stdint.h>

int64_t lks_version_number(void) { return 1000000; }
const char* lks_version_string(void) { return "1.0.0"; }
