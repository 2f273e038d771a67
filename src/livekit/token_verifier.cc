#include "lks/livekit/token_verifier.h"

#include <rapidjson/document.h>

#include "core/json_reader.h"
#include "core/json_writer.h"
#include "lks/core/base64.h"
#include "livekit/claims_json.h"
#include "livekit/token_payload.h"

namespace lks {
namespace {

// base64url of {"alg":"HS256","typ":"JWT"} and of {"alg":"HS256"}.
constexpr std::string_view kHs256JwtHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
constexpr std::string_view kHs256Header = "eyJhbGciOiJIUzI1NiJ9";

Status Reject(std::string reason, std::string message) {
  return UnauthenticatedError(std::move(message)).WithReason(std::move(reason));
}
Status Malformed(std::string message) { return Reject("malformed", "malformed token: " + message); }

// Per-thread scratch reused across calls: decoded segments and the JSON allocators' memory.
struct Scratch {
  std::string header;
  std::string payload;
  std::string signature;
  alignas(16) char value_buffer[16 * 1024];
  alignas(16) char stack_buffer[4 * 1024];
};
Scratch& ThreadScratch() {
  thread_local Scratch s;
  return s;
}

using PoolAllocator = rapidjson::MemoryPoolAllocator<>;
using ScratchDocument = rapidjson::GenericDocument<rapidjson::UTF8<>, PoolAllocator, PoolAllocator>;

// Parses `text` (NUL-terminated, modified in place) as a JSON object.
Status ParseObject(std::string* text, ScratchDocument* doc, const char* what) {
  doc->ParseInsitu<rapidjson::kParseValidateEncodingFlag>(text->data());
  if (doc->HasParseError()) return Malformed(std::string(what) + " is not valid UTF-8 JSON");
  if (!doc->IsObject()) return Malformed(std::string(what) + " is not a JSON object");
  if (internal::HasDuplicateKeys(*doc)) return Malformed(std::string(what) + " has a duplicate key");
  return OkStatus();
}

Status DecodeSegment(std::string_view seg, std::string* out, const char* what) {
  Status s = Base64UrlDecode(seg, out);
  if (!s.ok()) return Reject("bad_base64", std::string("malformed token: ") + what + " segment: " + s.message());
  return OkStatus();
}

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
  if (jwt.empty()) return Malformed("empty");
  if (jwt.size() > kMaxTokenBytes) {
    return Malformed("longer than " + std::to_string(kMaxTokenBytes) + " bytes");
  }
  const size_t d1 = jwt.find('.');
  const size_t d2 = d1 == std::string_view::npos ? d1 : jwt.find('.', d1 + 1);
  if (d2 == std::string_view::npos || jwt.find('.', d2 + 1) != std::string_view::npos) {
    return Malformed("expected three dot-separated segments");
  }
  const std::string_view header_seg = jwt.substr(0, d1);
  const std::string_view payload_seg = jwt.substr(d1 + 1, d2 - d1 - 1);
  const std::string_view sig_seg = jwt.substr(d2 + 1);
  if (header_seg.empty() || payload_seg.empty()) return Malformed("empty header or payload segment");

  Scratch& scratch = ThreadScratch();
  // The header lkstudy and LiveKit's Go SDK write, and the one the Node SDK (jose) writes: known
  // to be {"alg":"HS256",...}, so neither decoded nor parsed.
  if (header_seg != kHs256JwtHeader && header_seg != kHs256Header) {
    LKS_RETURN_IF_ERROR(DecodeSegment(header_seg, &scratch.header, "header"));
    PoolAllocator values(scratch.value_buffer, sizeof scratch.value_buffer);
    PoolAllocator stack(scratch.stack_buffer, sizeof scratch.stack_buffer);
    ScratchDocument header(&values, sizeof scratch.stack_buffer, &stack);
    LKS_RETURN_IF_ERROR(ParseObject(&scratch.header, &header, "header"));
    const internal::JsonValue* alg = internal::FindMember(header, "alg");
    if (!alg || !alg->IsString()) return Reject("unsupported_alg", "token header has no alg");
    std::string_view a(alg->GetString(), alg->GetStringLength());
    if (a != "HS256") {
      return Reject("unsupported_alg", "token alg '" + std::string(a.substr(0, 16)) +
                                           "' is not accepted (only HS256)");
    }
  }

  LKS_RETURN_IF_ERROR(DecodeSegment(payload_seg, &scratch.payload, "payload"));
  internal::TokenPayload payload;
  VerifiedToken out;
  if (Status s = internal::ParseTokenPayload(&scratch.payload, &payload, &out.grants); !s.ok()) {
    return Malformed(s.message());
  }
  if (payload.iss.empty()) return Reject("unknown_key", "token has no iss (API key) claim");
  const std::string_view api_key = payload.iss;
  const HmacSha256Key* key = keys_.Find(api_key);
  if (!key) {
    return Reject("unknown_key", "token issued by an unknown API key '" +
                                     std::string(api_key.substr(0, 64)) + "'");
  }

  LKS_RETURN_IF_ERROR(DecodeSegment(sig_seg, &scratch.signature, "signature"));
  if (!key->Verify(jwt.substr(0, d2), scratch.signature)) {
    return Reject("bad_signature", "token signature does not match");
  }

  if (!payload.has_exp) return Reject("missing_exp", "token has no exp claim");
  if (!payload.exp_error.ok()) return Malformed(payload.exp_error.message());
  if (!payload.nbf_error.ok()) return Malformed(payload.nbf_error.message());
  out.expires_at = payload.exp;
  out.not_before = payload.nbf;
  const int64_t now = clock_->NowUnixSeconds();
  const int64_t leeway = leeway_.count();
  if (now > out.expires_at + leeway) {
    return Reject("expired", "token expired at " + std::to_string(out.expires_at) + " (now " +
                                 std::to_string(now) + ", leeway " + std::to_string(leeway) + "s)");
  }
  if (out.not_before != 0 && now < out.not_before - leeway) {
    return Reject("not_yet_valid", "token not valid before " + std::to_string(out.not_before) +
                                       " (now " + std::to_string(now) + ")");
  }
  if (!payload.claims_error.ok()) return Malformed(payload.claims_error.message());
  out.api_key.assign(api_key);
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
