// Access tokens: the signer (lks_token_signer), minting in one crossing, and the verifier.
//
// Speed: AccessToken.toJwt() is one JNI call. The Kotlin side keeps the claims as plain values
// (like io.livekit:livekit-server) and passes them here at once; `flags` says which are present.
// Options for a given video grant + boolean grants are made once per thread and reused (a
// "template"), so the grant's JSON is parsed once, not per token, and the core signer keeps the
// HMAC state of the template's blocks (src/livekit/token_writer.h); the JWT is minted straight
// into the caller's per-thread byte[] (lks_token_signer_mint_to in a critical region), from which
// Kotlin makes the String as Latin-1 (one array copy; NewStringUTF decodes byte by byte).
#include <memory>
#include <string>
#include <unordered_map>

#include "jni_util.h"

using lksjni::Bytes;
using lksjni::Fail;
using lksjni::FromHandle;
using lksjni::Utf8;

namespace {

// Bits of `flags` (keep equal to AccessToken.kt's MintFlag).
enum MintFlag : jint {
  kIdentity = 1 << 0,
  kName = 1 << 1,
  kMetadata = 1 << 2,
  kKind = 1 << 3,
  kSha256 = 1 << 4,
  kRoomPreset = 1 << 5,
  kRoomConfig = 1 << 6,
  kNotBefore = 1 << 7,
  kSip = 1 << 8,
  kSipAdmin = 1 << 9,
  kSipCall = 1 << 10,
  kAgent = 1 << 11,
  kAgentAdmin = 1 << 12,
  kInference = 1 << 13,
  kInferencePerform = 1 << 14,
  kObservability = 1 << 15,
  kObservabilityWrite = 1 << 16,
};
constexpr jint kGrantBits = kSip | kSipAdmin | kSipCall | kAgent | kAgentAdmin | kInference |
                            kInferencePerform | kObservability | kObservabilityWrite;

using Options = lksjni::Owned<lks_token_options, lks_token_options_free>;
using StringSetter = lks_status (*)(lks_token_options*, const char*, size_t);

struct Template {
  std::unique_ptr<Options> opts;
  jint set_fields = 0;  // which string claims the last token set on it
};

// Per thread: no lock on the hot path. Bounded, cleared when full.
thread_local std::unordered_map<std::string, Template> t_templates;
constexpr size_t kMaxTemplates = 64;

// This thread's last template by the identity of its grant's String: AccessToken.kt hands the
// same String for the same grant set (its per-thread memo), so a hit costs one IsSameObject
// instead of copying and hashing the JSON. A weak reference: it keeps no String alive (one per
// thread that minted is left at the thread's exit).
struct LastTemplate {
  jweak video = nullptr;
  jint bits = 0;
  Template* tmpl = nullptr;  // null after t_templates is cleared
};
thread_local LastTemplate t_last;

bool SetGrants(JNIEnv* env, lks_token_options* o, jint flags) {
  lks_status st = LKS_OK;
  if (flags & kSip)
    st = lks_token_options_set_sip_grant(o, (flags & kSipAdmin) != 0, (flags & kSipCall) != 0);
  if (st == LKS_OK && (flags & kAgent))
    st = lks_token_options_set_agent_grant(o, (flags & kAgentAdmin) != 0);
  if (st == LKS_OK && (flags & kInference))
    st = lks_token_options_set_inference_grant(o, (flags & kInferencePerform) != 0);
  if (st == LKS_OK && (flags & kObservability))
    st = lks_token_options_set_observability_grant(o, (flags & kObservabilityWrite) != 0);
  return st == LKS_OK || Fail(env, st);
}

// Options for this grant: the thread's cached template, or a fresh handle when `fresh`.
lks_token_options* OptionsFor(JNIEnv* env, const Utf8& video, jint flags, bool fresh, Options* own,
                              Template** tmpl) {
  // The key (the grant's JSON, a NUL, the grant bits) is built in a per-thread string whose
  // capacity is reused: no allocation on a hit.
  thread_local std::string key;
  if (!fresh) {
    const jint bits = flags & kGrantBits;
    key.assign(video.data(), video.size());
    key.push_back('\0');
    key.append(reinterpret_cast<const char*>(&bits), sizeof bits);
    auto it = t_templates.find(key);
    if (it != t_templates.end()) {
      *tmpl = &it->second;
      return it->second.opts->p;
    }
  }
  auto made = std::make_unique<Options>();
  lks_status st = lks_token_options_new(&made->p);
  if (st == LKS_OK && video.present())
    st = lks_token_options_add_video_grant_json(made->p, video.data(), video.size());
  if (st != LKS_OK) return Fail(env, st), nullptr;
  if (!SetGrants(env, made->p, flags)) return nullptr;
  if (fresh) {
    own->p = made->p;
    made->p = nullptr;
    return own->p;
  }
  if (t_templates.size() >= kMaxTemplates) {
    t_templates.clear();
    t_last.tmpl = nullptr;
  }
  Template& t = t_templates[key];
  t.opts = std::move(made);
  *tmpl = &t;
  return t.opts->p;
}

// Mints straight into the caller's byte[] (the Kotlin side's per-thread buffer): the JWT's
// length, or -(bytes needed) when it does not fit, or 0 with the exception thrown.
jint MintInto(JNIEnv* env, const lks_token_signer* signer, const lks_token_options* opts,
              jbyteArray out) {
  const jsize capacity = env->GetArrayLength(out);
  void* dst = env->GetPrimitiveArrayCritical(out, nullptr);
  if (dst == nullptr) return 0;  // OutOfMemoryError pending
  size_t length = 0;
  // No JNI call inside the critical region: the signer only writes bytes.
  const lks_status st = lks_token_signer_mint_to(
      static_cast<char*>(dst), static_cast<size_t>(capacity), &length, signer, opts);
  env->ReleasePrimitiveArrayCritical(out, dst, st == LKS_OK ? 0 : JNI_ABORT);
  if (st == LKS_OK) return static_cast<jint>(length);
  if (st == LKS_OUT_OF_RANGE) return -static_cast<jint>(length + 1);
  return Fail(env, st), 0;
}

}  // namespace

extern "C" {

JNIEXPORT jlong JNICALL Java_io_lkstudy_Native_signerNew(JNIEnv* env, jclass, jstring key,
                                                         jstring secret) {
  Utf8 k(env, key), s(env, secret);
  return lksjni::HandleOrThrow<lks_token_signer>(env, [&](lks_token_signer** out) {
    return lks_token_signer_new(out, k.data(), k.size(), s.data(), s.size());
  });
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_signerFree(JNIEnv*, jclass, jlong h) {
  lks_token_signer_free(FromHandle<lks_token_signer>(h));
}

// mint(signer, flags, identity, name, metadata, kind, sha256, roomPreset, roomConfigJson,
//      videoJson, attributes [k0, v0, k1, v1, ...] or null, ttlSeconds, notBeforeUnix, out):
// the JWT's length in `out` (ASCII), or -(bytes needed) when `out` is too small (see MintInto).
JNIEXPORT jint JNICALL Java_io_lkstudy_Native_mint(JNIEnv* env, jclass, jlong signer, jint flags,
                                                   jstring identity, jstring name, jstring metadata,
                                                   jstring kind, jstring sha256,
                                                   jstring room_preset, jstring room_config,
                                                   jstring video, jobjectArray attributes,
                                                   jlong ttl, jlong nbf, jbyteArray out) {
  // Attributes cannot be removed from an options handle, and nbf has no "unset": such tokens get
  // their own options.
  const bool fresh = attributes != nullptr || (flags & kNotBefore);
  Options own;
  Template* tmpl = nullptr;
  lks_token_options* opts = nullptr;
  const jint bits = flags & kGrantBits;
  if (!fresh && video != nullptr && t_last.tmpl != nullptr && t_last.bits == bits &&
      env->IsSameObject(video, t_last.video)) {
    tmpl = t_last.tmpl;
    opts = tmpl->opts->p;
  } else {
    Utf8 video_json(env, video);
    opts = OptionsFor(env, video_json, flags, fresh, &own, &tmpl);
    if (opts == nullptr) return 0;
    if (tmpl != nullptr && video != nullptr) {
      if (t_last.video != nullptr) env->DeleteWeakGlobalRef(t_last.video);
      t_last.video = env->NewWeakGlobalRef(video);
      t_last.bits = bits;
      t_last.tmpl = t_last.video != nullptr ? tmpl : nullptr;
    }
  }

  struct Claim {
    jint flag;
    jstring value;
    StringSetter set;
  };
  const Claim claims[] = {
      {kIdentity, identity, lks_token_options_set_identity},
      {kName, name, lks_token_options_set_name},
      {kMetadata, metadata, lks_token_options_set_metadata},
      {kKind, kind, lks_token_options_set_kind},
      {kSha256, sha256, lks_token_options_set_sha256},
      {kRoomPreset, room_preset, lks_token_options_set_room_preset},
      {kRoomConfig, room_config, lks_token_options_set_room_config_json},
  };
  const jint was_set = tmpl ? tmpl->set_fields : 0;
  jint now_set = 0;
  for (const Claim& c : claims) {
    lks_status st = LKS_OK;
    if ((flags & c.flag) && c.value != nullptr) {
      Utf8 v(env, c.value);
      st = c.set(opts, v.data(), v.size());
      now_set |= c.flag;
    } else if (was_set & c.flag) {
      st = c.set(opts, nullptr, 0);  // clear what the previous token on this template set
    }
    if (st != LKS_OK) {
      if (tmpl) tmpl->set_fields = was_set | now_set;
      return Fail(env, st), 0;
    }
  }
  if (tmpl) tmpl->set_fields = now_set;
  lks_status st = lksjni::EachPair(env, attributes, [&](const Utf8& k, const Utf8& v) {
    return lks_token_options_set_attribute(opts, k.data(), k.size(), v.data(), v.size());
  });
  if (st != LKS_OK) return Fail(env, st), 0;
  st = lks_token_options_set_ttl_seconds(opts, ttl);
  if (st == LKS_OK && (flags & kNotBefore)) st = lks_token_options_set_not_before(opts, nbf);
  if (st != LKS_OK) return Fail(env, st), 0;
  return MintInto(env, FromHandle<lks_token_signer>(signer), opts, out);
}

using Verifier =
    lksjni::KeySetGlue<lks_token_verifier, lks_token_verifier_new, lks_token_verifier_free,
                       lks_token_verifier_add_key, lks_token_verifier_set_leeway_seconds>;

JNIEXPORT jlong JNICALL Java_io_lkstudy_Native_verifierNew(JNIEnv* env, jclass) {
  return Verifier::Make(env);
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_verifierFree(JNIEnv*, jclass, jlong h) {
  Verifier::Dispose(h);
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_verifierAddKey(JNIEnv* env, jclass, jlong h,
                                                             jstring key, jstring secret) {
  Verifier::Add(env, h, key, secret);
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_verifierSetLeeway(JNIEnv* env, jclass, jlong h,
                                                                jlong seconds) {
  Verifier::Leeway(env, h, seconds);
}

// The verified claims as JSON bytes.
JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_verifierVerify(JNIEnv* env, jclass, jlong h,
                                                                   jstring token) {
  Utf8 t(env, token);
  return lksjni::BytesOrThrow(env, [&](lks_buf* out) {
    return lks_token_verifier_verify(out, FromHandle<lks_token_verifier>(h), t.data(), t.size());
  });
}

// An app user's JWT (lks_app_token_mint) for the REST API.
JNIEXPORT jstring JNICALL Java_io_lkstudy_Native_appTokenMint(JNIEnv* env, jclass, jstring secret,
                                                              jstring user_id, jstring email,
                                                              jstring name, jstring role,
                                                              jlong ttl) {
  Utf8 s(env, secret), u(env, user_id), e(env, email), n(env, name), r(env, role);
  lksjni::Owned<lks_principal, lks_principal_free> who;
  lks_status st = lks_principal_new(&who.p);
  if (st == LKS_OK) st = lks_principal_set_user_id(who.p, u.data(), u.size());
  if (st == LKS_OK) st = lks_principal_set_email(who.p, e.data(), e.size());
  if (st == LKS_OK) st = lks_principal_set_name(who.p, n.data(), n.size());
  if (st == LKS_OK) st = lks_principal_set_role(who.p, r.data(), r.size());
  if (st != LKS_OK) return Fail(env, st), nullptr;
  return lksjni::AsciiOrThrow(
      env, [&](lks_buf* out) { return lks_app_token_mint(out, s.data(), s.size(), who.p, ttl); });
}

}  // extern "C"
