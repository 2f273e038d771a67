// Room service: RoomOptionsArg (the client options object every LiveKit service client takes)
// and RoomClient, which owns an lks_room_client (thread-safe in the C library) and runs every
// RoomService call in an AsyncCall on libuv's pool. Requests and results are LiveKit's JSON;
// lib/RoomServiceClient.js gives them livekit-server-sdk's shapes.
#include <memory>
#include <string>

#include "addon.h"
#include "async_call.h"

namespace lksnode {
namespace {

std::string Copy(Napi::Env env, const Napi::Value& v, const char* field) {
  Utf8Arg s(env, v, field);
  return std::string(s.data(), s.size());
}

class RoomClient : public Napi::ObjectWrap<RoomClient> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "RoomClient",
                       {
                           InstanceMethod<&RoomClient::CreateRoom>("createRoom"),
                           InstanceMethod<&RoomClient::ListRooms>("listRooms"),
                           InstanceMethod<&RoomClient::DeleteRoom>("deleteRoom"),
                           InstanceMethod<&RoomClient::ListParticipants>("listParticipants"),
                           InstanceMethod<&RoomClient::GetParticipant>("getParticipant"),
                           InstanceMethod<&RoomClient::RemoveParticipant>("removeParticipant"),
                           InstanceMethod<&RoomClient::MutePublishedTrack>("mutePublishedTrack"),
                           InstanceMethod<&RoomClient::UpdateParticipant>("updateParticipant"),
                           InstanceMethod<&RoomClient::UpdateSubscriptions>("updateSubscriptions"),
                           InstanceMethod<&RoomClient::SendData>("sendData"),
                           InstanceMethod<&RoomClient::UpdateRoomMetadata>("updateRoomMetadata"),
                           InstanceMethod<&RoomClient::ForwardParticipant>("forwardParticipant"),
                           InstanceMethod<&RoomClient::MoveParticipant>("moveParticipant"),
                           InstanceMethod<&RoomClient::PerformRpc>("performRpc"),
                           InstanceMethod<&RoomClient::CallJson>("callJson"),
                       });
  }

  // new RoomClient({url, apiKey, apiSecret, token, timeoutMs, maxAttempts, regionFailover,
  //                 fallbackUrls, tlsVerify, caFile, caPath, proxy, headers})
  explicit RoomClient(const Napi::CallbackInfo& info) : Napi::ObjectWrap<RoomClient>(info) {
    RoomOptionsPtr opts = RoomOptionsArg(info.Env(), info[0]);
    Check(info.Env(), lks_room_client_new(&client_, opts.get()));
  }
  ~RoomClient() override { lks_room_client_free(client_); }

 private:
  using Result = AsyncCall::Result;

  Napi::Value Start(const Napi::CallbackInfo& info, const char* name, Result result,
                    AsyncCall::Call call) {
    return AsyncCall::Start(info.Env(), Value(), name, result, std::move(call));
  }

  Napi::Value CreateRoom(const Napi::CallbackInfo& info) {
    std::string req = Copy(info.Env(), info[0], "request");
    const lks_room_client* c = client_;
    return Start(info, "lkstudy.createRoom", Result::kString, [c, req](lks_buf* out) {
      return lks_room_client_create_room(out, c, req.data(), req.size());
    });
  }
  Napi::Value ListRooms(const Napi::CallbackInfo& info) {
    bool all = info[0].IsUndefined() || info[0].IsNull();
    std::string names = all ? std::string() : Copy(info.Env(), info[0], "names");
    const lks_room_client* c = client_;
    return Start(info, "lkstudy.listRooms", Result::kString, [c, names, all](lks_buf* out) {
      return lks_room_client_list_rooms(out, c, all ? nullptr : names.data(), names.size());
    });
  }
  Napi::Value DeleteRoom(const Napi::CallbackInfo& info) {
    std::string room = Copy(info.Env(), info[0], "room");
    const lks_room_client* c = client_;
    return Start(info, "lkstudy.deleteRoom", Result::kUndefined, [c, room](lks_buf*) {
      return lks_room_client_delete_room(c, room.data(), room.size());
    });
  }
  Napi::Value ListParticipants(const Napi::CallbackInfo& info) {
    std::string room = Copy(info.Env(), info[0], "room");
    const lks_room_client* c = client_;
    return Start(info, "lkstudy.listParticipants", Result::kString, [c, room](lks_buf* out) {
      return lks_room_client_list_participants(out, c, room.data(), room.size());
    });
  }
  Napi::Value GetParticipant(const Napi::CallbackInfo& info) {
    std::string room = Copy(info.Env(), info[0], "room");
    std::string identity = Copy(info.Env(), info[1], "identity");
    const lks_room_client* c = client_;
    return Start(info, "lkstudy.getParticipant", Result::kString,
                 [c, room, identity](lks_buf* out) {
                   return lks_room_client_get_participant(out, c, room.data(), room.size(),
                                                          identity.data(), identity.size());
                 });
  }
  Napi::Value RemoveParticipant(const Napi::CallbackInfo& info) {
    std::string room = Copy(info.Env(), info[0], "room");
    std::string identity = Copy(info.Env(), info[1], "identity");
    const lks_room_client* c = client_;
    return Start(info, "lkstudy.removeParticipant", Result::kUndefined,
                 [c, room, identity](lks_buf*) {
                   return lks_room_client_remove_participant(c, room.data(), room.size(),
                                                             identity.data(), identity.size());
                 });
  }
  Napi::Value MutePublishedTrack(const Napi::CallbackInfo& info) {
    std::string room = Copy(info.Env(), info[0], "room");
    std::string identity = Copy(info.Env(), info[1], "identity");
    std::string track = Copy(info.Env(), info[2], "trackSid");
    int muted = info[3].ToBoolean() ? 1 : 0;
    const lks_room_client* c = client_;
    return Start(info, "lkstudy.mutePublishedTrack", Result::kString,
                 [c, room, identity, track, muted](lks_buf* out) {
                   return lks_room_client_mute_published_track(out, c, room.data(), room.size(),
                                                               identity.data(), identity.size(),
                                                               track.data(), track.size(), muted);
                 });
  }
  Napi::Value UpdateParticipant(const Napi::CallbackInfo& info) {
    std::string req = Copy(info.Env(), info[0], "request");
    const lks_room_client* c = client_;
    return Start(info, "lkstudy.updateParticipant", Result::kString, [c, req](lks_buf* out) {
      return lks_room_client_update_participant(out, c, req.data(), req.size());
    });
  }
  Napi::Value UpdateSubscriptions(const Napi::CallbackInfo& info) {
    std::string req = Copy(info.Env(), info[0], "request");
    const lks_room_client* c = client_;
    return Start(info, "lkstudy.updateSubscriptions", Result::kUndefined, [c, req](lks_buf*) {
      return lks_room_client_update_subscriptions(c, req.data(), req.size());
    });
  }
  // sendData(room, data: Uint8Array, topic?: string, destinationsJson?: string, lossy: boolean)
  Napi::Value SendData(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    std::string room = Copy(env, info[0], "room");
    if (!info[1].IsTypedArray()) ThrowInvalidArgument(env, "data: must be a Uint8Array");
    Napi::Uint8Array bytes = info[1].As<Napi::Uint8Array>();
    std::string data(reinterpret_cast<const char*>(bytes.Data()), bytes.ByteLength());
    bool has_topic = !(info[2].IsUndefined() || info[2].IsNull());
    std::string topic = has_topic ? Copy(env, info[2], "topic") : std::string();
    bool has_dest = !(info[3].IsUndefined() || info[3].IsNull());
    std::string dest = has_dest ? Copy(env, info[3], "destinations") : std::string();
    int lossy = info[4].ToBoolean() ? 1 : 0;
    const lks_room_client* c = client_;
    return Start(info, "lkstudy.sendData", Result::kUndefined,
                 [c, room, data, topic, has_topic, dest, has_dest, lossy](lks_buf*) {
                   return lks_room_client_send_data(c, room.data(), room.size(), data.data(),
                                                    data.size(), has_topic ? topic.data() : nullptr,
                                                    topic.size(), has_dest ? dest.data() : nullptr,
                                                    dest.size(), lossy);
                 });
  }
  Napi::Value UpdateRoomMetadata(const Napi::CallbackInfo& info) {
    std::string room = Copy(info.Env(), info[0], "room");
    std::string metadata = Copy(info.Env(), info[1], "metadata");
    const lks_room_client* c = client_;
    return Start(info, "lkstudy.updateRoomMetadata", Result::kString,
                 [c, room, metadata](lks_buf* out) {
                   return lks_room_client_update_room_metadata(out, c, room.data(), room.size(),
                                                               metadata.data(), metadata.size());
                 });
  }
  Napi::Value ForwardParticipant(const Napi::CallbackInfo& info) { return Relocate(info, false); }
  Napi::Value MoveParticipant(const Napi::CallbackInfo& info) { return Relocate(info, true); }
  Napi::Value Relocate(const Napi::CallbackInfo& info, bool move) {
    std::string room = Copy(info.Env(), info[0], "room");
    std::string identity = Copy(info.Env(), info[1], "identity");
    std::string dest = Copy(info.Env(), info[2], "destinationRoom");
    const lks_room_client* c = client_;
    return Start(info, move ? "lkstudy.moveParticipant" : "lkstudy.forwardParticipant",
                 Result::kUndefined, [c, room, identity, dest, move](lks_buf*) {
                   auto fn = move ? lks_room_client_move_participant
                                  : lks_room_client_forward_participant;
                   return fn(c, room.data(), room.size(), identity.data(), identity.size(),
                             dest.data(), dest.size());
                 });
  }
  // performRpc(room, destinationIdentity, method, payload, responseTimeoutMs)
  Napi::Value PerformRpc(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    std::string room = Copy(env, info[0], "room");
    std::string identity = Copy(env, info[1], "destinationIdentity");
    std::string method = Copy(env, info[2], "method");
    std::string payload = Copy(env, info[3], "payload");
    int64_t timeout = info[4].IsUndefined() ? 0 : Int64Arg(env, info[4], "responseTimeout");
    if (timeout < 0 || timeout > UINT32_MAX)
      ThrowInvalidArgument(env, "responseTimeout: out of range");
    const lks_room_client* c = client_;
    auto t = static_cast<uint32_t>(timeout);
    return Start(info, "lkstudy.performRpc", Result::kString,
                 [c, room, identity, method, payload, t](lks_buf* out) {
                   return lks_room_client_perform_rpc(
                       out, c, room.data(), room.size(), identity.data(), identity.size(),
                       method.data(), method.size(), payload.data(), payload.size(), t);
                 });
  }
  Napi::Value CallJson(const Napi::CallbackInfo& info) {
    std::string method = Copy(info.Env(), info[0], "method");
    std::string req = Copy(info.Env(), info[1], "request");
    const lks_room_client* c = client_;
    return Start(info, "lkstudy.callJson", Result::kString, [c, method, req](lks_buf* out) {
      return lks_room_client_call_json(out, c, method.data(), method.size(), req.data(),
                                       req.size());
    });
  }

  lks_room_client* client_ = nullptr;
  HandleCount count_;
};

}  // namespace

RoomOptionsPtr RoomOptionsArg(Napi::Env env, const Napi::Value& arg) {
  if (!arg.IsObject()) ThrowInvalidArgument(env, "options: must be an object");
  Napi::Object o = arg.As<Napi::Object>();
  lks_room_client_options* raw = nullptr;
  Check(env, lks_room_client_options_new(&raw));
  RoomOptionsPtr opts(raw);
  using RoomStringSetter = lks_status (*)(lks_room_client_options*, const char*, size_t);
  auto str = [&](const char* key, RoomStringSetter set) {
    Napi::Value v = o.Get(key);
    if (v.IsUndefined() || v.IsNull()) return;
    Utf8Arg s(env, v, key);
    Check(env, set(raw, s.data(), s.size()));
  };
  str("url", lks_room_client_options_set_url);
  str("apiKey", lks_room_client_options_set_api_key);
  str("apiSecret", lks_room_client_options_set_api_secret);
  str("token", lks_room_client_options_set_token);
  str("caFile", lks_room_client_options_set_ca_file);
  str("caPath", lks_room_client_options_set_ca_path);
  str("proxy", lks_room_client_options_set_proxy);
  if (Napi::Value v = o.Get("timeoutMs"); !v.IsUndefined()) {
    Check(env, lks_room_client_options_set_timeout_ms(raw, Int64Arg(env, v, "timeoutMs")));
  }
  if (Napi::Value v = o.Get("maxAttempts"); !v.IsUndefined()) {
    Check(env, lks_room_client_options_set_max_attempts(
                   raw, static_cast<int>(Int64Arg(env, v, "maxAttempts"))));
  }
  if (Napi::Value v = o.Get("regionFailover"); !v.IsUndefined()) {
    auto mode = static_cast<lks_region_failover>(Int64Arg(env, v, "regionFailover"));
    Check(env, lks_room_client_options_set_region_failover(raw, mode));
  }
  if (Napi::Value v = o.Get("tlsVerify"); !v.IsUndefined()) {
    Check(env, lks_room_client_options_set_tls_verify(raw, v.ToBoolean() ? 1 : 0));
  }
  if (Napi::Value v = o.Get("fallbackUrls"); v.IsArray()) {
    Napi::Array a = v.As<Napi::Array>();
    for (uint32_t i = 0; i < a.Length(); i++) {
      Utf8Arg s(env, a.Get(i), "fallbackUrls");
      Check(env, lks_room_client_options_add_fallback_url(raw, s.data(), s.size()));
    }
  }
  if (Napi::Value v = o.Get("headers"); v.IsObject()) {
    Napi::Object h = v.As<Napi::Object>();
    Napi::Array names = h.GetPropertyNames();
    for (uint32_t i = 0; i < names.Length(); i++) {
      Utf8Arg name(env, names.Get(i), "headers");
      Utf8Arg value(env, h.Get(names.Get(i)), "headers value");
      Check(env, lks_room_client_options_add_header(raw, name.data(), name.size(), value.data(),
                                                    value.size()));
    }
  }
  return opts;
}

void InitRoom(Napi::Env env, Napi::Object exports) {
  exports.Set("RoomClient", RoomClient::Define(env));
}

}  // namespace lksnode
