// Helpers for driving RestHandler in tests: requests with an app token, JSON bodies parsed back.
#ifndef LKS_TESTS_API_REST_TEST_UTIL_H_
#define LKS_TESTS_API_REST_TEST_UTIL_H_

#include <rapidjson/document.h>

#include <string>

#include "lks/api/app_token.h"
#include "lks/api/rest_handler.h"

namespace lks::testing {

inline constexpr char kAppSecret[] = "test-app-secret";

inline std::string AppToken(const std::string& user, const std::string& role = "") {
  return MintAppToken(kAppSecret, Principal{user, user + "@example.com", "User " + user, role},
                      std::chrono::hours(1))
      .value();
}

inline RestRequest Req(std::string method, std::string path, std::string body = "",
                       std::string token = "") {
  RestRequest r;
  r.method = std::move(method);
  size_t q = path.find('?');
  r.path = path.substr(0, q);
  if (q != std::string::npos) r.query = path.substr(q + 1);
  r.body = std::move(body);
  if (!token.empty()) r.headers.emplace_back("Authorization", "Bearer " + token);
  r.headers.emplace_back("Content-Type", "application/json");
  return r;
}

// A response with its body parsed.
struct Reply {
  int status = 0;
  rapidjson::Document json;
  std::string body;
  const rapidjson::Value& data() const { return json["data"]; }
  std::string error_code() const {
    return json.HasMember("error") ? json["error"]["code"].GetString() : std::string();
  }
};

inline Reply Call(const RestHandler& h, const RestRequest& req) {
  RestResponse resp = h.Handle(req);
  Reply r;
  r.status = resp.status;
  r.body = resp.body;
  r.json.Parse(resp.body.c_str());
  return r;
}

}  // namespace lks::testing

#endif  // LKS_TESTS_API_REST_TEST_UTIL_H_
