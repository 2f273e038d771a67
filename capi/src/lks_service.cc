// Study-group service and REST handler through the C ABI.
#if LKS_WITH_SERVICE
#include "capi_internal.h"
#include "host_store.h"
#include "lks/api/rest_handler.h"
#include "lks/api/study_group_api.h"
#include "rest_handles.h"

struct lks_service_options {
  lks::StudyGroupServiceOptions service;
  std::string app_jwt_secret;
};

struct lks_service {
  std::shared_ptr<const lks::StudyGroupApi> api;
  std::unique_ptr<lks::RestHandler> handler;
};

using namespace lks::capi;

namespace {

template <typename F>
lks_status SetOption(lks_service_options* opts, F&& set) {
  LKS_CAPI_REQUIRE(opts, "opts");
  return Guard([&] { return set(*opts); });
}

// Runs one typed call for `who`: `call(api, principal)` returns StatusOr<std::string>, the JSON
// written into `out`.
template <typename F>
lks_status CallAs(lks_buf* out, const lks_service* service, const lks_principal* who, F&& call) {
  LKS_CAPI_REQUIRE(out, "out");
  LKS_CAPI_REQUIRE(service, "service");
  LKS_CAPI_REQUIRE(who, "who");
  return Guard([&] {
    lks_buf_dispose(out);
    lks::Status s = CheckPrincipal(who->who);
    if (!s.ok()) return Record(s);
    lks::StatusOr<std::string> json = call(*service->api, who->who);
    if (!json.ok()) return Record(json.status());
    lks_status st = FillBuf(out, *json);
    return st == LKS_OK ? Succeed() : st;
  });
}

// The same for calls that need no caller.
template <typename F>
lks_status Call(lks_buf* out, const lks_service* service, F&& call) {
  LKS_CAPI_REQUIRE(out, "out");
  LKS_CAPI_REQUIRE(service, "service");
  return Guard([&] {
    lks_buf_dispose(out);
    lks::StatusOr<std::string> json = call(*service->api);
    if (!json.ok()) return Record(json.status());
    lks_status st = FillBuf(out, *json);
    return st == LKS_OK ? Succeed() : st;
  });
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

lks_status lks_service_options_set_e2ee_master_secret(lks_service_options* o, const char* s,
                                                      size_t n) {
  return SetOption(o, [&](lks_service_options& x) {
    if (n < lks::kMinE2eeMasterSecretBytes)
      return Fail(LKS_INVALID_ARGUMENT, "e2eeMasterSecret: must be at least 32 bytes");
    x.service.e2ee_master_secret.assign(View(s, n));
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

lks_status lks_service_options_set_public_url(lks_service_options* o, const char* s, size_t n) {
  return SetOption(o, [&](lks_service_options& x) {
    const std::string_view url = View(s, n);
    if (!url.empty() && url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
      return Fail(LKS_INVALID_ARGUMENT, "publicUrl: must be an http:// or https:// URL");
    x.service.public_url.assign(url);
    return Succeed();
  });
}

lks_status lks_service_new(lks_service** out, lks_store* store, const lks_service_options* opts) {
  LKS_CAPI_REQUIRE(out, "out");
  *out = nullptr;
  LKS_CAPI_REQUIRE(store, "store");
  LKS_CAPI_REQUIRE(opts, "opts");
  return Guard([&] {
    lks::StudyGroupServiceOptions so = opts->service;
    std::shared_ptr<const lks::RoomServiceClient> rooms;
    if (!so.livekit_url.empty() && !so.api_key.empty() && !so.api_secret.empty()) {
      lks::RoomServiceOptions ro;
      ro.url = so.livekit_url;
      ro.api_key = so.api_key;
      ro.api_secret = so.api_secret;
      // Recording and transcription from the same server and keys (docs/recording.md); one
      // attempt for Egress, whose "no worker" answer takes the server ~20 s.
      lks::RoomServiceOptions eo = ro;
      eo.retry.max_attempts = 1;
      if (auto e = lks::EgressClient::Create(std::move(eo)); e.ok()) so.egress = std::move(*e);
      if (auto a = lks::AgentDispatchClient::Create(ro); a.ok()) so.agent_dispatch = std::move(*a);
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
    handle->api = std::make_shared<const lks::StudyGroupApi>(
        std::make_shared<lks::StudyGroupService>(store->impl, std::move(rooms), so),
        std::move(webhooks));
    handle->handler = std::make_unique<lks::RestHandler>(handle->api, std::move(app_tokens));
    *out = handle.release();
    return Succeed();
  });
}

void lks_service_free(lks_service* service) { delete service; }

lks_status lks_service_handle_rest(lks_rest_response* response, const lks_service* service,
                                   const lks_rest_request* request) {
  LKS_CAPI_REQUIRE(response, "response");
  LKS_CAPI_REQUIRE(service, "service");
  LKS_CAPI_REQUIRE(request, "request");
  if (!request->has_target) return Fail(LKS_INVALID_ARGUMENT, "request.target: required");
  return Guard([&] {
    if (request->principal) {
      lks::Status s = CheckPrincipal(*request->principal);
      if (!s.ok()) return Record(s);
      response->response = service->handler->HandleAs(request->request, *request->principal);
    } else {
      response->response = service->handler->Handle(request->request);
    }
    return Succeed();
  });
}

lks_status lks_service_create_group(lks_buf* out, const lks_service* service,
                                    const lks_principal* who, const char* request_json,
                                    size_t request_len) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.CreateGroup(p, View(request_json, request_len));
  });
}

lks_status lks_service_get_group(lks_buf* out, const lks_service* service, const lks_principal* who,
                                 int64_t group_id) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.GetGroup(p, group_id);
  });
}

lks_status lks_service_list_groups(lks_buf* out, const lks_service* service,
                                   const lks_principal* who, int64_t after_id, int64_t limit) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.ListGroups(p, after_id, limit == 0 ? 50 : limit);
  });
}

lks_status lks_service_join_group(lks_buf* out, const lks_service* service,
                                  const lks_principal* who, int64_t group_id) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.JoinGroup(p, group_id);
  });
}

lks_status lks_service_leave_group(lks_buf* out, const lks_service* service,
                                   const lks_principal* who, int64_t group_id) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.LeaveGroup(p, group_id);
  });
}

lks_status lks_service_list_members(lks_buf* out, const lks_service* service,
                                    const lks_principal* who, int64_t group_id) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.ListMembers(p, group_id);
  });
}

lks_status lks_service_get_usage(lks_buf* out, const lks_service* service, const lks_principal* who,
                                 int64_t group_id) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.GetUsage(p, group_id);
  });
}

lks_status lks_service_list_knocks(lks_buf* out, const lks_service* service,
                                   const lks_principal* who, int64_t group_id) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.ListKnocks(p, group_id);
  });
}

lks_status lks_service_admit_knock(lks_buf* out, const lks_service* service,
                                   const lks_principal* who, int64_t group_id, const char* user_id,
                                   size_t user_id_len) {
  LKS_CAPI_REQUIRE(user_id || user_id_len == 0, "user_id");
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.AdmitKnock(p, group_id, View(user_id, user_id_len));
  });
}

lks_status lks_service_deny_knock(lks_buf* out, const lks_service* service,
                                  const lks_principal* who, int64_t group_id, const char* user_id,
                                  size_t user_id_len) {
  LKS_CAPI_REQUIRE(user_id || user_id_len == 0, "user_id");
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.DenyKnock(p, group_id, View(user_id, user_id_len));
  });
}

lks_status lks_service_lock_group(lks_buf* out, const lks_service* service,
                                  const lks_principal* who, int64_t group_id) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.LockGroup(p, group_id);
  });
}

lks_status lks_service_unlock_group(lks_buf* out, const lks_service* service,
                                    const lks_principal* who, int64_t group_id) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.UnlockGroup(p, group_id);
  });
}

lks_status lks_service_start_recording(lks_buf* out, const lks_service* service,
                                       const lks_principal* who, int64_t group_id) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.StartRecording(p, group_id);
  });
}

lks_status lks_service_stop_recording(lks_buf* out, const lks_service* service,
                                      const lks_principal* who, int64_t group_id) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.StopRecording(p, group_id);
  });
}

lks_status lks_service_list_recordings(lks_buf* out, const lks_service* service,
                                       const lks_principal* who, int64_t group_id) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.ListRecordings(p, group_id);
  });
}

lks_status lks_service_open_breakouts(lks_buf* out, const lks_service* service,
                                      const lks_principal* who, int64_t group_id,
                                      const char* request_json, size_t request_len) {
  LKS_CAPI_REQUIRE(request_json || request_len == 0, "request_json");
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.OpenBreakouts(p, group_id, View(request_json, request_len));
  });
}

lks_status lks_service_get_breakouts(lks_buf* out, const lks_service* service,
                                     const lks_principal* who, int64_t group_id) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.GetBreakouts(p, group_id);
  });
}

lks_status lks_service_close_breakouts(lks_buf* out, const lks_service* service,
                                       const lks_principal* who, int64_t group_id) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.CloseBreakouts(p, group_id);
  });
}

lks_status lks_service_issue_token(lks_buf* out, const lks_service* service,
                                   const lks_principal* who, const char* room, size_t room_len,
                                   const char* name, size_t name_len) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.IssueToken(p, View(room, room_len), View(name, name_len));
  });
}

lks_status lks_service_create_room(lks_buf* out, const lks_service* service,
                                   const lks_principal* who, const char* request_json,
                                   size_t request_len) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.CreateRoom(p, View(request_json, request_len));
  });
}

lks_status lks_service_list_rooms(lks_buf* out, const lks_service* service,
                                  const lks_principal* who) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.ListRooms(p);
  });
}

lks_status lks_service_get_room(lks_buf* out, const lks_service* service, const lks_principal* who,
                                const char* room, size_t room_len) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.GetRoom(p, View(room, room_len));
  });
}

lks_status lks_service_delete_room(lks_buf* out, const lks_service* service,
                                   const lks_principal* who, const char* room, size_t room_len) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.DeleteRoom(p, View(room, room_len));
  });
}

lks_status lks_service_remove_participant(lks_buf* out, const lks_service* service,
                                          const lks_principal* who, const char* room,
                                          size_t room_len, const char* identity,
                                          size_t identity_len) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.RemoveParticipant(p, View(room, room_len), View(identity, identity_len));
  });
}

lks_status lks_service_mute_track(lks_buf* out, const lks_service* service,
                                  const lks_principal* who, const char* room, size_t room_len,
                                  const char* identity, size_t identity_len, const char* track_sid,
                                  size_t track_sid_len, int muted) {
  return CallAs(out, service, who, [&](const lks::StudyGroupApi& api, const lks::Principal& p) {
    return api.MuteTrack(p, View(room, room_len), View(identity, identity_len),
                         View(track_sid, track_sid_len), muted != 0);
  });
}

lks_status lks_service_get_livekit_status(lks_buf* out, const lks_service* service) {
  return Call(out, service, [&](const lks::StudyGroupApi& api) -> lks::StatusOr<std::string> {
    return api.LiveKitStatus();
  });
}

lks_status lks_service_receive_webhook(lks_buf* out, const lks_service* service, const char* body,
                                       size_t body_len, const char* authorization,
                                       size_t authorization_len) {
  LKS_CAPI_REQUIRE(body || body_len == 0, "body");
  return Call(out, service, [&](const lks::StudyGroupApi& api) {
    return api.ReceiveWebhook(View(body, body_len), View(authorization, authorization_len));
  });
}

lks_status lks_service_reconcile(lks_buf* out, const lks_service* service) {
  return Call(out, service, [&](const lks::StudyGroupApi& api) { return api.Reconcile(); });
}

}  // extern "C"

#else  // !LKS_WITH_SERVICE: the same symbols, so the ABI does not depend on build options.

#include "capi_internal.h"

using namespace lks::capi;

#define LKS_SERVICE_UNIMPLEMENTED() \
  return Fail(LKS_UNIMPLEMENTED,    \
              "service: this build has no study-group service (LKS_WITH_SERVICE=OFF)")

extern "C" {

lks_status lks_service_options_set_e2ee_master_secret(lks_service_options*, const char*, size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
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
lks_status lks_service_options_set_public_url(lks_service_options*, const char*, size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_new(lks_service** out, lks_store*, const lks_service_options*) {
  if (out) *out = nullptr;
  LKS_SERVICE_UNIMPLEMENTED();
}
void lks_service_free(lks_service*) {}
lks_status lks_service_handle_rest(lks_rest_response*, const lks_service*,
                                   const lks_rest_request*) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_create_group(lks_buf*, const lks_service*, const lks_principal*, const char*,
                                    size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_get_group(lks_buf*, const lks_service*, const lks_principal*, int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_list_groups(lks_buf*, const lks_service*, const lks_principal*, int64_t,
                                   int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_join_group(lks_buf*, const lks_service*, const lks_principal*, int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_leave_group(lks_buf*, const lks_service*, const lks_principal*, int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_list_members(lks_buf*, const lks_service*, const lks_principal*, int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_get_usage(lks_buf*, const lks_service*, const lks_principal*, int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_start_recording(lks_buf*, const lks_service*, const lks_principal*,
                                       int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_stop_recording(lks_buf*, const lks_service*, const lks_principal*, int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_list_recordings(lks_buf*, const lks_service*, const lks_principal*,
                                       int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_open_breakouts(lks_buf*, const lks_service*, const lks_principal*, int64_t,
                                      const char*, size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_get_breakouts(lks_buf*, const lks_service*, const lks_principal*, int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_close_breakouts(lks_buf*, const lks_service*, const lks_principal*,
                                       int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_issue_token(lks_buf*, const lks_service*, const lks_principal*, const char*,
                                   size_t, const char*, size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_list_knocks(lks_buf*, const lks_service*, const lks_principal*, int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_admit_knock(lks_buf*, const lks_service*, const lks_principal*, int64_t,
                                   const char*, size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_deny_knock(lks_buf*, const lks_service*, const lks_principal*, int64_t,
                                  const char*, size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_lock_group(lks_buf*, const lks_service*, const lks_principal*, int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_unlock_group(lks_buf*, const lks_service*, const lks_principal*, int64_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_create_room(lks_buf*, const lks_service*, const lks_principal*, const char*,
                                   size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_list_rooms(lks_buf*, const lks_service*, const lks_principal*) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_get_room(lks_buf*, const lks_service*, const lks_principal*, const char*,
                                size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_delete_room(lks_buf*, const lks_service*, const lks_principal*, const char*,
                                   size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_remove_participant(lks_buf*, const lks_service*, const lks_principal*,
                                          const char*, size_t, const char*, size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_mute_track(lks_buf*, const lks_service*, const lks_principal*, const char*,
                                  size_t, const char*, size_t, const char*, size_t, int) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_get_livekit_status(lks_buf*, const lks_service*) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_receive_webhook(lks_buf*, const lks_service*, const char*, size_t,
                                       const char*, size_t) {
  LKS_SERVICE_UNIMPLEMENTED();
}
lks_status lks_service_reconcile(lks_buf*, const lks_service*) { LKS_SERVICE_UNIMPLEMENTED(); }

}  // extern "C"

#endif  // LKS_WITH_SERVICE
