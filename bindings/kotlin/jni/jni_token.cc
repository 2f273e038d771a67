// Access tokens: the signer (lks_token_signer), minting in one crossing, and the verifier.
//
// Speed: AccessToken.toJwt() is one JNI call. The Kotlin side keeps the claims as plain values
// (like io.livekit:livekit-server) and passes them here at once; `flags` says which are present.
// Options for a given video grant + boolean grants are made once per thread and reused (a
// "template"), so the grant's JSON is parsed once, not per token; the JWT is minted into a stack
// buffer (lks_token_signer_mint_to) and returned as a Java String without another copy.
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
  std::string key;
  if (!fresh) {
    key.reserve(video.size() + 8);
    key.assign(video.data(), video.size());
    key.push_back('\0');
    key.append(std::to_string(flags & kGrantBits));
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
  if (t_templates.size() >= kMaxTemplates) t_templates.clear();
  Template& t = t_templates[key];
  t.opts = std::move(made);
  *tmpl = &t;
  return t.opts->p;
}

jstring Mint(JNIEnv* env, const lks_token_signer* signer, const lks_token_options* opts) {
  char jwt[2048];
  size_t length = 0;
  lks_status st = lks_token_signer_mint_to(jwt, sizeof(jwt), &length, signer, opts);
  if (st == LKS_OK) return env->NewStringUTF(jwt);  // ASCII: modified UTF-8 is the same
  if (st != LKS_OUT_OF_RANGE) return Fail(env, st), nullptr;
  lks_buf big = LKS_BUF_INIT;
  st = lks_token_signer_mint(&big, signer, opts);
  if (st != LKS_OK) return Fail(env, st), nullptr;
  return lksjni::TakeAscii(env, &big);
}

}  // namespace

extern "C" {

JNIEXPORT jlong JNICALL Java_io_lkstudy_Native_signerNew(JNIEnv* env, jclass, jstring key,
                                                         jstring secret) {
  Utf8 k(env, key), s(env, secret);
  lks_token_signer* out = nullptr;
  lks_status st = lks_token_signer_new(&out, k.data(), k.size(), s.data(), s.size());
  if (st != LKS_OK) return Fail(env, st), 0;
  return lksjni::ToHandle(out);
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_signerFree(JNIEnv*, jclass, jlong h) {
  lks_token_signer_free(FromHandle<lks_token_signer>(h));
}

// mint(signer, flags, identity, name, metadata, kind, sha256, roomPreset, roomConfigJson,
//      videoJson, attributes [k0, v0, k1, v1, ...] or null, ttlSeconds, notBeforeUnix): JWT
JNIEXPORT jstring JNICALL Java_io_lkstudy_Native_mint(
    JNIEnv* env, jclass, jlong signer, jint flags, jstring identity, jstring name, jstring metadata,
    jstring kind, jstring sha256, jstring room_preset, jstring room_config, jstring video,
    jobjectArray attributes, jlong ttl, jlong nbf) {
  Utf8 video_json(env, video);
  // Attributes cannot be removed from an options handle, and nbf has no "unset": such tokens get
  // their own options.
  const bool fresh = attributes != nullptr || (flags & kNotBefore);
  Options own;
  Template* tmpl = nullptr;
  lks_token_options* opts = OptionsFor(env, video_json, flags, fresh, &own, &tmpl);
  if (opts == nullptr) return nullptr;

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
      return Fail(env, st), nullptr;
    }
  }
  if (tmpl) tmpl->set_fields = now_set;
  if (attributes != nullptr) {
    const jsize n = env->GetArrayLength(attributes);
    for (jsize i = 0; i + 1 < n; i += 2) {
      auto k = static_cast<jstring>(env->GetObjectArrayElement(attributes, i));
      auto v = static_cast<jstring>(env->GetObjectArrayElement(attributes, i + 1));
      Utf8 ku(env, k), vu(env, v);
      env->DeleteLocalRef(k);
      env->DeleteLocalRef(v);
      lks_status st =
          lks_token_options_set_attribute(opts, ku.data(), ku.size(), vu.data(), vu.size());
      if (st != LKS_OK) return Fail(env, st), nullptr;
    }
  }
  lks_status st = lks_token_options_set_ttl_seconds(opts, ttl);
  if (st == LKS_OK && (flags & kNotBefore)) st = lks_token_options_set_not_before(opts, nbf);
  if (st != LKS_OK) return Fail(env, st), nullptr;
  return Mint(env, FromHandle<lks_token_signer>(signer), opts);
}

JNIEXPORT jlong JNICALL Java_io_lkstudy_Native_verifierNew(JNIEnv* env, jclass) {
  lks_token_verifier* out = nullptr;
  lks_status st = lks_token_verifier_new(&out);
  if (st != LKS_OK) return Fail(env, st), 0;
  return lksjni::ToHandle(out);
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_verifierFree(JNIEnv*, jclass, jlong h) {
  lks_token_verifier_free(FromHandle<lks_token_verifier>(h));
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_verifierAddKey(JNIEnv* env, jclass, jlong h,
                                                             jstring key, jstring secret) {
  Utf8 k(env, key), s(env, secret);
  lks_status st = lks_token_verifier_add_key(FromHandle<lks_token_verifier>(h), k.data(), k.size(),
                                             s.data(), s.size());
  if (st != LKS_OK) Fail(env, st);
}

JNIEXPORT void JNICALL Java_io_lkstudy_Native_verifierSetLeeway(JNIEnv* env, jclass, jlong h,
                                                                jlong seconds) {
  lks_status st = lks_token_verifier_set_leeway_seconds(FromHandle<lks_token_verifier>(h), seconds);
  if (st != LKS_OK) Fail(env, st);
}

// The verified claims as JSON bytes.
JNIEXPORT jbyteArray JNICALL Java_io_lkstudy_Native_verifierVerify(JNIEnv* env, jclass, jlong h,
                                                                   jstring token) {
  Utf8 t(env, token);
  lks_buf out = LKS_BUF_INIT;
  lks_status st =
      lks_token_verifier_verify(&out, FromHandle<lks_token_verifier>(h), t.data(), t.size());
  if (st != LKS_OK) return Fail(env, st), nullptr;
  return lksjni::TakeBytes(env, &out);
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
  lks_buf out = LKS_BUF_INIT;
  if (st == LKS_OK) st = lks_app_token_mint(&out, s.data(), s.size(), who.p, ttl);
  if (st != LKS_OK) return Fail(env, st), nullptr;
  return lksjni::TakeAscii(env, &out);
}

}  // extern "C"
