// Shared plumbing of the Node binding: per-environment data, LkStudyError construction from
// lks_error_last(), and borrowed UTF-8 arguments. Every native class is a thin owner of one C ABI
// handle (lks.h); nothing here calls the C++ API.
#ifndef LKS_NODE_ADDON_H_
#define LKS_NODE_ADDON_H_

#include <napi.h>

#include <atomic>
#include <cstddef>
#include <string>

#include "lks.h"

namespace lksnode {

// Per-environment (main thread or worker_thread) state: the JS error class and the constructors
// of the native classes, so objects can be made from C++ and errors are `instanceof LkStudyError`.
struct AddonData {
  Napi::FunctionReference error_class;  // set by lib/errors.js through setErrorClass()
};

AddonData& Data(Napi::Env env);

// A copy of the detail of a failed lks_ call, taken on the thread that made the call (the C
// ABI keeps it per thread), so it can travel from an AsyncWorker thread to the JS thread.
struct ErrorDetail {
  lks_status code = LKS_OK;
  std::string message;
  std::string reason;
  int http_status = 0;

  // Reads lks_error_last() for a call that returned `status` on this thread.
  static ErrorDetail Capture(lks_status status);
  // An invalid_argument detail for an argument of the wrong type.
  static ErrorDetail InvalidArgument(std::string message);
};

// The JS LkStudyError (or a plain Error before setErrorClass) for `detail`.
Napi::Error MakeError(Napi::Env env, const ErrorDetail& detail);

// Throws the LkStudyError for a failed call (C++ exception, turned into a JS exception by
// node-addon-api at the boundary).
[[noreturn]] void ThrowStatus(Napi::Env env, lks_status status);
[[noreturn]] void ThrowInvalidArgument(Napi::Env env, std::string message);

// Throws unless `status` is LKS_OK.
inline void Check(Napi::Env env, lks_status status) {
  if (status != LKS_OK) ThrowStatus(env, status);
}

// A JS string argument as UTF-8 bytes, held in a small stack buffer when it fits (most
// identities, names and keys do) and on the heap otherwise. Throws invalid_argument naming
// `field` when the value is not a string.
class Utf8Arg {
 public:
  Utf8Arg(Napi::Env env, napi_value value, const char* field);
  Utf8Arg(const Utf8Arg&) = delete;
  Utf8Arg& operator=(const Utf8Arg&) = delete;

  const char* data() const { return heap_.empty() ? stack_ : heap_.data(); }
  size_t size() const { return size_; }

 private:
  char stack_[256];
  std::string heap_;
  size_t size_ = 0;
};

// A JS number argument as int64. Throws invalid_argument naming `field` otherwise.
int64_t Int64Arg(Napi::Env env, napi_value value, const char* field);

// Wraps the bytes of `buf` as a JS string and disposes of the buffer.
Napi::String TakeString(Napi::Env env, lks_buf* buf);

// Counts the native handles alive in the process (all environments), so tests can show that
// finalizers free them. A member of every class that owns an lks_ handle.
class HandleCount {
 public:
  HandleCount() { live_.fetch_add(1, std::memory_order_relaxed); }
  HandleCount(const HandleCount&) = delete;
  HandleCount& operator=(const HandleCount&) = delete;
  ~HandleCount() { live_.fetch_sub(1, std::memory_order_relaxed); }
  static int64_t Live() { return live_.load(std::memory_order_relaxed); }

 private:
  static inline std::atomic<int64_t> live_{0};
};

// Registration of each module's classes and functions on `exports`.
void InitToken(Napi::Env env, Napi::Object exports);

}  // namespace lksnode

#endif  // LKS_NODE_ADDON_H_
