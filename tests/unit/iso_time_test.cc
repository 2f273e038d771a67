#include "core/iso_time.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace lks::internal {
namespace {

TEST(IsoTime, FormatsLikeJavaScriptsToISOString) {
  EXPECT_EQ(FormatIsoTimeMs(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIsoTimeMs(1760365800000), "2025-10-13T14:30:00.000Z");
  EXPECT_EQ(FormatIsoTimeMs(951782400123), "2000-02-29T00:00:00.123Z");
}

// The hand-written digits equal snprintf's "%04lld-%02u-..." (the formatter before them) across
// the four-digit years, and the years outside them keep that form.
TEST(IsoTime, FormatsEveryFieldLikeThePrintfForm) {
  auto reference = [](int64_t ms) {
    char buf[96];
    const int64_t day = 86400000;
    const int64_t days = ms >= 0 ? ms / day : -((-ms + day - 1) / day);
    const int64_t rem = ms - days * day;
    // Civil date of `days` by counting from the epoch in whole years (slow, obviously right).
    int64_t y = 1970, left = days;
    auto leap = [](int64_t yr) { return (yr % 4 == 0 && yr % 100 != 0) || yr % 400 == 0; };
    while (left < 0) left += leap(--y) ? 366 : 365;
    while (left >= (leap(y) ? 366 : 365)) left -= leap(y++) ? 366 : 365;
    const int mdays[] = {31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int m = 0;
    while (left >= mdays[m]) left -= mdays[m++];
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02lldT%02lld:%02lld:%02lld.%03lldZ",
                  static_cast<long long>(y), m + 1, static_cast<long long>(left + 1),
                  static_cast<long long>(rem / 3600000), static_cast<long long>(rem / 60000 % 60),
                  static_cast<long long>(rem / 1000 % 60), static_cast<long long>(rem % 1000));
    return std::string(buf);
  };
  uint64_t x = 88172645463325252ULL;  // xorshift: a fixed spread of instants
  for (int i = 0; i < 3000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    // 0000-01-01 .. 9999-12-31 and a little beyond both ends.
    const int64_t ms = -62167219200000 - 86400000LL * 400 +
                       static_cast<int64_t>(
                           x % (253402300799999ULL + 62167219200000ULL + 2ULL * 86400000ULL * 400));
    ASSERT_EQ(FormatIsoTimeMs(ms), reference(ms)) << ms;
  }
  for (int64_t ms : {int64_t{-62167219200000}, int64_t{-62167219200001}, int64_t{253402300799999},
                     int64_t{253402300800000}, int64_t{-1}, int64_t{86399999}}) {
    EXPECT_EQ(FormatIsoTimeMs(ms), reference(ms)) << ms;
  }
  char buf[kIsoTimeMsMaxChars];
  EXPECT_EQ(FormatIsoTimeMs(1760365800000, buf), "2025-10-13T14:30:00.000Z");
  EXPECT_FALSE(FormatIsoTimeMs(INT64_MIN, buf).empty());
  EXPECT_FALSE(FormatIsoTimeMs(INT64_MAX, buf).empty());
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
