// Access tokens: TokenSigner (lks_token_signer), mintToken (lks_token_options + lks_token_mint)
// and TokenVerifier (lks_token_verifier). Each JS object owns one handle; the ObjectWrap destructor
// (run by the garbage collector's finalizer) frees it exactly once. Minting and verifying take
// microseconds and run on the calling thread; lib/AccessToken.js wraps them in Promises.
#include <memory>

#include "addon.h"

namespace lksnode {
namespace {

class TokenSigner : public Napi::ObjectWrap<TokenSigner> {
 public:
  static Napi::Function Define(Napi::Env env) { return DefineClass(env, "TokenSigner", {}); }

  // new TokenSigner(apiKey, apiSecret)
  explicit TokenSigner(const Napi::CallbackInfo& info) : Napi::ObjectWrap<TokenSigner>(info) {
    Napi::Env env = info.Env();
    Utf8Arg key(env, info[0], "apiKey");
    Utf8Arg secret(env, info[1], "apiSecret");
    Check(env, lks_token_signer_new(&signer_, key.data(), key.size(), secret.data(), secret.size()));
  }
  ~TokenSigner() override { lks_token_signer_free(signer_); }

  const lks_token_signer* get() const { return signer_; }

 private:
  lks_token_signer* signer_ = nullptr;
  HandleCount count_;
};

bool IsSet(napi_env env, napi_value v) {
  napi_valuetype type = napi_undefined;
  napi_typeof(env, v, &type);
  return type != napi_undefined && type != napi_null;
}
bool IsSet(const Napi::Value& v) { return IsSet(v.Env(), v); }

using StringSetter = lks_status (*)(lks_token_options*, const char*, size_t);
void SetStringOption(Napi::Env env, lks_token_options* opts, const Napi::Value& v, StringSetter set,
                     const char* field) {
  if (!IsSet(v)) return;
  Utf8Arg s(env, v, field);
  Check(env, set(opts, s.data(), s.size()));
}
using TokenTemplate = AddonData::TokenTemplate;

// Sets an optional claim on a reused template: a value replaces the previous one; an absent
// value clears the claim if an earlier token set it (bit `field_bit` of set_fields).
void SetTemplateOption(Napi::Env env, TokenTemplate& t, const Napi::Value& v, StringSetter set,
                       const char* field, uint32_t field_bit) {
  Utf8Arg s(env, v, field, /*optional=*/true);
  if (s.present()) {
    Check(env, set(t.opts.get(), s.data(), s.size()));
    t.set_fields |= field_bit;
  } else if (t.set_fields & field_bit) {
    Check(env, set(t.opts.get(), nullptr, 0));
    t.set_fields &= ~field_bit;
  }
}

constexpr size_t kMaxTokenTemplates = 256;

// The cached options for a video grant's JSON and SIP bits (-1: no SIP grant), made on first use.
TokenTemplate& TemplateFor(Napi::Env env, const Utf8Arg& video, int64_t sip) {
  AddonData& data = Data(env);
  std::string& key = data.template_key;
  key.assign(video.data(), video.size());
  key.push_back('\0');
  key.push_back(static_cast<char>('0' + (sip < 0 ? 9 : (sip & 3))));
  auto it = data.token_templates.find(std::string_view(key));
  if (it != data.token_templates.end()) return it->second;

  lks_token_options* raw = nullptr;
  Check(env, lks_token_options_new(&raw));
  OptionsPtr opts(raw);
  Check(env, lks_token_options_add_video_grant_json(raw, video.data(), video.size()));
  if (sip >= 0) Check(env, lks_token_options_set_sip_grant(raw, (sip & 1) ? 1 : 0, (sip & 2) ? 1 : 0));
  if (data.token_templates.size() >= kMaxTokenTemplates) data.token_templates.clear();
  return data.token_templates.emplace(key, TokenTemplate{std::move(opts), 0}).first->second;
}

// mintToken(signer, identity, ttlSeconds, name, metadata, attributes, videoJson, sip, kind,
//           sha256, roomPreset, roomConfigJson): string
// The JS AccessToken keeps its claims as plain values (like livekit-server-sdk) and hands them
// over in this single crossing. `sip` is undefined or a number: bit 0 admin, bit 1 call. Absent
// values are undefined.
Napi::Value MintToken(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsObject()) ThrowInvalidArgument(env, "signer: must be a TokenSigner");
  TokenSigner* signer = TokenSigner::Unwrap(info[0].As<Napi::Object>());
  if (!signer) ThrowInvalidArgument(env, "signer: must be a TokenSigner");

  int64_t sip = IsSet(info[7]) ? (Int64Arg(env, info[7], "sip") & 3) : -1;

  // Common case, no attributes: reuse the options made for this grant and reset every other
  // claim. (Attributes cannot be removed from an options handle, so those tokens get their own.)
  if (!IsSet(info[5]) && IsSet(info[6])) {
    Utf8Arg video(env, info[6], "video");
    TokenTemplate& t = TemplateFor(env, video, sip);
    SetTemplateOption(env, t, info[1], lks_token_options_set_identity, "identity", 1u << 0);
    Check(env, lks_token_options_set_ttl_seconds(t.opts.get(), IsSet(info[2]) ? Int64Arg(env, info[2], "ttl") : 6 * 3600));
    SetTemplateOption(env, t, info[3], lks_token_options_set_name, "name", 1u << 1);
    SetTemplateOption(env, t, info[4], lks_token_options_set_metadata, "metadata", 1u << 2);
    SetTemplateOption(env, t, info[8], lks_token_options_set_kind, "kind", 1u << 3);
    SetTemplateOption(env, t, info[9], lks_token_options_set_sha256, "sha256", 1u << 4);
    SetTemplateOption(env, t, info[10], lks_token_options_set_room_preset, "roomPreset", 1u << 5);
    SetTemplateOption(env, t, info[11], lks_token_options_set_room_config_json, "roomConfig", 1u << 6);
    lks_token_options* tmpl = t.opts.get();
    lks_buf jwt = LKS_BUF_INIT;
    Check(env, lks_token_mint(&jwt, signer->get(), tmpl));
    return TakeAsciiString(env, &jwt);
  }

  lks_token_options* raw = nullptr;
  Check(env, lks_token_options_new(&raw));
  OptionsPtr opts(raw);
  SetStringOption(env, raw, info[1], lks_token_options_set_identity, "identity");
  if (IsSet(info[2])) Check(env, lks_token_options_set_ttl_seconds(raw, Int64Arg(env, info[2], "ttl")));
  SetStringOption(env, raw, info[3], lks_token_options_set_name, "name");
  SetStringOption(env, raw, info[4], lks_token_options_set_metadata, "metadata");
  if (IsSet(info[5])) {
    if (!info[5].IsObject()) ThrowInvalidArgument(env, "attributes: must be an object");
    Napi::Object attrs = info[5].As<Napi::Object>();
    Napi::Array keys = attrs.GetPropertyNames();
    for (uint32_t i = 0, n = keys.Length(); i < n; i++) {
      Napi::Value key = keys.Get(i);
      Utf8Arg k(env, key, "attributes");
      Utf8Arg v(env, attrs.Get(key), "attributes value");
      Check(env, lks_token_options_set_attribute(raw, k.data(), k.size(), v.data(), v.size()));
    }
  }
  SetStringOption(env, raw, info[6], lks_token_options_add_video_grant_json, "video");
  if (sip >= 0) Check(env, lks_token_options_set_sip_grant(raw, (sip & 1) ? 1 : 0, (sip & 2) ? 1 : 0));
  SetStringOption(env, raw, info[8], lks_token_options_set_kind, "kind");
  SetStringOption(env, raw, info[9], lks_token_options_set_sha256, "sha256");
  SetStringOption(env, raw, info[10], lks_token_options_set_room_preset, "roomPreset");
  SetStringOption(env, raw, info[11], lks_token_options_set_room_config_json, "roomConfig");

  lks_buf jwt = LKS_BUF_INIT;
  Check(env, lks_token_mint(&jwt, signer->get(), raw));
  return TakeAsciiString(env, &jwt);
}

class TokenVerifier : public Napi::ObjectWrap<TokenVerifier> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "TokenVerifier",
                       {
                           InstanceMethod<&TokenVerifier::AddKey>("addKey"),
                           InstanceMethod<&TokenVerifier::SetLeewaySeconds>("setLeewaySeconds"),
                           InstanceMethod<&TokenVerifier::Verify>("verify"),
                       });
  }

  explicit TokenVerifier(const Napi::CallbackInfo& info) : Napi::ObjectWrap<TokenVerifier>(info) {
    Check(info.Env(), lks_token_verifier_new(&verifier_));
  }
  ~TokenVerifier() override { lks_token_verifier_free(verifier_); }

 private:
  void AddKey(const Napi::CallbackInfo& info) {
    Utf8Arg key(info.Env(), info[0], "apiKey");
    Utf8Arg secret(info.Env(), info[1], "apiSecret");
    Check(info.Env(), lks_token_verifier_add_key(verifier_, key.data(), key.size(), secret.data(), secret.size()));
  }
  void SetLeewaySeconds(const Napi::CallbackInfo& info) {
    Check(info.Env(),
          lks_token_verifier_set_leeway_seconds(verifier_, Int64Arg(info.Env(), info[0], "clockTolerance")));
  }
  // verify(token: string): string (the claims as JSON)
  Napi::Value Verify(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Utf8Arg token(env, info[0], "token");
    lks_buf claims = LKS_BUF_INIT;
    Check(env, lks_token_verify(&claims, verifier_, token.data(), token.size()));
    return TakeString(env, &claims);
  }

  lks_token_verifier* verifier_ = nullptr;
  HandleCount count_;
};

}  // namespace

void InitToken(Napi::Env env, Napi::Object exports) {
  exports.Set("TokenSigner", TokenSigner::Define(env));
  exports.Set("mintToken", Napi::Function::New(env, MintToken, "mintToken"));
  exports.Set("TokenVerifier", TokenVerifier::Define(env));
}

}  // namespace lksnode
