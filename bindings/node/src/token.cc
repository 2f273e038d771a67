// Access tokens: mintToken (lks_token_signer from a per-environment cache, lks_token_options,
// lks_token_signer_mint_to) and TokenVerifier (lks_token_verifier). A TokenVerifier owns one
// handle; the ObjectWrap destructor (run by the garbage collector's finalizer) frees it exactly
// once. Minting and verifying take microseconds and run on the calling thread; lib/AccessToken.js
// wraps them in Promises.
#include <string.h>

#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include "addon.h"

namespace lksnode {
namespace {

using StringSetter = lks_status (*)(lks_token_options*, const char*, size_t);
using TokenTemplate = AddonData::TokenTemplate;

constexpr size_t kMaxTokenTemplates = 256;

// mintToken's arguments after the first, in order. This table is the only list: it is exported as
// native.mintTokenArgs, and lib/AccessToken.js generates its call from it, so a claim is added
// here alone (and to AccessToken's claims object). The first argument is a bit mask of the
// arguments present (bit i: argument i + 1 is neither undefined nor null), computed by the same
// generated code, so absent claims cost no Node-API call.
enum MintArg : size_t {
  kApiKey,
  kApiSecret,
  kTtl,  // seconds
  kIdentity,
  kVideo,          // the video grant as JSON
  kSip,            // bits: 1 admin, 2 call
  kInference,      // boolean: perform
  kObservability,  // boolean: write
  kName,
  kMetadata,
  kAttributes,  // an object of strings
  kKind,
  kSha256,
  kRoomPreset,
  kRoomConfig,  // a RoomConfiguration as JSON
  kVideoBits,   // the video grant as values (instead of kVideo): its booleans, see kVideoBools
  kVideoRoom,   // and its room (a string)
  kMintArgc
};
constexpr const char* kMintArgNames[kMintArgc] = {
    "apiKey",    "apiSecret",     "ttl",        "identity",  "video",      "sip",
    "inference", "observability", "name",       "metadata",  "attributes", "kind",
    "sha256",    "roomPreset",    "roomConfig", "videoBits", "videoRoom"};

// The video grant's booleans, exported as native.videoGrantBools: lib/AccessToken.js passes a
// grant of only these and a string room as kVideoBits (two bits per name, at 2i: present, at
// 2i + 1: its value) and kVideoRoom, so the common grant costs no JSON built in JS, no copy of it
// and no hash of it: its template is found by the bits and the room.
constexpr const char* kVideoBools[] = {
    "roomCreate",   "roomJoin",   "roomList",     "roomRecord",          "roomAdmin",
    "ingressAdmin", "canPublish", "canSubscribe", "canPublishData",      "canUpdateOwnMetadata",
    "hidden",       "recorder",   "agent",        "canSubscribeMetrics", "canManageAgentSession"};
constexpr size_t kVideoBoolCount = sizeof(kVideoBools) / sizeof(kVideoBools[0]);
static_assert(2 * kVideoBoolCount <= 31, "two bits per boolean in a JS small integer");

// The JSON of a grant given as values (only on a template miss).
std::string VideoGrantJson(uint32_t bits, const Utf8Arg* room) {
  std::string json = "{";
  for (size_t i = 0; i < kVideoBoolCount; ++i) {
    if (!((bits >> (2 * i)) & 1)) continue;
    if (json.size() > 1) json.push_back(',');
    json.append("\"").append(kVideoBools[i]).append("\":");
    json.append(((bits >> (2 * i + 1)) & 1) ? "true" : "false");
  }
  if (room) {
    static constexpr char kHex[] = "0123456789abcdef";
    if (json.size() > 1) json.push_back(',');
    json.append("\"room\":\"");
    for (size_t i = 0; i < room->size(); ++i) {
      const auto c = static_cast<unsigned char>(room->data()[i]);
      if (c == '"' || c == '\\') {
        json.push_back('\\');
        json.push_back(static_cast<char>(c));
      } else if (c < 0x20) {
        json.append("\\u00").push_back(kHex[c >> 4]);
        json.push_back(kHex[c & 15]);
      } else {
        json.push_back(static_cast<char>(c));
      }
    }
    json.push_back('"');
  }
  json.push_back('}');
  return json;
}

// The arguments of one mintToken call and which of them are present.
struct MintArgs {
  const napi_value* v;
  uint32_t present;
  bool has(MintArg a) const { return (present >> a) & 1; }
  napi_value operator[](size_t a) const { return v[a]; }
};

bool BoolArg(napi_env env, napi_value v) {
  bool b = false;
  napi_get_value_bool(
      env, v, &b);  // a non-boolean counts as false, like `!!x` would not; JS passes booleans
  return b;
}

// The string claims, each with its setter; `bit` marks it in TokenTemplate::set_fields.
struct StringClaim {
  MintArg arg;
  StringSetter set;
  uint32_t bit;
};
constexpr StringClaim kStringClaims[] = {
    {kIdentity, lks_token_options_set_identity, 1u << 0},
    {kName, lks_token_options_set_name, 1u << 1},
    {kMetadata, lks_token_options_set_metadata, 1u << 2},
    {kKind, lks_token_options_set_kind, 1u << 3},
    {kSha256, lks_token_options_set_sha256, 1u << 4},
    {kRoomPreset, lks_token_options_set_room_preset, 1u << 5},
    {kRoomConfig, lks_token_options_set_room_config_json, 1u << 6},
};

// The boolean-only grants (SIP, inference, observability) that are present.
struct BoolGrants {
  bool sip = false, inference = false, observability = false;
  uint32_t sip_bits = 0;
  bool perform = false, write = false;

  BoolGrants(napi_env env, const MintArgs& args) {
    sip = args.has(kSip);
    if (sip) sip_bits = static_cast<uint32_t>(Int64Arg(env, args[kSip], "sip") & 3);
    inference = args.has(kInference);
    if (inference) perform = BoolArg(env, args[kInference]);
    observability = args.has(kObservability);
    if (observability) write = BoolArg(env, args[kObservability]);
  }
  void Apply(Napi::Env env, lks_token_options* opts) const {
    if (sip) Check(env, lks_token_options_set_sip_grant(opts, sip_bits & 1, (sip_bits >> 1) & 1));
    if (inference) Check(env, lks_token_options_set_inference_grant(opts, perform ? 1 : 0));
    if (observability) {
      Check(env, lks_token_options_set_observability_grant(opts, write ? 1 : 0));
    }
  }
  char Code() const {  // one character for the template key
    return static_cast<char>('A' + (sip ? 1 + sip_bits : 0) +
                             (inference ? 8 + (perform ? 8 : 0) : 0) +
                             (observability ? 24 + (write ? 24 : 0) : 0));
  }
};

// The video grant of a mint: its JSON (kVideo) or its values (kVideoBits, kVideoRoom).
struct VideoArg {
  std::optional<Utf8Arg> json;  // kVideo
  uint32_t bits = 0;            // kVideoBits
  std::optional<Utf8Arg> room;  // kVideoRoom

  VideoArg(napi_env env, const MintArgs& args) {
    if (args.has(kVideoBits)) {
      napi_get_value_uint32(env, args[kVideoBits], &bits);
      if (args.has(kVideoRoom)) room.emplace(env, args[kVideoRoom], "video.room");
    } else {
      json.emplace(env, args[kVideo], "video");
    }
  }
  // The template key's part for this grant: the JSON, or (never the same: JSON starts with '{')
  // a 0x01 byte, the bits, whether there is a room and the room.
  void AppendKey(std::string* key) const {
    if (json) {
      key->assign(json->data(), json->size());
      return;
    }
    char head[6] = {'\x01',
                    static_cast<char>(bits),
                    static_cast<char>(bits >> 8),
                    static_cast<char>(bits >> 16),
                    static_cast<char>(bits >> 24),
                    room ? 'r' : '-'};
    key->assign(head, sizeof head);
    if (room) key->append(room->data(), room->size());
  }
  lks_status Add(lks_token_options* opts) const {
    if (json) return lks_token_options_add_video_grant_json(opts, json->data(), json->size());
    const std::string j = VideoGrantJson(bits, room ? &*room : nullptr);
    return lks_token_options_add_video_grant_json(opts, j.data(), j.size());
  }
};

// The cached options for a video grant and the boolean grants, made on first use.
// The template used last is compared first: most mints repeat the previous one's grants, and a
// compare of the key costs less than its hash.
TokenTemplate& TemplateFor(Napi::Env env, AddonData& data, const VideoArg& video,
                           const BoolGrants& grants) {
  std::string& key = data.template_key;
  video.AppendKey(&key);
  key.push_back('\0');
  key.push_back(grants.Code());
  if (data.last_template && *data.last_template_key == key) return *data.last_template;
  auto it = data.token_templates.find(std::string_view(key));
  if (it != data.token_templates.end()) {
    data.last_template_key = &it->first;
    data.last_template = &it->second;
    return it->second;
  }

  lks_token_options* raw = nullptr;
  Check(env, lks_token_options_new(&raw));
  OptionsPtr opts(raw);
  Check(env, video.Add(raw));
  grants.Apply(env, raw);
  if (data.token_templates.size() >= kMaxTokenTemplates) {
    data.last_template_key = nullptr;
    data.last_template = nullptr;
    data.token_templates.clear();
  }
  auto added = data.token_templates.emplace(key, TokenTemplate{std::move(opts), 0}).first;
  data.last_template_key = &added->first;
  data.last_template = &added->second;
  return added->second;
}

// Reads the API key and secret into one buffer, as SignerCache::Get takes them: the key's
// length (8 bytes, little-endian), the key, the secret. On the stack when they fit (every real
// key pair does), else on the heap; wiped when it goes out of scope.
class KeyPairArg {
 public:
  KeyPairArg(Napi::Env env, napi_value key, napi_value secret) {
    size_t key_size = 0, secret_size = 0;
    if (ReadInto(env, key, stack_ + 8, sizeof stack_ - 8, &key_size, "apiKey") &&
        ReadInto(env, secret, stack_ + 8 + key_size, sizeof stack_ - 8 - key_size, &secret_size,
                 "apiSecret")) {
      data_ = stack_;
    } else {  // too long for the stack: copied again, each string by Utf8Arg
      Utf8Arg k(env, key, "apiKey");
      Utf8Arg s(env, secret, "apiSecret");
      key_size = k.size();
      secret_size = s.size();
      heap_.resize(8 + key_size + secret_size);
      std::memcpy(heap_.data() + 8, k.data(), key_size);
      std::memcpy(heap_.data() + 8 + key_size, s.data(), secret_size);
      s.Wipe();
      data_ = heap_.data();
    }
    for (size_t i = 0, n = key_size; i < 8; ++i, n >>= 8) data_[i] = static_cast<char>(n);
    key_size_ = key_size;
    size_ = 8 + key_size + secret_size;
  }
  ~KeyPairArg() { explicit_bzero(data_, size_); }  // not dropped as a dead store
  KeyPairArg(const KeyPairArg&) = delete;
  KeyPairArg& operator=(const KeyPairArg&) = delete;

  std::string_view message() const { return {data_, size_}; }
  size_t key_size() const { return key_size_; }

 private:
  // Copies a string into [dst, dst + capacity); false when it may not fit (the heap path).
  static bool ReadInto(Napi::Env env, napi_value value, char* dst, size_t capacity, size_t* size,
                       const char* field) {
    const napi_status st = ReadShortUtf8(env, value, dst, capacity, size, /*wipe=*/true);
    if (st == napi_string_expected) {
      ThrowInvalidArgument(env, std::string(field) + ": must be a string");
    }
    return st == napi_ok;
  }

  char stack_[8 + 2 * 384];  // two short strings (ReadShortUtf8)
  std::string heap_;
  char* data_ = stack_;
  size_t size_ = 0;
  size_t key_size_ = 0;
};

// The signer of an API key pair, from the per-environment SignerCache (signer_cache.h): keyed by
// a SipHash fingerprint of the pair, so neither the cache nor the JS heap keeps a secret on the
// binding's behalf (lks.h's promise), and the key schedule is made once per pair, not per token
// (a signer costs ~0.37 µs to make, BM_SignerCreate, about a whole native mint).
const lks_token_signer* SignerFor(Napi::Env env, AddonData& data, napi_value key_arg,
                                  napi_value secret_arg) {
  const KeyPairArg pair(env, key_arg, secret_arg);
  lks_status st = LKS_OK;
  const lks_token_signer* signer = data.signers.Get(pair.message(), pair.key_size(), &st);
  if (!signer) ThrowStatus(env, st);
  return signer;
}

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

// mintToken(...mintTokenArgs): string. The JS AccessToken keeps its claims as plain values (like
// livekit-server-sdk) and hands them over in this single crossing.
Napi::Value MintToken(Napi::Env env, const MintArgs& args) {
  AddonData& data = Data(env);
  const lks_token_signer* signer = SignerFor(env, data, args[kApiKey], args[kApiSecret]);
  const int64_t ttl = Int64Arg(env, args[kTtl], "ttl");
  const BoolGrants grants(env, args);

  // Common case, no attributes: reuse the options made for this grant and set or clear every
  // other claim. (Attributes cannot be removed from an options handle: those tokens get their own.)
  const bool has_video = args.has(kVideo) || args.has(kVideoBits);
  if (has_video && !args.has(kAttributes)) {
    const VideoArg video(env, args);
    TokenTemplate& t = TemplateFor(env, data, video, grants);
    lks_token_options* opts = t.opts.get();
    for (const StringClaim& c : kStringClaims) {
      if (args.has(c.arg)) {
        Utf8Arg value(env, args[c.arg], kMintArgNames[c.arg]);
        Check(env, c.set(opts, value.data(), value.size()));
        t.set_fields |= c.bit;
      } else if (t.set_fields & c.bit) {
        Check(env, c.set(opts, nullptr, 0));
        t.set_fields &= ~c.bit;
      }
    }
    Check(env, lks_token_options_set_ttl_seconds(opts, ttl));
    return MintJwt(env, signer, opts);
  }

  lks_token_options* raw = nullptr;
  Check(env, lks_token_options_new(&raw));
  OptionsPtr opts(raw);
  for (const StringClaim& c : kStringClaims) {
    if (!args.has(c.arg)) continue;
    Utf8Arg value(env, args[c.arg], kMintArgNames[c.arg]);
    Check(env, c.set(raw, value.data(), value.size()));
  }
  Check(env, lks_token_options_set_ttl_seconds(raw, ttl));
  if (args.has(kAttributes)) SetAttributes(env, raw, args[kAttributes]);
  if (has_video) Check(env, VideoArg(env, args).Add(raw));
  grants.Apply(env, raw);
  return MintJwt(env, signer, raw);
}

// A plain Node-API callback (node-addon-api's CallbackInfo allocates for more than 6 arguments).
napi_value MintTokenCallback(napi_env env, napi_callback_info info) {
  napi_value args[kMintArgc + 1];
  size_t argc = kMintArgc + 1;
  if (napi_get_cb_info(env, info, &argc, args, nullptr, nullptr) != napi_ok) return nullptr;
  uint32_t present = 0;
  napi_get_value_uint32(env, args[0], &present);
  // Arguments not passed are absent whatever the mask says.
  if (argc < kMintArgc + 1) present &= (1u << (argc > 0 ? argc - 1 : 0)) - 1;
  try {
    return MintToken(Napi::Env(env), MintArgs{args + 1, present});
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
  Napi::Array names = Napi::Array::New(env, kMintArgc);
  for (uint32_t i = 0; i < kMintArgc; ++i) names.Set(i, Napi::String::New(env, kMintArgNames[i]));
  names.Freeze();
  exports.Set("mintTokenArgs", names);
  Napi::Array bools = Napi::Array::New(env, kVideoBoolCount);
  for (uint32_t i = 0; i < kVideoBoolCount; ++i)
    bools.Set(i, Napi::String::New(env, kVideoBools[i]));
  bools.Freeze();
  exports.Set("videoGrantBools", bools);
  napi_value mint = nullptr;
  NAPI_THROW_IF_FAILED_VOID(env, napi_create_function(env, "mintToken", NAPI_AUTO_LENGTH,
                                                      MintTokenCallback, nullptr, &mint));
  exports.Set("mintToken", Napi::Value(env, mint));
  exports.Set("TokenVerifier", TokenVerifier::Define(env));
  // signerCacheSize(): how many signers this environment's cache holds (for tests: bounded).
  exports.Set("signerCacheSize", Napi::Function::New(
                                     env,
                                     [](const Napi::CallbackInfo& info) {
                                       return Napi::Number::New(
                                           info.Env(),
                                           static_cast<double>(Data(info.Env()).signers.size()));
                                     },
                                     "signerCacheSize"));
}

}  // namespace lksnode
