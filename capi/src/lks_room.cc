// Room service: options, client, one function per RoomService method.
#include "capi_internal.h"
#include "room_options.h"

#if LKS_WITH_ROOM_SERVICE
#include <rapidjson/document.h>

#include "lks/livekit/room_service_client.h"
#endif

struct lks_room_client {
#if LKS_WITH_ROOM_SERVICE
  std::unique_ptr<lks::RoomServiceClient> client;
#endif
};

using namespace lks::capi;

#if LKS_WITH_ROOM_SERVICE
namespace {

template <typename F>
lks_status SetOption(lks_room_client_options* opts, F&& set) {
  LKS_CAPI_REQUIRE(opts, "opts");
  return Guard([&] {
    set(opts->options);
    return Succeed();
  });
}

}  // namespace

lks::Status lks::capi::ParseStringArray(std::string_view json, const char* field,
                                        std::vector<std::string>* out) {
  out->clear();
  if (json.empty()) return lks::OkStatus();
  rapidjson::Document doc;
  // Iterative: no recursion however deep the input nests (the array is flat when valid).
  doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(json.data(),
                                                                                    json.size());
  if (doc.HasParseError())
    return lks::InvalidArgumentError(std::string(field) + ": not valid JSON");
  if (!doc.IsArray())
    return lks::InvalidArgumentError(std::string(field) + ": expected a JSON array of strings");
  for (const auto& v : doc.GetArray()) {
    if (!v.IsString())
      return lks::InvalidArgumentError(std::string(field) + ": expected a JSON array of strings");
    out->emplace_back(v.GetString(), v.GetStringLength());
  }
  return lks::OkStatus();
}

namespace {

template <typename F>
lks_status CallNoResult(const lks_room_client* client, F&& call) {
  LKS_CAPI_REQUIRE(client, "client");
  return Guard([&] { return Record(call(*client->client)); });
}

// {"<key>":[<raw_json>,...]}; `key` is a literal that needs no escaping, each item's raw_json
// is the server's own JSON of that item.
template <typename T>
std::string ListJson(const char* key, const std::vector<T>& items) {
  std::string out;
  size_t n = 16;
  for (const T& i : items) n += i.raw_json.size() + 1;
  out.reserve(n);
  out.append("{\"").append(key).append("\":[");
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back(',');
    out.append(items[i].raw_json);
  }
  out.append("]}");
  return out;
}

}  // namespace
#endif

extern "C" {

#if LKS_WITH_ROOM_SERVICE

lks_status lks_room_client_options_new(lks_room_client_options** out) {
  LKS_CAPI_REQUIRE(out, "out");
  return Guard([&] {
    *out = new lks_room_client_options();
    return Succeed();
  });
}

void lks_room_client_options_free(lks_room_client_options* opts) {
  if (!opts) return;
  opts->options.api_secret.assign(opts->options.api_secret.size(), '\0');
  delete opts;
}

lks_status lks_room_client_options_set_url(lks_room_client_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks::RoomServiceOptions& x) { x.url.assign(View(s, n)); });
}
lks_status lks_room_client_options_set_api_key(lks_room_client_options* o, const char* s,
                                               size_t n) {
  return SetOption(o, [&](lks::RoomServiceOptions& x) { x.api_key.assign(View(s, n)); });
}
lks_status lks_room_client_options_set_api_secret(lks_room_client_options* o, const char* s,
                                                  size_t n) {
  return SetOption(o, [&](lks::RoomServiceOptions& x) { x.api_secret.assign(View(s, n)); });
}
lks_status lks_room_client_options_set_token(lks_room_client_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks::RoomServiceOptions& x) { x.token.assign(View(s, n)); });
}
lks_status lks_room_client_options_set_timeout_ms(lks_room_client_options* o, int64_t ms) {
  LKS_CAPI_REQUIRE(o, "opts");
  if (ms <= 0) return Fail(LKS_INVALID_ARGUMENT, "timeout_ms: must be positive");
  o->options.timeout = std::chrono::milliseconds(ms);
  return Succeed();
}
lks_status lks_room_client_options_set_max_attempts(lks_room_client_options* o, int64_t n) {
  LKS_CAPI_REQUIRE(o, "opts");
  if (n < 1) return Fail(LKS_INVALID_ARGUMENT, "max_attempts: must be at least 1");
  if (n > INT32_MAX) return Fail(LKS_INVALID_ARGUMENT, "max_attempts: at most 2147483647");
  o->options.retry.max_attempts = static_cast<int>(n);
  return Succeed();
}
lks_status lks_room_client_options_add_fallback_url(lks_room_client_options* o, const char* s,
                                                    size_t n) {
  return SetOption(
      o, [&](lks::RoomServiceOptions& x) { x.retry.fallback_urls.emplace_back(View(s, n)); });
}
lks_status lks_room_client_options_set_region_failover(lks_room_client_options* o,
                                                       lks_region_failover mode) {
  LKS_CAPI_REQUIRE(o, "opts");
  if (mode < LKS_REGION_FAILOVER_AUTO || mode > LKS_REGION_FAILOVER_NEVER) {
    return Fail(LKS_INVALID_ARGUMENT, "region_failover: unknown mode");
  }
  o->options.retry.region_failover = static_cast<lks::RegionFailover>(mode);
  return Succeed();
}
lks_status lks_room_client_options_set_tls_verify(lks_room_client_options* o, int verify) {
  return SetOption(o, [&](lks::RoomServiceOptions& x) { x.http.verify_tls = verify != 0; });
}
lks_status lks_room_client_options_set_ca_file(lks_room_client_options* o, const char* s,
                                               size_t n) {
  return SetOption(o, [&](lks::RoomServiceOptions& x) { x.http.ca_file.assign(View(s, n)); });
}
lks_status lks_room_client_options_set_ca_path(lks_room_client_options* o, const char* s,
                                               size_t n) {
  return SetOption(o, [&](lks::RoomServiceOptions& x) { x.http.ca_path.assign(View(s, n)); });
}
lks_status lks_room_client_options_set_proxy(lks_room_client_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks::RoomServiceOptions& x) { x.http.proxy.assign(View(s, n)); });
}
lks_status lks_room_client_options_add_header(lks_room_client_options* o, const char* k, size_t kn,
                                              const char* v, size_t vn) {
  LKS_CAPI_REQUIRE(o, "opts");
  std::string_view name = View(k, kn), value = View(v, vn);
  if (name.empty() || name.find_first_of(":\r\n") != std::string_view::npos ||
      value.find_first_of("\r\n") != std::string_view::npos) {
    return Fail(LKS_INVALID_ARGUMENT, "header: name must be non-empty without ':' or line breaks");
  }
  return SetOption(o,
                   [&](lks::RoomServiceOptions& x) { x.extra_headers.emplace_back(name, value); });
}

lks_status lks_room_client_new(lks_room_client** out, const lks_room_client_options* opts) {
  LKS_CAPI_REQUIRE(out, "out");
  *out = nullptr;
  LKS_CAPI_REQUIRE(opts, "opts");
  return Guard([&] {
    lks::StatusOr<std::unique_ptr<lks::RoomServiceClient>> c =
        lks::RoomServiceClient::Create(opts->options);
    if (!c.ok()) return Record(c.status());
    auto* h = new lks_room_client();
    h->client = std::move(*c);
    *out = h;
    return Succeed();
  });
}

void lks_room_client_free(lks_room_client* client) { delete client; }

lks_status lks_room_client_create_room(lks_buf* out, const lks_room_client* c, const char* req,
                                       size_t n) {
  return CallToBuf(out, c, [&](const lks::RoomServiceClient& rs) {
    return rs.CallJson("CreateRoom", View(req, n));
  });
}

lks_status lks_room_client_list_rooms(lks_buf* out, const lks_room_client* c,
                                      const char* names_json, size_t n) {
  return CallToBuf(out, c, [&](const lks::RoomServiceClient& rs) -> lks::StatusOr<std::string> {
    std::vector<std::string> names;
    LKS_RETURN_IF_ERROR(ParseStringArray(View(names_json, n), "names_json", &names));
    auto rooms = rs.ListRooms(names);
    if (!rooms.ok()) return rooms.status();
    return ListJson("rooms", *rooms);
  });
}

lks_status lks_room_client_delete_room(const lks_room_client* c, const char* room, size_t n) {
  return CallNoResult(
      c, [&](const lks::RoomServiceClient& rs) { return rs.DeleteRoom(View(room, n)); });
}

lks_status lks_room_client_list_participants(lks_buf* out, const lks_room_client* c,
                                             const char* room, size_t n) {
  return CallToBuf(out, c, [&](const lks::RoomServiceClient& rs) -> lks::StatusOr<std::string> {
    auto list = rs.ListParticipants(View(room, n));
    if (!list.ok()) return list.status();
    return ListJson("participants", *list);
  });
}

lks_status lks_room_client_get_participant(lks_buf* out, const lks_room_client* c, const char* room,
                                           size_t rn, const char* identity, size_t in) {
  return CallToBuf(out, c, [&](const lks::RoomServiceClient& rs) -> lks::StatusOr<std::string> {
    auto p = rs.GetParticipant(View(room, rn), View(identity, in));
    if (!p.ok()) return p.status();
    return std::move(p->raw_json);
  });
}

lks_status lks_room_client_remove_participant(const lks_room_client* c, const char* room, size_t rn,
                                              const char* identity, size_t in) {
  return CallNoResult(c, [&](const lks::RoomServiceClient& rs) {
    return rs.RemoveParticipant(View(room, rn), View(identity, in));
  });
}

lks_status lks_room_client_mute_published_track(lks_buf* out, const lks_room_client* c,
                                                const char* room, size_t rn, const char* identity,
                                                size_t in, const char* sid, size_t sn, int muted) {
  return CallToBuf(out, c, [&](const lks::RoomServiceClient& rs) -> lks::StatusOr<std::string> {
    auto t = rs.MutePublishedTrack(View(room, rn), View(identity, in), View(sid, sn), muted != 0);
    if (!t.ok()) return t.status();
    return t->raw_json.empty() ? std::string("{}") : std::move(t->raw_json);
  });
}

lks_status lks_room_client_update_participant(lks_buf* out, const lks_room_client* c,
                                              const char* req, size_t n) {
  return CallToBuf(out, c, [&](const lks::RoomServiceClient& rs) {
    return rs.CallJson("UpdateParticipant", View(req, n));
  });
}

lks_status lks_room_client_update_subscriptions(const lks_room_client* c, const char* req,
                                                size_t n) {
  return CallNoResult(c, [&](const lks::RoomServiceClient& rs) {
    return rs.CallJson("UpdateSubscriptions", View(req, n)).status();
  });
}

lks_status lks_room_client_send_data(const lks_room_client* c, const char* room, size_t rn,
                                     const void* data, size_t dn, const char* topic, size_t tn,
                                     const char* dests, size_t dsn, int lossy) {
  return CallNoResult(c, [&](const lks::RoomServiceClient& rs) {
    lks::SendDataRequest r;
    r.room.assign(View(room, rn));
    if (data && dn) r.data.assign(static_cast<const char*>(data), dn);
    if (topic) r.topic = std::string(View(topic, tn));
    r.kind = lossy ? lks::DataPacketKind::kLossy : lks::DataPacketKind::kReliable;
    LKS_RETURN_IF_ERROR(
        ParseStringArray(View(dests, dsn), "destinations_json", &r.destination_identities));
    return rs.SendData(r);
  });
}

lks_status lks_room_client_update_room_metadata(lks_buf* out, const lks_room_client* c,
                                                const char* room, size_t rn, const char* md,
                                                size_t mn) {
  return CallToBuf(out, c, [&](const lks::RoomServiceClient& rs) -> lks::StatusOr<std::string> {
    auto r = rs.UpdateRoomMetadata(View(room, rn), View(md, mn));
    if (!r.ok()) return r.status();
    return std::move(r->raw_json);
  });
}

lks_status lks_room_client_forward_participant(const lks_room_client* c, const char* room,
                                               size_t rn, const char* identity, size_t in,
                                               const char* dest, size_t dn) {
  return CallNoResult(c, [&](const lks::RoomServiceClient& rs) {
    return rs.ForwardParticipant(View(room, rn), View(identity, in), View(dest, dn));
  });
}

lks_status lks_room_client_move_participant(const lks_room_client* c, const char* room, size_t rn,
                                            const char* identity, size_t in, const char* dest,
                                            size_t dn) {
  return CallNoResult(c, [&](const lks::RoomServiceClient& rs) {
    return rs.MoveParticipant(View(room, rn), View(identity, in), View(dest, dn));
  });
}

lks_status lks_room_client_perform_rpc(lks_buf* out, const lks_room_client* c, const char* room,
                                       size_t rn, const char* dest, size_t dn, const char* method,
                                       size_t mn, const char* payload, size_t pn,
                                       int64_t timeout_ms) {
  if (timeout_ms < 0 || timeout_ms > UINT32_MAX) {
    return Fail(LKS_INVALID_ARGUMENT, "response_timeout_ms: must be from 0 to 4294967295");
  }
  return CallToBuf(out, c, [&](const lks::RoomServiceClient& rs) {
    lks::PerformRpcRequest r;
    r.room.assign(View(room, rn));
    r.destination_identity.assign(View(dest, dn));
    r.method.assign(View(method, mn));
    r.payload.assign(View(payload, pn));
    r.response_timeout_ms = static_cast<uint32_t>(timeout_ms);
    return rs.PerformRpc(r);
  });
}

lks_status lks_room_client_call_json(lks_buf* out, const lks_room_client* c, const char* method,
                                     size_t mn, const char* req, size_t rn) {
  return CallToBuf(out, c, [&](const lks::RoomServiceClient& rs) {
    return rs.CallJson(View(method, mn), View(req, rn));
  });
}

#else  // !LKS_WITH_ROOM_SERVICE: the same symbols, so the ABI does not depend on build options.

#define LKS_ROOM_UNIMPLEMENTED() \
  return Fail(LKS_UNIMPLEMENTED, \
              "room service: this build has no room service (LKS_WITH_ROOM_SERVICE=OFF)")

lks_status lks_room_client_options_new(lks_room_client_options**) { LKS_ROOM_UNIMPLEMENTED(); }
void lks_room_client_options_free(lks_room_client_options* opts) { delete opts; }
lks_status lks_room_client_options_set_url(lks_room_client_options*, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_options_set_api_key(lks_room_client_options*, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_options_set_api_secret(lks_room_client_options*, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_options_set_token(lks_room_client_options*, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_options_set_timeout_ms(lks_room_client_options*, int64_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_options_set_max_attempts(lks_room_client_options*, int64_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_options_add_fallback_url(lks_room_client_options*, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_options_set_region_failover(lks_room_client_options*,
                                                       lks_region_failover) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_options_set_tls_verify(lks_room_client_options*, int) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_options_set_ca_file(lks_room_client_options*, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_options_set_ca_path(lks_room_client_options*, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_options_set_proxy(lks_room_client_options*, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_options_add_header(lks_room_client_options*, const char*, size_t,
                                              const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_new(lks_room_client** out, const lks_room_client_options*) {
  if (out) *out = nullptr;
  LKS_ROOM_UNIMPLEMENTED();
}
void lks_room_client_free(lks_room_client* client) { delete client; }
lks_status lks_room_client_create_room(lks_buf*, const lks_room_client*, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_list_rooms(lks_buf*, const lks_room_client*, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_delete_room(const lks_room_client*, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_list_participants(lks_buf*, const lks_room_client*, const char*,
                                             size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_get_participant(lks_buf*, const lks_room_client*, const char*, size_t,
                                           const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_remove_participant(const lks_room_client*, const char*, size_t,
                                              const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_mute_published_track(lks_buf*, const lks_room_client*, const char*,
                                                size_t, const char*, size_t, const char*, size_t,
                                                int) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_update_participant(lks_buf*, const lks_room_client*, const char*,
                                              size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_update_subscriptions(const lks_room_client*, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_send_data(const lks_room_client*, const char*, size_t, const void*,
                                     size_t, const char*, size_t, const char*, size_t, int) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_update_room_metadata(lks_buf*, const lks_room_client*, const char*,
                                                size_t, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_forward_participant(const lks_room_client*, const char*, size_t,
                                               const char*, size_t, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_move_participant(const lks_room_client*, const char*, size_t,
                                            const char*, size_t, const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_perform_rpc(lks_buf*, const lks_room_client*, const char*, size_t,
                                       const char*, size_t, const char*, size_t, const char*,
                                       size_t, int64_t) {
  LKS_ROOM_UNIMPLEMENTED();
}
lks_status lks_room_client_call_json(lks_buf*, const lks_room_client*, const char*, size_t,
                                     const char*, size_t) {
  LKS_ROOM_UNIMPLEMENTED();
}

#endif

}  // extern "C"
