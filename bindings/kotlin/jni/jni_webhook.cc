// Webhooks: the receiver (lks_webhook_receiver) and the signer of test deliveries.
#include "jni_util.h"

using lksjni::Bytes;
using lksjni::Fail;
using lksjni::FromHandle;
using lksjni::Utf8;

extern "C" {

JNIEXPORT jlong JNICALL Java_io_lkstudy_Native_receiverNew(JNIEnv* env, jclass) {
  lks_webhook_receiver* out = nullptr;
  lks_status st = lks_webhook_receiver_new(&out);
  if (st != LKS_OK) return Fail(env, st), 0;
  return lksjni::ToHandle(out);
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_receiverFree(JNIEnv*, jclass, jlong h) {
  lks_webhook_receiver_free(FromHandle<lks_webhook_receiver>(h));
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_receiverAddKey(JNIEnv* env, jclass, jlong h,
                                                             jstring key, jstring secret) {
  Utf8 k(env, key), s(env, secret);
  lks_status st = lks_webhook_receiver_add_key(FromHandle<lks_webhook_receiver>(h), k.data(),
                                               k.size(), s.data(), s.size());
  if (st != LKS_OK) Fail(env, st);
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_receiverSetLeeway(JNIEnv* env, jclass, jlong h,
                                                                jlong seconds) {
  lks_status st =
      lks_webhook_receiver_set_leeway_seconds(FromHandle<lks_webhook_receiver>(h), seconds);
  if (st != LKS_OK) Fail(env, st);
}

// The verified event as JSON bytes in the form `output` selects (lks_webhook_output).
JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_receiverReceive(JNIEnv* env, jclass, jlong h,
                                                                    jbyteArray body, jstring auth,
                                                                    jint output) {
  Bytes b(env, body);
  Utf8 a(env, auth);
  lks_buf out = LKS_BUF_INIT;
  lks_status st = lks_webhook_receiver_receive(&out, nullptr, FromHandle<lks_webhook_receiver>(h),
                                               b.data(), b.size(), a.data(), a.size(),
                                               static_cast<lks_webhook_output>(output));
  if (st != LKS_OK) return Fail(env, st), nullptr;
  return lksjni::TakeBytes(env, &out);
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_receiverVerify(JNIEnv* env, jclass, jlong h,
                                                             jbyteArray body, jstring auth) {
  Bytes b(env, body);
  Utf8 a(env, auth);
  lks_status st = lks_webhook_receiver_verify(FromHandle<lks_webhook_receiver>(h), b.data(),
                                              b.size(), a.data(), a.size());
  if (st != LKS_OK) Fail(env, st);
}

JNIEXPORT jstring JNICALL Java_io_lkstudy_Native_webhookSign(JNIEnv* env, jclass, jstring key,
                                                             jstring secret, jbyteArray body,
                                                             jlong ttl) {
  Utf8 k(env, key), s(env, secret);
  Bytes b(env, body);
  lks_buf out = LKS_BUF_INIT;
  lks_status st =
      lks_webhook_sign(&out, k.data(), k.size(), s.data(), s.size(), b.data(), b.size(), ttl);
  if (st != LKS_OK) return Fail(env, st), nullptr;
  return lksjni::TakeAscii(env, &out);
}

}  // extern "C"
