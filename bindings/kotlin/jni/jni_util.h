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

// The UTF-8 bytes of a Java String (NULL: `present()` false, empty). JNI's own "UTF" functions give
// modified UTF-8 (U+0000 as C0 80, supplementary characters as two 3-byte surrogates); this
// converts those to standard UTF-8, so emoji and CJK reach the library as the SDKs send them.
class Utf8 {
 public:
  Utf8(JNIEnv* env, jstring s);
  const char* data() const { return bytes_.data(); }
  size_t size() const { return bytes_.size(); }
  bool present() const { return present_; }

 private:
  std::string bytes_;
  bool present_ = false;
};

// A byte[]'s content, copied (NULL: empty, `present()` false).
class Bytes {
 public:
  Bytes(JNIEnv* env, jbyteArray a);
  const char* data() const { return bytes_.data(); }
  size_t size() const { return bytes_.size(); }
  bool present() const { return present_; }

 private:
  std::string bytes_;
  bool present_ = false;
};

// Throws io.lkstudy.LkStudyException for `status` with lks_error_last()'s detail. Returns false so
// callers can write `if (st != LKS_OK) return Fail(env, st), nullptr;`.
bool Fail(JNIEnv* env, lks_status status);
// Throws LkStudyException(INVALID_ARGUMENT) with `message` (a failure found in the glue itself).
void FailArgument(JNIEnv* env, const char* message);

// A new byte[] with the buffer's bytes; disposes of the buffer. NULL (with OutOfMemoryError
// pending) when the JVM cannot allocate it.
jbyteArray TakeBytes(JNIEnv* env, lks_buf* buf);
// A new byte[] copy of `len` bytes.
jbyteArray NewBytes(JNIEnv* env, const char* data, size_t len);
// A Java String from ASCII bytes (JWTs, names); disposes of the buffer.
jstring TakeAscii(JNIEnv* env, lks_buf* buf);

// Owners of C handles for the duration of one glue function.
template <typename T, void (*Free)(T*)>
struct Owned {
  T* p = nullptr;
  Owned() = default;
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() { Free(p); }
};

// Handles cross as jlong (the Kotlin owner keeps it; see NativeHandle.kt).
template <typename T>
T* FromHandle(jlong h) {
  return reinterpret_cast<T*>(static_cast<intptr_t>(h));
}
template <typename T>
jlong ToHandle(T* p) {
  return static_cast<jlong>(reinterpret_cast<intptr_t>(p));
}

}  // namespace lksjni

#endif  // LKS_KOTLIN_JNI_UTIL_H_
