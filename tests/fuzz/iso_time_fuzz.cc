// Fuzz target: ISO 8601 times (core/iso_time), the REST API's and the store's one codec.
// Properties: a parsed time formats to text that parses back to the same instant (in the strict
// UTC form the store uses), and formatting then parsing any instant in years 0000-9999 is exact.
#include <cstring>
#include <string>

#include "core/iso_time.h"
#include "fuzz_util.h"

using lks::internal::FormatIsoTimeMs;
using lks::internal::IsoTimeForm;
using lks::internal::ParseIsoTimeMs;

namespace {
// 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z in Unix milliseconds.
constexpr int64_t kMinMs = -62167219200000;
constexpr int64_t kMaxMs = 253402300799999;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = lks::fuzz::AsText(data, size);
  for (IsoTimeForm form : {IsoTimeForm::kUtc, IsoTimeForm::kAnyOffset}) {
    auto ms = ParseIsoTimeMs(text, "t", form);
    if (!ms.ok()) {
      LKS_FUZZ_CHECK(ms.status().message().rfind("t: ", 0) == 0, "error names the field");
      continue;
    }
    LKS_FUZZ_CHECK(*ms >= kMinMs && *ms <= kMaxMs, "parsed instant within years 0000-9999");
    const std::string formatted = FormatIsoTimeMs(*ms);
    auto again = ParseIsoTimeMs(formatted, "t", IsoTimeForm::kUtc);
    LKS_FUZZ_CHECK(again.ok(), "a formatted time parses");
    LKS_FUZZ_CHECK(*again == *ms, "format/parse round trip");
  }
  // Any instant in range: the first 8 bytes as a number.
  if (size >= 8) {
    int64_t v;
    std::memcpy(&v, data, 8);
    const int64_t span = kMaxMs - kMinMs + 1;
    const int64_t ms = kMinMs + static_cast<int64_t>(static_cast<uint64_t>(v) % span);
    auto back = ParseIsoTimeMs(FormatIsoTimeMs(ms), "t", IsoTimeForm::kUtc);
    LKS_FUZZ_CHECK(back.ok() && *back == ms, "instant round trip");
  }
  return 0;
}
