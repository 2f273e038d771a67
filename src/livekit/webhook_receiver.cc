#include "lks/livekit/webhook_receiver.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "lks/core/base64.h"
#include "lks/core/crypto.h"

namespace lks {
namespace {

Status AuthFailure(const char* reason, std::string message) {
  return UnauthenticatedError(std::move(message)).WithReason(reason).WithHttpStatus(401);
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// The JWT in an Authorization header value: surrounding spaces and an optional "Bearer " scheme
// (any case, RFC 9110) removed. livekit-server sends the bare token.
std::string_view TokenOf(std::string_view header) {
  header = Trim(header);
  constexpr std::string_view kScheme = "bearer";
  if (header.size() >= kScheme.size() &&
      (header.size() == kScheme.size() || IsSpace(header[kScheme.size()]))) {
    bool match = true;
    for (size_t i = 0; i < kScheme.size(); ++i) {
      const char c = header[i];
      match = match && (c == kScheme[i] || c == kScheme[i] - ('a' - 'A'));
    }
    if (match) header = Trim(header.substr(kScheme.size()));
  }
  return header;
}

// The standard padded base64 of a SHA-256 digest (what WebhookBodySha256 returns), without the
// std::string: the URL-safe encoding with its two letters mapped ('-' to '+', '_' to '/'), 16
// bytes at a time, and the one '='.
constexpr size_t kEncodedDigestBytes = 44;
void EncodeDigest(const Sha256Digest& d, char out[kEncodedDigestBytes]) {
  static_assert(Base64UrlEncodedLength(32) == kEncodedDigestBytes - 1);
  alignas(16) char buf[48] = {};
  Base64UrlEncodeTo(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()), buf);
  buf[kEncodedDigestBytes - 1] = '=';
#if defined(__SSE2__)
  for (size_t k = 0; k < sizeof buf; k += 16) {
    __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(buf + k));
    const __m128i dash = _mm_cmpeq_epi8(v, _mm_set1_epi8('-'));
    const __m128i underscore = _mm_cmpeq_epi8(v, _mm_set1_epi8('_'));
    v = _mm_add_epi8(v, _mm_and_si128(dash, _mm_set1_epi8('+' - '-')));
    v = _mm_add_epi8(v, _mm_and_si128(underscore, _mm_set1_epi8('/' - '_')));
    _mm_store_si128(reinterpret_cast<__m128i*>(buf + k), v);
  }
#else
  for (size_t i = 0; i + 1 < kEncodedDigestBytes; ++i) {
    if (buf[i] == '-') buf[i] = '+';
    if (buf[i] == '_') buf[i] = '/';
  }
#endif
  std::memcpy(out, buf, kEncodedDigestBytes);
}

}  // namespace

WebhookReceiver::WebhookReceiver(KeySet keys) : verifier_(std::move(keys)) {}

WebhookReceiver::WebhookReceiver(std::string_view api_key, std::string_view api_secret)
    : verifier_(api_key, api_secret) {}

WebhookReceiver& WebhookReceiver::set_leeway(std::chrono::seconds leeway) noexcept {
  verifier_.set_leeway(leeway);
  return *this;
}

WebhookReceiver& WebhookReceiver::set_clock(const Clock& clock) noexcept {
  verifier_.set_clock(clock);
  return *this;
}

Status WebhookReceiver::Verify(std::string_view body, std::string_view authorization) const {
  const std::string_view jwt = TokenOf(authorization);
  if (jwt.empty())
    return AuthFailure("missing_authorization", "Authorization header: missing or empty");

  // Per thread and reused: the claims' strings keep their capacity, so no allocation per delivery.
  thread_local VerifiedToken token;
  if (Status v = verifier_.Verify(jwt, &token); !v.ok()) {
    // Keep the verifier's reason ("expired", "unknown_key", ...); a webhook is always a 401.
    Status s = v.Annotate("Authorization header");
    s.SetHttpStatus(401);
    return s;
  }
  const std::string& claim = token.grants.sha256;
  if (claim.empty())
    return AuthFailure("missing_sha256", "Authorization header: token has no sha256 claim");

  // Compared in its encoded form (in constant time): encoding our digest costs less than decoding
  // the claim, and the one canonical encoding is what livekit-server sends. Anything else is
  // decoded, as before, to tell a claim that is no digest from a body that does not match.
  const Sha256Digest actual = Sha256(body);
  char encoded[kEncodedDigestBytes];
  EncodeDigest(actual, encoded);
  if (ConstantTimeEquals(claim, std::string_view(encoded, sizeof encoded))) return OkStatus();

  thread_local std::string expected;  // reused: no allocation per delivery
  if (!Base64Decode(claim, &expected).ok() || expected.size() != 32) {
    return AuthFailure("body_mismatch",
                       "Authorization header: sha256 claim is not the base64 of a SHA-256 digest");
  }
  if (!ConstantTimeEquals(expected, std::string_view(reinterpret_cast<const char*>(actual.data()),
                                                     actual.size()))) {
    return AuthFailure(
        "body_mismatch",
        "webhook body: SHA-256 does not match the token's sha256 claim (was the body changed or "
        "re-serialized? pass the bytes as received)");
  }
  return OkStatus();
}

StatusOr<WebhookEvent> WebhookReceiver::Receive(std::string_view body,
                                                std::string_view authorization) const {
  LKS_RETURN_IF_ERROR(Verify(body, authorization));
  return ParseWebhookEvent(body);
}

Status WebhookReceiver::Receive(std::string_view body, std::string_view authorization,
                                WebhookEvent* out) const {
  LKS_RETURN_IF_ERROR(Verify(body, authorization));
  return ParseWebhookEvent(body, out);
}

}  // namespace lks
