// Access tokens: options, signer, mint, verifier.
#include <cstring>
#include <string>

#include "capi_internal.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/token_verifier.h"

struct lks_token_options {
  lks::ClaimGrants grants;
  lks::TokenTiming timing;
};

struct lks_token_signer {
  lks_token_signer(std::string_view key, std::string_view secret) : signer(key, secret) {}
  lks::TokenSigner signer;
};

struct lks_token_verifier {
  lks::TokenVerifier verifier{lks::KeySet()};
};

using namespace lks::capi;

namespace {
template <typename F>
lks_status SetOption(lks_token_options* opts, F&& set) {
  LKS_CAPI_REQUIRE(opts, "opts");
  return Guard([&] {
    set(*opts);
    return Succeed();
  });
}
}  // namespace

extern "C" {

lks_status lks_token_options_new(lks_token_options** out) {
  LKS_CAPI_REQUIRE(out, "out");
  return Guard([&] {
    *out = new lks_token_options();
    return Succeed();
  });
}

void lks_token_options_free(lks_token_options* opts) { delete opts; }

lks_status lks_token_options_set_identity(lks_token_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks_token_options& x) { x.grants.identity.assign(View(s, n)); });
}
lks_status lks_token_options_set_name(lks_token_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks_token_options& x) { x.grants.name.assign(View(s, n)); });
}
lks_status lks_token_options_set_metadata(lks_token_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks_token_options& x) { x.grants.metadata.assign(View(s, n)); });
}
lks_status lks_token_options_set_attribute(lks_token_options* o, const char* k, size_t kn,
                                           const char* v, size_t vn) {
  return SetOption(o, [&](lks_token_options& x) {
    x.grants.attributes.insert_or_assign(std::string(View(k, kn)), std::string(View(v, vn)));
  });
}
lks_status lks_token_options_set_kind(lks_token_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks_token_options& x) { x.grants.kind.assign(View(s, n)); });
}
lks_status lks_token_options_set_ttl_seconds(lks_token_options* o, int64_t ttl) {
  return SetOption(o, [&](lks_token_options& x) { x.timing.ttl = std::chrono::seconds(ttl); });
}
lks_status lks_token_options_set_not_before(lks_token_options* o, int64_t nbf) {
  return SetOption(o, [&](lks_token_options& x) { x.timing.not_before = nbf; });
}
lks_status lks_token_options_set_sha256(lks_token_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks_token_options& x) { x.grants.sha256.assign(View(s, n)); });
}
lks_status lks_token_options_set_room_preset(lks_token_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks_token_options& x) { x.grants.room_preset.assign(View(s, n)); });
}
lks_status lks_token_options_set_room_config_json(lks_token_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks_token_options& x) { x.grants.room_config.assign(View(s, n)); });
}
lks_status lks_token_options_set_sip_grant(lks_token_options* o, int admin, int call) {
  return SetOption(o, [&](lks_token_options& x) {
    x.grants.sip = lks::SipGrant{admin != 0, call != 0};
  });
}
lks_status lks_token_options_set_agent_grant(lks_token_options* o, int admin) {
  return SetOption(o, [&](lks_token_options& x) { x.grants.agent = lks::AgentGrant{admin != 0}; });
}
lks_status lks_token_options_set_inference_grant(lks_token_options* o, int perform) {
  return SetOption(
      o, [&](lks_token_options& x) { x.grants.inference = lks::InferenceGrant{perform != 0}; });
}
lks_status lks_token_options_set_observability_grant(lks_token_options* o, int write) {
  return SetOption(o, [&](lks_token_options& x) {
    x.grants.observability = lks::ObservabilityGrant{write != 0};
  });
}

lks_status lks_token_options_add_video_grant_json(lks_token_options* o, const char* json,
                                                  size_t n) {
  LKS_CAPI_REQUIRE(o, "opts");
  return Guard([&] {
    lks::StatusOr<lks::VideoGrant> g = lks::VideoGrantFromJson(View(json, n));
    if (!g.ok()) return Record(g.status());
    if (o->grants.video) {
      o->grants.video->Merge(*g);
    } else {
      o->grants.video = std::move(*g);
    }
    return Succeed();
  });
}

lks_status lks_token_signer_new(lks_token_signer** out, const char* key, size_t kn,
                                const char* secret, size_t sn) {
  LKS_CAPI_REQUIRE(out, "out");
  *out = nullptr;
  if (kn == 0 || !key) return Fail(LKS_INVALID_ARGUMENT, "apiKey: empty");
  if (sn == 0 || !secret) return Fail(LKS_INVALID_ARGUMENT, "apiSecret: empty");
  return Guard([&] {
    *out = new lks_token_signer(View(key, kn), View(secret, sn));
    return Succeed();
  });
}

void lks_token_signer_free(lks_token_signer* signer) { delete signer; }

lks_status lks_token_signer_mint(lks_buf* out, const lks_token_signer* signer,
                                 const lks_token_options* opts) {
  LKS_CAPI_REQUIRE(out, "out");
  LKS_CAPI_REQUIRE(signer, "signer");
  LKS_CAPI_REQUIRE(opts, "opts");
  return Guard([&] {
    lks_buf_dispose(out);
    lks::StatusOr<std::string> jwt = signer->signer.Sign(opts->grants, opts->timing);
    if (!jwt.ok()) return Record(jwt.status());
    lks_status st = FillBuf(out, *jwt);
    return st == LKS_OK ? Succeed() : st;
  });
}

lks_status lks_token_signer_mint_to(char* dst, size_t capacity, size_t* length,
                                    const lks_token_signer* signer, const lks_token_options* opts) {
  LKS_CAPI_REQUIRE(length, "length");
  LKS_CAPI_REQUIRE(signer, "signer");
  LKS_CAPI_REQUIRE(opts, "opts");
  if (!dst && capacity > 0) return Fail(LKS_INVALID_ARGUMENT, "dst: NULL with a non-zero capacity");
  return Guard([&] {
    // Per-thread scratch whose capacity is reused: the signer writes here without allocating.
    thread_local std::string jwt;
    lks::Status s = signer->signer.SignTo(opts->grants, opts->timing, lks::SystemClock(), &jwt);
    if (!s.ok()) return Record(s);
    *length = jwt.size();
    if (jwt.size() >= capacity) {
      return Fail(LKS_OUT_OF_RANGE, "dst: " + std::to_string(jwt.size() + 1) + " bytes needed");
    }
    std::memcpy(dst, jwt.data(), jwt.size());
    dst[jwt.size()] = '\0';
    return Succeed();
  });
}

lks_status lks_token_verifier_new(lks_token_verifier** out) {
  LKS_CAPI_REQUIRE(out, "out");
  return Guard([&] {
    *out = new lks_token_verifier();
    return Succeed();
  });
}

void lks_token_verifier_free(lks_token_verifier* v) { delete v; }

lks_status lks_token_verifier_add_key(lks_token_verifier* v, const char* key, size_t kn,
                                      const char* secret, size_t sn) {
  LKS_CAPI_REQUIRE(v, "verifier");
  return AddCheckerKey(v->verifier, key, kn, secret, sn);
}

lks_status lks_token_verifier_set_leeway_seconds(lks_token_verifier* v, int64_t seconds) {
  LKS_CAPI_REQUIRE(v, "verifier");
  return SetCheckerLeeway(v->verifier, seconds);
}

lks_status lks_token_verifier_verify(lks_buf* claims, const lks_token_verifier* v,
                                     const char* token, size_t n) {
  LKS_CAPI_REQUIRE(claims, "claims_json");
  LKS_CAPI_REQUIRE(v, "verifier");
  return Guard([&] {
    lks_buf_dispose(claims);
    lks::StatusOr<lks::VerifiedToken> t = v->verifier.Verify(View(token, n));
    if (!t.ok()) return Record(t.status());
    lks_status st = FillBuf(claims, lks::VerifiedTokenToJson(*t));
    return st == LKS_OK ? Succeed() : st;
  });
}

}  // extern "C"
