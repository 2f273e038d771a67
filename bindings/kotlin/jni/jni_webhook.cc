// Webhooks: the receiver (lks_webhook_receiver) and the signer of test deliveries.
#include "jni_util.h"

using lksjni::Bytes;
using lksjni::FromHandle;
using lksjni::Utf8;

extern "C" {

using Receiver =
    lksjni::KeySetGlue<lks_webhook_receiver, lks_webhook_receiver_new, lks_webhook_receiver_free,
                       lks_webhook_receiver_add_key, lks_webhook_receiver_set_leeway_seconds>;

JNIEXPORT jlong JNICALL Java_io_lkstudy_Native_receiverNew(JNIEnv* env, jclass) {
  return Receiver::Make(env);
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_receiverFree(JNIEnv*, jclass, jlong h) {
  Receiver::Dispose(h);
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_receiverAddKey(JNIEnv* env, jclass, jlong h,
                                                             jstring key, jstring secret) {
  Receiver::Add(env, h, key, secret);
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_receiverSetLeeway(JNIEnv* env, jclass, jlong h,
                                                                jlong seconds) {
  Receiver::Leeway(env, h, seconds);
}

// The verified event as JSON bytes in the form `output` selects (lks_webhook_output).
JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_receiverReceive(JNIEnv* env, jclass, jlong h,
                                                                    jbyteArray body, jstring auth,
                                                                    jint output) {
  Bytes b(env, body);
  Utf8 a(env, auth);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_webhook_receiver_receive(out, nullptr, FromHandle<lks_webhook_receiver>(h), b.data(),
                                        b.size(), a.data(), a.size(),
                                        static_cast<lks_webhook_output>(output));
  });
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_receiverVerify(JNIEnv* env, jclass, jlong h,
                                                             jbyteArray body, jstring auth) {
  Bytes b(env, body);
  Utf8 a(env, auth);
  lksjni::Check(env, lks_webhook_receiver_verify(FromHandle<lks_webhook_receiver>(h), b.data(),
                                                 b.size(), a.data(), a.size()));
}

JNIEXPORT jstring JNICALL Java_io_lkstudy_Native_webhookSign(JNIEnv* env, jclass, jstring key,
                                                             jstring secret, jbyteArray body,
                                                             jlong ttl) {
  Utf8 k(env, key), s(env, secret);
  Bytes b(env, body);
  return lksjni::AsciiOrThrow(env, [&](lks_buf* out) {
    return lks_webhook_sign(out, k.data(), k.size(), s.data(), s.size(), b.data(), b.size(), ttl);
  });
}

}  // extern "C"
