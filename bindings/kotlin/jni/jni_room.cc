// Room service (lks_room_client): one glue function per C ABI call. Results are LiveKit's JSON as
// byte[]; the Kotlin side decodes them (RoomServiceClient.kt). These calls block on the network:
// the Kotlin suspend functions run them on Dispatchers.IO.
#include "jni_util.h"

using lksjni::Bytes;
using lksjni::Fail;
using lksjni::FromHandle;
using lksjni::Utf8;

namespace {

const lks_room_client* C(jlong h) { return FromHandle<lks_room_client>(h); }

}  // namespace

namespace lksjni {

lks_status SetRoomClientOptions(JNIEnv* env, lks_room_client_options* o, jstring url, jstring key,
                                jstring secret, jstring token, jlong timeout_ms, jlong max_attempts,
                                jobjectArray fallbacks, jint failover, jboolean tls_verify,
                                jstring ca_file, jstring proxy, jobjectArray headers) {
  lks_status st = LKS_OK;
  Utf8 u(env, url), k(env, key), s(env, secret), t(env, token), ca(env, ca_file), px(env, proxy);
  if (st == LKS_OK) st = lks_room_client_options_set_url(o, u.data(), u.size());
  if (st == LKS_OK && k.present()) st = lks_room_client_options_set_api_key(o, k.data(), k.size());
  if (st == LKS_OK && s.present())
    st = lks_room_client_options_set_api_secret(o, s.data(), s.size());
  if (st == LKS_OK && t.present()) st = lks_room_client_options_set_token(o, t.data(), t.size());
  if (st == LKS_OK && timeout_ms > 0) st = lks_room_client_options_set_timeout_ms(o, timeout_ms);
  if (st == LKS_OK && max_attempts > 0)
    st = lks_room_client_options_set_max_attempts(o, max_attempts);
  if (st == LKS_OK && fallbacks != nullptr) {
    for (jsize i = 0, n = env->GetArrayLength(fallbacks); i < n && st == LKS_OK; ++i) {
      auto f = static_cast<jstring>(env->GetObjectArrayElement(fallbacks, i));
      Utf8 fu(env, f);
      env->DeleteLocalRef(f);
      st = lks_room_client_options_add_fallback_url(o, fu.data(), fu.size());
    }
  }
  if (st == LKS_OK)
    st = lks_room_client_options_set_region_failover(o, static_cast<lks_region_failover>(failover));
  if (st == LKS_OK) st = lks_room_client_options_set_tls_verify(o, tls_verify ? 1 : 0);
  if (st == LKS_OK && ca.present())
    st = lks_room_client_options_set_ca_file(o, ca.data(), ca.size());
  if (st == LKS_OK && px.present()) st = lks_room_client_options_set_proxy(o, px.data(), px.size());
  if (st == LKS_OK) {
    st = lksjni::EachPair(env, headers, [&](const Utf8& a, const Utf8& b) {
      return lks_room_client_options_add_header(o, a.data(), a.size(), b.data(), b.size());
    });
  }
  return st;
}

}  // namespace lksjni

extern "C" {

// roomClientNew(url, apiKey, apiSecret, token, timeoutMs, maxAttempts, fallbackUrls,
//               regionFailover, tlsVerify, caFile, proxy, headers [name, value, ...]): handle.
// Numbers <= 0 and null strings keep the C ABI's defaults.
JNIEXPORT jlong JNICALL Java_io_lkstudy_Native_roomClientNew(
    JNIEnv* env, jclass, jstring url, jstring key, jstring secret, jstring token, jlong timeout_ms,
    jlong max_attempts, jobjectArray fallbacks, jint failover, jboolean tls_verify, jstring ca_file,
    jstring proxy, jobjectArray headers) {
  lksjni::Owned<lks_room_client_options, lks_room_client_options_free> o;
  lks_status st = lks_room_client_options_new(&o.p);
  if (st == LKS_OK)
    st = lksjni::SetRoomClientOptions(env, o.p, url, key, secret, token, timeout_ms, max_attempts,
                                      fallbacks, failover, tls_verify, ca_file, proxy, headers);
  if (st != LKS_OK) return Fail(env, st), 0;
  return lksjni::HandleOrThrow<lks_room_client>(
      env, [&](lks_room_client** out) { return lks_room_client_new(out, o.p); });
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_roomClientFree(JNIEnv*, jclass, jlong h) {
  lks_room_client_free(FromHandle<lks_room_client>(h));
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_roomCreateRoom(JNIEnv* env, jclass, jlong h,
                                                                   jbyteArray request) {
  Bytes r(env, request);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_room_client_create_room(out, C(h), r.data(), r.size());
  });
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_roomListRooms(JNIEnv* env, jclass, jlong h,
                                                                  jbyteArray names) {
  Bytes n(env, names);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_room_client_list_rooms(out, C(h), n.present() ? n.data() : nullptr, n.size());
  });
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_roomDeleteRoom(JNIEnv* env, jclass, jlong h,
                                                             jstring room) {
  Utf8 r(env, room);
  lksjni::Check(env, lks_room_client_delete_room(C(h), r.data(), r.size()));
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_roomListParticipants(JNIEnv* env, jclass,
                                                                         jlong h, jstring room) {
  Utf8 r(env, room);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_room_client_list_participants(out, C(h), r.data(), r.size());
  });
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_roomGetParticipant(JNIEnv* env, jclass, jlong h,
                                                                       jstring room,
                                                                       jstring identity) {
  Utf8 r(env, room), i(env, identity);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_room_client_get_participant(out, C(h), r.data(), r.size(), i.data(), i.size());
  });
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_roomRemoveParticipant(JNIEnv* env, jclass, jlong h,
                                                                    jstring room,
                                                                    jstring identity) {
  Utf8 r(env, room), i(env, identity);
  lksjni::Check(env,
                lks_room_client_remove_participant(C(h), r.data(), r.size(), i.data(), i.size()));
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_roomMutePublishedTrack(
    JNIEnv* env, jclass, jlong h, jstring room, jstring identity, jstring track, jboolean muted) {
  Utf8 r(env, room), i(env, identity), t(env, track);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_room_client_mute_published_track(out, C(h), r.data(), r.size(), i.data(), i.size(),
                                                t.data(), t.size(), muted ? 1 : 0);
  });
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_roomUpdateParticipant(JNIEnv* env, jclass,
                                                                          jlong h,
                                                                          jbyteArray request) {
  Bytes r(env, request);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_room_client_update_participant(out, C(h), r.data(), r.size());
  });
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_roomUpdateSubscriptions(JNIEnv* env, jclass, jlong h,
                                                                      jbyteArray request) {
  Bytes r(env, request);
  lksjni::Check(env, lks_room_client_update_subscriptions(C(h), r.data(), r.size()));
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_roomSendData(JNIEnv* env, jclass, jlong h,
                                                           jstring room, jbyteArray data,
                                                           jstring topic, jbyteArray destinations,
                                                           jboolean lossy) {
  Utf8 r(env, room), t(env, topic);
  Bytes d(env, data), dest(env, destinations);
  lksjni::Check(env, lks_room_client_send_data(C(h), r.data(), r.size(), d.data(), d.size(),
                                               t.present() ? t.data() : nullptr, t.size(),
                                               dest.present() ? dest.data() : nullptr, dest.size(),
                                               lossy ? 1 : 0));
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_roomUpdateRoomMetadata(JNIEnv* env, jclass,
                                                                           jlong h, jstring room,
                                                                           jstring metadata) {
  Utf8 r(env, room), m(env, metadata);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_room_client_update_room_metadata(out, C(h), r.data(), r.size(), m.data(), m.size());
  });
}

// forward non-zero: ForwardParticipant, else MoveParticipant.
JNIEXPORT void JNICALL Java_io_lkstudy_Native_roomForwardOrMove(JNIEnv* env, jclass, jlong h,
                                                                jboolean forward, jstring room,
                                                                jstring identity,
                                                                jstring destination) {
  Utf8 r(env, room), i(env, identity), d(env, destination);
  auto fn = forward ? lks_room_client_forward_participant : lks_room_client_move_participant;
  lksjni::Check(env, fn(C(h), r.data(), r.size(), i.data(), i.size(), d.data(), d.size()));
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_roomPerformRpc(JNIEnv* env, jclass, jlong h,
                                                                   jstring room, jstring dest,
                                                                   jstring method, jstring payload,
                                                                   jlong timeout_ms) {
  Utf8 r(env, room), d(env, dest), m(env, method), p(env, payload);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_room_client_perform_rpc(out, C(h), r.data(), r.size(), d.data(), d.size(), m.data(),
                                       m.size(), p.data(), p.size(), timeout_ms);
  });
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_roomCallJson(JNIEnv* env, jclass, jlong h,
                                                                 jstring method,
                                                                 jbyteArray request) {
  Utf8 m(env, method);
  Bytes r(env, request);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_room_client_call_json(out, C(h), m.data(), m.size(), r.data(), r.size());
  });
}

}  // extern "C"
