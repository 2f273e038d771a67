#include "livekit/twirp_client.h"

#include <algorithm>

#include "livekit/models_json.h"
#include "livekit/twirp_error.h"
#include "lks/core/crypto.h"

namespace lks::internal {

StatusOr<std::unique_ptr<TwirpClient>> TwirpClient::Create(RoomServiceOptions options) {
  std::unique_ptr<TwirpClient> c(new TwirpClient());
  if (options.url.empty()) return InvalidArgumentError("url: required");
  if (options.token.empty()) {
    if (options.api_key.empty()) return InvalidArgumentError("api_key: required (or give a token)");
    if (options.api_secret.empty())
      return InvalidArgumentError("api_secret: required (or give a token)");
    c->signer_ = std::make_unique<TokenSigner>(options.api_key, options.api_secret);
  }
  if (options.token_ttl.count() <= 0) return InvalidArgumentError("token_ttl: must be positive");
  if (options.timeout.count() <= 0) return InvalidArgumentError("timeout: must be positive");
  c->http_ = options.http_client;
  if (!c->http_) {
    HttpClientOptions http = options.http;
    http.timeout = options.timeout;
    StatusOr<std::shared_ptr<HttpClient>> made = HttpClient::Create(http);
    if (!made.ok()) return made.status();
    c->http_ = std::move(*made);
  }
  StatusOr<std::unique_ptr<RetryingHttpClient>> sender =
      RetryingHttpClient::Create(c->http_, options.url, options.retry);
  if (!sender.ok()) return sender.status();
  c->sender_ = std::move(*sender);
  c->clock_ = options.clock ? options.clock : &SystemClock();
  options.api_secret.assign(options.api_secret.size(), '\0');  // only the HMAC state is kept
  options.api_secret.clear();
  c->options_ = std::move(options);
  return c;
}

StatusOr<std::string> TwirpClient::Token(TwirpGrant grant, TwirpScope scope) const {
  if (!signer_) return options_.token;
  std::string key;
  key.reserve(scope.room.size() + scope.destination_room.size() + 3);
  key.push_back(static_cast<char>('0' + static_cast<int>(grant)));
  if (grant == TwirpGrant::kRoomAdmin) key.append(scope.room).push_back('\0');
  key.append(scope.destination_room);
  const int64_t now = clock_->NowUnixSeconds();
  {
    std::lock_guard<std::mutex> lock(tokens_mu_);
    auto it = tokens_.find(key);
    if (it != tokens_.end() && now < it->second.refresh_at) return it->second.jwt;
  }
  ClaimGrants grants;
  VideoGrant video;
  switch (grant) {
    case TwirpGrant::kRoomCreate:
      video.room_create = true;
      break;
    case TwirpGrant::kRoomList:
      video.room_list = true;
      break;
    case TwirpGrant::kRoomRecord:
      video.room_record = true;
      break;
    case TwirpGrant::kRoomAdmin:
      video.room_admin = true;
      video.room = std::string(scope.room);
      video.destination_room = std::string(scope.destination_room);
      break;
  }
  grants.video = std::move(video);
  TokenTiming timing;
  timing.ttl = options_.token_ttl;
  StatusOr<std::string> jwt = signer_->Sign(grants, timing, *clock_);
  if (!jwt.ok()) return jwt.status();
  const int64_t ttl = options_.token_ttl.count();
  std::lock_guard<std::mutex> lock(tokens_mu_);
  if (tokens_.size() >= 4096) tokens_.clear();  // bound the cache; entries are cheap to re-sign
  tokens_[key] = CachedToken{*jwt, now + ttl - std::max<int64_t>(1, ttl / 4)};
  return jwt;
}

StatusOr<std::string> TwirpClient::Call(const TwirpMethod& m, std::string body, TwirpScope scope,
                                        std::chrono::milliseconds timeout) const {
  StatusOr<std::string> token = Token(m.grant, scope);
  if (!token.ok()) return token.status().Annotate(m.name);
  if (timeout.count() <= 0) timeout = options_.timeout;
  HttpRequest req;
  req.method = "POST";
  req.body = std::move(body);
  req.timeout = timeout;
  req.headers.reserve(5 + options_.extra_headers.size());
  req.headers.emplace_back("Content-Type", "application/json");
  req.headers.emplace_back("Authorization", "Bearer " + *token);
  req.headers.emplace_back("X-Livekit-Request-Id", "REQ_" + RandomHex(12));
  req.headers.emplace_back("X-Twirp-Timeout-Ms", std::to_string(timeout.count()));
  for (const auto& h : options_.extra_headers) req.headers.push_back(h);
  std::string path;
  path.reserve(8 + m.service.size() + m.name.size());
  path.append("/twirp/").append(m.service).append("/").append(m.name);
  StatusOr<HttpResponse> resp = sender_->Send(path, std::move(req));
  if (!resp.ok()) return resp.status().Annotate(m.name);
  if (resp->status < 200 || resp->status >= 300) {
    return TwirpErrorToStatus(m.name, resp->status, resp->body);
  }
  return std::move(resp->body);
}

Status BadResponse(std::string_view method, const Status& why) {
  return InternalError(std::string(method) + ": unexpected answer from the server (" +
                       why.message() + ")")
      .WithReason("bad_response");
}

namespace {

// Parses a 2xx body as a JSON object into `doc`.
Status ParseBody(std::string_view method, const std::string& body, rapidjson::Document* doc) {
  Status s = ParseJson(body, doc, "body");
  if (!s.ok()) return BadResponse(method, s);
  if (!doc->IsObject())
    return BadResponse(method, InvalidArgumentError("body: expected a JSON object"));
  return OkStatus();
}

}  // namespace

Status AnswerModel(std::string_view method, const std::string& body, const ModelDesc& desc,
                   std::string_view prefix, void* model) {
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(ParseBody(method, body, &doc));
  Status s = ParseModel(doc, desc, model, prefix, false);
  if (!s.ok()) return BadResponse(method, s);
  if (desc.raw_json) desc.raw_json(model)->assign(TrimJson(body));
  return OkStatus();
}

Status AnswerMember(std::string_view method, const std::string& body, std::string_view key,
                    const ModelDesc& desc, void* model) {
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(ParseBody(method, body, &doc));
  const JsonValue* v = FindMember(doc, key);
  if (!v || v->IsNull()) return OkStatus();
  Status s = ParseModel(*v, desc, model, std::string(key) + ".", true);
  if (!s.ok()) return BadResponse(method, s);
  return OkStatus();
}

Status AnswerList(std::string_view method, const std::string& body, std::string_view key,
                  const ModelDesc& desc, void (*reserve)(void* list, size_t n),
                  void* (*add)(void* list), void* list) {
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(ParseBody(method, body, &doc));
  const JsonValue* v = FindMember(doc, key);
  if (!v || v->IsNull()) return OkStatus();
  if (!v->IsArray()) {
    return BadResponse(method, InvalidArgumentError(std::string(key) + ": expected an array"));
  }
  reserve(list, v->Size());
  // Each element keeps its raw JSON exactly as the server sent it (no re-serializing).
  std::vector<std::string_view> spans;
  const bool have_spans = TopLevelArrayElementSpans(body, key, &spans) && spans.size() == v->Size();
  size_t i = 0;
  for (const JsonValue& e : v->GetArray()) {
    void* model = add(list);
    Status s =
        ParseModel(e, desc, model, std::string(key) + "[" + std::to_string(i) + "].", !have_spans);
    if (!s.ok()) return BadResponse(method, s);
    if (have_spans && desc.raw_json) desc.raw_json(model)->assign(spans[i]);
    ++i;
  }
  return OkStatus();
}

}  // namespace lks::internal
