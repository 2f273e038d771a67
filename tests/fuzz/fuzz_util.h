// Shared helpers of the fuzz targets (tests/fuzz, docs/reliability.md): a check that aborts with
// a message libFuzzer shows (so a broken round trip is a crash with a saved input, like a memory
// error), and a cursor over the fuzzer's bytes.
#ifndef LKS_TESTS_FUZZ_FUZZ_UTIL_H_
#define LKS_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

// Aborts (a crash the fuzzer records) when `cond` is false. `what` says which property broke.
#define LKS_FUZZ_CHECK(cond, what)                                                       \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "fuzz check failed: %s: %s (%s:%d)\n", what, #cond, __FILE__, \
                   __LINE__);                                                            \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

namespace lks::fuzz {

// The fuzzer's input as text.
inline std::string_view AsText(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// Splits `*rest` at the first `sep`: returns the part before it and leaves the part after in
// `*rest` (all of it, and `*rest` empty, when there is no `sep`).
inline std::string_view TakeUntil(std::string_view* rest, std::string_view sep) {
  const size_t at = rest->find(sep);
  std::string_view head = rest->substr(0, at);
  *rest = at == std::string_view::npos ? std::string_view() : rest->substr(at + sep.size());
  return head;
}

// The first byte of `*rest` (0 when empty), removed from it: a mode selector.
inline uint8_t TakeByte(std::string_view* rest) {
  if (rest->empty()) return 0;
  const uint8_t b = static_cast<uint8_t>((*rest)[0]);
  rest->remove_prefix(1);
  return b;
}

}  // namespace lks::fuzz

#endif  // LKS_TESTS_FUZZ_FUZZ_UTIL_H_
