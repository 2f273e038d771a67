#include "lks/livekit/token_verifier.h"

#include "core/json_reader.h"
#include "core/jwt_hs256.h"
#include "core/json_writer.h"
#include "livekit/claims_json.h"

static_assert(lks::kMaxTokenBytes == lks::internal::kMaxJwtBytes);

namespace lks {
namespace {

// Picks the key by `iss` and, once the signature holds, checks times and reads the claims.
class LiveKitTokenVisitor final : public internal::Hs256JwtVisitor {
 public:
  LiveKitTokenVisitor(const KeySet& keys, int64_t now, int64_t leeway, VerifiedToken* out)
      : keys_(keys), now_(now), leeway_(leeway), out_(out) {}

  const HmacSha256Key* KeyFor(const internal::JsonValue& payload, Status* rejection) const override {
    const internal::JsonValue* iss = internal::FindMember(payload, "iss");
    if (!iss || !iss->IsString() || iss->GetStringLength() == 0) {
      *rejection = internal::JwtRejection("unknown_key", "token has no iss (API key) claim");
      return nullptr;
    }
    const std::string_view api_key(iss->GetString(), iss->GetStringLength());
    const HmacSha256Key* key = keys_.Find(api_key);
    if (!key) {
      *rejection = internal::JwtRejection(
          "unknown_key", "token issued by an unknown API key '" + std::string(api_key.substr(0, 64)) + "'");
    }
    return key;
  }

  Status OnVerified(const internal::JsonValue& payload) override {
    LKS_RETURN_IF_ERROR(internal::CheckJwtTimes(payload, now_, leeway_, /*exp_required=*/true,
                                                &out_->not_before, &out_->expires_at));
    Status s = internal::ReadClaimGrants(payload, &out_->grants);
    if (!s.ok()) return internal::JwtRejection("malformed", "malformed token: " + s.message());
    const internal::JsonValue* iss = internal::FindMember(payload, "iss");
    out_->api_key.assign(iss->GetString(), iss->GetStringLength());
    return OkStatus();
  }

 private:
  const KeySet& keys_;
  int64_t now_, leeway_;
  VerifiedToken* out_;
};

}  // namespace

Status KeySet::Add(std::string_view api_key, std::string_view api_secret) {
  if (api_key.empty()) return InvalidArgumentError("apiKey: empty");
  if (api_secret.empty()) return InvalidArgumentError("apiSecret: empty");
  keys_.insert_or_assign(std::string(api_key), HmacSha256Key(api_secret));
  return OkStatus();
}

const HmacSha256Key* KeySet::Find(std::string_view api_key) const noexcept {
  // Heterogeneous lookup needs C++20 transparent hashing; key sets are tiny, so scan.
  for (const auto& [k, v] : keys_) {
    if (k == api_key) return &v;
  }
  return nullptr;
}

TokenVerifier::TokenVerifier(KeySet keys) : keys_(std::move(keys)), clock_(&SystemClock()) {}

TokenVerifier::TokenVerifier(std::string_view api_key, std::string_view api_secret)
    : clock_(&SystemClock()) {
  (void)keys_.Add(api_key, api_secret);  // an empty key or secret leaves the set empty: every token is "unknown_key"
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
  VerifiedToken out;
  LiveKitTokenVisitor visitor(keys_, clock_->NowUnixSeconds(), leeway_.count(), &out);
  LKS_RETURN_IF_ERROR(internal::VerifyHs256Jwt(jwt, visitor));
  return out;
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
