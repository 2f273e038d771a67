#include "core/iso_time.h"

#include <cstdio>

namespace lks::internal {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::string_view FormatIsoTimeMs(int64_t unix_ms, char (&buf)[kIsoTimeMsMaxChars]) {
  // Days and the millisecond of the day without overflow for any int64 (floor division).
  int64_t days = unix_ms / 86400000;
  int64_t rem = unix_ms % 86400000;
  if (rem < 0) {
    rem += 86400000;
    --days;
  }
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  const auto ms = static_cast<unsigned>(rem);
  if (y < 0 || y > 9999) {
    const int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02u.%03uZ",
                                static_cast<long long>(y), m, d, ms / 3600000, ms / 60000 % 60,
                                ms / 1000 % 60, ms % 1000);
    return std::string_view(buf, n > 0 ? static_cast<size_t>(n) : 0);
  }
  // The common case by hand: snprintf's format parsing was most of a REST token answer's time.
  auto two = [](char* p, unsigned v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
  };
  const auto year = static_cast<unsigned>(y);
  two(buf, year / 100);
  two(buf + 2, year % 100);
  buf[4] = '-';
  two(buf + 5, m);
  buf[7] = '-';
  two(buf + 8, d);
  buf[10] = 'T';
  two(buf + 11, ms / 3600000);
  buf[13] = ':';
  two(buf + 14, ms / 60000 % 60);
  buf[16] = ':';
  two(buf + 17, ms / 1000 % 60);
  buf[19] = '.';
  buf[20] = static_cast<char>('0' + ms % 1000 / 100);
  two(buf + 21, ms % 100);
  buf[23] = 'Z';
  return std::string_view(buf, 24);
}

std::string FormatIsoTimeMs(int64_t unix_ms) {
  char buf[kIsoTimeMsMaxChars];
  return std::string(FormatIsoTimeMs(unix_ms, buf));
}

StatusOr<int64_t> ParseIsoTimeMs(std::string_view s, std::string_view field, IsoTimeForm form) {
  const bool any_offset = form == IsoTimeForm::kAnyOffset;
  auto bad = [&] {
    return InvalidArgumentError(std::string(field) + ": '" + std::string(s.substr(0, 64)) +
                                "' is not an ISO 8601 " + (any_offset ? "" : "UTC ") +
                                "time like 2025-10-15T19:00:00.000Z");
  };
  int y, mo, d, h, mi, sec;
  if (!Digits(s, 0, 4, &y) || s.size() < 19 || s[4] != '-' || !Digits(s, 5, 2, &mo) ||
      s[7] != '-' || !Digits(s, 8, 2, &d) ||
      (s[10] != 'T' && s[10] != 't' && !(any_offset && s[10] == ' ')) || !Digits(s, 11, 2, &h) ||
      s[13] != ':' || !Digits(s, 14, 2, &mi) || s[16] != ':' || !Digits(s, 17, 2, &sec)) {
    return bad();
  }
  static constexpr int kDaysIn[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (mo < 1 || mo > 12 || d < 1 || d > kDaysIn[mo - 1] || (mo == 2 && d == 29 && !leap) ||
      h > 23 || mi > 59 || sec > 60) {
    return bad();
  }
  size_t i = 19;
  int64_t ms = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (digits < 3) ms = ms * 10 + (s[i] - '0');
      ++digits;
      ++i;
    }
    if (digits == 0) return bad();
    for (int k = digits; k < 3; ++k) ms *= 10;
  }
  int64_t offset_min = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (any_offset && i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int oh, om;
    if (!Digits(s, i + 1, 2, &oh) || i + 3 >= s.size() || s[i + 3] != ':' ||
        !Digits(s, i + 4, 2, &om) || oh > 23 || om > 59) {
      return bad();
    }
    offset_min = (s[i] == '+' ? 1 : -1) * (oh * 60 + om);
    i += 6;
  } else {
    return bad();
  }
  if (i != s.size()) return bad();
  const int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  const int64_t unix_ms =
      ((days * 24 + h) * 60 + mi - offset_min) * 60000 + static_cast<int64_t>(sec) * 1000 + ms;
  // An offset or a leap second can carry the instant past year 9999 or before year 0000, which
  // FormatIsoTimeMs cannot write back as four digits (found by tests/fuzz): refuse those.
  constexpr int64_t kFirstMs = -62167219200000;  // 0000-01-01T00:00:00.000Z
  constexpr int64_t kLastMs = 253402300799999;   // 9999-12-31T23:59:59.999Z
  if (unix_ms < kFirstMs || unix_ms > kLastMs) return bad();
  return unix_ms;
}

}  // namespace lks::internal
