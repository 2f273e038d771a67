// Helpers for driving RestHandler in tests: requests with an app token, JSON bodies parsed back.
#ifndef LKS_TESTS_API_REST_TEST_UTIL_H_
#define LKS_TESTS_API_REST_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <memory>
#include <string>

#include "lks/api/app_token.h"
#include "lks/api/rest_handler.h"
#include "lks/livekit/room_service_client.h"
#include "lks/livekit/webhook_receiver.h"
#include "lks/store/open_store.h"

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

// Sets *service (over a fresh in-memory SQLite store) and *handler (app tokens of kAppSecret) with
// LiveKit credentials `key`/`secret` and a LiveKit where nothing listens (127.0.0.1:1, one attempt:
// connection refused at once), so a request that passes every check ends in 503 creating the
// room. `so` gives the service's other options (clock, public_url, ...); its LiveKit URL and
// credentials are set here. When `store` is given it receives the service's store (to set up rows
// the REST API cannot). `webhooks` verifies POST /api/livekit/webhook (null: that route answers
// 503). Fails the test (fatally) when the store or client cannot be made.
inline void MakeServiceWithoutLiveKit(std::shared_ptr<StudyGroupService>* service,
                                      std::unique_ptr<RestHandler>* handler, const std::string& key,
                                      const std::string& secret, StudyGroupServiceOptions so = {},
                                      std::shared_ptr<StudyGroupStore>* store = nullptr,
                                      std::shared_ptr<const WebhookReceiver> webhooks = nullptr) {
  auto opened = OpenStudyGroupStore("sqlite::memory:");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  std::shared_ptr<StudyGroupStore> shared(std::move(*opened));
  if (store != nullptr) *store = shared;
  RoomServiceOptions ro;
  ro.url = "http://127.0.0.1:1";
  ro.api_key = key;
  ro.api_secret = secret;
  ro.retry.max_attempts = 1;
  auto rooms = RoomServiceClient::Create(ro);
  ASSERT_TRUE(rooms.ok()) << rooms.status().ToString();
  so.livekit_url = "ws://127.0.0.1:1";
  so.api_key = key;
  so.api_secret = secret;
  *service = std::make_shared<StudyGroupService>(std::move(shared), std::move(*rooms), so);
  *handler = std::make_unique<RestHandler>(
      *service, std::make_shared<const AppTokenVerifier>(kAppSecret), std::move(webhooks));
}

}  // namespace lks::testing

#endif  // LKS_TESTS_API_REST_TEST_UTIL_H_
