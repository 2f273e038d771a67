// Webhooks: WebhookReceiver owns an lks_webhook_receiver. Checking a delivery (token, SHA-256 of
// the body) takes microseconds and runs on the calling thread; the event comes back as the
// verified body's JSON, which lib/WebhookReceiver.js reads into LiveKit's WebhookEvent.
#include "addon.h"

namespace lksnode {
namespace {

class WebhookReceiver : public Napi::ObjectWrap<WebhookReceiver> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "WebhookReceiver",
                       {
                           InstanceMethod<&WebhookReceiver::AddKey>("addKey"),
                           InstanceMethod<&WebhookReceiver::SetLeewaySeconds>("setLeewaySeconds"),
                           InstanceMethod<&WebhookReceiver::Receive>("receive"),
                       });
  }

  explicit WebhookReceiver(const Napi::CallbackInfo& info)
      : Napi::ObjectWrap<WebhookReceiver>(info) {
    Check(info.Env(), lks_webhook_receiver_new(&receiver_));
  }
  ~WebhookReceiver() override { lks_webhook_receiver_free(receiver_); }

 private:
  void AddKey(const Napi::CallbackInfo& info) {
    Utf8Arg key(info.Env(), info[0], "apiKey");
    Utf8Arg secret(info.Env(), info[1], "apiSecret");
    Check(info.Env(), lks_webhook_receiver_add_key(receiver_, key.data(), key.size(), secret.data(),
                                                   secret.size()));
  }
  void SetLeewaySeconds(const Napi::CallbackInfo& info) {
    Check(info.Env(), lks_webhook_receiver_set_leeway_seconds(
                          receiver_, Int64Arg(info.Env(), info[0], "clockTolerance")));
  }
  // receive(body: string | Uint8Array, authorization: string): string (the verified body, raw)
  Napi::Value Receive(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    BodyArg body(env, info[0]);
    Utf8Arg auth(env, info[1], "authorization", /*optional=*/true);
    lks_buf event = LKS_BUF_INIT;
    Check(env, lks_webhook_receiver_receive(&event, nullptr, receiver_, body.data(), body.size(),
                                            auth.data(), auth.size(), LKS_WEBHOOK_OUTPUT_RAW));
    return TakeString(env, &event);
  }

  lks_webhook_receiver* receiver_ = nullptr;
  HandleCount count_;
};

}  // namespace

void InitWebhook(Napi::Env env, Napi::Object exports) {
  exports.Set("WebhookReceiver", WebhookReceiver::Define(env));
}

}  // namespace lksnode
