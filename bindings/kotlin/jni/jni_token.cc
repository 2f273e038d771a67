// Access tokens: the signer (lks_token_signer), minting in one crossing, and the verifier.
//
// Speed: AccessToken.toJwt() is one JNI call with two JNI calls inside it (a critical region's
// get and release). The Kotlin side keeps the claims as plain values (like
// io.livekit:livekit-server) and writes the string claims as UTF-8 into its per-thread byte[] (no
// GetStringUTF* per claim); `flags` says which are present. Options for a given video grant +
// boolean grants are made once per thread and reused (a "template", found by the id of
// AccessToken.kt's grant memo), so the grant's JSON is parsed once, not per token, and the core
// signer keeps the HMAC state of the template's blocks (src/livekit/token_writer.h); the JWT is
// minted into the same byte[] (lks_token_signer_mint_to), from which Kotlin makes the String as
// Latin-1 (one array copy).
#include <memory>
#include <string>
#include <unordered_map>

#include "jni_util.h"

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

// This thread's few recent templates by the id AccessToken.kt gives each grant set of its memo
// (one id per distinct grant JSON, process-wide), so a hit costs no JNI call and no hashing of the
// JSON. Entries point into t_templates and are dropped when it is cleared.
struct RecentTemplate {
  jlong id = 0;
  jint bits = 0;
  Template* tmpl = nullptr;
};
constexpr int kRecentTemplates = 4;  // AccessToken.kt's GRANT_MEMO_SLOTS
thread_local RecentTemplate t_recent[kRecentTemplates];
thread_local int t_recent_next = 0;

Template* FindRecent(jlong id, jint bits) {
  for (const RecentTemplate& r : t_recent) {
    if (r.id == id && r.bits == bits && r.tmpl != nullptr) return r.tmpl;
  }
  return nullptr;
}

void Remember(jlong id, jint bits, Template* tmpl) {
  t_recent[t_recent_next] = RecentTemplate{id, bits, tmpl};
  t_recent_next = (t_recent_next + 1) % kRecentTemplates;
}

void ForgetRecent() {
  for (RecentTemplate& r : t_recent) r = RecentTemplate{};
}

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
    ForgetRecent();
  }
  Template& t = t_templates[key];
  t.opts = std::move(made);
  *tmpl = &t;
  return t.opts->p;
}

// Reads the packed claims AccessToken.kt wrote at the start of its buffer: for each string claim
// present in `flags` (in MintFlag order), then for each of `attribute_count` attributes' name and
// value, a 4-byte little-endian length and that many UTF-8 bytes.
class Packed {
 public:
  Packed(const char* p, size_t n) : p_(p), end_(p + n) {}
  // The next string, or false when the input is shorter than it says (a bug of the caller).
  bool Next(const char** s, size_t* n) {
    if (end_ - p_ < 4) return false;
    const auto* b = reinterpret_cast<const unsigned char*>(p_);
    const size_t len = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<size_t>(b[3]) << 24);
    p_ += 4;
    if (static_cast<size_t>(end_ - p_) < len) return false;
    *s = p_;
    *n = len;
    p_ += len;
    return true;
  }

 private:
  const char* p_;
  const char* end_;
};

// Sets the token's claims on `opts` from the packed input (no JNI call: runs in the critical
// region). Clears the string claims the previous token on the template set and this one lacks.
lks_status SetClaims(lks_token_options* opts, Template* tmpl, jint flags, const char* in,
                     size_t in_len, jint attribute_count, jlong ttl, jlong nbf, bool* malformed) {
  static constexpr struct {
    jint flag;
    StringSetter set;
  } kClaims[] = {
      {kIdentity, lks_token_options_set_identity},
      {kName, lks_token_options_set_name},
      {kMetadata, lks_token_options_set_metadata},
      {kKind, lks_token_options_set_kind},
      {kSha256, lks_token_options_set_sha256},
      {kRoomPreset, lks_token_options_set_room_preset},
      {kRoomConfig, lks_token_options_set_room_config_json},
  };
  Packed input(in, in_len);
  const jint was_set = tmpl ? tmpl->set_fields : 0;
  jint now_set = 0;
  lks_status st = LKS_OK;
  for (const auto& c : kClaims) {
    if (flags & c.flag) {
      const char* s = nullptr;
      size_t n = 0;
      if (!input.Next(&s, &n)) {
        *malformed = true;
        break;
      }
      st = c.set(opts, s, n);
      now_set |= c.flag;
    } else if (was_set & c.flag) {
      st = c.set(opts, nullptr, 0);  // clear what the previous token on this template set
    }
    if (st != LKS_OK) break;
  }
  if (tmpl) tmpl->set_fields = (st == LKS_OK && !*malformed) ? now_set : (was_set | now_set);
  for (jint i = 0; st == LKS_OK && !*malformed && i < attribute_count; i++) {
    const char *k = nullptr, *v = nullptr;
    size_t kn = 0, vn = 0;
    if (!input.Next(&k, &kn) || !input.Next(&v, &vn)) {
      *malformed = true;
      break;
    }
    st = lks_token_options_set_attribute(opts, k, kn, v, vn);
  }
  if (*malformed) return LKS_INTERNAL;
  if (st == LKS_OK) st = lks_token_options_set_ttl_seconds(opts, ttl);
  if (st == LKS_OK && (flags & kNotBefore)) st = lks_token_options_set_not_before(opts, nbf);
  return st;
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

// mint(signer, flags, grantId, videoJson, attributeCount, ttlSeconds, notBeforeUnix, buf,
//      inputLength, capacity): one crossing with two JNI calls (the critical region's get and
// release). `buf` (AccessToken.kt's per-thread buffer, `capacity` bytes) holds the packed string
// claims and attributes in its first `inputLength` bytes (see Packed); the options copy them, then
// the JWT (ASCII) is minted into the same buffer from its start. Returns the JWT's length, or
// -(bytes needed) when it does not fit, or 0 with the exception thrown. `grantId` (non-zero) names
// `videoJson`'s grant set, so a recent template is found without reading the String.
JNIEXPORT jint JNICALL Java_io_lkstudy_Native_mint(JNIEnv* env, jclass, jlong signer, jint flags,
                                                   jlong grant_id, jstring video,
                                                   jint attribute_count, jlong ttl, jlong nbf,
                                                   jbyteArray buf, jint input_length,
                                                   jint capacity) {
  // Attributes cannot be removed from an options handle, and nbf has no "unset": such tokens get
  // their own options.
  const bool fresh = attribute_count > 0 || (flags & kNotBefore);
  const jint bits = flags & kGrantBits;
  Options own;
  Template* tmpl = fresh || grant_id == 0 ? nullptr : FindRecent(grant_id, bits);
  lks_token_options* opts = tmpl ? tmpl->opts->p : nullptr;
  if (opts == nullptr) {
    Utf8 video_json(env, video);
    opts = OptionsFor(env, video_json, flags, fresh, &own, &tmpl);
    if (opts == nullptr) return 0;
    if (tmpl != nullptr && grant_id != 0) Remember(grant_id, bits, tmpl);
  }
  void* base = env->GetPrimitiveArrayCritical(buf, nullptr);
  if (base == nullptr) return 0;  // OutOfMemoryError pending
  char* bytes = static_cast<char*>(base);
  bool malformed = false;
  // No JNI call inside the critical region: the options and the signer only copy bytes.
  lks_status st = SetClaims(opts, tmpl, flags, bytes, static_cast<size_t>(input_length),
                            attribute_count, ttl, nbf, &malformed);
  size_t length = 0;
  if (st == LKS_OK) {
    st = lks_token_signer_mint_to(bytes, static_cast<size_t>(capacity), &length,
                                  FromHandle<lks_token_signer>(signer), opts);
  }
  env->ReleasePrimitiveArrayCritical(buf, base, st == LKS_OK ? 0 : JNI_ABORT);
  if (malformed) return lksjni::FailArgument(env, "token: malformed packed claims"), 0;
  if (st == LKS_OK) return static_cast<jint>(length);
  if (st == LKS_OUT_OF_RANGE) return -static_cast<jint>(length + 1);
  return Fail(env, st), 0;
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
