#include "lks/livekit/token_verifier.h"

#include "core/json_reader.h"
#include "core/json_writer.h"
#include "core/jwt_hs256.h"
#include "livekit/claims_json.h"
#include "livekit/token_payload.h"
#include "livekit/token_writer.h"
#include "lks/core/base64.h"

namespace lks {
namespace {

// Empties `t` for reuse, keeping its strings' capacity. A claim added to ClaimGrants is added
// here too (token_verifier_test.cc verifies a rich token and then a plain one into one object).
void ClearForReuse(VerifiedToken* t) {
  t->api_key.clear();
  t->not_before = 0;
  t->expires_at = 0;
  ClaimGrants& g = t->grants;
  g.identity.clear();
  g.name.clear();
  g.metadata.clear();
  g.attributes.clear();
  g.video.reset();
  g.sip.reset();
  g.agent.reset();
  g.inference.reset();
  g.observability.reset();
  g.kind.clear();
  g.sha256.clear();
  g.room_preset.clear();
  g.room_config.clear();
}

}  // namespace

static_assert(kMaxTokenBytes == internal::kMaxJwtBytes);

Status KeySet::Add(std::string_view api_key, std::string_view api_secret) {
  if (api_key.empty()) return InvalidArgumentError("apiKey: empty");
  if (api_secret.empty()) return InvalidArgumentError("apiSecret: empty");
  HmacSha256Key key(api_secret);
  auto prefix =
      std::make_shared<const internal::TokenPrefix>(internal::MakeTokenPrefix(key, api_key));
  keys_.insert_or_assign(std::string(api_key), Entry{std::move(key), std::move(prefix)});
  return OkStatus();
}

const KeySet::Entry* KeySet::FindEntry(std::string_view api_key) const noexcept {
  // Heterogeneous lookup needs C++20 transparent hashing; key sets are tiny, so scan.
  for (const auto& [k, v] : keys_) {
    if (k == api_key) return &v;
  }
  return nullptr;
}

const HmacSha256Key* KeySet::Find(std::string_view api_key) const noexcept {
  const Entry* e = FindEntry(api_key);
  return e ? &e->key : nullptr;
}

TokenVerifier::TokenVerifier(KeySet keys) : keys_(std::move(keys)), clock_(&SystemClock()) {}

TokenVerifier::TokenVerifier(std::string_view api_key, std::string_view api_secret)
    : clock_(&SystemClock()) {
  (void)keys_.Add(
      api_key,
      api_secret);  // an empty key or secret leaves the set empty: every token is "unknown_key"
}

TokenVerifier& TokenVerifier::set_leeway(std::chrono::seconds leeway) noexcept {
  leeway_ = leeway;
  return *this;
}
TokenVerifier& TokenVerifier::set_clock(const Clock& clock) noexcept {
  clock_ = &clock;
  return *this;
}

StatusOr<VerifiedToken> TokenVerifier::Verify(std::string_view jwt) const {
  // Filled in place: moving a VerifiedToken (a dozen strings, a map, the grants) into the result
  // costs about as much as reading a claim set.
  StatusOr<VerifiedToken> result(std::in_place);
  if (Status s = Verify(jwt, &*result); !s.ok()) result = std::move(s);
  return result;
}

Status TokenVerifier::Verify(std::string_view jwt, VerifiedToken* out_token) const {
  using internal::JwtMalformed;
  using internal::JwtRejection;
  internal::JwtSegments seg;
  LKS_RETURN_IF_ERROR(internal::SplitJwt(jwt, &seg));
  LKS_RETURN_IF_ERROR(internal::CheckHs256Header(seg.header));
  internal::JwtScratch& scratch = internal::ThreadJwtScratch();
  LKS_RETURN_IF_ERROR(internal::DecodeJwtSegment(seg.payload, &scratch.payload, "payload"));
  internal::TokenPayload payload;
  VerifiedToken& out = *out_token;
  ClearForReuse(&out);
  if (Status s = internal::ParseTokenPayload(&scratch.payload, &payload, &out.grants); !s.ok()) {
    return JwtMalformed(s.message());
  }
  if (payload.iss.empty()) return JwtRejection("unknown_key", "token has no iss (API key) claim");
  const std::string_view api_key = payload.iss;
  const KeySet::Entry* key = keys_.FindEntry(api_key);
  if (!key) {
    return JwtRejection("unknown_key", "token issued by an unknown API key '" +
                                           std::string(api_key.substr(0, 64)) + "'");
  }

  // The signature is compared in its encoded form (in constant time): encoding our MAC costs less
  // than decoding theirs, and only the one canonical encoding can match. A mismatch is decoded to
  // tell bad base64 from a wrong signature, as decoding first would.
  // A token lkstudy minted with this key starts with the blocks the entry has hashed already
  // (public bytes: the header and `{"iss":"<key>"`), and tokens for one room with the same
  // template blocks, which this thread may have hashed already: only the rest is hashed.
  // The template part ends before `,"exp":`; the characters before it encode only its bytes.
  const size_t fixed =
      static_cast<size_t>(seg.payload.data() - seg.signing_input.data()) + payload.exp_at / 3 * 4;
  const Sha256Digest mac = internal::SignTemplated(key->prefix, key->key, seg.signing_input, fixed);
  scratch.signature.clear();
  Base64UrlEncodeAppend(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()),
                        &scratch.signature);
  if (!ConstantTimeEquals(scratch.signature, seg.signature)) {
    LKS_RETURN_IF_ERROR(internal::DecodeJwtSegment(seg.signature, &scratch.signature, "signature"));
    return JwtRejection("bad_signature", "token signature does not match");
  }

  if (!payload.has_exp) return JwtRejection("missing_exp", "token has no exp claim");
  if (!payload.exp_error.ok()) return JwtMalformed(payload.exp_error.message());
  if (!payload.nbf_error.ok()) return JwtMalformed(payload.nbf_error.message());
  out.expires_at = payload.exp;
  out.not_before = payload.nbf;
  const int64_t now = clock_->NowUnixSeconds();
  const int64_t leeway = leeway_.count();
  if (now > out.expires_at + leeway) {
    return JwtRejection("expired", "token expired at " + std::to_string(out.expires_at) + " (now " +
                                       std::to_string(now) + ", leeway " + std::to_string(leeway) +
                                       "s)");
  }
  if (out.not_before != 0 && now < out.not_before - leeway) {
    return JwtRejection("not_yet_valid", "token not valid before " +
                                             std::to_string(out.not_before) + " (now " +
                                             std::to_string(now) + ")");
  }
  if (!payload.claims_error.ok()) return JwtMalformed(payload.claims_error.message());
  out.api_key.assign(api_key);
  return OkStatus();
}

std::string VerifiedTokenToJson(const VerifiedToken& t) {
  std::string out;
  internal::JsonWriter w(&out);
  w.BeginObject();
  w.Field("iss", std::string_view(t.api_key));
  internal::WriteClaimGrantMembers(t.grants, w);
  if (t.not_before != 0) w.Field("nbf", t.not_before);
  w.Field("exp", t.expires_at);
  w.EndObject();
  return out;
}

}  // namespace lks
