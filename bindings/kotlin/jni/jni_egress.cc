// Egress (lks_egress_client) and agent dispatch (lks_agent_dispatch_client): one glue function per
// C ABI call. Requests arrive as protojson bytes built by EgressClient.kt; results are the
// server's JSON as byte[]. These calls block on the network (a Start waits for the server's egress
// worker): the Kotlin suspend functions run them on Dispatchers.IO.
#include "jni_util.h"

using lksjni::Bytes;
using lksjni::Fail;
using lksjni::FromHandle;
using lksjni::Utf8;

namespace {

const lks_egress_client* E(jlong h) { return FromHandle<lks_egress_client>(h); }
const lks_agent_dispatch_client* D(jlong h) { return FromHandle<lks_agent_dispatch_client>(h); }

// The Start methods of egressStart's `kind`, in EgressClient.kt's order.
using StartFn = lks_status (*)(lks_buf*, const lks_egress_client*, const char*, size_t);
constexpr StartFn kStarts[] = {
    lks_egress_client_start_room_composite,
    lks_egress_client_start_participant,
    lks_egress_client_start_track,
    lks_egress_client_start_track_composite,
    lks_egress_client_start_web,
};

}  // namespace

extern "C" {

// serverClientNew(dispatch, then roomClientNew's arguments): an lks_egress_client (dispatch false)
// or an lks_agent_dispatch_client (dispatch true) handle.
JNIEXPORT jlong JNICALL Java_io_lkstudy_Native_serverClientNew(
    JNIEnv* env, jclass, jboolean dispatch, jstring url, jstring key, jstring secret, jstring token,
    jlong timeout_ms, jlong max_attempts, jobjectArray fallbacks, jint failover,
    jboolean tls_verify, jstring ca_file, jstring proxy, jobjectArray headers) {
  lksjni::Owned<lks_room_client_options, lks_room_client_options_free> o;
  lks_status st = lks_room_client_options_new(&o.p);
  if (st == LKS_OK)
    st = lksjni::SetRoomClientOptions(env, o.p, url, key, secret, token, timeout_ms, max_attempts,
                                      fallbacks, failover, tls_verify, ca_file, proxy, headers);
  if (st != LKS_OK) return Fail(env, st), 0;
  if (dispatch) {
    return lksjni::HandleOrThrow<lks_agent_dispatch_client>(
        env,
        [&](lks_agent_dispatch_client** out) { return lks_agent_dispatch_client_new(out, o.p); });
  }
  return lksjni::HandleOrThrow<lks_egress_client>(
      env, [&](lks_egress_client** out) { return lks_egress_client_new(out, o.p); });
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_egressClientFree(JNIEnv*, jclass, jlong h) {
  lks_egress_client_free(FromHandle<lks_egress_client>(h));
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_dispatchClientFree(JNIEnv*, jclass, jlong h) {
  lks_agent_dispatch_client_free(FromHandle<lks_agent_dispatch_client>(h));
}

// egressStart(h, kind 0..4: room composite, participant, track, track composite, web, request).
JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_egressStart(JNIEnv* env, jclass, jlong h,
                                                                jint kind, jbyteArray request) {
  if (kind < 0 || kind >= static_cast<jint>(sizeof(kStarts) / sizeof(kStarts[0]))) {
    lksjni::FailArgument(env, "egress: unknown start kind");
    return nullptr;
  }
  Bytes r(env, request);
  return lksjni::BytesOrThrow(
      env, [&](lks_buf* out) { return kStarts[kind](out, E(h), r.data(), r.size()); });
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_egressUpdateLayout(JNIEnv* env, jclass, jlong h,
                                                                       jstring egress_id,
                                                                       jstring layout) {
  Utf8 id(env, egress_id), l(env, layout);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_egress_client_update_layout(out, E(h), id.data(), id.size(), l.data(), l.size());
  });
}

// add and remove: JSON arrays of URLs.
JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_egressUpdateStream(JNIEnv* env, jclass, jlong h,
                                                                       jstring egress_id,
                                                                       jbyteArray add,
                                                                       jbyteArray remove) {
  Utf8 id(env, egress_id);
  Bytes a(env, add), r(env, remove);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_egress_client_update_stream(out, E(h), id.data(), id.size(),
                                           a.present() ? a.data() : nullptr, a.size(),
                                           r.present() ? r.data() : nullptr, r.size());
  });
}

// room null: every room.
JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_egressList(JNIEnv* env, jclass, jlong h,
                                                               jstring room, jboolean active) {
  Utf8 r(env, room);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_egress_client_list(out, E(h), r.present() ? r.data() : nullptr, r.size(),
                                  active ? 1 : 0);
  });
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_egressStop(JNIEnv* env, jclass, jlong h,
                                                               jstring egress_id) {
  Utf8 id(env, egress_id);
  return lksjni::BytesOrThrow(
      env, [&](lks_buf* out) { return lks_egress_client_stop(out, E(h), id.data(), id.size()); });
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_egressCallJson(JNIEnv* env, jclass, jlong h,
                                                                   jstring method,
                                                                   jbyteArray request) {
  Utf8 m(env, method);
  Bytes r(env, request);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_egress_client_call_json(out, E(h), m.data(), m.size(), r.data(), r.size());
  });
}

// metadata null: none.
JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_dispatchCreate(JNIEnv* env, jclass, jlong h,
                                                                   jstring room, jstring agent,
                                                                   jstring metadata) {
  Utf8 r(env, room), a(env, agent), m(env, metadata);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_agent_dispatch_client_create(out, D(h), r.data(), r.size(), a.data(), a.size(),
                                            m.present() ? m.data() : nullptr, m.size());
  });
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_dispatchDelete(JNIEnv* env, jclass, jlong h,
                                                                   jstring room,
                                                                   jstring dispatch_id) {
  Utf8 r(env, room), id(env, dispatch_id);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_agent_dispatch_client_delete(out, D(h), r.data(), r.size(), id.data(), id.size());
  });
}

// dispatchId null: every dispatch of the room.
JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_dispatchList(JNIEnv* env, jclass, jlong h,
                                                                 jstring room,
                                                                 jstring dispatch_id) {
  Utf8 r(env, room), id(env, dispatch_id);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_agent_dispatch_client_list(out, D(h), r.data(), r.size(),
                                          id.present() ? id.data() : nullptr, id.size());
  });
}

}  // extern "C"
