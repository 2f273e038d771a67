// Egress and agent dispatch: EgressClient owns an lks_egress_client, AgentDispatchClient an
// lks_agent_dispatch_client (both thread-safe in the C library); every call runs in an AsyncCall
// on libuv's pool. Requests and results are LiveKit's protojson text; lib/EgressClient.js and
// lib/AgentDispatchClient.js give them livekit-server-sdk's shapes.
#include <string>

#include "addon.h"
#include "async_call.h"

namespace lksnode {
namespace {

std::string Copy(Napi::Env env, const Napi::Value& v, const char* field) {
  Utf8Arg s(env, v, field);
  return std::string(s.data(), s.size());
}

bool Absent(const Napi::Value& v) { return v.IsUndefined() || v.IsNull(); }

using StartFn = lks_status (*)(lks_buf*, const lks_egress_client*, const char*, size_t);

class EgressClient : public Napi::ObjectWrap<EgressClient> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "EgressClient",
                       {
                           InstanceMethod<&EgressClient::RoomComposite>("startRoomComposite"),
                           InstanceMethod<&EgressClient::Participant>("startParticipant"),
                           InstanceMethod<&EgressClient::Track>("startTrack"),
                           InstanceMethod<&EgressClient::TrackComposite>("startTrackComposite"),
                           InstanceMethod<&EgressClient::Web>("startWeb"),
                           InstanceMethod<&EgressClient::UpdateLayout>("updateLayout"),
                           InstanceMethod<&EgressClient::UpdateStream>("updateStream"),
                           InstanceMethod<&EgressClient::List>("list"),
                           InstanceMethod<&EgressClient::Stop>("stop"),
                           InstanceMethod<&EgressClient::CallJson>("callJson"),
                       });
  }

  // new EgressClient(roomClientOptions): see RoomOptionsArg.
  explicit EgressClient(const Napi::CallbackInfo& info) : Napi::ObjectWrap<EgressClient>(info) {
    RoomOptionsPtr opts = RoomOptionsArg(info.Env(), info[0]);
    Check(info.Env(), lks_egress_client_new(&client_, opts.get()));
  }
  ~EgressClient() override { lks_egress_client_free(client_); }

 private:
  using Result = AsyncCall::Result;

  Napi::Value Start(const Napi::CallbackInfo& info, const char* name, AsyncCall::Call call) {
    return AsyncCall::Start(info.Env(), Value(), name, Result::kString, std::move(call));
  }
  // A Start* method: one protojson request in, the EgressInfo JSON out.
  Napi::Value StartWith(const Napi::CallbackInfo& info, const char* name, StartFn fn) {
    std::string req = Copy(info.Env(), info[0], "request");
    const lks_egress_client* c = client_;
    return Start(info, name,
                 [c, req, fn](lks_buf* out) { return fn(out, c, req.data(), req.size()); });
  }
  Napi::Value RoomComposite(const Napi::CallbackInfo& info) {
    return StartWith(info, "lkstudy.startRoomCompositeEgress",
                     lks_egress_client_start_room_composite);
  }
  Napi::Value Participant(const Napi::CallbackInfo& info) {
    return StartWith(info, "lkstudy.startParticipantEgress", lks_egress_client_start_participant);
  }
  Napi::Value Track(const Napi::CallbackInfo& info) {
    return StartWith(info, "lkstudy.startTrackEgress", lks_egress_client_start_track);
  }
  Napi::Value TrackComposite(const Napi::CallbackInfo& info) {
    return StartWith(info, "lkstudy.startTrackCompositeEgress",
                     lks_egress_client_start_track_composite);
  }
  Napi::Value Web(const Napi::CallbackInfo& info) {
    return StartWith(info, "lkstudy.startWebEgress", lks_egress_client_start_web);
  }
  Napi::Value UpdateLayout(const Napi::CallbackInfo& info) {
    std::string id = Copy(info.Env(), info[0], "egressId");
    std::string layout = Copy(info.Env(), info[1], "layout");
    const lks_egress_client* c = client_;
    return Start(info, "lkstudy.updateLayout", [c, id, layout](lks_buf* out) {
      return lks_egress_client_update_layout(out, c, id.data(), id.size(), layout.data(),
                                             layout.size());
    });
  }
  // updateStream(egressId, addUrlsJson?, removeUrlsJson?)
  Napi::Value UpdateStream(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    std::string id = Copy(env, info[0], "egressId");
    bool has_add = !Absent(info[1]);
    bool has_remove = !Absent(info[2]);
    std::string add = has_add ? Copy(env, info[1], "addOutputUrls") : std::string();
    std::string remove = has_remove ? Copy(env, info[2], "removeOutputUrls") : std::string();
    const lks_egress_client* c = client_;
    return Start(info, "lkstudy.updateStream",
                 [c, id, add, remove, has_add, has_remove](lks_buf* out) {
                   return lks_egress_client_update_stream(
                       out, c, id.data(), id.size(), has_add ? add.data() : nullptr, add.size(),
                       has_remove ? remove.data() : nullptr, remove.size());
                 });
  }
  // list(room?, active): {"items":[EgressInfo,...]}
  Napi::Value List(const Napi::CallbackInfo& info) {
    bool all = Absent(info[0]);
    std::string room = all ? std::string() : Copy(info.Env(), info[0], "roomName");
    int active = info[1].ToBoolean() ? 1 : 0;
    const lks_egress_client* c = client_;
    return Start(info, "lkstudy.listEgress", [c, room, all, active](lks_buf* out) {
      return lks_egress_client_list(out, c, all ? nullptr : room.data(), room.size(), active);
    });
  }
  Napi::Value Stop(const Napi::CallbackInfo& info) {
    std::string id = Copy(info.Env(), info[0], "egressId");
    const lks_egress_client* c = client_;
    return Start(info, "lkstudy.stopEgress", [c, id](lks_buf* out) {
      return lks_egress_client_stop(out, c, id.data(), id.size());
    });
  }
  Napi::Value CallJson(const Napi::CallbackInfo& info) {
    std::string method = Copy(info.Env(), info[0], "method");
    std::string req = Copy(info.Env(), info[1], "request");
    const lks_egress_client* c = client_;
    return Start(info, "lkstudy.egressCallJson", [c, method, req](lks_buf* out) {
      return lks_egress_client_call_json(out, c, method.data(), method.size(), req.data(),
                                         req.size());
    });
  }

  lks_egress_client* client_ = nullptr;
  HandleCount count_;
};

class AgentDispatchClient : public Napi::ObjectWrap<AgentDispatchClient> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "AgentDispatchClient",
                       {
                           InstanceMethod<&AgentDispatchClient::Create>("create"),
                           InstanceMethod<&AgentDispatchClient::Delete>("delete"),
                           InstanceMethod<&AgentDispatchClient::List>("list"),
                       });
  }

  // new AgentDispatchClient(roomClientOptions): see RoomOptionsArg.
  explicit AgentDispatchClient(const Napi::CallbackInfo& info)
      : Napi::ObjectWrap<AgentDispatchClient>(info) {
    RoomOptionsPtr opts = RoomOptionsArg(info.Env(), info[0]);
    Check(info.Env(), lks_agent_dispatch_client_new(&client_, opts.get()));
  }
  ~AgentDispatchClient() override { lks_agent_dispatch_client_free(client_); }

 private:
  using Result = AsyncCall::Result;

  Napi::Value Start(const Napi::CallbackInfo& info, const char* name, AsyncCall::Call call) {
    return AsyncCall::Start(info.Env(), Value(), name, Result::kString, std::move(call));
  }
  // create(room, agentName, metadata?)
  Napi::Value Create(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    std::string room = Copy(env, info[0], "roomName");
    std::string agent = Copy(env, info[1], "agentName");
    bool has_meta = !Absent(info[2]);
    std::string meta = has_meta ? Copy(env, info[2], "metadata") : std::string();
    const lks_agent_dispatch_client* c = client_;
    return Start(info, "lkstudy.createDispatch", [c, room, agent, meta, has_meta](lks_buf* out) {
      return lks_agent_dispatch_client_create(out, c, room.data(), room.size(), agent.data(),
                                              agent.size(), has_meta ? meta.data() : nullptr,
                                              meta.size());
    });
  }
  // delete(room, dispatchId)
  Napi::Value Delete(const Napi::CallbackInfo& info) {
    std::string room = Copy(info.Env(), info[0], "roomName");
    std::string id = Copy(info.Env(), info[1], "dispatchId");
    const lks_agent_dispatch_client* c = client_;
    return Start(info, "lkstudy.deleteDispatch", [c, room, id](lks_buf* out) {
      return lks_agent_dispatch_client_delete(out, c, room.data(), room.size(), id.data(),
                                              id.size());
    });
  }
  // list(room, dispatchId?): {"agentDispatches":[...]}
  Napi::Value List(const Napi::CallbackInfo& info) {
    std::string room = Copy(info.Env(), info[0], "roomName");
    bool has_id = !Absent(info[1]);
    std::string id = has_id ? Copy(info.Env(), info[1], "dispatchId") : std::string();
    const lks_agent_dispatch_client* c = client_;
    return Start(info, "lkstudy.listDispatch", [c, room, id, has_id](lks_buf* out) {
      return lks_agent_dispatch_client_list(out, c, room.data(), room.size(),
                                            has_id ? id.data() : nullptr, id.size());
    });
  }

  lks_agent_dispatch_client* client_ = nullptr;
  HandleCount count_;
};

}  // namespace

void InitEgress(Napi::Env env, Napi::Object exports) {
  exports.Set("EgressClient", EgressClient::Define(env));
  exports.Set("AgentDispatchClient", AgentDispatchClient::Define(env));
}

}  // namespace lksnode
