// Study-group service: Service owns an lks_service (thread-safe in the C library) made over a
// native Store's lks_store (shared: either may be freed first). Each method is one C call on
// libuv's pool, since a call may reach LiveKit and the database:
//  - the typed calls (lks_service_<operation>) resolve with the JSON the REST API answers as
//    `data` and reject with the LkStudyError of lks_error_last() (status, reason, HTTP status);
//  - handle() serves one REST request (lks_service_handle_rest) and resolves with the response.
// lib/StudyGroups.js gives them their JS shapes. mintAppToken() signs a host app's user token.
#include <string>
#include <vector>

#include "addon.h"
#include "async_call.h"

namespace lksnode {
namespace {

struct ServiceOptionsDeleter {
  void operator()(lks_service_options* o) const { lks_service_options_free(o); }
};
struct PrincipalDeleter {
  void operator()(lks_principal* p) const { lks_principal_free(p); }
};
using PrincipalPtr = std::shared_ptr<lks_principal>;
struct RequestDeleter {
  void operator()(lks_rest_request* r) const { lks_rest_request_free(r); }
};
struct ResponseDeleter {
  void operator()(lks_rest_response* r) const { lks_rest_response_free(r); }
};

using PrincipalSetter = lks_status (*)(lks_principal*, const char*, size_t);

// An lks_principal from a JS user {userId, email?, name?, role?} (lib/StudyGroups.js has checked
// the types and made userId a string).
PrincipalPtr NewPrincipal(Napi::Env env, const Napi::Value& v) {
  if (!v.IsObject()) ThrowInvalidArgument(env, "user: must be an object with userId");
  Napi::Object user = v.As<Napi::Object>();
  lks_principal* raw = nullptr;
  Check(env, lks_principal_new(&raw));
  PrincipalPtr who(raw, PrincipalDeleter());
  const struct {
    const char* key;
    const char* field;
    PrincipalSetter set;
  } kFields[] = {
      {"userId", "user.userId", lks_principal_set_user_id},
      {"email", "user.email", lks_principal_set_email},
      {"name", "user.name", lks_principal_set_name},
      {"role", "user.role", lks_principal_set_role},
  };
  for (const auto& f : kFields) {
    Utf8Arg s(env, user.Get(f.key), f.field, /*optional=*/true);
    if (s.present()) Check(env, f.set(raw, s.data(), s.size()));
  }
  return who;
}

std::string Copy(Napi::Env env, const Napi::Value& v, const char* field) {
  Utf8Arg s(env, v, field);
  return std::string(s.data(), s.size());
}

class Service : public Napi::ObjectWrap<Service> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Service",
                       {
                           InstanceMethod<&Service::Handle>("handle"),
                           InstanceMethod<&Service::CreateGroup>("createGroup"),
                           InstanceMethod<&Service::GetGroup>("getGroup"),
                           InstanceMethod<&Service::ListGroups>("listGroups"),
                           InstanceMethod<&Service::JoinGroup>("joinGroup"),
                           InstanceMethod<&Service::LeaveGroup>("leaveGroup"),
                           InstanceMethod<&Service::ListMembers>("listMembers"),
                           InstanceMethod<&Service::GetUsage>("getUsage"),
                           InstanceMethod<&Service::StartRecording>("startRecording"),
                           InstanceMethod<&Service::StopRecording>("stopRecording"),
                           InstanceMethod<&Service::ListRecordings>("listRecordings"),
                           InstanceMethod<&Service::OpenBreakouts>("openBreakouts"),
                           InstanceMethod<&Service::GetBreakouts>("getBreakouts"),
                           InstanceMethod<&Service::CloseBreakouts>("closeBreakouts"),
                           InstanceMethod<&Service::IssueToken>("issueToken"),
                           InstanceMethod<&Service::ListKnocks>("listKnocks"),
                           InstanceMethod<&Service::AdmitKnock>("admitKnock"),
                           InstanceMethod<&Service::DenyKnock>("denyKnock"),
                           InstanceMethod<&Service::LockGroup>("lockGroup"),
                           InstanceMethod<&Service::UnlockGroup>("unlockGroup"),
                           InstanceMethod<&Service::CreateRoom>("createRoom"),
                           InstanceMethod<&Service::ListRooms>("listRooms"),
                           InstanceMethod<&Service::GetRoom>("getRoom"),
                           InstanceMethod<&Service::DeleteRoom>("deleteRoom"),
                           InstanceMethod<&Service::RemoveParticipant>("removeParticipant"),
                           InstanceMethod<&Service::MuteTrack>("muteTrack"),
                           InstanceMethod<&Service::LiveKitStatus>("liveKitStatus"),
                           InstanceMethod<&Service::ReceiveWebhook>("receiveWebhook"),
                           InstanceMethod<&Service::Reconcile>("reconcile"),
                           InstanceMethod<&Service::Close>("close"),
                       });
  }

  // new Service(store: Store, options: {livekitUrl, apiKey, apiSecret, appJwtSecret,
  //             costPerParticipantMinute, tokenTtlSeconds, moderatorsGetRoomAdmin,
  //             liveRoomCacheSeconds, publicUrl, e2eeMasterSecret}); absent options keep the
  //             library's defaults.
  explicit Service(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Service>(info) {
    Napi::Env env = info.Env();
    lks_store* store = StoreHandle(env, info[0], "store");
    if (!info[1].IsObject()) ThrowInvalidArgument(env, "options: must be an object");
    Napi::Object o = info[1].As<Napi::Object>();
    lks_service_options* raw = nullptr;
    Check(env, lks_service_options_new(&raw));
    std::unique_ptr<lks_service_options, ServiceOptionsDeleter> opts(raw);
    SetString(env, o, "livekitUrl", raw, lks_service_options_set_livekit_url);
    SetString(env, o, "apiKey", raw, lks_service_options_set_api_key);
    SetString(env, o, "apiSecret", raw, lks_service_options_set_api_secret);
    SetString(env, o, "appJwtSecret", raw, lks_service_options_set_app_jwt_secret);
    SetString(env, o, "publicUrl", raw, lks_service_options_set_public_url);
    SetString(env, o, "e2eeMasterSecret", raw, lks_service_options_set_e2ee_master_secret);
    if (Napi::Value v = o.Get("costPerParticipantMinute"); !v.IsUndefined()) {
      if (!v.IsNumber()) ThrowInvalidArgument(env, "costPerParticipantMinute: must be a number");
      Check(env, lks_service_options_set_cost_per_participant_minute(
                     raw, v.As<Napi::Number>().DoubleValue()));
    }
    if (Napi::Value v = o.Get("tokenTtlSeconds"); !v.IsUndefined()) {
      Check(env, lks_service_options_set_token_ttl_seconds(raw, Int64Arg(env, v, "tokenTtl")));
    }
    if (Napi::Value v = o.Get("liveRoomCacheSeconds"); !v.IsUndefined()) {
      Check(env, lks_service_options_set_live_room_cache_seconds(
                     raw, Int64Arg(env, v, "liveRoomCacheSeconds")));
    }
    if (Napi::Value v = o.Get("moderatorsGetRoomAdmin"); !v.IsUndefined()) {
      Check(env,
            lks_service_options_set_moderators_get_room_admin(raw, v.ToBoolean().Value() ? 1 : 0));
    }
    Check(env, lks_service_new(&service_, store, raw));
  }
  ~Service() override { lks_service_free(service_); }

 private:
  using StringSetter = lks_status (*)(lks_service_options*, const char*, size_t);

  static void SetString(Napi::Env env, const Napi::Object& o, const char* key,
                        lks_service_options* opts, StringSetter set) {
    Utf8Arg value(env, o.Get(key), key, /*optional=*/true);
    if (value.present()) Check(env, set(opts, value.data(), value.size()));
  }

  const lks_service* Open(Napi::Env env) const {
    if (service_ == nullptr) {
      throw MakeError(env, ErrorDetail{LKS_FAILED_PRECONDITION, "service: closed", "", 409});
    }
    return service_;
  }

  // One typed call: `call(out, service)` runs on the pool; resolves with the JSON text.
  template <typename F>
  Napi::Value Run(Napi::Env env, const char* name, F&& call) {
    const lks_service* service = Open(env);
    return AsyncCall::Start(
        env, Value(), name, AsyncCall::Result::kString,
        [service, call = std::forward<F>(call)](lks_buf* out) { return call(out, service); });
  }

  // --- Typed calls; `user` is lib/StudyGroups.js's {userId, email, name, role} ---

  // createGroup(user, requestJson)
  Napi::Value CreateGroup(const Napi::CallbackInfo& info) {
    PrincipalPtr who = NewPrincipal(info.Env(), info[0]);
    std::string json = Copy(info.Env(), info[1], "group");
    return Run(info.Env(), "lkstudy.createGroup", [who, json](lks_buf* out, const lks_service* s) {
      return lks_service_create_group(out, s, who.get(), json.data(), json.size());
    });
  }

  // An (user, groupId) call.
  using GroupCall = lks_status (*)(lks_buf*, const lks_service*, const lks_principal*, int64_t);
  Napi::Value ByGroup(const Napi::CallbackInfo& info, const char* name, GroupCall fn) {
    PrincipalPtr who = NewPrincipal(info.Env(), info[0]);
    const int64_t id = Int64Arg(info.Env(), info[1], "id");
    return Run(info.Env(), name, [who, id, fn](lks_buf* out, const lks_service* s) {
      return fn(out, s, who.get(), id);
    });
  }
  Napi::Value GetGroup(const Napi::CallbackInfo& info) {
    return ByGroup(info, "lkstudy.getGroup", lks_service_get_group);
  }
  Napi::Value JoinGroup(const Napi::CallbackInfo& info) {
    return ByGroup(info, "lkstudy.joinGroup", lks_service_join_group);
  }
  Napi::Value LeaveGroup(const Napi::CallbackInfo& info) {
    return ByGroup(info, "lkstudy.leaveGroup", lks_service_leave_group);
  }
  Napi::Value ListMembers(const Napi::CallbackInfo& info) {
    return ByGroup(info, "lkstudy.listMembers", lks_service_list_members);
  }
  Napi::Value GetUsage(const Napi::CallbackInfo& info) {
    return ByGroup(info, "lkstudy.getUsage", lks_service_get_usage);
  }
  Napi::Value StartRecording(const Napi::CallbackInfo& info) {
    return ByGroup(info, "lkstudy.startRecording", lks_service_start_recording);
  }
  Napi::Value StopRecording(const Napi::CallbackInfo& info) {
    return ByGroup(info, "lkstudy.stopRecording", lks_service_stop_recording);
  }
  Napi::Value ListRecordings(const Napi::CallbackInfo& info) {
    return ByGroup(info, "lkstudy.listRecordings", lks_service_list_recordings);
  }

  // openBreakouts(user, groupId, requestJson)
  Napi::Value OpenBreakouts(const Napi::CallbackInfo& info) {
    PrincipalPtr who = NewPrincipal(info.Env(), info[0]);
    const int64_t id = Int64Arg(info.Env(), info[1], "id");
    std::string json = Copy(info.Env(), info[2], "request");
    return Run(info.Env(), "lkstudy.openBreakouts",
               [who, id, json](lks_buf* out, const lks_service* s) {
                 return lks_service_open_breakouts(out, s, who.get(), id, json.data(), json.size());
               });
  }
  Napi::Value GetBreakouts(const Napi::CallbackInfo& info) {
    return ByGroup(info, "lkstudy.getBreakouts", lks_service_get_breakouts);
  }
  Napi::Value CloseBreakouts(const Napi::CallbackInfo& info) {
    return ByGroup(info, "lkstudy.closeBreakouts", lks_service_close_breakouts);
  }

  Napi::Value ListKnocks(const Napi::CallbackInfo& info) {
    return ByGroup(info, "lkstudy.listKnocks", lks_service_list_knocks);
  }
  Napi::Value LockGroup(const Napi::CallbackInfo& info) {
    return ByGroup(info, "lkstudy.lockGroup", lks_service_lock_group);
  }
  Napi::Value UnlockGroup(const Napi::CallbackInfo& info) {
    return ByGroup(info, "lkstudy.unlockGroup", lks_service_unlock_group);
  }

  // An (user, groupId, userId) call: admitKnock, denyKnock.
  using KnockCall = lks_status (*)(lks_buf*, const lks_service*, const lks_principal*, int64_t,
                                   const char*, size_t);
  Napi::Value ByKnock(const Napi::CallbackInfo& info, const char* name, KnockCall fn) {
    PrincipalPtr who = NewPrincipal(info.Env(), info[0]);
    const int64_t id = Int64Arg(info.Env(), info[1], "id");
    std::string user = Copy(info.Env(), info[2], "userId");
    return Run(info.Env(), name, [who, id, user, fn](lks_buf* out, const lks_service* s) {
      return fn(out, s, who.get(), id, user.data(), user.size());
    });
  }
  Napi::Value AdmitKnock(const Napi::CallbackInfo& info) {
    return ByKnock(info, "lkstudy.admitKnock", lks_service_admit_knock);
  }
  Napi::Value DenyKnock(const Napi::CallbackInfo& info) {
    return ByKnock(info, "lkstudy.denyKnock", lks_service_deny_knock);
  }

  // listGroups(user, afterId, limit) (limit 0: the default)
  Napi::Value ListGroups(const Napi::CallbackInfo& info) {
    PrincipalPtr who = NewPrincipal(info.Env(), info[0]);
    const int64_t after = Int64Arg(info.Env(), info[1], "after");
    const int64_t limit = Int64Arg(info.Env(), info[2], "limit");
    return Run(info.Env(), "lkstudy.listGroups",
               [who, after, limit](lks_buf* out, const lks_service* s) {
                 return lks_service_list_groups(out, s, who.get(), after, limit);
               });
  }

  // issueToken(user, roomName, participantName)
  Napi::Value IssueToken(const Napi::CallbackInfo& info) {
    PrincipalPtr who = NewPrincipal(info.Env(), info[0]);
    std::string room = Copy(info.Env(), info[1], "roomName");
    std::string name = Copy(info.Env(), info[2], "participantName");
    return Run(info.Env(), "lkstudy.issueToken",
               [who, room, name](lks_buf* out, const lks_service* s) {
                 return lks_service_issue_token(out, s, who.get(), room.data(), room.size(),
                                                name.data(), name.size());
               });
  }

  // createRoom(user, requestJson)
  Napi::Value CreateRoom(const Napi::CallbackInfo& info) {
    PrincipalPtr who = NewPrincipal(info.Env(), info[0]);
    std::string json = Copy(info.Env(), info[1], "room");
    return Run(info.Env(), "lkstudy.createRoom", [who, json](lks_buf* out, const lks_service* s) {
      return lks_service_create_room(out, s, who.get(), json.data(), json.size());
    });
  }

  // listRooms(user)
  Napi::Value ListRooms(const Napi::CallbackInfo& info) {
    PrincipalPtr who = NewPrincipal(info.Env(), info[0]);
    return Run(info.Env(), "lkstudy.listRooms", [who](lks_buf* out, const lks_service* s) {
      return lks_service_list_rooms(out, s, who.get());
    });
  }

  // An (user, roomName) call.
  using RoomCall = lks_status (*)(lks_buf*, const lks_service*, const lks_principal*, const char*,
                                  size_t);
  Napi::Value ByRoom(const Napi::CallbackInfo& info, const char* name, RoomCall fn) {
    PrincipalPtr who = NewPrincipal(info.Env(), info[0]);
    std::string room = Copy(info.Env(), info[1], "roomName");
    return Run(info.Env(), name, [who, room, fn](lks_buf* out, const lks_service* s) {
      return fn(out, s, who.get(), room.data(), room.size());
    });
  }
  Napi::Value GetRoom(const Napi::CallbackInfo& info) {
    return ByRoom(info, "lkstudy.getRoom", lks_service_get_room);
  }
  Napi::Value DeleteRoom(const Napi::CallbackInfo& info) {
    return ByRoom(info, "lkstudy.deleteRoom", lks_service_delete_room);
  }

  // removeParticipant(user, roomName, identity)
  Napi::Value RemoveParticipant(const Napi::CallbackInfo& info) {
    PrincipalPtr who = NewPrincipal(info.Env(), info[0]);
    std::string room = Copy(info.Env(), info[1], "roomName");
    std::string identity = Copy(info.Env(), info[2], "participantIdentity");
    return Run(info.Env(), "lkstudy.removeParticipant",
               [who, room, identity](lks_buf* out, const lks_service* s) {
                 return lks_service_remove_participant(out, s, who.get(), room.data(), room.size(),
                                                       identity.data(), identity.size());
               });
  }

  // muteTrack(user, roomName, identity, trackSid, muted)
  Napi::Value MuteTrack(const Napi::CallbackInfo& info) {
    PrincipalPtr who = NewPrincipal(info.Env(), info[0]);
    std::string room = Copy(info.Env(), info[1], "roomName");
    std::string identity = Copy(info.Env(), info[2], "participantIdentity");
    std::string track = Copy(info.Env(), info[3], "trackSid");
    const int muted = info[4].ToBoolean().Value() ? 1 : 0;
    return Run(info.Env(), "lkstudy.muteTrack",
               [who, room, identity, track, muted](lks_buf* out, const lks_service* s) {
                 return lks_service_mute_track(out, s, who.get(), room.data(), room.size(),
                                               identity.data(), identity.size(), track.data(),
                                               track.size(), muted);
               });
  }

  // liveKitStatus()
  Napi::Value LiveKitStatus(const Napi::CallbackInfo& info) {
    return Run(info.Env(), "lkstudy.liveKitStatus", [](lks_buf* out, const lks_service* s) {
      return lks_service_get_livekit_status(out, s);
    });
  }

  // receiveWebhook(body: string | Uint8Array, authorization: string)
  Napi::Value ReceiveWebhook(const Napi::CallbackInfo& info) {
    BodyArg body(info.Env(), info[0]);
    std::string bytes(body.data(), body.size());
    std::string auth = Copy(info.Env(), info[1], "authHeader");
    return Run(info.Env(), "lkstudy.receiveWebhook",
               [bytes, auth](lks_buf* out, const lks_service* s) {
                 return lks_service_receive_webhook(out, s, bytes.data(), bytes.size(), auth.data(),
                                                    auth.size());
               });
  }

  // reconcile(): one reconciliation pass (lks_service_reconcile), off the JS thread.
  Napi::Value Reconcile(const Napi::CallbackInfo& info) {
    return Run(info.Env(), "lkstudy.reconcile",
               [](lks_buf* out, const lks_service* s) { return lks_service_reconcile(out, s); });
  }

  // handle(method, target, headers: [name, value, ...], body: string | Uint8Array, user?):
  //   Promise<[status: number, headers: [name, value, ...], body: Buffer]>
  Napi::Value Handle(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const lks_service* service = Open(env);
    lks_rest_request* raw_request = nullptr;
    Check(env, lks_rest_request_new(&raw_request));
    std::shared_ptr<lks_rest_request> request(raw_request, RequestDeleter());
    Utf8Arg method(env, info[0], "method");
    Check(env, lks_rest_request_set_method(raw_request, method.data(), method.size()));
    Utf8Arg target(env, info[1], "url");
    Check(env, lks_rest_request_set_target(raw_request, target.data(), target.size()));
    if (!info[2].IsArray()) ThrowInvalidArgument(env, "headers: must be an array");
    Napi::Array headers = info[2].As<Napi::Array>();
    for (uint32_t i = 0; i + 1 < headers.Length(); i += 2) {
      Utf8Arg name(env, headers.Get(i), "headers");
      Utf8Arg value(env, headers.Get(i + 1), "headers");
      Check(env, lks_rest_request_add_header(raw_request, name.data(), name.size(), value.data(),
                                             value.size()));
    }
    BodyArg body(env, info[3]);
    Check(env, lks_rest_request_set_body(raw_request, body.data(), body.size()));
    if (!info[4].IsUndefined() && !info[4].IsNull()) {
      PrincipalPtr who = NewPrincipal(env, info[4]);
      Check(env, lks_rest_request_set_principal(raw_request, who.get()));
    }
    lks_rest_response* raw_response = nullptr;
    Check(env, lks_rest_response_new(&raw_response));
    std::shared_ptr<lks_rest_response> response(raw_response, ResponseDeleter());
    return AsyncCall::Start(
        env, Value(), "lkstudy.serviceHandle",
        [request, response, service] {
          return lks_service_handle_rest(response.get(), service, request.get());
        },
        [response](Napi::Env e) -> Napi::Value {
          const lks_rest_response* r = response.get();
          Napi::Array result = Napi::Array::New(e, 3);
          result.Set(0u, Napi::Number::New(e, static_cast<double>(lks_rest_response_status(r))));
          const int64_t n = lks_rest_response_header_count(r);
          Napi::Array list = Napi::Array::New(e, static_cast<size_t>(2 * n));
          for (int64_t i = 0; i < n; i++) {
            const char *name, *value;
            size_t name_len, value_len;
            Check(e, lks_rest_response_header(&name, &name_len, &value, &value_len, r, i));
            list.Set(static_cast<uint32_t>(2 * i), Napi::String::New(e, name, name_len));
            list.Set(static_cast<uint32_t>(2 * i + 1), Napi::String::New(e, value, value_len));
          }
          result.Set(1u, list);
          size_t len = 0;
          const char* bytes = lks_rest_response_body(r, &len);
          result.Set(2u, Napi::Buffer<char>::Copy(e, bytes, len));
          return result;
        });
  }

  // close(): frees the service now. lib/StudyGroups.js calls it only when no call is in flight.
  void Close(const Napi::CallbackInfo&) {
    lks_service_free(service_);
    service_ = nullptr;
  }

  lks_service* service_ = nullptr;
  HandleCount count_;
};

// mintAppToken(secret, user, ttlSeconds): string
Napi::Value MintAppToken(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Utf8Arg secret(env, info[0], "secret");
  PrincipalPtr who = NewPrincipal(env, info[1]);
  const int64_t ttl = Int64Arg(env, info[2], "ttl");
  lks_buf token = LKS_BUF_INIT;
  Check(env, lks_app_token_mint(&token, secret.data(), secret.size(), who.get(), ttl));
  return TakeAsciiString(env, &token);
}

}  // namespace

void InitService(Napi::Env env, Napi::Object exports) {
  exports.Set("Service", Service::Define(env));
  exports.Set("mintAppToken", Napi::Function::New(env, MintAppToken, "mintAppToken"));
}

}  // namespace lksnode
