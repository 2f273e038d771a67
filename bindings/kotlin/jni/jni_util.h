// Shared JNI helpers of liblkstudy_jni: strings in (Java String -> UTF-8), bytes in and out, and
// the one way a failure crosses back (io.lkstudy.LkStudyException, built from lks_error_last()).
// Nothing here keeps a JNIEnv or a local reference beyond the call that made it.
#ifndef LKS_KOTLIN_JNI_UTIL_H_
#define LKS_KOTLIN_JNI_UTIL_H_

#include <jni.h>

#include <cstdint>
#include <string>

#include "lks.h"

namespace lksjni {

// Bytes copied out of a Java value for one glue call; `present()` is false for a Java null (then
// empty). Values up to kInline bytes (claims, keys, room names) stay in the object: no allocation.
class Copied {
 public:
  Copied() = default;
  Copied(const Copied&) = delete;
  Copied& operator=(const Copied&) = delete;
  const char* data() const { return data_; }
  size_t size() const { return size_; }
  bool present() const { return present_; }

 protected:
  static constexpr size_t kInline = 256;
  // Room for `n` bytes, which become the value.
  char* Reserve(size_t n) {
    if (n > kInline) {
      heap_.resize(n);
      data_ = heap_.data();
    }
    size_ = n;
    return data_;
  }
  std::string heap_;
  char inline_[kInline];
  char* data_ = inline_;
  size_t size_ = 0;
  bool present_ = false;
};

// The UTF-8 bytes of a Java String. JNI's own "UTF" functions give modified UTF-8 (U+0000 as C0
// 80, supplementary characters as two 3-byte surrogates); this converts those to standard UTF-8,
// so emoji and CJK reach the library as the SDKs send them.
class Utf8 : public Copied {
 public:
  Utf8(JNIEnv* env, jstring s);
};

// A byte[]'s content.
class Bytes : public Copied {
 public:
  Bytes(JNIEnv* env, jbyteArray a);
};

// Throws io.lkstudy.LkStudyException for `status` with lks_error_last()'s detail. Returns false so
// callers can write `if (st != LKS_OK) return Fail(env, st), nullptr;`.
bool Fail(JNIEnv* env, lks_status status);
// Throws LkStudyException(INVALID_ARGUMENT) with `message` (a failure found in the glue itself).
void FailArgument(JNIEnv* env, const char* message);

// Sets the room client options of a Kotlin RoomServiceOptions (jni_room.cc's roomClientNew
// arguments; numbers <= 0 and null strings keep the C ABI's defaults). Shared by the room, Egress
// and agent dispatch clients.
lks_status SetRoomClientOptions(JNIEnv* env, lks_room_client_options* o, jstring url, jstring key,
                                jstring secret, jstring token, jlong timeout_ms, jlong max_attempts,
                                jobjectArray fallbacks, jint failover, jboolean tls_verify,
                                jstring ca_file, jstring proxy, jobjectArray headers);

// A new byte[] with the buffer's bytes; disposes of the buffer. NULL (with OutOfMemoryError
// pending) when the JVM cannot allocate it.
jbyteArray TakeBytes(JNIEnv* env, lks_buf* buf);
// A new byte[] copy of `len` bytes.
jbyteArray NewBytes(JNIEnv* env, const char* data, size_t len);
// A Java String from ASCII bytes (JWTs, names); disposes of the buffer.
jstring TakeAscii(JNIEnv* env, lks_buf* buf);

// Handles cross as jlong (the Kotlin owner keeps it; see NativeHandle.kt).
template <typename T>
T* FromHandle(jlong h) {
  return reinterpret_cast<T*>(static_cast<intptr_t>(h));
}
template <typename T>
jlong ToHandle(T* p) {
  return static_cast<jlong>(reinterpret_cast<intptr_t>(p));
}

// Throws (as Fail) when `status` is not LKS_OK: the end of a glue call that returns nothing.
inline void Check(JNIEnv* env, lks_status status) {
  if (status != LKS_OK) Fail(env, status);
}

// The shape of every glue call that returns a buffer: `call(&buf)` fills an lks_buf; the result
// is `Take(env, &buf)` (TakeBytes: a new byte[]; TakeAscii: a String), or NULL with
// LkStudyException thrown. The buffer is disposed of either way.
template <typename R, R (*Take)(JNIEnv*, lks_buf*), typename Call>
R TakeOrThrow(JNIEnv* env, Call&& call) {
  lks_buf out = LKS_BUF_INIT;
  const lks_status st = call(&out);
  if (st != LKS_OK) {
    lks_buf_dispose(&out);
    return Fail(env, st), nullptr;
  }
  return Take(env, &out);
}
template <typename Call>
jbyteArray BytesOrThrow(JNIEnv* env, Call&& call) {
  return TakeOrThrow<jbyteArray, TakeBytes>(env, call);
}
template <typename Call>
jstring AsciiOrThrow(JNIEnv* env, Call&& call) {
  return TakeOrThrow<jstring, TakeAscii>(env, call);
}

// A handle made by `make(&out)` as the jlong the Kotlin owner keeps, or 0 with the exception
// thrown.
template <typename T, typename Make>
jlong HandleOrThrow(JNIEnv* env, Make&& make) {
  T* out = nullptr;
  const lks_status st = make(&out);
  if (st != LKS_OK) return Fail(env, st), 0;
  return ToHandle(out);
}

// Calls `add(name, value)` (Utf8 each) for a String[] of pairs [name, value, ...]; NULL is no
// pairs. Stops at the first failure and returns it.
template <typename Add>
lks_status EachPair(JNIEnv* env, jobjectArray pairs, Add add) {
  if (pairs == nullptr) return LKS_OK;
  const jsize n = env->GetArrayLength(pairs);
  for (jsize i = 0; i + 1 < n; i += 2) {
    auto a = static_cast<jstring>(env->GetObjectArrayElement(pairs, i));
    auto b = static_cast<jstring>(env->GetObjectArrayElement(pairs, i + 1));
    Utf8 au(env, a), bu(env, b);
    env->DeleteLocalRef(a);
    env->DeleteLocalRef(b);
    const lks_status st = add(au, bu);
    if (st != LKS_OK) return st;
  }
  return LKS_OK;
}

// The glue of a handle with a key set (lks_token_verifier, lks_webhook_receiver): new, free,
// add_key and set_leeway_seconds are the same calls on another type.
template <typename T, lks_status (*New)(T**), void (*Free)(T*),
          lks_status (*AddKey)(T*, const char*, size_t, const char*, size_t),
          lks_status (*SetLeeway)(T*, int64_t)>
struct KeySetGlue {
  static jlong Make(JNIEnv* env) { return HandleOrThrow<T>(env, New); }
  static void Dispose(jlong h) { Free(FromHandle<T>(h)); }
  static void Add(JNIEnv* env, jlong h, jstring key, jstring secret) {
    Utf8 k(env, key), s(env, secret);
    Check(env, AddKey(FromHandle<T>(h), k.data(), k.size(), s.data(), s.size()));
  }
  static void Leeway(JNIEnv* env, jlong h, jlong seconds) {
    Check(env, SetLeeway(FromHandle<T>(h), seconds));
  }
};

// Owners of C handles for the duration of one glue function.
template <typename T, void (*Free)(T*)>
struct Owned {
  T* p = nullptr;
  Owned() = default;
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() { Free(p); }
};

}  // namespace lksjni

#endif  // LKS_KOTLIN_JNI_UTIL_H_
