// Study-group service: Service owns an lks_service (thread-safe in the C library) made over a
// native Store's lks_store (shared: either may be freed first). handle() serves one request of
// the seed's REST API through lks_service_handle_request on libuv's pool, since a request may
// call LiveKit and the database; lib/StudyGroups.js builds the typed calls and the HTTP handler
// on it. mintAppToken() signs a host app's user token (lks_app_token_mint).
#include <string>

#include "addon.h"
#include "async_call.h"

namespace lksnode {
namespace {

struct ServiceOptionsDeleter {
  void operator()(lks_service_options* o) const { lks_service_options_free(o); }
};

class Service : public Napi::ObjectWrap<Service> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Service",
                       {
                           InstanceMethod<&Service::Handle>("handle"),
                           InstanceMethod<&Service::Close>("close"),
                       });
  }

  // new Service(store: Store, options: {livekitUrl, apiKey, apiSecret, appJwtSecret,
  //             costPerParticipantMinute, tokenTtlSeconds, moderatorsGetRoomAdmin,
  //             liveRoomCacheSeconds}); absent options keep the library's defaults.
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

  // handle(method, target, headerLines, body: string | Uint8Array, principalJson?: string):
  //   Promise<[status: number, headerLines: string, body: Buffer]>
  Napi::Value Handle(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (service_ == nullptr) {
      throw MakeError(env, ErrorDetail{LKS_FAILED_PRECONDITION, "service: closed", "", 0});
    }
    Utf8Arg method(env, info[0], "method");
    Utf8Arg target(env, info[1], "url");
    Utf8Arg headers(env, info[2], "headers");
    BodyArg body(env, info[3]);
    Utf8Arg principal(env, info[4], "user", /*optional=*/true);

    // Everything the pool thread reads is copied here; the response lands in `r`.
    struct Request {
      std::string method, target, headers, body, principal;
      bool has_principal = false;
      int status = 0;
      AsyncCall::OwnedBuf response_headers, response_body;
    };
    auto r = std::make_shared<Request>();
    r->method.assign(method.data(), method.size());
    r->target.assign(target.data(), target.size());
    r->headers.assign(headers.data(), headers.size());
    r->body.assign(body.data(), body.size());
    r->has_principal = principal.present();
    if (r->has_principal) r->principal.assign(principal.data(), principal.size());
    const lks_service* service = service_;
    return AsyncCall::Start(
        env, Value(), "lkstudy.serviceHandle",
        [r, service] {
          return lks_service_handle_request(
              &r->status, &r->response_headers.buf, &r->response_body.buf, service,
              r->method.data(), r->method.size(), r->target.data(), r->target.size(),
              r->headers.data(), r->headers.size(), r->body.data(), r->body.size(),
              r->has_principal ? r->principal.data() : nullptr, r->principal.size());
        },
        [r](Napi::Env e) -> Napi::Value {
          Napi::Array result = Napi::Array::New(e, 3);
          result.Set(0u, Napi::Number::New(e, r->status));
          result.Set(1u, TakeString(e, &r->response_headers.buf));
          lks_buf& b = r->response_body.buf;
          result.Set(2u, Napi::Buffer<char>::Copy(e, b.ptr ? b.ptr : "", b.size));
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

// mintAppToken(secret, principalJson, ttlSeconds): string
Napi::Value MintAppToken(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Utf8Arg secret(env, info[0], "secret");
  Utf8Arg principal(env, info[1], "user");
  const int64_t ttl = Int64Arg(env, info[2], "ttl");
  lks_buf token = LKS_BUF_INIT;
  Check(env, lks_app_token_mint(&token, secret.data(), secret.size(), principal.data(),
                                principal.size(), ttl));
  return TakeAsciiString(env, &token);
}

}  // namespace

void InitService(Napi::Env env, Napi::Object exports) {
  exports.Set("Service", Service::Define(env));
  exports.Set("mintAppToken", Napi::Function::New(env, MintAppToken, "mintAppToken"));
}

}  // namespace lksnode
