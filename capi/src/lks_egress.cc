// Egress and agent dispatch clients: made from room client options; requests and answers as
// protojson text (lists as {"<key>":[raw,...]}).
#include "capi_internal.h"
#include "room_options.h"

#if LKS_WITH_ROOM_SERVICE
#include "lks/livekit/agent_dispatch_client.h"
#include "lks/livekit/egress_client.h"
#endif

struct lks_egress_client {
#if LKS_WITH_ROOM_SERVICE
  std::unique_ptr<lks::EgressClient> client;
#endif
};

struct lks_agent_dispatch_client {
#if LKS_WITH_ROOM_SERVICE
  std::unique_ptr<lks::AgentDispatchClient> client;
#endif
};

using namespace lks::capi;

#if LKS_WITH_ROOM_SERVICE
namespace {

// Creates a handle H holding a client C made from `opts`.
template <typename H, typename C>
lks_status NewClient(H** out, const lks_room_client_options* opts) {
  LKS_CAPI_REQUIRE(out, "out");
  *out = nullptr;
  LKS_CAPI_REQUIRE(opts, "opts");
  return Guard([&] {
    lks::StatusOr<std::unique_ptr<C>> c = C::Create(opts->options);
    if (!c.ok()) return Record(c.status());
    auto* h = new H();
    h->client = std::move(*c);
    *out = h;
    return Succeed();
  });
}

template <typename T>
lks::StatusOr<std::string> Raw(const lks::StatusOr<T>& v) {
  if (!v.ok()) return v.status();
  return v->raw_json;
}

template <typename T>
lks::StatusOr<std::string> ListJson(const char* key, const lks::StatusOr<std::vector<T>>& items) {
  if (!items.ok()) return items.status();
  std::string out;
  out.append("{\"").append(key).append("\":[");
  for (size_t i = 0; i < items->size(); ++i) {
    if (i) out.push_back(',');
    out.append((*items)[i].raw_json);
  }
  out.append("]}");
  return out;
}

lks_status Start(lks_buf* out, const lks_egress_client* c, const char* method, const char* req,
                 size_t n) {
  return CallToBuf(out, c,
                   [&](const lks::EgressClient& e) { return e.CallJson(method, View(req, n)); });
}

}  // namespace
#endif

extern "C" {

#if LKS_WITH_ROOM_SERVICE

lks_status lks_egress_client_new(lks_egress_client** out, const lks_room_client_options* opts) {
  return NewClient<lks_egress_client, lks::EgressClient>(out, opts);
}
void lks_egress_client_free(lks_egress_client* client) { delete client; }

lks_status lks_egress_client_start_room_composite(lks_buf* out, const lks_egress_client* c,
                                                  const char* req, size_t n) {
  return Start(out, c, "StartRoomCompositeEgress", req, n);
}
lks_status lks_egress_client_start_participant(lks_buf* out, const lks_egress_client* c,
                                               const char* req, size_t n) {
  return Start(out, c, "StartParticipantEgress", req, n);
}
lks_status lks_egress_client_start_track(lks_buf* out, const lks_egress_client* c, const char* req,
                                         size_t n) {
  return Start(out, c, "StartTrackEgress", req, n);
}
lks_status lks_egress_client_start_track_composite(lks_buf* out, const lks_egress_client* c,
                                                   const char* req, size_t n) {
  return Start(out, c, "StartTrackCompositeEgress", req, n);
}
lks_status lks_egress_client_start_web(lks_buf* out, const lks_egress_client* c, const char* req,
                                       size_t n) {
  return Start(out, c, "StartWebEgress", req, n);
}
lks_status lks_egress_client_update_layout(lks_buf* out, const lks_egress_client* c, const char* id,
                                           size_t id_len, const char* layout, size_t layout_len) {
  return CallToBuf(out, c, [&](const lks::EgressClient& e) {
    return Raw(e.UpdateLayout(View(id, id_len), View(layout, layout_len)));
  });
}
lks_status lks_egress_client_update_stream(lks_buf* out, const lks_egress_client* c, const char* id,
                                           size_t id_len, const char* add, size_t add_len,
                                           const char* remove, size_t remove_len) {
  return CallToBuf(out, c, [&](const lks::EgressClient& e) -> lks::StatusOr<std::string> {
    std::vector<std::string> a, r;
    LKS_RETURN_IF_ERROR(ParseStringArray(View(add, add_len), "add_urls_json", &a));
    LKS_RETURN_IF_ERROR(ParseStringArray(View(remove, remove_len), "remove_urls_json", &r));
    return Raw(e.UpdateStream(View(id, id_len), a, r));
  });
}
lks_status lks_egress_client_list(lks_buf* out, const lks_egress_client* c, const char* room,
                                  size_t room_len, int active) {
  return CallToBuf(out, c, [&](const lks::EgressClient& e) {
    lks::ListEgressRequest r;
    r.room_name.assign(View(room, room_len));
    r.active = active != 0;
    return ListJson("items", e.ListEgress(r));
  });
}
lks_status lks_egress_client_stop(lks_buf* out, const lks_egress_client* c, const char* id,
                                  size_t id_len) {
  return CallToBuf(out, c,
                   [&](const lks::EgressClient& e) { return Raw(e.StopEgress(View(id, id_len))); });
}
lks_status lks_egress_client_call_json(lks_buf* out, const lks_egress_client* c, const char* m,
                                       size_t m_len, const char* req, size_t n) {
  return CallToBuf(
      out, c, [&](const lks::EgressClient& e) { return e.CallJson(View(m, m_len), View(req, n)); });
}

lks_status lks_agent_dispatch_client_new(lks_agent_dispatch_client** out,
                                         const lks_room_client_options* opts) {
  return NewClient<lks_agent_dispatch_client, lks::AgentDispatchClient>(out, opts);
}
void lks_agent_dispatch_client_free(lks_agent_dispatch_client* client) { delete client; }

lks_status lks_agent_dispatch_client_create(lks_buf* out, const lks_agent_dispatch_client* c,
                                            const char* room, size_t room_len, const char* agent,
                                            size_t agent_len, const char* metadata,
                                            size_t metadata_len) {
  return CallToBuf(out, c, [&](const lks::AgentDispatchClient& d) {
    return Raw(d.CreateDispatch(View(room, room_len), View(agent, agent_len),
                                View(metadata, metadata_len)));
  });
}
lks_status lks_agent_dispatch_client_delete(lks_buf* out, const lks_agent_dispatch_client* c,
                                            const char* room, size_t room_len, const char* id,
                                            size_t id_len) {
  return CallToBuf(out, c, [&](const lks::AgentDispatchClient& d) {
    return Raw(d.DeleteDispatch(View(room, room_len), View(id, id_len)));
  });
}
lks_status lks_agent_dispatch_client_list(lks_buf* out, const lks_agent_dispatch_client* c,
                                          const char* room, size_t room_len, const char* id,
                                          size_t id_len) {
  return CallToBuf(out, c, [&](const lks::AgentDispatchClient& d) {
    return ListJson("agentDispatches", d.ListDispatch(View(room, room_len), View(id, id_len)));
  });
}

#else  // !LKS_WITH_ROOM_SERVICE

#define LKS_EGRESS_UNIMPLEMENTED() \
  return Fail(LKS_UNIMPLEMENTED, "built without the room service (LKS_WITH_ROOM_SERVICE=OFF)")

lks_status lks_egress_client_new(lks_egress_client** out, const lks_room_client_options*) {
  if (out) *out = nullptr;
  LKS_EGRESS_UNIMPLEMENTED();
}
void lks_egress_client_free(lks_egress_client* client) { delete client; }
lks_status lks_egress_client_start_room_composite(lks_buf*, const lks_egress_client*, const char*,
                                                  size_t) {
  LKS_EGRESS_UNIMPLEMENTED();
}
lks_status lks_egress_client_start_participant(lks_buf*, const lks_egress_client*, const char*,
                                               size_t) {
  LKS_EGRESS_UNIMPLEMENTED();
}
lks_status lks_egress_client_start_track(lks_buf*, const lks_egress_client*, const char*, size_t) {
  LKS_EGRESS_UNIMPLEMENTED();
}
lks_status lks_egress_client_start_track_composite(lks_buf*, const lks_egress_client*, const char*,
                                                   size_t) {
  LKS_EGRESS_UNIMPLEMENTED();
}
lks_status lks_egress_client_start_web(lks_buf*, const lks_egress_client*, const char*, size_t) {
  LKS_EGRESS_UNIMPLEMENTED();
}
lks_status lks_egress_client_update_layout(lks_buf*, const lks_egress_client*, const char*, size_t,
                                           const char*, size_t) {
  LKS_EGRESS_UNIMPLEMENTED();
}
lks_status lks_egress_client_update_stream(lks_buf*, const lks_egress_client*, const char*, size_t,
                                           const char*, size_t, const char*, size_t) {
  LKS_EGRESS_UNIMPLEMENTED();
}
lks_status lks_egress_client_list(lks_buf*, const lks_egress_client*, const char*, size_t, int) {
  LKS_EGRESS_UNIMPLEMENTED();
}
lks_status lks_egress_client_stop(lks_buf*, const lks_egress_client*, const char*, size_t) {
  LKS_EGRESS_UNIMPLEMENTED();
}
lks_status lks_egress_client_call_json(lks_buf*, const lks_egress_client*, const char*, size_t,
                                       const char*, size_t) {
  LKS_EGRESS_UNIMPLEMENTED();
}
lks_status lks_agent_dispatch_client_new(lks_agent_dispatch_client** out,
                                         const lks_room_client_options*) {
  if (out) *out = nullptr;
  LKS_EGRESS_UNIMPLEMENTED();
}
void lks_agent_dispatch_client_free(lks_agent_dispatch_client* client) { delete client; }
lks_status lks_agent_dispatch_client_create(lks_buf*, const lks_agent_dispatch_client*, const char*,
                                            size_t, const char*, size_t, const char*, size_t) {
  LKS_EGRESS_UNIMPLEMENTED();
}
lks_status lks_agent_dispatch_client_delete(lks_buf*, const lks_agent_dispatch_client*, const char*,
                                            size_t, const char*, size_t) {
  LKS_EGRESS_UNIMPLEMENTED();
}
lks_status lks_agent_dispatch_client_list(lks_buf*, const lks_agent_dispatch_client*, const char*,
                                          size_t, const char*, size_t) {
  LKS_EGRESS_UNIMPLEMENTED();
}

#endif

}  // extern "C"
