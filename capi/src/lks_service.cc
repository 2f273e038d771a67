// Study-group service and REST handler through the C ABI.
#if LKS_WITH_ROOM_SERVICE
#include <rapidjson/document.h>

#include "capi_internal.h"
#include "core/json_reader.h"
#include "host_store.h"
#include "lks/api/rest_handler.h"

struct lks_service_options {
  lks::StudyGroupServiceOptions service;
  std::string app_jwt_secret;
};

struct lks_service {
  std::shared_ptr<lks::StudyGroupService> service;
  std::unique_ptr<lks::RestHandler> handler;
};

using namespace lks::capi;

namespace {

template <typename F>
lks_status SetOption(lks_service_options* opts, F&& set) {
  LKS_CAPI_REQUIRE(opts, "opts");
  return Guard([&] { return set(*opts); });
}

// "Name: value\r\n" lines into header pairs (lines without a colon are skipped).
void ParseHeaderLines(std::string_view text,
                      std::vector<std::pair<std::string, std::string>>* out) {
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t colon = line.find(':');
    if (colon != std::string_view::npos && colon > 0) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
      out->emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    if (eol == std::string_view::npos) break;
    text.remove_prefix(eol + 1);
  }
}

lks::Status ParsePrincipal(std::string_view json, lks::Principal* who) {
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(lks::internal::ParseJson(json, &doc, "principal"));
  if (!doc.IsObject()) return lks::InvalidArgumentError("principal: expected a JSON object");
  const lks::internal::JsonValue* id = lks::internal::FindMember(doc, "userId");
  if (id && id->IsUint64()) {
    who->user_id = std::to_string(id->GetUint64());
  } else if (id && id->IsString()) {
    who->user_id.assign(id->GetString(), id->GetStringLength());
  }
  if (who->user_id.empty())
    return lks::InvalidArgumentError("principal.userId: required (a string or an integer)");
  LKS_RETURN_IF_ERROR(lks::internal::ReadString(doc, "email", &who->email, "principal."));
  LKS_RETURN_IF_ERROR(lks::internal::ReadString(doc, "name", &who->name, "principal."));
  LKS_RETURN_IF_ERROR(lks::internal::ReadString(doc, "role", &who->role, "principal."));
  return lks::OkStatus();
}

}  // namespace

extern "C" {

lks_status lks_service_options_new(lks_service_options** out) {
  LKS_CAPI_REQUIRE(out, "out");
  return Guard([&] {
    *out = new lks_service_options();
    return Succeed();
  });
}

void lks_service_options_free(lks_service_options* opts) { delete opts; }

lks_status lks_service_options_set_livekit_url(lks_service_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks_service_options& x) {
    x.service.livekit_url.assign(View(s, n));
    return Succeed();
  });
}
lks_status lks_service_options_set_api_key(lks_service_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks_service_options& x) {
    x.service.api_key.assign(View(s, n));
    return Succeed();
  });
}
lks_status lks_service_options_set_api_secret(lks_service_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks_service_options& x) {
    x.service.api_secret.assign(View(s, n));
    return Succeed();
  });
}
lks_status lks_service_options_set_app_jwt_secret(lks_service_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks_service_options& x) {
    x.app_jwt_secret.assign(View(s, n));
    return Succeed();
  });
}
lks_status lks_service_options_set_cost_per_participant_minute(lks_service_options* o, double usd) {
  return SetOption(o, [&](lks_service_options& x) {
    if (!(usd >= 0))
      return Fail(LKS_INVALID_ARGUMENT, "costPerParticipantMinute: must not be negative");
    x.service.cost_per_participant_minute = usd;
    return Succeed();
  });
}
lks_status lks_service_options_set_token_ttl_seconds(lks_service_options* o, int64_t seconds) {
  return SetOption(o, [&](lks_service_options& x) {
    if (seconds <= 0) return Fail(LKS_INVALID_ARGUMENT, "tokenTtl: must be positive");
    x.service.token_ttl = std::chrono::seconds(seconds);
    return Succeed();
  });
}
lks_status lks_service_options_set_moderators_get_room_admin(lks_service_options* o, int enabled) {
  return SetOption(o, [&](lks_service_options& x) {
    x.service.moderators_get_room_admin = enabled != 0;
    return Succeed();
  });
}

lks_status lks_service_options_set_live_room_cache_seconds(lks_service_options* o,
                                                           int64_t seconds) {
  return SetOption(o, [&](lks_service_options& x) {
    if (seconds < 0)
      return Fail(LKS_INVALID_ARGUMENT, "liveRoomCacheSeconds: must not be negative");
    x.service.live_room_cache_ttl = std::chrono::seconds(seconds);
    return Succeed();
  });
}

lks_status lks_service_new(lks_service** out, lks_store* store, const lks_service_options* opts) {
  LKS_CAPI_REQUIRE(out, "out");
  *out = nullptr;
  LKS_CAPI_REQUIRE(store, "store");
  LKS_CAPI_REQUIRE(opts, "opts");
  return Guard([&] {
    const lks::StudyGroupServiceOptions& so = opts->service;
    std::shared_ptr<const lks::RoomServiceClient> rooms;
    if (!so.livekit_url.empty() && !so.api_key.empty() && !so.api_secret.empty()) {
      lks::RoomServiceOptions ro;
      ro.url = so.livekit_url;
      ro.api_key = so.api_key;
      ro.api_secret = so.api_secret;
      auto client = lks::RoomServiceClient::Create(std::move(ro));
      if (!client.ok()) return Record(client.status().Annotate("livekitUrl"));
      rooms = std::move(*client);
    }
    std::shared_ptr<const lks::WebhookReceiver> webhooks;
    if (!so.api_key.empty() && !so.api_secret.empty()) {
      webhooks = std::make_shared<const lks::WebhookReceiver>(so.api_key, so.api_secret);
    }
    std::shared_ptr<const lks::AppTokenVerifier> app_tokens;
    if (!opts->app_jwt_secret.empty())
      app_tokens = std::make_shared<const lks::AppTokenVerifier>(opts->app_jwt_secret);
    auto handle = std::make_unique<lks_service>();
    handle->service = std::make_shared<lks::StudyGroupService>(store->impl, std::move(rooms), so);
    handle->handler = std::make_unique<lks::RestHandler>(handle->service, std::move(app_tokens),
                                                         std::move(webhooks));
    *out = handle.release();
    return Succeed();
  });
}

void lks_service_free(lks_service* service) { delete service; }

lks_status lks_service_handle_request(int* status, lks_buf* headers, lks_buf* body,
                                      const lks_service* service, const char* method,
                                      size_t method_len, const char* target, size_t target_len,
                                      const char* request_headers, size_t request_headers_len,
                                      const char* request_body, size_t request_body_len,
                                      const char* principal_json, size_t principal_json_len) {
  LKS_CAPI_REQUIRE(status, "status");
  LKS_CAPI_REQUIRE(headers, "headers");
  LKS_CAPI_REQUIRE(body, "body");
  LKS_CAPI_REQUIRE(service, "service");
  return Guard([&] {
    lks::RestRequest req;
    req.method.assign(View(method, method_len));
    std::string_view t = View(target, target_len);
    const size_t q = t.find('?');
    req.path.assign(t.substr(0, q));
    if (q != std::string_view::npos) req.query.assign(t.substr(q + 1));
    ParseHeaderLines(View(request_headers, request_headers_len), &req.headers);
    req.body.assign(View(request_body, request_body_len));
    lks::RestResponse resp;
    if (principal_json) {
      lks::Principal who;
      lks::Status s = ParsePrincipal(View(principal_json, principal_json_len), &who);
      if (!s.ok()) return Record(s);
      resp = service->handler->HandleAs(req, who);
    } else {
      resp = service->handler->Handle(req);
    }
    std::string header_lines;
    for (const auto& [k, v] : resp.headers)
      header_lines.append(k).append(": ").append(v).append("\r\n");
    lks_status st = FillBuf(headers, header_lines);
    if (st == LKS_OK) st = FillBuf(body, resp.body);
    if (st != LKS_OK) return st;
    *status = resp.status;
    return Succeed();
  });
}

lks_status lks_app_token_mint(lks_buf* token, const char* secret, size_t secret_len,
                              const char* principal_json, size_t principal_json_len,
                              int64_t ttl_seconds) {
  LKS_CAPI_REQUIRE(token, "token");
  if (!secret || secret_len == 0) return Fail(LKS_INVALID_ARGUMENT, "secret: empty");
  return Guard([&] {
    lks::Principal who;
    lks::Status s = ParsePrincipal(View(principal_json, principal_json_len), &who);
    if (!s.ok()) return Record(s);
    auto jwt = lks::MintAppToken(View(secret, secret_len), who, std::chrono::seconds(ttl_seconds));
    if (!jwt.ok()) return Record(jwt.status());
    lks_status st = FillBuf(token, *jwt);
    return st == LKS_OK ? Succeed() : st;
  });
}

}  // extern "C"

#else  // !LKS_WITH_ROOM_SERVICE: the same symbols, so the ABI does not depend on build options.

#include "capi_internal.h"

using namespace lks::capi;

#define LKS_SERVICE_UNIMPLEMENTED() \
  return Fail(LKS_UNIMPLEMENTED,    \
              "service: this build has no study-group service (LKS_WITH_ROOM_SERVICE=OFF)")

extern "C" {

lks_status lks_service_options_new(lks_service_options**) { LKS_SERVICE_UNIMPLEMENTED(); }
void lks_service_options_free(lks_service_options*) {}
lks_status lks_service_options_set_livekit_url(lks_service_options*, const char*, size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_options_set_api_key(lks_service_options*, const char*, size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_options_set_api_secret(lks_service_options*, const char*, size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_options_set_app_jwt_secret(lks_service_options*, const char*, size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_options_set_cost_per_participant_minute(lks_service_options*, double) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_options_set_token_ttl_seconds(lks_service_options*, int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_options_set_moderators_get_room_admin(lks_service_options*, int) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_options_set_live_room_cache_seconds(lks_service_options*, int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_new(lks_service** out, lks_store*, const lks_service_options*) {
  if (out) *out = nullptr;
  LKS_SERVICE_UNIMPLEMENTED();
}
void lks_service_free(lks_service*) {}
lks_status lks_service_handle_request(int*, lks_buf*, lks_buf*, const lks_service*, const char*,
                                      size_t, const char*, size_t, const char*, size_t, const char*,
                                      size_t, const char*, size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_app_token_mint(lks_buf*, const char*, size_t, const char*, size_t, int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}

}  // extern "C"

#endif  // LKS_WITH_ROOM_SERVICE
