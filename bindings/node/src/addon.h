// Shared plumbing of the Node binding: per-environment data, LkStudyError construction from
// lks_error_last(), and borrowed UTF-8 arguments. Every native class is a thin owner of one C ABI
// handle (lks.h); nothing here calls the C++ API.
#ifndef LKS_NODE_ADDON_H_
#define LKS_NODE_ADDON_H_

#include <napi.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "lks.h"
#include "signer_cache.h"

namespace lksnode {

struct OptionsDeleter {
  void operator()(lks_token_options* o) const { lks_token_options_free(o); }
};
using OptionsPtr = std::unique_ptr<lks_token_options, OptionsDeleter>;

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Per-environment (main thread or worker_thread) state, used only from that environment's
// thread: the JS error class (so errors are `instanceof LkStudyError`) and token templates.
struct AddonData {
  Napi::FunctionReference error_class;  // set by lib/errors.js through setErrorClass()
  Napi::FunctionReference store_class;  // the native Store class (store.cc), to check arguments
  // Token options with a video (and SIP) grant already applied, by grant: parsing the grant's
  // JSON is a large part of a mint, and most tokens of a process repeat a few grants. See
  // MintToken in token.cc. Bounded; freed with the environment.
  struct TokenTemplate {
    OptionsPtr opts;
    uint32_t set_fields = 0;  // which optional claims currently hold a value (bits: see token.cc)
  };
  std::unordered_map<std::string, TokenTemplate, StringViewHash, std::equal_to<>> token_templates;
  std::string template_key;  // scratch
  // The template found last and its key (in token_templates; null after a clear).
  const std::string* last_template_key = nullptr;
  TokenTemplate* last_template = nullptr;
  // Signers by a keyed fingerprint of (API key, secret); see signer_cache.h. Bounded.
  SignerCache signers;
};

AddonData& Data(Napi::Env env);

// A copy of the detail of a failed lks_ call, taken on the thread that made the call (the C
// ABI keeps it per thread), so it can travel from an AsyncWorker thread to the JS thread.
struct ErrorDetail {
  lks_status code = LKS_OK;
  std::string message;
  std::string reason;
  int64_t http_status = 0;

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

// A string of fewer than 127 UTF-16 units as UTF-8 into [dst, dst + capacity), capacity at least
// 3 bytes per unit: napi_ok, napi_string_expected for a value that is not a string, or
// napi_generic_failure (nothing usable written) for a string too long for this path.
// Up to 7 bytes past the string's end (inside `capacity`) may be overwritten. `wipe`: overwrite
// the intermediate UTF-16 copy (for a secret).
napi_status ReadShortUtf8(napi_env env, napi_value value, char* dst, size_t capacity, size_t* size,
                          bool wipe = false);

// A JS string argument as UTF-8 bytes, held in a small stack buffer when it fits (most
// identities, names and keys do) and on the heap otherwise. Throws invalid_argument naming
// `field` when the value is not a string.
class Utf8Arg {
 public:
  Utf8Arg(Napi::Env env, napi_value value, const char* field);
  // For an optional argument: undefined and null leave it absent (present() is false).
  Utf8Arg(Napi::Env env, napi_value value, const char* field, bool optional);

  bool present() const { return present_; }
  // Overwrites the copied bytes (for a secret, once it has been used).
  void Wipe();
  Utf8Arg(const Utf8Arg&) = delete;
  Utf8Arg& operator=(const Utf8Arg&) = delete;

  const char* data() const { return heap_.empty() ? stack_ : heap_.data(); }
  size_t size() const { return size_; }

 private:
  // Copies a string's bytes; false (and nothing read) when `value` is not a string.
  bool Read(Napi::Env env, napi_value value);

  char stack_[384];  // 3 bytes per UTF-16 unit of the strings ReadShortUtf8 takes
  std::string heap_;
  size_t size_ = 0;
  bool present_ = true;
};

// The request body as bytes: a string (UTF-8) or a Buffer/Uint8Array (exactly as received).
class BodyArg {
 public:
  BodyArg(Napi::Env env, const Napi::Value& v) {
    if (v.IsTypedArray()) {
      Napi::Uint8Array bytes = v.As<Napi::Uint8Array>();
      data_ = reinterpret_cast<const char*>(bytes.Data());
      size_ = bytes.ByteLength();
    } else {
      text_.emplace(env, v, "body");
      data_ = text_->data();
      size_ = text_->size();
    }
  }
  const char* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  std::optional<Utf8Arg> text_;
  const char* data_ = nullptr;
  size_t size_ = 0;
};

// A JS number argument as int64. Throws invalid_argument naming `field` otherwise.
int64_t Int64Arg(Napi::Env env, napi_value value, const char* field);

// Wraps the bytes of `buf` as a JS string and disposes of the buffer.
Napi::String TakeString(Napi::Env env, lks_buf* buf);
// The same for ASCII-only text (JWTs): skips UTF-8 decoding.
Napi::String TakeAsciiString(Napi::Env env, lks_buf* buf);

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
void InitRoom(Napi::Env env, Napi::Object exports);
void InitEgress(Napi::Env env, Napi::Object exports);

struct RoomOptionsDeleter {
  void operator()(lks_room_client_options* o) const { lks_room_client_options_free(o); }
};
using RoomOptionsPtr = std::unique_ptr<lks_room_client_options, RoomOptionsDeleter>;
// lks_room_client_options from {url, apiKey, apiSecret, token, timeoutMs, maxAttempts,
// regionFailover, fallbackUrls, tlsVerify, caFile, caPath, proxy, headers} (room.cc); the room,
// egress and agent dispatch clients take the same. Throws invalid_argument naming the field.
RoomOptionsPtr RoomOptionsArg(Napi::Env env, const Napi::Value& arg);
void InitWebhook(Napi::Env env, Napi::Object exports);
void InitStore(Napi::Env env, Napi::Object exports);
// The lks_store of a native Store object (open), or throws invalid_argument naming `field`.
lks_store* StoreHandle(Napi::Env env, const Napi::Value& value, const char* field);
void InitService(Napi::Env env, Napi::Object exports);

}  // namespace lksnode

#endif  // LKS_NODE_ADDON_H_
