#include "cli/dev_sign_in.h"

#include <rapidjson/document.h>

#include <chrono>
#include <memory>

#include "core/json_reader.h"
#include "core/json_writer.h"
#include "lks/api/rest_handler.h"

namespace lks::cli {
namespace {

using internal::JsonWriter;

void WriteUser(const Principal& u, JsonWriter& w) {
  w.BeginObject()
      .Field("userId", std::string_view(u.user_id))
      .Field("name", std::string_view(u.name))
      .Field("email", std::string_view(u.email))
      .Field("role", std::string_view(u.role))
      .EndObject();
}

RestResponse JsonOk(std::string body) {
  RestResponse r;
  r.status = 200;
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  r.headers.emplace_back("Cache-Control", "no-store");
  r.body = std::move(body);
  return r;
}

Status ValidUserId(const std::string& id) {
  if (id.empty() || id.size() > 64) return InvalidArgumentError("userId: 1 to 64 characters");
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return InvalidArgumentError("userId: only letters, digits, '_' and '-'");
  }
  return OkStatus();
}

RestResponse Users() {
  std::string body;
  JsonWriter w(&body);
  w.BeginObject().Field("success", true).Key("data").BeginObject().Key("users").BeginArray();
  for (const Principal& u : DevUsers()) WriteUser(u, w);
  w.EndArray().EndObject().EndObject();
  return JsonOk(std::move(body));
}

RestResponse SignIn(const RestRequest& req, const std::string& secret) {
  rapidjson::Document doc;
  std::string user_id;
  Status s =
      internal::ParseJson(req.body.empty() ? std::string_view("{}") : req.body, &doc, "body");
  if (s.ok() && !doc.IsObject()) s = InvalidArgumentError("body: expected a JSON object");
  if (s.ok()) s = internal::ReadString(doc, "userId", &user_id);
  if (s.ok()) s = ValidUserId(user_id);
  if (!s.ok()) return RestErrorResponse(s);
  Principal who{user_id, user_id + "@example.com", "User " + user_id, ""};
  for (const Principal& u : DevUsers())
    if (u.user_id == user_id) who = u;
  StatusOr<std::string> jwt = MintAppToken(secret, who, std::chrono::hours(24));
  if (!jwt.ok()) return RestErrorResponse(jwt.status());
  std::string body;
  JsonWriter w(&body);
  w.BeginObject().Field("success", true).Key("data").BeginObject();
  w.Field("token", std::string_view(*jwt)).Key("user");
  WriteUser(who, w);
  w.EndObject().EndObject();
  return JsonOk(std::move(body));
}

}  // namespace

const std::vector<Principal>& DevUsers() {
  static const std::vector<Principal> kUsers = {
      {"15", "john@example.com", "John Doe", ""},
      {"16", "jane@example.com", "Jane Smith", ""},
      {"17", "mark@example.com", "Mark Lee", ""},
      {"1", "admin@example.com", "Admin", "admin"},
  };
  return kUsers;
}

ExtraRoutes DevSignInRoutes(const std::string& app_jwt_secret) {
  auto secret = std::make_shared<const std::string>(app_jwt_secret);
  return [secret](const RestRequest& req) -> std::optional<RestResponse> {
    if (req.path == "/dev/users") {
      if (req.method == "GET" || req.method == "HEAD") return Users();
    } else if (req.path == "/dev/sign-in") {
      if (req.method == "POST") return SignIn(req, *secret);
    } else {
      return std::nullopt;
    }
    RestResponse r = RestErrorResponse(
        Status(StatusCode::kUnimplemented, "method " + req.method + " not allowed on " + req.path)
            .WithReason("method_not_allowed")
            .WithHttpStatus(405));
    r.headers.emplace_back("Allow", req.path == "/dev/users" ? "GET, HEAD" : "POST");
    return r;
  };
}

}  // namespace lks::cli
