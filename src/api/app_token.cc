#include "lks/api/app_token.h"

#include "core/json_writer.h"
#include "core/jwt_hs256.h"

namespace lks {
namespace {

constexpr size_t kMaxUserIdBytes = 255;

// The user id in `key`: a non-negative integer or a non-empty string without control characters;
// empty when absent or unusable.
std::string ReadUserId(const internal::JsonValue& payload, const char* key) {
  const internal::JsonValue* v = internal::FindMember(payload, key);
  if (!v) return {};
  if (v->IsUint64()) return std::to_string(v->GetUint64());
  if (!v->IsString() || v->GetStringLength() == 0 || v->GetStringLength() > kMaxUserIdBytes)
    return {};
  std::string_view id(v->GetString(), v->GetStringLength());
  for (unsigned char c : id) {
    if (c < 0x20 || c == 0x7f) return {};
  }
  return std::string(id);
}

class AppTokenVisitor final : public internal::Hs256JwtVisitor {
 public:
  AppTokenVisitor(const HmacSha256Key& key, int64_t now, int64_t leeway, Principal* out)
      : key_(key), now_(now), leeway_(leeway), out_(out) {}

  const HmacSha256Key* KeyFor(const internal::JsonValue&, Status*) const override { return &key_; }

  Status OnVerified(const internal::JsonValue& payload) override {
    int64_t nbf = 0, exp = 0;
    LKS_RETURN_IF_ERROR(
        internal::CheckJwtTimes(payload, now_, leeway_, /*exp_required=*/false, &nbf, &exp));
    out_->user_id = ReadUserId(payload, "userId");
    if (out_->user_id.empty()) out_->user_id = ReadUserId(payload, "sub");
    if (out_->user_id.empty()) {
      return internal::JwtRejection("no_user", "token has no user id (userId or sub)");
    }
    Status s = internal::ReadString(payload, "email", &out_->email);
    if (s.ok()) s = internal::ReadString(payload, "name", &out_->name);
    if (s.ok()) s = internal::ReadString(payload, "role", &out_->role);
    if (!s.ok()) return internal::JwtRejection("malformed", "malformed token: " + s.message());
    return OkStatus();
  }

 private:
  const HmacSha256Key& key_;
  int64_t now_, leeway_;
  Principal* out_;
};

}  // namespace

AppTokenVerifier::AppTokenVerifier(std::string_view secret)
    : key_(secret), clock_(&SystemClock()) {}

AppTokenVerifier& AppTokenVerifier::set_leeway(std::chrono::seconds leeway) noexcept {
  leeway_ = leeway;
  return *this;
}

AppTokenVerifier& AppTokenVerifier::set_clock(const Clock& clock) noexcept {
  clock_ = &clock;
  return *this;
}

StatusOr<Principal> AppTokenVerifier::Verify(std::string_view jwt) const {
  Principal who;
  AppTokenVisitor visitor(key_, clock_->NowUnixSeconds(), leeway_.count(), &who);
  LKS_RETURN_IF_ERROR(internal::VerifyHs256Jwt(jwt, visitor));
  return who;
}

StatusOr<Principal> AppTokenVerifier::VerifyAuthorization(std::string_view header) const {
  while (!header.empty() && (header.front() == ' ' || header.front() == '\t'))
    header.remove_prefix(1);
  while (!header.empty() && (header.back() == ' ' || header.back() == '\t'))
    header.remove_suffix(1);
  if (header.empty()) {
    return internal::JwtRejection("missing_header",
                                  "Authorization header missing (expected 'Bearer <token>')");
  }
  constexpr std::string_view kBearer = "bearer ";
  bool bearer = header.size() > kBearer.size();
  for (size_t i = 0; bearer && i < kBearer.size(); ++i) {
    char c = header[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bearer = c == kBearer[i];
  }
  if (!bearer)
    return internal::JwtRejection("bad_scheme", "Authorization header must be 'Bearer <token>'");
  header.remove_prefix(kBearer.size());
  while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
  return Verify(header);
}

StatusOr<std::string> MintAppToken(std::string_view secret, const Principal& who,
                                   std::chrono::seconds ttl, const Clock& clock) {
  if (who.user_id.empty() || who.user_id.size() > kMaxUserIdBytes) {
    return InvalidArgumentError("userId: must be 1 to 255 bytes");
  }
  if (ttl.count() <= 0) return InvalidArgumentError("ttl: must be positive");
  for (const auto* f : {&who.user_id, &who.email, &who.name, &who.role}) {
    if (!internal::IsValidUtf8(*f)) return InvalidArgumentError("principal: not valid UTF-8");
  }
  const int64_t now = clock.NowUnixSeconds();
  std::string payload;
  internal::JsonWriter w(&payload);
  w.BeginObject().Field("sub", std::string_view(who.user_id));
  w.Key("userId").IntegerOrString(who.user_id);
  if (!who.email.empty()) w.Field("email", std::string_view(who.email));
  if (!who.name.empty()) w.Field("name", std::string_view(who.name));
  if (!who.role.empty()) w.Field("role", std::string_view(who.role));
  w.Field("iat", now).Field("exp", now + static_cast<int64_t>(ttl.count())).EndObject();
  std::string jwt;
  internal::SignHs256Jwt(HmacSha256Key(secret), payload, &jwt);
  return jwt;
}

}  // namespace lks
