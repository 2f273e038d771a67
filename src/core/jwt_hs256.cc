#include "core/jwt_hs256.h"

#include <rapidjson/document.h>

#include "lks/core/base64.h"

namespace lks::internal {
namespace {

// Memory for RapidJSON while parsing one header or payload, per thread.
struct ParseScratch {
  std::string header;
  alignas(16) char value_buffer[16 * 1024];
  alignas(16) char stack_buffer[4 * 1024];
};
ParseScratch& ThreadParseScratch() {
  thread_local ParseScratch s;
  return s;
}

using PoolAllocator = rapidjson::MemoryPoolAllocator<>;
using ScratchDocument = rapidjson::GenericDocument<rapidjson::UTF8<>, PoolAllocator, PoolAllocator>;

// Parses `text` (NUL-terminated, modified in place) as a JSON object.
Status ParseObject(std::string* text, ScratchDocument* doc, const char* what) {
  if (JsonNestingDepth(*text) > kMaxJsonDepth)
    return JwtMalformed(std::string(what) + " is nested too deeply");
  doc->ParseInsitu<rapidjson::kParseValidateEncodingFlag>(text->data());
  if (doc->HasParseError()) return JwtMalformed(std::string(what) + " is not valid UTF-8 JSON");
  if (!doc->IsObject()) return JwtMalformed(std::string(what) + " is not a JSON object");
  if (HasDuplicateKeys(*doc)) return JwtMalformed(std::string(what) + " has a duplicate key");
  return OkStatus();
}

// base64url('{"alg":"HS256","typ":"JWT"}') followed by the separator.
constexpr std::string_view kHeaderSegment = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.";
// base64url of {"alg":"HS256","typ":"JWT"} (lkstudy, Go) and of {"alg":"HS256"} (jose, Node).
constexpr std::string_view kHs256JwtHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
constexpr std::string_view kHs256Header = "eyJhbGciOiJIUzI1NiJ9";

}  // namespace

Status JwtRejection(std::string reason, std::string message) {
  return UnauthenticatedError(std::move(message)).WithReason(std::move(reason));
}

Status JwtMalformed(std::string message) {
  return JwtRejection("malformed", "malformed token: " + message);
}

JwtScratch& ThreadJwtScratch() {
  thread_local JwtScratch s;
  return s;
}

Status SplitJwt(std::string_view jwt, JwtSegments* out) {
  if (jwt.empty()) return JwtMalformed("empty");
  if (jwt.size() > kMaxJwtBytes)
    return JwtMalformed("longer than " + std::to_string(kMaxJwtBytes) + " bytes");
  const size_t d1 = jwt.find('.');
  const size_t d2 = d1 == std::string_view::npos ? d1 : jwt.find('.', d1 + 1);
  if (d2 == std::string_view::npos || jwt.find('.', d2 + 1) != std::string_view::npos) {
    return JwtMalformed("expected three dot-separated segments");
  }
  out->header = jwt.substr(0, d1);
  out->payload = jwt.substr(d1 + 1, d2 - d1 - 1);
  out->signature = jwt.substr(d2 + 1);
  out->signing_input = jwt.substr(0, d2);
  if (out->header.empty() || out->payload.empty())
    return JwtMalformed("empty header or payload segment");
  return OkStatus();
}

Status DecodeJwtSegment(std::string_view segment, std::string* out, const char* what) {
  Status s = Base64UrlDecode(segment, out);
  if (!s.ok()) {
    return JwtRejection("bad_base64",
                        std::string("malformed token: ") + what + " segment: " + s.message());
  }
  return OkStatus();
}

Status CheckHs256Header(std::string_view header_segment) {
  if (header_segment == kHs256JwtHeader || header_segment == kHs256Header) return OkStatus();
  ParseScratch& scratch = ThreadParseScratch();
  LKS_RETURN_IF_ERROR(DecodeJwtSegment(header_segment, &scratch.header, "header"));
  PoolAllocator values(scratch.value_buffer, sizeof scratch.value_buffer);
  PoolAllocator stack(scratch.stack_buffer, sizeof scratch.stack_buffer);
  ScratchDocument header(&values, sizeof scratch.stack_buffer, &stack);
  LKS_RETURN_IF_ERROR(ParseObject(&scratch.header, &header, "header"));
  const JsonValue* alg = FindMember(header, "alg");
  if (!alg || !alg->IsString()) return JwtRejection("unsupported_alg", "token header has no alg");
  std::string_view a(alg->GetString(), alg->GetStringLength());
  if (a != "HS256") {
    return JwtRejection("unsupported_alg", "token alg '" + std::string(a.substr(0, 16)) +
                                               "' is not accepted (only HS256)");
  }
  return OkStatus();
}

Status VerifyHs256Jwt(std::string_view jwt, Hs256JwtVisitor& visitor) {
  JwtSegments seg;
  LKS_RETURN_IF_ERROR(SplitJwt(jwt, &seg));
  LKS_RETURN_IF_ERROR(CheckHs256Header(seg.header));
  JwtScratch& scratch = ThreadJwtScratch();
  LKS_RETURN_IF_ERROR(DecodeJwtSegment(seg.payload, &scratch.payload, "payload"));
  ParseScratch& parse = ThreadParseScratch();
  PoolAllocator values(parse.value_buffer, sizeof parse.value_buffer);
  PoolAllocator stack(parse.stack_buffer, sizeof parse.stack_buffer);
  ScratchDocument payload(&values, sizeof parse.stack_buffer, &stack);
  LKS_RETURN_IF_ERROR(ParseObject(&scratch.payload, &payload, "payload"));

  Status rejection;
  const HmacSha256Key* key = visitor.KeyFor(payload, &rejection);
  if (!key)
    return rejection.ok() ? JwtRejection("unknown_key", "no key for this token") : rejection;

  LKS_RETURN_IF_ERROR(DecodeJwtSegment(seg.signature, &scratch.signature, "signature"));
  if (!key->Verify(seg.signing_input, scratch.signature)) {
    return JwtRejection("bad_signature", "token signature does not match");
  }
  return visitor.OnVerified(payload);
}

Status CheckJwtTimes(const JsonValue& payload, int64_t now, int64_t leeway, bool exp_required,
                     int64_t* not_before, int64_t* expires_at) {
  *not_before = 0;
  *expires_at = 0;
  const bool has_exp = FindMember(payload, "exp") != nullptr;
  if (!has_exp && exp_required) return JwtRejection("missing_exp", "token has no exp claim");
  Status s = ReadInt64(payload, "exp", expires_at);
  if (s.ok()) s = ReadInt64(payload, "nbf", not_before);
  if (!s.ok()) return JwtMalformed(s.message());
  if (has_exp && now > *expires_at + leeway) {
    return JwtRejection("expired", "token expired at " + std::to_string(*expires_at) + " (now " +
                                       std::to_string(now) + ", leeway " + std::to_string(leeway) +
                                       "s)");
  }
  if (*not_before != 0 && now < *not_before - leeway) {
    return JwtRejection("not_yet_valid", "token not valid before " + std::to_string(*not_before) +
                                             " (now " + std::to_string(now) + ")");
  }
  return OkStatus();
}

void SignHs256Jwt(const HmacSha256Key& key, std::string_view payload_json, std::string* out) {
  out->clear();
  out->reserve(kHeaderSegment.size() + Base64UrlEncodedLength(payload_json.size()) + 1 +
               Base64UrlEncodedLength(32));
  out->append(kHeaderSegment);
  Base64UrlEncodeAppend(payload_json, out);
  Sha256Digest mac = key.Sign(*out);
  out->push_back('.');
  Base64UrlEncodeAppend(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()),
                        out);
}

}  // namespace lks::internal
