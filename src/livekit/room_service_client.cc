#include "lks/livekit/room_service_client.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <unordered_map>

#include "core/json_reader.h"
#include "core/json_writer.h"
#include "livekit/models_json.h"
#include "livekit/twirp_error.h"
#include "lks/core/base64.h"
#include "lks/core/crypto.h"
#include "lks/livekit/access_token.h"

namespace lks {
namespace {

constexpr std::string_view kServicePath = "/twirp/livekit.RoomService/";

// Which grant a method's token carries (design.md §3).
enum class GrantKind { kRoomCreate, kRoomList, kRoomAdmin };

GrantKind GrantFor(std::string_view method) {
  if (method == "CreateRoom" || method == "DeleteRoom") return GrantKind::kRoomCreate;
  if (method == "ListRooms") return GrantKind::kRoomList;
  return GrantKind::kRoomAdmin;
}

Status RequireNonEmpty(std::string_view value, const char* field) {
  if (value.empty()) return InvalidArgumentError(std::string(field) + ": required");
  return OkStatus();
}

Status CheckText(std::string_view value, const char* field, size_t max) {
  if (!internal::IsValidUtf8(value))
    return InvalidArgumentError(std::string(field) + ": not valid UTF-8");
  if (value.size() > max) {
    return InvalidArgumentError(std::string(field) + ": longer than " + std::to_string(max) +
                                " bytes");
  }
  return OkStatus();
}

Status BadResponse(std::string_view method, const Status& why) {
  return InternalError(std::string(method) + ": unexpected answer from the server (" +
                       why.message() + ")")
      .WithReason("bad_response");
}

}  // namespace

struct RoomServiceClient::Impl {
  RoomServiceOptions options;
  std::shared_ptr<HttpClient> http;
  std::unique_ptr<RetryingHttpClient> sender;
  std::unique_ptr<TokenSigner> signer;  // null with a pre-signed token
  const Clock* clock = nullptr;

  struct CachedToken {
    std::string jwt;
    int64_t refresh_at = 0;  // Unix seconds after which a new token is signed
  };
  mutable std::mutex tokens_mu;
  mutable std::unordered_map<std::string, CachedToken> tokens;

  StatusOr<std::string> Token(GrantKind kind, std::string_view room,
                              std::string_view destination_room) const {
    if (!signer) return options.token;
    std::string key;
    key.reserve(room.size() + destination_room.size() + 3);
    key.push_back(static_cast<char>('0' + static_cast<int>(kind)));
    if (kind == GrantKind::kRoomAdmin) key.append(room).push_back('\0');
    key.append(destination_room);
    const int64_t now = clock->NowUnixSeconds();
    {
      std::lock_guard<std::mutex> lock(tokens_mu);
      auto it = tokens.find(key);
      if (it != tokens.end() && now < it->second.refresh_at) return it->second.jwt;
    }
    ClaimGrants grants;
    VideoGrant video;
    switch (kind) {
      case GrantKind::kRoomCreate:
        video.room_create = true;
        break;
      case GrantKind::kRoomList:
        video.room_list = true;
        break;
      case GrantKind::kRoomAdmin:
        video.room_admin = true;
        video.room = std::string(room);
        video.destination_room = std::string(destination_room);
        break;
    }
    grants.video = std::move(video);
    TokenTiming timing;
    timing.ttl = options.token_ttl;
    StatusOr<std::string> jwt = signer->Sign(grants, timing, *clock);
    if (!jwt.ok()) return jwt.status();
    const int64_t ttl = options.token_ttl.count();
    std::lock_guard<std::mutex> lock(tokens_mu);
    if (tokens.size() >= 4096) tokens.clear();  // bound the cache; entries are cheap to re-sign
    tokens[key] = CachedToken{*jwt, now + ttl - std::max<int64_t>(1, ttl / 4)};
    return jwt;
  }

  // One logical call: signs (or reuses) the token, POSTs `body`, maps errors. Returns the body of
  // a 2xx answer.
  StatusOr<std::string> Call(
      std::string_view method, std::string body, std::string_view room,
      std::string_view destination_room = {},
      std::chrono::milliseconds timeout = std::chrono::milliseconds(0)) const {
    StatusOr<std::string> token = Token(GrantFor(method), room, destination_room);
    if (!token.ok()) return token.status().Annotate(method);
    if (timeout.count() <= 0) timeout = options.timeout;
    HttpRequest req;
    req.method = "POST";
    req.body = std::move(body);
    req.timeout = timeout;
    req.headers.reserve(5 + options.extra_headers.size());
    req.headers.emplace_back("Content-Type", "application/json");
    req.headers.emplace_back("Authorization", "Bearer " + *token);
    req.headers.emplace_back("X-Livekit-Request-Id", "REQ_" + RandomHex(12));
    req.headers.emplace_back("X-Twirp-Timeout-Ms", std::to_string(timeout.count()));
    for (const auto& h : options.extra_headers) req.headers.push_back(h);
    std::string path;
    path.reserve(kServicePath.size() + method.size());
    path.append(kServicePath).append(method);
    StatusOr<HttpResponse> resp = sender->Send(path, std::move(req));
    if (!resp.ok()) return resp.status().Annotate(method);
    if (resp->status < 200 || resp->status >= 300) {
      return internal::TwirpErrorToStatus(method, resp->status, resp->body);
    }
    return std::move(resp->body);
  }

  // Parses a 2xx body as a JSON object into `doc`.
  static Status ParseAnswer(std::string_view method, const std::string& body,
                            rapidjson::Document* doc) {
    Status s = internal::ParseJson(body, doc, "body");
    if (!s.ok()) return BadResponse(method, s);
    if (!doc->IsObject())
      return BadResponse(method, InvalidArgumentError("body: expected a JSON object"));
    return OkStatus();
  }
};

RoomServiceClient::RoomServiceClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RoomServiceClient::~RoomServiceClient() = default;

const std::string& RoomServiceClient::url() const noexcept { return impl_->sender->base_url(); }
const HttpClient& RoomServiceClient::http_client() const noexcept { return *impl_->http; }

StatusOr<std::unique_ptr<RoomServiceClient>> RoomServiceClient::Create(RoomServiceOptions options) {
  auto impl = std::make_unique<Impl>();
  if (options.url.empty()) return InvalidArgumentError("url: required");
  if (options.token.empty()) {
    if (options.api_key.empty()) return InvalidArgumentError("api_key: required (or give a token)");
    if (options.api_secret.empty())
      return InvalidArgumentError("api_secret: required (or give a token)");
    impl->signer = std::make_unique<TokenSigner>(options.api_key, options.api_secret);
  }
  if (options.token_ttl.count() <= 0) return InvalidArgumentError("token_ttl: must be positive");
  if (options.timeout.count() <= 0) return InvalidArgumentError("timeout: must be positive");
  impl->http = options.http_client;
  if (!impl->http) {
    HttpClientOptions http = options.http;
    http.timeout = options.timeout;
    StatusOr<std::shared_ptr<HttpClient>> made = HttpClient::Create(http);
    if (!made.ok()) return made.status();
    impl->http = std::move(*made);
  }
  StatusOr<std::unique_ptr<RetryingHttpClient>> sender =
      RetryingHttpClient::Create(impl->http, options.url, options.retry);
  if (!sender.ok()) return sender.status();
  impl->sender = std::move(*sender);
  impl->clock = options.clock ? options.clock : &SystemClock();
  options.api_secret.assign(options.api_secret.size(), '\0');  // only the HMAC state is kept
  options.api_secret.clear();
  impl->options = std::move(options);
  return std::unique_ptr<RoomServiceClient>(new RoomServiceClient(std::move(impl)));
}

StatusOr<Room> RoomServiceClient::CreateRoom(const CreateRoomRequest& r) const {
  LKS_RETURN_IF_ERROR(RequireNonEmpty(r.name, "name"));
  LKS_RETURN_IF_ERROR(CheckText(r.name, "name", kMaxRoomNameBytes));
  LKS_RETURN_IF_ERROR(CheckText(r.metadata, "metadata", kMaxMetadataBytes));
  std::string body;
  internal::JsonWriter w(&body);
  w.BeginObject().Field("name", r.name);
  if (r.empty_timeout) w.Field("emptyTimeout", static_cast<int64_t>(r.empty_timeout));
  if (r.departure_timeout) w.Field("departureTimeout", static_cast<int64_t>(r.departure_timeout));
  if (r.max_participants) w.Field("maxParticipants", static_cast<int64_t>(r.max_participants));
  if (!r.metadata.empty()) w.Field("metadata", r.metadata);
  if (!r.node_id.empty()) w.Field("nodeId", r.node_id);
  if (!r.room_preset.empty()) w.Field("roomPreset", r.room_preset);
  if (r.min_playout_delay) w.Field("minPlayoutDelay", static_cast<int64_t>(r.min_playout_delay));
  if (r.max_playout_delay) w.Field("maxPlayoutDelay", static_cast<int64_t>(r.max_playout_delay));
  if (r.sync_streams) w.Field("syncStreams", true);
  w.EndObject();
  StatusOr<std::string> answer = impl_->Call("CreateRoom", std::move(body), r.name);
  if (!answer.ok()) return answer.status();
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(Impl::ParseAnswer("CreateRoom", *answer, &doc));
  Room room;
  if (Status s = internal::ParseRoom(doc, &room, "room.", false); !s.ok())
    return BadResponse("CreateRoom", s);
  room.raw_json.assign(internal::TrimJson(*answer));
  return room;
}

StatusOr<std::vector<Room>> RoomServiceClient::ListRooms(
    const std::vector<std::string>& names) const {
  std::string body;
  internal::JsonWriter w(&body);
  w.BeginObject();
  if (!names.empty()) {
    w.Key("names").BeginArray();
    for (const std::string& n : names) {
      LKS_RETURN_IF_ERROR(CheckText(n, "names", kMaxRoomNameBytes));
      w.String(n);
    }
    w.EndArray();
  }
  w.EndObject();
  StatusOr<std::string> answer = impl_->Call("ListRooms", std::move(body), {});
  if (!answer.ok()) return answer.status();
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(Impl::ParseAnswer("ListRooms", *answer, &doc));
  std::vector<Room> rooms;
  const internal::JsonValue* list = internal::FindMember(doc, "rooms");
  if (!list || list->IsNull()) return rooms;
  if (!list->IsArray())
    return BadResponse("ListRooms", InvalidArgumentError("rooms: expected an array"));
  rooms.reserve(list->Size());
  // Each room keeps its raw JSON exactly as the server sent it (no re-serializing).
  std::vector<std::string_view> spans;
  const bool have_spans =
      internal::TopLevelArrayElementSpans(*answer, "rooms", &spans) && spans.size() == list->Size();
  size_t i = 0;
  for (const auto& v : list->GetArray()) {
    Room room;
    Status s = internal::ParseRoom(v, &room, "rooms[" + std::to_string(i) + "].", !have_spans);
    if (!s.ok()) return BadResponse("ListRooms", s);
    if (have_spans) room.raw_json.assign(spans[i]);
    ++i;
    rooms.push_back(std::move(room));
  }
  return rooms;
}

namespace {
std::string RoomBody(std::string_view room) {
  std::string body;
  internal::JsonWriter(&body).BeginObject().Field("room", room).EndObject();
  return body;
}
std::string RoomIdentityBody(std::string_view room, std::string_view identity) {
  std::string body;
  internal::JsonWriter(&body)
      .BeginObject()
      .Field("room", room)
      .Field("identity", identity)
      .EndObject();
  return body;
}
Status CheckRoom(std::string_view room) {
  LKS_RETURN_IF_ERROR(RequireNonEmpty(room, "room"));
  return CheckText(room, "room", kMaxRoomNameBytes);
}
Status CheckRoomIdentity(std::string_view room, std::string_view identity) {
  LKS_RETURN_IF_ERROR(CheckRoom(room));
  LKS_RETURN_IF_ERROR(RequireNonEmpty(identity, "identity"));
  return CheckText(identity, "identity", kMaxIdentityBytes);
}
}  // namespace

Status RoomServiceClient::DeleteRoom(std::string_view room) const {
  LKS_RETURN_IF_ERROR(CheckRoom(room));
  return impl_->Call("DeleteRoom", RoomBody(room), room).status();
}

StatusOr<std::vector<ParticipantInfo>> RoomServiceClient::ListParticipants(
    std::string_view room) const {
  LKS_RETURN_IF_ERROR(CheckRoom(room));
  StatusOr<std::string> answer = impl_->Call("ListParticipants", RoomBody(room), room);
  if (!answer.ok()) return answer.status();
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(Impl::ParseAnswer("ListParticipants", *answer, &doc));
  std::vector<ParticipantInfo> out;
  const internal::JsonValue* list = internal::FindMember(doc, "participants");
  if (!list || list->IsNull()) return out;
  if (!list->IsArray())
    return BadResponse("ListParticipants", InvalidArgumentError("participants: expected an array"));
  out.reserve(list->Size());
  std::vector<std::string_view> spans;
  const bool have_spans = internal::TopLevelArrayElementSpans(*answer, "participants", &spans) &&
                          spans.size() == list->Size();
  size_t i = 0;
  for (const auto& v : list->GetArray()) {
    ParticipantInfo p;
    Status s = internal::ParseParticipantInfo(v, &p, "participants[" + std::to_string(i) + "].",
                                              !have_spans);
    if (!s.ok()) return BadResponse("ListParticipants", s);
    if (have_spans) p.raw_json.assign(spans[i]);
    ++i;
    out.push_back(std::move(p));
  }
  return out;
}

namespace {
StatusOr<ParticipantInfo> ParticipantAnswer(std::string_view method,
                                            const StatusOr<std::string>& answer) {
  if (!answer.ok()) return answer.status();
  rapidjson::Document doc;
  Status s = internal::ParseJson(*answer, &doc, "body");
  if (!s.ok()) return BadResponse(method, s);
  ParticipantInfo p;
  s = internal::ParseParticipantInfo(doc, &p, "participant.", false);
  if (!s.ok()) return BadResponse(method, s);
  p.raw_json.assign(internal::TrimJson(*answer));
  return p;
}
}  // namespace

StatusOr<ParticipantInfo> RoomServiceClient::GetParticipant(std::string_view room,
                                                            std::string_view identity) const {
  LKS_RETURN_IF_ERROR(CheckRoomIdentity(room, identity));
  return ParticipantAnswer("GetParticipant",
                           impl_->Call("GetParticipant", RoomIdentityBody(room, identity), room));
}

Status RoomServiceClient::RemoveParticipant(std::string_view room,
                                            std::string_view identity) const {
  LKS_RETURN_IF_ERROR(CheckRoomIdentity(room, identity));
  return impl_->Call("RemoveParticipant", RoomIdentityBody(room, identity), room).status();
}

StatusOr<TrackInfo> RoomServiceClient::MutePublishedTrack(std::string_view room,
                                                          std::string_view identity,
                                                          std::string_view track_sid,
                                                          bool muted) const {
  LKS_RETURN_IF_ERROR(CheckRoomIdentity(room, identity));
  LKS_RETURN_IF_ERROR(RequireNonEmpty(track_sid, "track_sid"));
  std::string body;
  internal::JsonWriter(&body)
      .BeginObject()
      .Field("room", room)
      .Field("identity", identity)
      .Field("trackSid", track_sid)
      .Field("muted", muted)
      .EndObject();
  StatusOr<std::string> answer = impl_->Call("MutePublishedTrack", std::move(body), room);
  if (!answer.ok()) return answer.status();
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(Impl::ParseAnswer("MutePublishedTrack", *answer, &doc));
  TrackInfo track;
  if (const internal::JsonValue* t = internal::FindMember(doc, "track"); t && !t->IsNull()) {
    Status s = internal::ParseTrackInfo(*t, &track, "track.");
    if (!s.ok()) return BadResponse("MutePublishedTrack", s);
  }
  return track;
}

StatusOr<ParticipantInfo> RoomServiceClient::UpdateParticipant(
    const UpdateParticipantRequest& r) const {
  LKS_RETURN_IF_ERROR(CheckRoomIdentity(r.room, r.identity));
  if (r.metadata) LKS_RETURN_IF_ERROR(CheckText(*r.metadata, "metadata", kMaxMetadataBytes));
  if (r.name) LKS_RETURN_IF_ERROR(CheckText(*r.name, "name", kMaxNameBytes));
  size_t attr_bytes = 0;
  for (const auto& [k, v] : r.attributes) {
    if (k.empty()) return InvalidArgumentError("attributes: empty key");
    LKS_RETURN_IF_ERROR(CheckText(k, "attributes", kMaxAttributesBytes));
    LKS_RETURN_IF_ERROR(CheckText(v, "attributes", kMaxAttributesBytes));
    attr_bytes += k.size() + v.size();
  }
  if (attr_bytes > kMaxAttributesBytes) {
    return InvalidArgumentError("attributes: larger than " + std::to_string(kMaxAttributesBytes) +
                                " bytes in total");
  }
  std::string body;
  internal::JsonWriter w(&body);
  w.BeginObject().Field("room", r.room).Field("identity", r.identity);
  if (r.metadata) w.Field("metadata", *r.metadata);
  if (r.name) w.Field("name", *r.name);
  if (r.permission) w.Key("permission").Raw(ParticipantPermissionToJson(*r.permission));
  if (!r.attributes.empty()) {
    w.Key("attributes").BeginObject();
    for (const auto& [k, v] : r.attributes) w.Field(k, v);
    w.EndObject();
  }
  w.EndObject();
  return ParticipantAnswer("UpdateParticipant",
                           impl_->Call("UpdateParticipant", std::move(body), r.room));
}

Status RoomServiceClient::UpdateSubscriptions(std::string_view room, std::string_view identity,
                                              const std::vector<std::string>& track_sids,
                                              bool subscribe) const {
  LKS_RETURN_IF_ERROR(CheckRoomIdentity(room, identity));
  std::string body;
  internal::JsonWriter w(&body);
  w.BeginObject().Field("room", room).Field("identity", identity).Key("trackSids").BeginArray();
  for (const std::string& sid : track_sids) {
    LKS_RETURN_IF_ERROR(CheckText(sid, "track_sids", 256));
    w.String(sid);
  }
  w.EndArray().Field("subscribe", subscribe).EndObject();
  return impl_->Call("UpdateSubscriptions", std::move(body), room).status();
}

Status RoomServiceClient::SendData(const SendDataRequest& r) const {
  LKS_RETURN_IF_ERROR(CheckRoom(r.room));
  if (r.topic) LKS_RETURN_IF_ERROR(CheckText(*r.topic, "topic", 256));
  char nonce[16];
  LKS_RETURN_IF_ERROR(RandomBytes(nonce, sizeof nonce));
  std::string body;
  body.reserve(r.data.size() * 4 / 3 + 128);
  internal::JsonWriter w(&body);
  w.BeginObject().Field("room", r.room).Field("data", Base64Encode(r.data));
  w.Field("kind", r.kind == DataPacketKind::kLossy ? "LOSSY" : "RELIABLE");
  if (!r.destination_identities.empty()) {
    w.Key("destinationIdentities").BeginArray();
    for (const std::string& id : r.destination_identities) {
      LKS_RETURN_IF_ERROR(CheckText(id, "destination_identities", kMaxIdentityBytes));
      w.String(id);
    }
    w.EndArray();
  }
  if (r.topic) w.Field("topic", *r.topic);
  w.Field("nonce", Base64Encode(std::string_view(nonce, sizeof nonce)));
  w.EndObject();
  return impl_->Call("SendData", std::move(body), r.room).status();
}

StatusOr<Room> RoomServiceClient::UpdateRoomMetadata(std::string_view room,
                                                     std::string_view metadata) const {
  LKS_RETURN_IF_ERROR(CheckRoom(room));
  LKS_RETURN_IF_ERROR(CheckText(metadata, "metadata", kMaxMetadataBytes));
  std::string body;
  internal::JsonWriter(&body)
      .BeginObject()
      .Field("room", room)
      .Field("metadata", metadata)
      .EndObject();
  StatusOr<std::string> answer = impl_->Call("UpdateRoomMetadata", std::move(body), room);
  if (!answer.ok()) return answer.status();
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(Impl::ParseAnswer("UpdateRoomMetadata", *answer, &doc));
  Room out;
  if (Status s = internal::ParseRoom(doc, &out, "room.", false); !s.ok())
    return BadResponse("UpdateRoomMetadata", s);
  out.raw_json.assign(internal::TrimJson(*answer));
  return out;
}

namespace {
std::string TransferBody(std::string_view room, std::string_view identity, std::string_view dest) {
  std::string body;
  internal::JsonWriter(&body)
      .BeginObject()
      .Field("room", room)
      .Field("identity", identity)
      .Field("destinationRoom", dest)
      .EndObject();
  return body;
}
}  // namespace

Status RoomServiceClient::ForwardParticipant(std::string_view room, std::string_view identity,
                                             std::string_view destination_room) const {
  LKS_RETURN_IF_ERROR(CheckRoomIdentity(room, identity));
  LKS_RETURN_IF_ERROR(RequireNonEmpty(destination_room, "destination_room"));
  LKS_RETURN_IF_ERROR(CheckText(destination_room, "destination_room", kMaxRoomNameBytes));
  return impl_
      ->Call("ForwardParticipant", TransferBody(room, identity, destination_room), room,
             destination_room)
      .status();
}

Status RoomServiceClient::MoveParticipant(std::string_view room, std::string_view identity,
                                          std::string_view destination_room) const {
  LKS_RETURN_IF_ERROR(CheckRoomIdentity(room, identity));
  LKS_RETURN_IF_ERROR(RequireNonEmpty(destination_room, "destination_room"));
  LKS_RETURN_IF_ERROR(CheckText(destination_room, "destination_room", kMaxRoomNameBytes));
  return impl_
      ->Call("MoveParticipant", TransferBody(room, identity, destination_room), room,
             destination_room)
      .status();
}

StatusOr<std::string> RoomServiceClient::PerformRpc(const PerformRpcRequest& r) const {
  LKS_RETURN_IF_ERROR(CheckRoom(r.room));
  LKS_RETURN_IF_ERROR(RequireNonEmpty(r.destination_identity, "destination_identity"));
  LKS_RETURN_IF_ERROR(RequireNonEmpty(r.method, "method"));
  LKS_RETURN_IF_ERROR(CheckText(r.method, "method", 256));
  LKS_RETURN_IF_ERROR(CheckText(r.payload, "payload", 15 * 1024));
  std::string body;
  internal::JsonWriter w(&body);
  w.BeginObject()
      .Field("room", r.room)
      .Field("destinationIdentity", r.destination_identity)
      .Field("method", r.method)
      .Field("payload", r.payload);
  if (r.response_timeout_ms)
    w.Field("responseTimeoutMs", static_cast<int64_t>(r.response_timeout_ms));
  w.EndObject();
  // The server waits for the participant's answer: give the attempt that long and a margin.
  auto timeout = impl_->options.timeout;
  auto wait = std::chrono::milliseconds(r.response_timeout_ms ? r.response_timeout_ms : 15000) +
              std::chrono::milliseconds(2000);
  timeout = std::max(timeout, wait);
  StatusOr<std::string> answer = impl_->Call("PerformRpc", std::move(body), r.room, {}, timeout);
  if (!answer.ok()) return answer.status();
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(Impl::ParseAnswer("PerformRpc", *answer, &doc));
  std::string payload;
  if (Status s = internal::ReadString(doc, "payload", &payload); !s.ok())
    return BadResponse("PerformRpc", s);
  return payload;
}

StatusOr<std::string> RoomServiceClient::CallJson(std::string_view method,
                                                  std::string_view request_json) const {
  LKS_RETURN_IF_ERROR(RequireNonEmpty(method, "method"));
  for (char c : method) {
    if (!std::isalnum(static_cast<unsigned char>(c)))
      return InvalidArgumentError("method: must be a plain name");
  }
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(
      internal::ParseJson(request_json.empty() ? "{}" : request_json, &doc, "request"));
  if (!doc.IsObject()) return InvalidArgumentError("request: expected a JSON object");
  std::string room, dest;
  if (GrantFor(method) == GrantKind::kRoomAdmin) {
    LKS_RETURN_IF_ERROR(internal::ReadString(doc, "room", &room, "request."));
    LKS_RETURN_IF_ERROR(CheckRoom(room).Annotate("request"));
    LKS_RETURN_IF_ERROR(internal::ReadString(doc, "destination_room", &dest, "request."));
    LKS_RETURN_IF_ERROR(internal::ReadString(doc, "destinationRoom", &dest, "request."));
  } else if (method == "CreateRoom") {
    std::string name;
    LKS_RETURN_IF_ERROR(internal::ReadString(doc, "name", &name, "request."));
    LKS_RETURN_IF_ERROR(RequireNonEmpty(name, "request.name"));
  }
  return impl_->Call(method, std::string(request_json.empty() ? "{}" : request_json), room, dest);
}

}  // namespace lks
