#include "lks/livekit/access_token.h"

#include "core/jwt_hs256.h"
#include "livekit/token_writer.h"

namespace lks {
namespace {

// Per-thread scratch for the payload JSON: its size survives between tokens (it is never
// shrunk), so minting allocates only the output string.
std::string& PayloadScratch() {
  thread_local std::string scratch;
  return scratch;
}

}  // namespace

TokenSigner::TokenSigner(std::string_view api_key, std::string_view api_secret)
    : api_key_(api_key),
      key_(api_secret),
      prefix_(std::make_shared<const internal::TokenPrefix>(
          internal::MakeTokenPrefix(key_, api_key_))) {}

Status TokenSigner::SignTo(const ClaimGrants& grants, const TokenTiming& timing, const Clock& clock,
                           std::string* out) const {
  out->clear();
  if (api_key_.empty()) return InvalidArgumentError("apiKey: empty");
  if (timing.ttl.count() <= 0) {
    return InvalidArgumentError("ttl: must be positive (got " + std::to_string(timing.ttl.count()) +
                                "s)");
  }
  // The UTF-8 checks only when a string is not ASCII: the writer tells, and ASCII is valid UTF-8.
  LKS_RETURN_IF_ERROR(internal::ValidateClaimGrants(grants, /*check_utf8=*/false));
  const int64_t now = clock.NowUnixSeconds();
  std::string& scratch = PayloadScratch();
  bool ascii = true;
  size_t fixed = 0;
  const size_t n =
      internal::WriteTokenPayload(*prefix_, grants, now + static_cast<int64_t>(timing.ttl.count()),
                                  timing.not_before.value_or(now), &scratch, &ascii, &fixed);
  if (!ascii) LKS_RETURN_IF_ERROR(ValidateClaimGrants(grants));
  internal::SignTokenPayload(prefix_, key_, std::string_view(scratch.data(), n), fixed, out);
  return OkStatus();
}

StatusOr<std::string> TokenSigner::Sign(const ClaimGrants& grants, const TokenTiming& timing,
                                        const Clock& clock) const {
  std::string out;
  LKS_RETURN_IF_ERROR(SignTo(grants, timing, clock, &out));
  return out;
}

std::string TokenSigner::SignRawPayload(std::string_view payload_json) const {
  std::string out;
  internal::SignHs256Jwt(key_, payload_json, &out);
  return out;
}

AccessToken::AccessToken(std::string_view api_key, std::string_view api_secret)
    : signer_(std::make_shared<const TokenSigner>(api_key, api_secret)) {}

AccessToken::AccessToken(std::shared_ptr<const TokenSigner> signer) : signer_(std::move(signer)) {}

AccessToken& AccessToken::set_identity(std::string v) {
  grants_.identity = std::move(v);
  return *this;
}
AccessToken& AccessToken::set_name(std::string v) {
  grants_.name = std::move(v);
  return *this;
}
AccessToken& AccessToken::set_metadata(std::string v) {
  grants_.metadata = std::move(v);
  return *this;
}
AccessToken& AccessToken::set_attribute(std::string k, std::string v) {
  grants_.attributes.insert_or_assign(std::move(k), std::move(v));
  return *this;
}
AccessToken& AccessToken::set_attributes(std::map<std::string, std::string> a) {
  grants_.attributes = std::move(a);
  return *this;
}
AccessToken& AccessToken::set_kind(std::string v) {
  grants_.kind = std::move(v);
  return *this;
}
AccessToken& AccessToken::set_ttl(std::chrono::seconds ttl) {
  timing_.ttl = ttl;
  return *this;
}
AccessToken& AccessToken::set_not_before(int64_t s) {
  timing_.not_before = s;
  return *this;
}
AccessToken& AccessToken::set_sha256(std::string v) {
  grants_.sha256 = std::move(v);
  return *this;
}
AccessToken& AccessToken::set_room_preset(std::string v) {
  grants_.room_preset = std::move(v);
  return *this;
}
AccessToken& AccessToken::set_room_config_json(std::string v) {
  grants_.room_config = std::move(v);
  return *this;
}

AccessToken& AccessToken::AddGrant(const VideoGrant& g) {
  if (grants_.video) {
    grants_.video->Merge(g);
  } else {
    grants_.video = g;
  }
  return *this;
}
AccessToken& AccessToken::AddSipGrant(const SipGrant& g) {
  SipGrant s = grants_.sip.value_or(SipGrant{});
  s.admin |= g.admin;
  s.call |= g.call;
  grants_.sip = s;
  return *this;
}
AccessToken& AccessToken::AddAgentGrant(const AgentGrant& g) {
  grants_.agent = AgentGrant{grants_.agent.value_or(AgentGrant{}).admin || g.admin};
  return *this;
}
AccessToken& AccessToken::AddInferenceGrant(const InferenceGrant& g) {
  grants_.inference =
      InferenceGrant{grants_.inference.value_or(InferenceGrant{}).perform || g.perform};
  return *this;
}
AccessToken& AccessToken::AddObservabilityGrant(const ObservabilityGrant& g) {
  grants_.observability =
      ObservabilityGrant{grants_.observability.value_or(ObservabilityGrant{}).write || g.write};
  return *this;
}

StatusOr<std::string> AccessToken::ToJwt(const Clock& clock) const {
  return signer_->Sign(grants_, timing_, clock);
}

}  // namespace lks
