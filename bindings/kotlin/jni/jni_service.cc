// The study-group store (lks_store), the service (lks_service: typed calls and the REST handler).
// A principal crosses as four strings (userId, email, name, role) and lives for one call.
#include "jni_util.h"

using lksjni::Bytes;
using lksjni::Fail;
using lksjni::FromHandle;
using lksjni::Utf8;

namespace {

using Principal = lksjni::Owned<lks_principal, lks_principal_free>;

lks_status MakePrincipal(JNIEnv* env, jobjectArray who, Principal* p) {
  lks_status st = lks_principal_new(&p->p);
  using Setter = lks_status (*)(lks_principal*, const char*, size_t);
  const Setter setters[] = {lks_principal_set_user_id, lks_principal_set_email,
                            lks_principal_set_name, lks_principal_set_role};
  const jsize n = who ? env->GetArrayLength(who) : 0;
  for (jsize i = 0; i < 4 && i < n && st == LKS_OK; ++i) {
    auto s = static_cast<jstring>(env->GetObjectArrayElement(who, i));
    Utf8 u(env, s);
    env->DeleteLocalRef(s);
    if (u.present()) st = setters[i](p->p, u.data(), u.size());
  }
  return st;
}

// Operation numbers of serviceCall (keep equal to StudyGroups.kt's Op).
enum Op : jint {
  kCreateGroup = 0,
  kGetGroup,
  kListGroups,
  kJoinGroup,
  kLeaveGroup,
  kListMembers,
  kGetUsage,
  kIssueToken,
  kCreateRoom,
  kListRooms,
  kGetRoom,
  kDeleteRoom,
  kRemoveParticipant,
  kMuteTrack,
  kGetLivekitStatus,
  kListKnocks,
  kAdmitKnock,
  kDenyKnock,
  kLockGroup,
  kUnlockGroup,
  kReconcile,
  kStartRecording,
  kStopRecording,
  kListRecordings,
  kOpenBreakouts,
  kGetBreakouts,
  kCloseBreakouts,
};

}  // namespace

extern "C" {

JNIEXPORT jlong JNICALL Java_io_lkstudy_Native_storeOpen(JNIEnv* env, jclass, jstring url) {
  Utf8 u(env, url);
  return lksjni::HandleOrThrow<lks_store>(
      env, [&](lks_store** out) { return lks_store_open(out, u.data(), u.size()); });
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_storeFree(JNIEnv*, jclass, jlong h) {
  lks_store_free(FromHandle<lks_store>(h));
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_storeExecute(JNIEnv* env, jclass, jlong h,
                                                                 jstring op, jbyteArray request) {
  Utf8 o(env, op);
  Bytes r(env, request);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_store_execute(out, FromHandle<lks_store>(h), o.data(), o.size(), r.data(), r.size());
  });
}

JNIEXPORT jlong JNICALL Java_io_lkstudy_Native_storeSchemaVersion(JNIEnv*, jclass) {
  return static_cast<jlong>(lks_store_schema_version());
}

// serviceNew(store, livekitUrl, apiKey, apiSecret, appJwtSecret, costPerMinute (< 0: default),
//            tokenTtlSeconds (<= 0: default), moderatorsGetRoomAdmin, liveRoomCacheSeconds (< 0:
//            default), e2eeMasterSecret (null: none), publicUrl (null: none)): handle
JNIEXPORT jlong JNICALL Java_io_lkstudy_Native_serviceNew(JNIEnv* env, jclass, jlong store,
                                                          jstring url, jstring key, jstring secret,
                                                          jstring app_secret, jdouble cost,
                                                          jlong ttl, jboolean mods_admin,
                                                          jlong cache_seconds, jstring e2ee_secret,
                                                          jstring public_url) {
  lksjni::Owned<lks_service_options, lks_service_options_free> o;
  Utf8 u(env, url), k(env, key), s(env, secret), a(env, app_secret), e(env, e2ee_secret),
      pu(env, public_url);
  lks_status st = lks_service_options_new(&o.p);
  if (st == LKS_OK && u.present())
    st = lks_service_options_set_livekit_url(o.p, u.data(), u.size());
  if (st == LKS_OK && k.present()) st = lks_service_options_set_api_key(o.p, k.data(), k.size());
  if (st == LKS_OK && s.present()) st = lks_service_options_set_api_secret(o.p, s.data(), s.size());
  if (st == LKS_OK && a.present())
    st = lks_service_options_set_app_jwt_secret(o.p, a.data(), a.size());
  if (st == LKS_OK && cost >= 0)
    st = lks_service_options_set_cost_per_participant_minute(o.p, cost);
  if (st == LKS_OK && ttl > 0) st = lks_service_options_set_token_ttl_seconds(o.p, ttl);
  if (st == LKS_OK) st = lks_service_options_set_moderators_get_room_admin(o.p, mods_admin ? 1 : 0);
  if (st == LKS_OK && cache_seconds >= 0)
    st = lks_service_options_set_live_room_cache_seconds(o.p, cache_seconds);
  if (st == LKS_OK && e.present())
    st = lks_service_options_set_e2ee_master_secret(o.p, e.data(), e.size());
  if (st == LKS_OK && pu.present())
    st = lks_service_options_set_public_url(o.p, pu.data(), pu.size());
  if (st != LKS_OK) return Fail(env, st), 0;
  return lksjni::HandleOrThrow<lks_service>(env, [&](lks_service** out) {
    return lks_service_new(out, FromHandle<lks_store>(store), o.p);
  });
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_serviceFree(JNIEnv*, jclass, jlong h) {
  lks_service_free(FromHandle<lks_service>(h));
}

// serviceCall(service, op, who [userId, email, name, role], s1, s2, s3, n1, n2, flag): data JSON.
JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_serviceCall(JNIEnv* env, jclass, jlong h,
                                                                jint op, jobjectArray who,
                                                                jstring s1, jstring s2, jstring s3,
                                                                jlong n1, jlong n2, jboolean flag) {
  const lks_service* svc = FromHandle<lks_service>(h);
  Principal p;
  lks_status st = MakePrincipal(env, who, &p);
  Utf8 a(env, s1), b(env, s2), c(env, s3);
  lks_buf out = LKS_BUF_INIT;
  if (st == LKS_OK) {
    switch (op) {
      case kCreateGroup:
        st = lks_service_create_group(&out, svc, p.p, a.data(), a.size());
        break;
      case kGetGroup:
        st = lks_service_get_group(&out, svc, p.p, n1);
        break;
      case kListGroups:
        st = lks_service_list_groups(&out, svc, p.p, n1, n2);
        break;
      case kJoinGroup:
        st = lks_service_join_group(&out, svc, p.p, n1);
        break;
      case kLeaveGroup:
        st = lks_service_leave_group(&out, svc, p.p, n1);
        break;
      case kListMembers:
        st = lks_service_list_members(&out, svc, p.p, n1);
        break;
      case kGetUsage:
        st = lks_service_get_usage(&out, svc, p.p, n1);
        break;
      case kIssueToken:
        st = lks_service_issue_token(&out, svc, p.p, a.data(), a.size(), b.data(), b.size());
        break;
      case kCreateRoom:
        st = lks_service_create_room(&out, svc, p.p, a.data(), a.size());
        break;
      case kListRooms:
        st = lks_service_list_rooms(&out, svc, p.p);
        break;
      case kGetRoom:
        st = lks_service_get_room(&out, svc, p.p, a.data(), a.size());
        break;
      case kDeleteRoom:
        st = lks_service_delete_room(&out, svc, p.p, a.data(), a.size());
        break;
      case kRemoveParticipant:
        st = lks_service_remove_participant(&out, svc, p.p, a.data(), a.size(), b.data(), b.size());
        break;
      case kMuteTrack:
        st = lks_service_mute_track(&out, svc, p.p, a.data(), a.size(), b.data(), b.size(),
                                    c.data(), c.size(), flag ? 1 : 0);
        break;
      case kGetLivekitStatus:
        st = lks_service_get_livekit_status(&out, svc);
        break;
      case kListKnocks:
        st = lks_service_list_knocks(&out, svc, p.p, n1);
        break;
      case kAdmitKnock:
        st = lks_service_admit_knock(&out, svc, p.p, n1, a.data(), a.size());
        break;
      case kDenyKnock:
        st = lks_service_deny_knock(&out, svc, p.p, n1, a.data(), a.size());
        break;
      case kLockGroup:
        st = lks_service_lock_group(&out, svc, p.p, n1);
        break;
      case kUnlockGroup:
        st = lks_service_unlock_group(&out, svc, p.p, n1);
        break;
      case kReconcile:
        st = lks_service_reconcile(&out, svc);
        break;
      case kStartRecording:
        st = lks_service_start_recording(&out, svc, p.p, n1);
        break;
      case kStopRecording:
        st = lks_service_stop_recording(&out, svc, p.p, n1);
        break;
      case kListRecordings:
        st = lks_service_list_recordings(&out, svc, p.p, n1);
        break;
      case kOpenBreakouts:
        st = lks_service_open_breakouts(&out, svc, p.p, n1, a.data(), a.size());
        break;
      case kGetBreakouts:
        st = lks_service_get_breakouts(&out, svc, p.p, n1);
        break;
      case kCloseBreakouts:
        st = lks_service_close_breakouts(&out, svc, p.p, n1);
        break;
      default:
        lksjni::FailArgument(env, "op: unknown service operation");
        return nullptr;
    }
  }
  if (st != LKS_OK) return Fail(env, st), nullptr;
  return lksjni::TakeBytes(env, &out);
}

JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_serviceReceiveWebhook(JNIEnv* env, jclass,
                                                                          jlong h, jbyteArray body,
                                                                          jstring auth) {
  Bytes b(env, body);
  Utf8 a(env, auth);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_service_receive_webhook(out, FromHandle<lks_service>(h), b.data(), b.size(),
                                       a.data(), a.size());
  });
}

// handleRest(service, method, target, headers [name, value, ...], body, who or null):
// Object[] { int[] { status }, String[] headers [name, value, ...], byte[] body }.
JNIEXPORT jobjectArray JNICALL Java_io_lkstudy_Native_serviceHandleRest(
    JNIEnv* env, jclass, jlong h, jstring method, jstring target, jobjectArray headers,
    jbyteArray body, jobjectArray who) {
  lksjni::Owned<lks_rest_request, lks_rest_request_free> req;
  lksjni::Owned<lks_rest_response, lks_rest_response_free> res;
  Utf8 m(env, method), t(env, target);
  Bytes b(env, body);
  lks_status st = lks_rest_request_new(&req.p);
  if (st == LKS_OK) st = lks_rest_response_new(&res.p);
  if (st == LKS_OK) st = lks_rest_request_set_method(req.p, m.data(), m.size());
  if (st == LKS_OK) st = lks_rest_request_set_target(req.p, t.data(), t.size());
  if (st == LKS_OK) st = lks_rest_request_set_body(req.p, b.data(), b.size());
  if (st == LKS_OK) {
    st = lksjni::EachPair(env, headers, [&](const Utf8& name, const Utf8& value) {
      return lks_rest_request_add_header(req.p, name.data(), name.size(), value.data(),
                                         value.size());
    });
  }
  Principal p;
  if (st == LKS_OK && who != nullptr) {
    st = MakePrincipal(env, who, &p);
    if (st == LKS_OK) st = lks_rest_request_set_principal(req.p, p.p);
  }
  if (st == LKS_OK) st = lks_service_handle_rest(res.p, FromHandle<lks_service>(h), req.p);
  if (st != LKS_OK) return Fail(env, st), nullptr;

  jclass object_class = env->FindClass("java/lang/Object");
  jclass string_class = env->FindClass("java/lang/String");
  if (object_class == nullptr || string_class == nullptr) return nullptr;
  jobjectArray result = env->NewObjectArray(3, object_class, nullptr);
  jintArray status = env->NewIntArray(1);
  const int64_t count = lks_rest_response_header_count(res.p);
  jobjectArray out_headers =
      env->NewObjectArray(static_cast<jsize>(count * 2), string_class, nullptr);
  if (result == nullptr || status == nullptr || out_headers == nullptr) return nullptr;
  const jint code = static_cast<jint>(lks_rest_response_status(res.p));
  env->SetIntArrayRegion(status, 0, 1, &code);
  for (int64_t i = 0; i < count; ++i) {
    const char *name = nullptr, *value = nullptr;
    size_t nl = 0, vl = 0;
    if (lks_rest_response_header(&name, &nl, &value, &vl, res.p, i) != LKS_OK) continue;
    jstring js = env->NewStringUTF(name);
    jstring jv = env->NewStringUTF(value);
    env->SetObjectArrayElement(out_headers, static_cast<jsize>(2 * i), js);
    env->SetObjectArrayElement(out_headers, static_cast<jsize>(2 * i + 1), jv);
    env->DeleteLocalRef(js);
    env->DeleteLocalRef(jv);
  }
  size_t body_len = 0;
  const char* body_ptr = lks_rest_response_body(res.p, &body_len);
  jbyteArray out_body = lksjni::NewBytes(env, body_ptr, body_len);
  if (out_body == nullptr) return nullptr;
  env->SetObjectArrayElement(result, 0, status);
  env->SetObjectArrayElement(result, 1, out_headers);
  env->SetObjectArrayElement(result, 2, out_body);
  return result;
}

}  // extern "C"
