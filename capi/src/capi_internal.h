// Shared plumbing of the C ABI: the per-thread error, lks_buf filling, and the catch-all guard
// that keeps exceptions from crossing the boundary. Internal header.
#ifndef LKS_CAPI_SRC_CAPI_INTERNAL_H_
#define LKS_CAPI_SRC_CAPI_INTERNAL_H_

#include <chrono>
#include <cstdint>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "lks.h"
#include "lks/core/status.h"

namespace lks::capi {

// Records `status` as this thread's last error (or clears it when OK) and returns its code.
lks_status Record(const Status& status);
// Records an error built from a code and message.
lks_status Fail(lks_status code, std::string message);
// Clears the last error; returns LKS_OK.
lks_status Succeed();

// Moves `bytes` into `*out` (NUL-terminated copy, malloc'ed so lks_buf_dispose can free it).
// Returns LKS_RESOURCE_EXHAUSTED when memory runs out.
lks_status FillBuf(lks_buf* out, std::string_view bytes);

// A borrowed pointer+length as a string_view (NULL with length 0 is empty).
inline std::string_view View(const char* p, size_t n) {
  return p ? std::string_view(p, n) : std::string_view();
}

// Runs `body` (returning lks_status) and turns any exception into an error status.
template <typename F>
lks_status Guard(F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(LKS_RESOURCE_EXHAUSTED, "out of memory");
  } catch (const std::exception& e) {
    return Fail(LKS_INTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return Fail(LKS_INTERNAL, "internal error");
  }
}

#define LKS_CAPI_REQUIRE(cond, field)                                                        \
  do {                                                                                       \
    if (!(cond)) return ::lks::capi::Fail(LKS_INVALID_ARGUMENT, field ": must not be NULL"); \
  } while (0)

// Runs `call` on `handle->client` (a client handle: lks_room_client, lks_egress_client, ...;
// `call` returns StatusOr<std::string>) and fills `out` with the text it returns.
template <typename H, typename F>
lks_status CallToBuf(lks_buf* out, const H* handle, F&& call) {
  LKS_CAPI_REQUIRE(out, "out");
  LKS_CAPI_REQUIRE(handle, "client");
  return Guard([&] {
    lks_buf_dispose(out);
    auto r = call(*handle->client);
    if (!r.ok()) return Record(r.status());
    lks_status st = FillBuf(out, *r);
    return st == LKS_OK ? Succeed() : st;
  });
}

// A JSON array of strings (names, identities, URLs) into *out; NULL/empty means none. Errors:
// kInvalidArgument "<field>: expected a JSON array of strings". (lks_room.cc; room service.)
Status ParseStringArray(std::string_view json, const char* field, std::vector<std::string>* out);

// The key and leeway setters shared by the handles that check HS256 JWTs (lks_token_verifier and
// lks_webhook_receiver): `checker` has mutable_keys() and set_leeway().
template <typename Checker>
lks_status AddCheckerKey(Checker& checker, const char* key, size_t key_len, const char* secret,
                         size_t secret_len) {
  return Guard([&] {
    return Record(checker.mutable_keys().Add(View(key, key_len), View(secret, secret_len)));
  });
}
template <typename Checker>
lks_status SetCheckerLeeway(Checker& checker, int64_t seconds) {
  if (seconds < 0) return Fail(LKS_INVALID_ARGUMENT, "leeway: must not be negative");
  checker.set_leeway(std::chrono::seconds(seconds));
  return Succeed();
}

}  // namespace lks::capi

#endif  // LKS_CAPI_SRC_CAPI_INTERNAL_H_
