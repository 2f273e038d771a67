// Access tokens: TokenSigner (lks_token_signer), mintToken (lks_token_options +
// lks_token_signer_mint) and TokenVerifier (lks_token_verifier). Each JS object owns one handle;
// the ObjectWrap destructor (run by the garbage collector's finalizer) frees it exactly once.
// Minting and verifying take microseconds and run on the calling thread; lib/AccessToken.js wraps
// them in Promises.
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
    Check(env,
          lks_token_signer_new(&signer_, key.data(), key.size(), secret.data(), secret.size()));
  }
  ~TokenSigner() override { lks_token_signer_free(signer_); }

  const lks_token_signer* get() const { return signer_; }

 private:
  lks_token_signer* signer_ = nullptr;
  HandleCount count_;
};

using StringSetter = lks_status (*)(lks_token_options*, const char*, size_t);
using TokenTemplate = AddonData::TokenTemplate;

constexpr size_t kMaxTokenTemplates = 256;

// Which claims a mintToken call carries (its `flags` argument), so that absent ones cost no
// Node-API call.
enum MintFlag : uint32_t {
  kIdentity = 1u << 0,
  kName = 1u << 1,
  kMetadata = 1u << 2,
  kAttributes = 1u << 3,
  kVideo = 1u << 4,
  kSip = 1u << 5,
  kKind = 1u << 6,
  kSha256 = 1u << 7,
  kRoomPreset = 1u << 8,
  kRoomConfig = 1u << 9,
  kInference = 1u << 10,
  kObservability = 1u << 11,
};
constexpr uint32_t kBoolGrants = kSip | kInference | kObservability;
// The bits of the `grantBits` argument: the values of the boolean-only grants.
enum GrantBit : uint32_t {
  kSipAdmin = 1u << 0,
  kSipCall = 1u << 1,
  kInferencePerform = 1u << 2,
  kObservabilityWrite = 1u << 3,
};
enum MintArg {
  kSigner,
  kFlags,
  kIdentityArg,
  kTtlArg,
  kVideoArg,
  kGrantBitsArg,
  kNameArg,
  kMetadataArg,
  kAttributesArg,
  kKindArg,
  kSha256Arg,
  kRoomPresetArg,
  kRoomConfigArg,
  kMintArgc
};

// Sets the boolean-only grants (SIP, inference, observability) that `flags` says are present.
void SetBoolGrants(Napi::Env env, lks_token_options* opts, uint32_t flags, uint32_t bits) {
  if (flags & kSip) {
    Check(env, lks_token_options_set_sip_grant(opts, (bits & kSipAdmin) ? 1 : 0,
                                               (bits & kSipCall) ? 1 : 0));
  }
  if (flags & kInference)
    Check(env, lks_token_options_set_inference_grant(opts, (bits & kInferencePerform) ? 1 : 0));
  if (flags & kObservability) {
    Check(env,
          lks_token_options_set_observability_grant(opts, (bits & kObservabilityWrite) ? 1 : 0));
  }
}

// The cached options for a video grant's JSON and the boolean grants, made on first use.
TokenTemplate& TemplateFor(Napi::Env env, const Utf8Arg& video, uint32_t flags, uint32_t bits) {
  AddonData& data = Data(env);
  std::string& key = data.template_key;
  key.assign(video.data(), video.size());
  key.push_back('\0');
  key.push_back(static_cast<char>('A' + ((flags & kSip) ? 1 : 0) + ((flags & kInference) ? 2 : 0) +
                                  ((flags & kObservability) ? 4 : 0)));
  key.push_back(static_cast<char>('A' + (bits & 15)));
  auto it = data.token_templates.find(std::string_view(key));
  if (it != data.token_templates.end()) return it->second;

  lks_token_options* raw = nullptr;
  Check(env, lks_token_options_new(&raw));
  OptionsPtr opts(raw);
  Check(env, lks_token_options_add_video_grant_json(raw, video.data(), video.size()));
  SetBoolGrants(env, raw, flags, bits);
  if (data.token_templates.size() >= kMaxTokenTemplates) data.token_templates.clear();
  return data.token_templates.emplace(key, TokenTemplate{std::move(opts), 0}).first->second;
}

struct StringClaim {
  MintFlag flag;
  MintArg arg;
  StringSetter set;
  const char* field;
};
constexpr StringClaim kStringClaims[] = {
    {kIdentity, kIdentityArg, lks_token_options_set_identity, "identity"},
    {kName, kNameArg, lks_token_options_set_name, "name"},
    {kMetadata, kMetadataArg, lks_token_options_set_metadata, "metadata"},
    {kKind, kKindArg, lks_token_options_set_kind, "kind"},
    {kSha256, kSha256Arg, lks_token_options_set_sha256, "sha256"},
    {kRoomPreset, kRoomPresetArg, lks_token_options_set_room_preset, "roomPreset"},
    {kRoomConfig, kRoomConfigArg, lks_token_options_set_room_config_json, "roomConfig"},
};

void SetAttributes(Napi::Env env, lks_token_options* opts, napi_value value) {
  Napi::Value v(env, value);
  if (!v.IsObject()) ThrowInvalidArgument(env, "attributes: must be an object");
  Napi::Object attrs = v.As<Napi::Object>();
  Napi::Array keys = attrs.GetPropertyNames();
  for (uint32_t i = 0, n = keys.Length(); i < n; i++) {
    Napi::Value key = keys.Get(i);
    Utf8Arg k(env, key, "attributes");
    Utf8Arg val(env, attrs.Get(key), "attributes value");
    Check(env, lks_token_options_set_attribute(opts, k.data(), k.size(), val.data(), val.size()));
  }
}

// Mints into a stack buffer (lks_token_signer_mint_to: no allocation per token) and returns the
// JWT; a token too large for it (big metadata) goes through an lks_buf.
Napi::Value MintJwt(Napi::Env env, const lks_token_signer* signer, const lks_token_options* opts) {
  char jwt[2048];
  size_t length = 0;
  lks_status st = lks_token_signer_mint_to(jwt, sizeof(jwt), &length, signer, opts);
  if (st == LKS_OK) {
    napi_value s = nullptr;
    NAPI_THROW_IF_FAILED(env, napi_create_string_latin1(env, jwt, length, &s), Napi::Value());
    return Napi::Value(env, s);
  }
  if (st != LKS_OUT_OF_RANGE) ThrowStatus(env, st);
  lks_buf big = LKS_BUF_INIT;
  Check(env, lks_token_signer_mint(&big, signer, opts));
  return TakeAsciiString(env, &big);
}

// mintToken(signer, flags, identity, ttlSeconds, videoJson, grantBits, name, metadata, attributes,
//           kind, sha256, roomPreset, roomConfigJson): string
// The JS AccessToken keeps its claims as plain values (like livekit-server-sdk) and hands them
// over in this single crossing; `flags` (MintFlag) says which are present, `grantBits` (GrantBit)
// holds the values of the boolean-only grants.
Napi::Value MintToken(Napi::Env env, const napi_value* args) {
  Napi::Object signer_obj(env, args[kSigner]);
  TokenSigner* signer =
      Napi::Value(env, args[kSigner]).IsObject() ? TokenSigner::Unwrap(signer_obj) : nullptr;
  if (!signer) ThrowInvalidArgument(env, "signer: must be a TokenSigner");
  const uint32_t flags = static_cast<uint32_t>(Int64Arg(env, args[kFlags], "flags"));
  const int64_t ttl = Int64Arg(env, args[kTtlArg], "ttl");
  const uint32_t bits =
      (flags & kBoolGrants)
          ? static_cast<uint32_t>(Int64Arg(env, args[kGrantBitsArg], "grantBits") & 15)
          : 0;

  // Common case, no attributes: reuse the options made for this grant and set or clear every
  // other claim. (Attributes cannot be removed from an options handle: those tokens get their own.)
  if ((flags & kVideo) && !(flags & kAttributes)) {
    Utf8Arg video(env, args[kVideoArg], "video");
    TokenTemplate& t = TemplateFor(env, video, flags, bits);
    lks_token_options* opts = t.opts.get();
    for (const StringClaim& c : kStringClaims) {
      if (flags & c.flag) {
        Utf8Arg value(env, args[c.arg], c.field);
        Check(env, c.set(opts, value.data(), value.size()));
        t.set_fields |= c.flag;
      } else if (t.set_fields & c.flag) {
        Check(env, c.set(opts, nullptr, 0));
        t.set_fields &= ~static_cast<uint32_t>(c.flag);
      }
    }
    Check(env, lks_token_options_set_ttl_seconds(opts, ttl));
    return MintJwt(env, signer->get(), opts);
  }

  lks_token_options* raw = nullptr;
  Check(env, lks_token_options_new(&raw));
  OptionsPtr opts(raw);
  for (const StringClaim& c : kStringClaims) {
    if (!(flags & c.flag)) continue;
    Utf8Arg value(env, args[c.arg], c.field);
    Check(env, c.set(raw, value.data(), value.size()));
  }
  Check(env, lks_token_options_set_ttl_seconds(raw, ttl));
  if (flags & kAttributes) SetAttributes(env, raw, args[kAttributesArg]);
  if (flags & kVideo) {
    Utf8Arg video(env, args[kVideoArg], "video");
    Check(env, lks_token_options_add_video_grant_json(raw, video.data(), video.size()));
  }
  SetBoolGrants(env, raw, flags, bits);
  return MintJwt(env, signer->get(), raw);
}

// A plain Node-API callback (node-addon-api's CallbackInfo allocates for more than 6 arguments).
napi_value MintTokenCallback(napi_env env, napi_callback_info info) {
  napi_value args[kMintArgc];
  size_t argc = kMintArgc;
  if (napi_get_cb_info(env, info, &argc, args, nullptr, nullptr) != napi_ok) return nullptr;
  try {
    return MintToken(Napi::Env(env), args);
  } catch (const Napi::Error& e) {
    e.ThrowAsJavaScriptException();
    return nullptr;
  }
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
    Check(info.Env(), lks_token_verifier_add_key(verifier_, key.data(), key.size(), secret.data(),
                                                 secret.size()));
  }
  void SetLeewaySeconds(const Napi::CallbackInfo& info) {
    Check(info.Env(), lks_token_verifier_set_leeway_seconds(
                          verifier_, Int64Arg(info.Env(), info[0], "clockTolerance")));
  }
  // verify(token: string): string (the claims as JSON)
  Napi::Value Verify(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Utf8Arg token(env, info[0], "token");
    lks_buf claims = LKS_BUF_INIT;
    Check(env, lks_token_verifier_verify(&claims, verifier_, token.data(), token.size()));
    return TakeString(env, &claims);
  }

  lks_token_verifier* verifier_ = nullptr;
  HandleCount count_;
};

}  // namespace

void InitToken(Napi::Env env, Napi::Object exports) {
  exports.Set("TokenSigner", TokenSigner::Define(env));
  napi_value mint = nullptr;
  NAPI_THROW_IF_FAILED_VOID(env, napi_create_function(env, "mintToken", NAPI_AUTO_LENGTH,
                                                      MintTokenCallback, nullptr, &mint));
  exports.Set("mintToken", Napi::Value(env, mint));
  exports.Set("TokenVerifier", TokenVerifier::Define(env));
}

}  // namespace lksnode
