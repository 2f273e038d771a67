// Fuzz target: the REST API (lks::RestHandler: routing, query strings, headers, JSON bodies, the
// service's validation and policy) on a fresh in-memory SQLite store per input, without LiveKit.
//
// An input is one or more requests separated by a line "~~~":
//   METHOD /path?query
//   Header-Name: value
//   ...
//   <empty line>
//   body
// In header values "@u1", "@u2", "@u3" and "@admin" are replaced by app tokens of those users
// (so the fuzzer gets past authentication and into the policy), and an Authorization value of
// exactly "@webhook" by a valid LiveKit webhook signature over the request's body.
// Properties: no 500 and no crash; every answer is the documented JSON envelope
// ({"success":true,"data"} below 400, {"success":false,"error":{"code","message"}} from 400);
// no answer contains the app secret or the LiveKit secret.
#include <rapidjson/document.h>

#include <memory>
#include <string>

#include "fuzz_util.h"
#include "lks/api/rest_handler.h"
#include "lks/core/clock.h"
#include "lks/livekit/webhook_signer.h"
#include "lks/store/open_store.h"

namespace {

constexpr char kAppSecret[] = "fuzz-app-secret-abcdefghijklmnopqrstuvwxyz";
constexpr char kApiKey[] = "APIfuzz";
constexpr char kApiSecret[] = "fuzz-livekit-secret-0123456789abcdef";
const lks::ManualClock kClock(1767225600000);  // 2026-01-01

std::string Substitute(std::string value) {
  static const std::pair<std::string, std::string> kTokens[] = {
      {"@u1", *lks::MintAppToken(kAppSecret, {"1", "one@example.com", "One", ""},
                                 std::chrono::hours(24 * 365 * 20), kClock)},
      {"@u2", *lks::MintAppToken(kAppSecret, {"2", "two@example.com", "Two", ""},
                                 std::chrono::hours(24 * 365 * 20), kClock)},
      {"@u3", *lks::MintAppToken(kAppSecret, {"3", "three@example.com", "Three", ""},
                                 std::chrono::hours(24 * 365 * 20), kClock)},
      {"@admin", *lks::MintAppToken(kAppSecret, {"9", "admin@example.com", "Admin", "admin"},
                                    std::chrono::hours(24 * 365 * 20), kClock)},
  };
  for (const auto& [name, token] : kTokens) {
    for (size_t at = value.find(name); at != std::string::npos; at = value.find(name, at)) {
      value.replace(at, name.size(), token);
      at += token.size();
    }
  }
  return value;
}

lks::RestRequest ParseRequest(std::string_view text) {
  lks::RestRequest r;
  std::string_view line = lks::fuzz::TakeUntil(&text, "\n");
  std::string_view method = lks::fuzz::TakeUntil(&line, " ");
  r.method = std::string(method);
  std::string_view target = line;
  std::string_view path = lks::fuzz::TakeUntil(&target, "?");
  r.path = std::string(path);
  r.query = std::string(target);
  while (!text.empty()) {
    std::string_view header = lks::fuzz::TakeUntil(&text, "\n");
    if (header.empty()) break;
    std::string_view name = lks::fuzz::TakeUntil(&header, ": ");
    r.headers.emplace_back(std::string(name), Substitute(std::string(header)));
  }
  r.body = std::string(text);
  for (auto& [name, value] : r.headers) {
    if (lks::HeaderNameEquals(name, "Authorization") && value == "@webhook") {
      static const lks::TokenSigner signer(kApiKey, kApiSecret);
      value = *lks::SignWebhook(signer, r.body, lks::kWebhookTokenTtl, kClock);
    }
  }
  return r;
}

// `input_has_secret`: the fuzzer can copy a secret into a field that is echoed back (a group's
// title); a secret the caller sent is not a leak.
void CheckResponse(const lks::RestResponse& resp, bool input_has_secret) {
  LKS_FUZZ_CHECK(resp.status >= 200 && resp.status <= 599, "an HTTP status");
  LKS_FUZZ_CHECK(resp.status != 500, "no internal error");
  if (!input_has_secret) {
    LKS_FUZZ_CHECK(resp.body.find(kAppSecret) == std::string::npos, "no app secret");
    LKS_FUZZ_CHECK(resp.body.find(kApiSecret) == std::string::npos, "no LiveKit secret");
  }
  rapidjson::Document doc;
  doc.Parse(resp.body.data(), resp.body.size());
  LKS_FUZZ_CHECK(!doc.HasParseError() && doc.IsObject(), "a JSON object");
  LKS_FUZZ_CHECK(doc.HasMember("success") && doc["success"].IsBool(), "a success field");
  const bool success = doc["success"].GetBool();
  LKS_FUZZ_CHECK(success == (resp.status < 400), "success matches the status");
  if (!success) {
    LKS_FUZZ_CHECK(doc.HasMember("error") && doc["error"].IsObject(), "an error object");
    const auto& e = doc["error"];
    LKS_FUZZ_CHECK(e.HasMember("code") && e["code"].IsString() && e["code"].GetStringLength() > 0,
                   "an error code");
    LKS_FUZZ_CHECK(e.HasMember("message") && e["message"].IsString(), "an error message");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;  // the handler's own 1 MiB limit is tested elsewhere
  auto store = lks::OpenStudyGroupStore("sqlite::memory:");
  LKS_FUZZ_CHECK(store.ok(), "an in-memory store opens");
  lks::StudyGroupServiceOptions options;
  options.livekit_url = "ws://127.0.0.1:9";
  options.api_key = kApiKey;
  options.api_secret = kApiSecret;
  options.clock = &kClock;
  auto service = std::make_shared<lks::StudyGroupService>(
      std::shared_ptr<lks::StudyGroupStore>(std::move(*store)), nullptr, options);
  auto app_tokens = std::make_shared<lks::AppTokenVerifier>(kAppSecret);
  app_tokens->set_clock(kClock);
  auto webhooks = std::make_shared<lks::WebhookReceiver>(kApiKey, kApiSecret);
  webhooks->set_clock(kClock);
  lks::RestHandler handler(service, app_tokens, webhooks);

  std::string_view rest = lks::fuzz::AsText(data, size);
  const bool input_has_secret = rest.find(kAppSecret) != std::string_view::npos ||
                                rest.find(kApiSecret) != std::string_view::npos;
  for (int i = 0; i < 16 && !rest.empty(); ++i) {
    std::string_view one = lks::fuzz::TakeUntil(&rest, "\n~~~\n");
    CheckResponse(handler.Handle(ParseRequest(one)), input_has_secret);
  }
  return 0;
}
