// JNI_OnLoad (cached classes and methods) and the helpers of jni_util.h.
#include "jni_util.h"

#include <cstring>

namespace lksjni {
namespace {

jclass g_exception_class = nullptr;  // io.lkstudy.LkStudyException (global ref)
jmethodID g_from_native = nullptr;  // static LkStudyException fromNative(int, byte[], byte[], long)

// Appends code point `cp` as standard UTF-8.
void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Rewrites modified UTF-8 (as JNI gives it) into standard UTF-8, in place.
void FixModifiedUtf8(std::string* s) {
  const std::string in = std::move(*s);
  s->clear();
  s->reserve(in.size());
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  for (size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c == 0xC0 && i + 1 < n && p[i + 1] == 0x80) {  // U+0000
      s->push_back('\0');
      i += 2;
      continue;
    }
    if (c == 0xED && i + 5 < n && (p[i + 1] & 0xF0) == 0xA0 && p[i + 3] == 0xED &&
        (p[i + 4] & 0xF0) == 0xB0) {  // a surrogate pair, 3 bytes each
      uint32_t hi = 0xD000 | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
      uint32_t lo = 0xD000 | ((p[i + 4] & 0x3F) << 6) | (p[i + 5] & 0x3F);
      AppendUtf8(s, 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
      i += 6;
      continue;
    }
    s->push_back(static_cast<char>(c));
    ++i;
  }
}

}  // namespace

Utf8::Utf8(JNIEnv* env, jstring s) {
  if (s == nullptr) return;
  present_ = true;
  const jsize chars = env->GetStringLength(s);
  const jsize len = env->GetStringUTFLength(s);
  char* out = Reserve(static_cast<size_t>(len));
  if (len > 0) env->GetStringUTFRegion(s, 0, chars, out);
  // Only U+0000 (C0 80) and surrogates (ED A0..BF ..) differ from standard UTF-8.
  if (std::memchr(out, 0xED, size_) || std::memchr(out, 0xC0, size_)) {
    std::string fixed(out, size_);
    FixModifiedUtf8(&fixed);
    heap_ = std::move(fixed);
    data_ = heap_.data();
    size_ = heap_.size();
  }
}

Bytes::Bytes(JNIEnv* env, jbyteArray a) {
  if (a == nullptr) return;
  present_ = true;
  const jsize len = env->GetArrayLength(a);
  char* out = Reserve(static_cast<size_t>(len));
  if (len > 0) env->GetByteArrayRegion(a, 0, len, reinterpret_cast<jbyte*>(out));
}

bool Fail(JNIEnv* env, lks_status status) {
  const lks_error* e = lks_error_last();
  // The detail belongs to this status only if the failing call recorded it.
  const bool mine = e->code == status;
  const char* message = mine ? e->message : lks_status_name(status);
  const char* reason = mine ? e->reason : "";
  const jlong http = mine ? e->http_status : lks_status_http_status(status);
  jbyteArray m = NewBytes(env, message, std::strlen(message));
  jbyteArray r = NewBytes(env, reason, std::strlen(reason));
  if (m == nullptr || r == nullptr) return false;  // OutOfMemoryError pending
  jobject ex = env->CallStaticObjectMethod(g_exception_class, g_from_native,
                                           static_cast<jint>(status), m, r, http);
  if (ex != nullptr && !env->ExceptionCheck()) env->Throw(static_cast<jthrowable>(ex));
  return false;
}

void FailArgument(JNIEnv* env, const char* message) {
  jbyteArray m = NewBytes(env, message, std::strlen(message));
  jbyteArray r = NewBytes(env, "", 0);
  if (m == nullptr || r == nullptr) return;
  jobject ex = env->CallStaticObjectMethod(g_exception_class, g_from_native,
                                           static_cast<jint>(LKS_INVALID_ARGUMENT), m, r,
                                           static_cast<jlong>(400));
  if (ex != nullptr && !env->ExceptionCheck()) env->Throw(static_cast<jthrowable>(ex));
}

jbyteArray NewBytes(JNIEnv* env, const char* data, size_t len) {
  jbyteArray a = env->NewByteArray(static_cast<jsize>(len));
  if (a != nullptr && len > 0)
    env->SetByteArrayRegion(a, 0, static_cast<jsize>(len), reinterpret_cast<const jbyte*>(data));
  return a;
}

jbyteArray TakeBytes(JNIEnv* env, lks_buf* buf) {
  jbyteArray a = NewBytes(env, buf->ptr, buf->size);
  lks_buf_dispose(buf);
  return a;
}

jstring TakeAscii(JNIEnv* env, lks_buf* buf) {
  jstring s = env->NewStringUTF(buf->ptr ? buf->ptr : "");
  lks_buf_dispose(buf);
  return s;
}

}  // namespace lksjni

extern "C" JNIEXPORT jint JNI_OnLoad(JavaVM* vm, void*) {
  JNIEnv* env = nullptr;
  if (vm->GetEnv(reinterpret_cast<void**>(&env), JNI_VERSION_1_6) != JNI_OK) return JNI_ERR;
  jclass local = env->FindClass("io/lkstudy/LkStudyException");
  if (local == nullptr) return JNI_ERR;
  lksjni::g_exception_class = static_cast<jclass>(env->NewGlobalRef(local));
  env->DeleteLocalRef(local);
  lksjni::g_from_native = env->GetStaticMethodID(lksjni::g_exception_class, "fromNative",
                                                 "(I[B[BJ)Lio/lkstudy/LkStudyException;");
  if (lksjni::g_from_native == nullptr) return JNI_ERR;
  return JNI_VERSION_1_6;
}

extern "C" {

JNIEXPORT jstring JNICALL Java_io_lkstudy_Native_versionString(JNIEnv* env, jclass) {
  return env->NewStringUTF(lks_version_string());
}

JNIEXPORT jlong JNICALL Java_io_lkstudy_Native_versionNumber(JNIEnv*, jclass) {
  return static_cast<jlong>(lks_version_number());
}

// The name of status `code` ("" past the last one), to check LkStudyException.Code against lks.h.
JNIEXPORT jstring JNICALL Java_io_lkstudy_Native_statusName(JNIEnv* env, jclass, jint code) {
  return env->NewStringUTF(lks_status_name(static_cast<lks_status>(code)));
}

JNIEXPORT jlong JNICALL Java_io_lkstudy_Native_statusHttpStatus(JNIEnv*, jclass, jint code) {
  return static_cast<jlong>(lks_status_http_status(static_cast<lks_status>(code)));
}

}  // extern "C"
