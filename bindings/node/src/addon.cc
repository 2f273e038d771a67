// Module entry: error plumbing, argument helpers, versions; each area registers itself.
#include "addon.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstring>
#include <exception>
#include <utility>

namespace lksnode {

AddonData& Data(Napi::Env env) { return *env.GetInstanceData<AddonData>(); }

ErrorDetail ErrorDetail::Capture(lks_status status) {
  ErrorDetail d;
  d.code = status;
  const lks_error* e = lks_error_last();  // never NULL
  if (e->code != LKS_OK) {
    d.code = e->code;
    d.message = e->message ? e->message : "";
    d.reason = e->reason ? e->reason : "";
    d.http_status = e->http_status;
  }
  if (d.message.empty()) d.message = lks_status_name(d.code);
  if (d.http_status == 0) d.http_status = lks_status_http_status(d.code);
  return d;
}

ErrorDetail ErrorDetail::InvalidArgument(std::string message) {
  ErrorDetail d;
  d.code = LKS_INVALID_ARGUMENT;
  d.message = std::move(message);
  d.http_status = lks_status_http_status(LKS_INVALID_ARGUMENT);
  return d;
}

Napi::Error MakeError(Napi::Env env, const ErrorDetail& detail) {
  Napi::FunctionReference& cls = Data(env).error_class;
  if (cls.IsEmpty()) return Napi::Error::New(env, detail.message);
  Napi::Object info = Napi::Object::New(env);
  info.Set("code", Napi::String::New(env, lks_status_name(detail.code)));
  info.Set("errno", Napi::Number::New(env, static_cast<double>(detail.code)));
  info.Set("reason", Napi::String::New(env, detail.reason));
  info.Set("httpStatus", Napi::Number::New(env, static_cast<double>(detail.http_status)));
  Napi::Value err = cls.New({Napi::String::New(env, detail.message), info});
  return Napi::Error(env, err);
}

void ThrowStatus(Napi::Env env, lks_status status) {
  throw MakeError(env, ErrorDetail::Capture(status));
}

void ThrowInvalidArgument(Napi::Env env, std::string message) {
  throw MakeError(env, ErrorDetail::InvalidArgument(std::move(message)));
}

// The common case, a string, takes one Node-API call: napi_get_value_string_utf8 itself reports
// a value that is not a string.
Utf8Arg::Utf8Arg(Napi::Env env, napi_value value, const char* field) {
  if (!Read(env, value)) ThrowInvalidArgument(env, std::string(field) + ": must be a string");
}

Utf8Arg::Utf8Arg(Napi::Env env, napi_value value, const char* field, bool optional) {
  if (Read(env, value)) return;
  napi_valuetype type = napi_undefined;
  napi_typeof(env, value, &type);
  if (!optional || (type != napi_undefined && type != napi_null)) {
    ThrowInvalidArgument(env, std::string(field) + ": must be a string");
  }
  present_ = false;
}

namespace {

// UTF-16 code units as UTF-8, as V8's WriteUtf8 with REPLACE_INVALID_UTF8 writes them (a lone
// surrogate becomes U+FFFD). `dst` holds at least 3 bytes per unit. Returns the bytes written.
// One unit at a time: ReadShortUtf8 takes ASCII 8 units at a time before it.
size_t Utf16ToUtf8(const char16_t* w, size_t n, char* dst) {
  char* out = dst;
  size_t i = 0;
  while (i < n) {
    const uint32_t c = w[i++];
    if (c < 0x80) {
      *out++ = static_cast<char>(c);
      continue;
    }
    if (c < 0x800) {
      *out++ = static_cast<char>(0xC0 | (c >> 6));
      *out++ = static_cast<char>(0x80 | (c & 0x3F));
      continue;
    }
    uint32_t cp = c;
    if (c >= 0xD800 && c <= 0xDFFF) {
      if (c <= 0xDBFF && i < n && w[i] >= 0xDC00 && w[i] <= 0xDFFF) {
        cp = 0x10000 + ((c - 0xD800) << 10) + (w[i++] - 0xDC00u);
        *out++ = static_cast<char>(0xF0 | (cp >> 18));
        *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
        continue;
      }
      cp = 0xFFFD;  // a lone surrogate
    }
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return static_cast<size_t>(out - dst);
}

// Utf16ToUtf8 after ASCII 8 units at a time. `units` has 8 writable units past n.
size_t Transcode(char16_t* units, size_t n, char* dst, size_t capacity) {
  size_t i = 0;
#if defined(__SSE2__)
  // ASCII, 8 units at a time (most claims and every key pair are ASCII); the last 8 run past the
  // string into zeros (ASCII too) and store up to 7 bytes past its end, inside `capacity`.
  if (n + 8 <= capacity) {
    std::memset(units + n, 0, 16);
    for (; i < n; i += 8) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(units + i));
      const __m128i high = _mm_and_si128(v, _mm_set1_epi16(static_cast<short>(0xFF80)));
      if (_mm_movemask_epi8(_mm_cmpeq_epi16(high, _mm_setzero_si128())) != 0xFFFF) break;
      _mm_storel_epi64(reinterpret_cast<__m128i*>(dst + i), _mm_packus_epi16(v, v));
    }
    if (i >= n) return n;
  }
#endif
  return i + Utf16ToUtf8(units + i, n - i, dst + i);
}

}  // namespace

napi_status ReadShortUtf8(napi_env env, napi_value value, char* dst, size_t capacity, size_t* size,
                          bool wipe) {
  // V8 copies a string's UTF-16 units about twice as fast as it writes UTF-8 (13-16 ns against
  // 27-34 ns for a 10-40 character string, Node 20): read the units, transcode here.
  constexpr size_t kUnits = 128;
  char16_t units[kUnits + 8];
  size_t n = 0;
  const napi_status st = napi_get_value_string_utf16(env, value, units, kUnits, &n);
  if (st != napi_ok) return st;
  if (n + 1 >= kUnits || 3 * n > capacity) {  // may not have fit
    if (wipe) explicit_bzero(units, sizeof units);
    return napi_generic_failure;
  }
  *size = Transcode(units, n, dst, capacity);
  if (wipe) explicit_bzero(units, 2 * n);  // not dropped as a dead store
  return napi_ok;
}

bool Utf8Arg::Read(Napi::Env env, napi_value value) {
  size_t n = 0;
  napi_status st = ReadShortUtf8(env, value, stack_, sizeof(stack_), &n);
  if (st == napi_ok) {
    size_ = n;
    return true;
  }
  if (st == napi_string_expected) {
    stack_[0] = '\0';
    return false;
  }
  // A long string: V8 writes its UTF-8, to the heap when it does not fit the stack buffer.
  NAPI_THROW_IF_FAILED(env, napi_get_value_string_utf8(env, value, nullptr, 0, &n), false);
  if (n + 1 > sizeof(stack_)) {
    heap_.resize(n + 1);
    NAPI_THROW_IF_FAILED(env, napi_get_value_string_utf8(env, value, heap_.data(), n + 1, &n),
                         false);
  } else {
    NAPI_THROW_IF_FAILED(env, napi_get_value_string_utf8(env, value, stack_, sizeof(stack_), &n),
                         false);
  }
  size_ = n;
  return true;
}

void Utf8Arg::Wipe() {
  explicit_bzero(heap_.empty() ? stack_ : heap_.data(), size_);  // not dropped as a dead store
}

int64_t Int64Arg(Napi::Env env, napi_value value, const char* field) {
  double d = 0;
  if (napi_get_value_double(env, value, &d) != napi_ok || d != d) {
    ThrowInvalidArgument(env, std::string(field) + ": must be a number");
  }
  if (d > 9.2e18 || d < -9.2e18) ThrowInvalidArgument(env, std::string(field) + ": out of range");
  return static_cast<int64_t>(d);
}

Napi::String TakeString(Napi::Env env, lks_buf* buf) {
  Napi::String s = Napi::String::New(env, buf->ptr ? buf->ptr : "", buf->size);
  lks_buf_dispose(buf);
  return s;
}

Napi::String TakeAsciiString(Napi::Env env, lks_buf* buf) {
  napi_value s = nullptr;
  napi_status st = napi_create_string_latin1(env, buf->ptr ? buf->ptr : "", buf->size, &s);
  lks_buf_dispose(buf);
  NAPI_THROW_IF_FAILED(env, st, Napi::String());
  return Napi::String(env, s);
}

namespace {

void SetErrorClass(const Napi::CallbackInfo& info) {
  if (!info[0].IsFunction()) ThrowInvalidArgument(info.Env(), "errorClass: must be a function");
  Data(info.Env()).error_class = Napi::Persistent(info[0].As<Napi::Function>());
}

// statusName(n): lks_status_name ("" for a number that is no status).
Napi::Value StatusName(const Napi::CallbackInfo& info) {
  int64_t code = Int64Arg(info.Env(), info[0], "status");
  if (code < 0 || code > INT32_MAX) return Napi::String::New(info.Env(), "");
  return Napi::String::New(info.Env(), lks_status_name(static_cast<lks_status>(code)));
}

// statusHttpStatus(n): lks_status_http_status, the library's one status -> HTTP table.
Napi::Value StatusHttpStatus(const Napi::CallbackInfo& info) {
  int64_t code = Int64Arg(info.Env(), info[0], "status");
  if (code < 0 || code > INT32_MAX) code = LKS_UNKNOWN;
  return Napi::Number::New(
      info.Env(), static_cast<double>(lks_status_http_status(static_cast<lks_status>(code))));
}

}  // namespace
}  // namespace lksnode

namespace {
using namespace lksnode;

Napi::Value LiveHandles(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(HandleCount::Live()));
}

Napi::Object InitAddon(Napi::Env env, Napi::Object exports) {
  try {
    env.SetInstanceData(new AddonData());
  } catch (const std::exception& e) {  // the signer cache's random key
    throw Napi::Error::New(env, e.what());
  }
  exports.Set("setErrorClass", Napi::Function::New(env, SetErrorClass, "setErrorClass"));
  exports.Set("statusName", Napi::Function::New(env, StatusName, "statusName"));
  exports.Set("statusHttpStatus", Napi::Function::New(env, StatusHttpStatus, "statusHttpStatus"));
  exports.Set("liveHandles", Napi::Function::New(env, LiveHandles, "liveHandles"));
  exports.Set("versionString", Napi::String::New(env, lks_version_string()));
  exports.Set("versionNumber", Napi::Number::New(env, static_cast<double>(lks_version_number())));
  exports.Set("headerVersionNumber", Napi::Number::New(env, LKS_VERSION_NUMBER));
  InitToken(env, exports);
  InitRoom(env, exports);
  InitEgress(env, exports);
  InitWebhook(env, exports);
  InitStore(env, exports);
  InitService(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(lkstudy, InitAddon)
