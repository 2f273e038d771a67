#include "core/iso_time.h"

#include <gtest/gtest.h>

namespace lks::internal {
namespace {

TEST(IsoTime, FormatsLikeJavaScriptsToISOString) {
  EXPECT_EQ(FormatIsoTimeMs(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIsoTimeMs(1760365800000), "2025-10-13T14:30:00.000Z");
  EXPECT_EQ(FormatIsoTimeMs(951782400123), "2000-02-29T00:00:00.123Z");
}

TEST(IsoTime, ParsesZuluOffsetsAndFractions) {
  EXPECT_EQ(*ParseIsoTimeMs("2025-10-15T19:00:00.000Z", "t"), 1760554800000);
  EXPECT_EQ(*ParseIsoTimeMs("2025-10-15T19:00:00Z", "t"), 1760554800000);
  EXPECT_EQ(*ParseIsoTimeMs("2025-10-15T21:00:00+02:00", "t"), 1760554800000);
  EXPECT_EQ(*ParseIsoTimeMs("2025-10-15T19:00:00.5Z", "t"), 1760554800500);
  EXPECT_EQ(*ParseIsoTimeMs("2025-10-15T19:00:00.123456Z", "t"), 1760554800123);
  for (int64_t ms : {int64_t{0}, int64_t{951782400123}, int64_t{4102444799999}}) {
    EXPECT_EQ(*ParseIsoTimeMs(FormatIsoTimeMs(ms), "t"), ms);
  }
}

TEST(IsoTime, RejectsNonsenseNamingTheField) {
  for (const char* bad :
       {"", "tomorrow", "2025-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2025-10-15T19:00:00",
        "2025-10-15T19:00:00.Z", "2025-10-15T25:00:00Z", "2025-10-15T19:00:00Zjunk"}) {
    auto r = ParseIsoTimeMs(bad, "scheduledTime");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().message().rfind("scheduledTime: ", 0), 0u);
  }
}

// Found by tests/fuzz/iso_time_fuzz.cc: a leap second or an offset at the ends of the four-digit
// years gave an instant FormatIsoTimeMs writes as "10000-..." or "-001-...", which no parser reads.
TEST(IsoTime, RefusesInstantsOutsideFourDigitYears) {
  for (const char* bad :
       {"9999-12-31T23:59:60.999Z", "9999-12-31T23:00:00-05:00", "0000-01-01T00:00:00+00:01"}) {
    EXPECT_FALSE(ParseIsoTimeMs(bad, "t").ok()) << bad;
  }
  EXPECT_EQ(*ParseIsoTimeMs("9999-12-31T23:59:59.999Z", "t"), 253402300799999);
  EXPECT_EQ(*ParseIsoTimeMs("0000-01-01T00:00:00Z", "t"), -62167219200000);
}

}  // namespace
}  // namespace lks::internal
