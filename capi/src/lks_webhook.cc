// Webhooks: receiver handle, receive/verify, signing.
#include "capi_internal.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/webhook_receiver.h"
#include "lks/livekit/webhook_signer.h"

struct lks_webhook_receiver {
  lks::WebhookReceiver receiver{lks::KeySet()};
};

using namespace lks::capi;

extern "C" {

lks_status lks_webhook_receiver_new(lks_webhook_receiver** out) {
  LKS_CAPI_REQUIRE(out, "out");
  return Guard([&] {
    *out = new lks_webhook_receiver();
    return Succeed();
  });
}

void lks_webhook_receiver_free(lks_webhook_receiver* r) { delete r; }

lks_status lks_webhook_receiver_add_key(lks_webhook_receiver* r, const char* key, size_t kn,
                                        const char* secret, size_t sn) {
  LKS_CAPI_REQUIRE(r, "receiver");
  return AddCheckerKey(r->receiver, key, kn, secret, sn);
}

lks_status lks_webhook_receiver_set_leeway_seconds(lks_webhook_receiver* r, int64_t seconds) {
  LKS_CAPI_REQUIRE(r, "receiver");
  return SetCheckerLeeway(r->receiver, seconds);
}

lks_status lks_webhook_receiver_receive(lks_buf* event_json, lks_webhook_event_type* event_type,
                                        const lks_webhook_receiver* r, const char* body,
                                        size_t body_len, const char* auth, size_t auth_len,
                                        lks_webhook_output output) {
  if (event_type) *event_type = LKS_WEBHOOK_EVENT_UNKNOWN;
  LKS_CAPI_REQUIRE(event_json, "event_json");
  LKS_CAPI_REQUIRE(r, "receiver");
  LKS_CAPI_REQUIRE(body || body_len == 0, "body");
  return Guard([&] {
    lks_buf_dispose(event_json);
    if (output != LKS_WEBHOOK_OUTPUT_RAW && output != LKS_WEBHOOK_OUTPUT_NORMALIZED) {
      return Fail(LKS_INVALID_ARGUMENT, "output: not an lks_webhook_output value");
    }
    lks::StatusOr<lks::WebhookEvent> ev =
        r->receiver.Receive(View(body, body_len), View(auth, auth_len));
    if (!ev.ok()) return Record(ev.status());
    lks_status st = output == LKS_WEBHOOK_OUTPUT_RAW
                        ? FillBuf(event_json, ev->raw_json)
                        : FillBuf(event_json, lks::WebhookEventToNormalizedJson(*ev));
    if (st != LKS_OK) return st;
    if (event_type) *event_type = static_cast<lks_webhook_event_type>(ev->type);
    return Succeed();
  });
}

lks_status lks_webhook_receiver_verify(const lks_webhook_receiver* r, const char* body,
                                       size_t body_len, const char* auth, size_t auth_len) {
  LKS_CAPI_REQUIRE(r, "receiver");
  LKS_CAPI_REQUIRE(body || body_len == 0, "body");
  return Guard(
      [&] { return Record(r->receiver.Verify(View(body, body_len), View(auth, auth_len))); });
}

const char* lks_webhook_event_type_name(lks_webhook_event_type type) {
  return lks::WebhookEventTypeName(static_cast<lks::WebhookEventType>(type));
}

lks_status lks_webhook_sign(lks_buf* authorization, const char* key, size_t kn, const char* secret,
                            size_t sn, const char* body, size_t body_len, int64_t ttl_seconds) {
  LKS_CAPI_REQUIRE(authorization, "authorization");
  LKS_CAPI_REQUIRE(body || body_len == 0, "body");
  return Guard([&] {
    lks_buf_dispose(authorization);
    if (kn == 0 || !key) return Fail(LKS_INVALID_ARGUMENT, "apiKey: empty");
    if (sn == 0 || !secret) return Fail(LKS_INVALID_ARGUMENT, "apiSecret: empty");
    lks::TokenSigner signer(View(key, kn), View(secret, sn));
    lks::StatusOr<std::string> jwt =
        lks::SignWebhook(signer, View(body, body_len), std::chrono::seconds(ttl_seconds));
    if (!jwt.ok()) return Record(jwt.status());
    lks_status st = FillBuf(authorization, *jwt);
    return st == LKS_OK ? Succeed() : st;
  });
}

}  // extern "C"

static_assert(static_cast<int>(lks::WebhookEventType::kAgentJobEnded) ==
                      LKS_WEBHOOK_EVENT_AGENT_JOB_ENDED &&
                  static_cast<int>(lks::WebhookEventType::kRoomStarted) ==
                      LKS_WEBHOOK_EVENT_ROOM_STARTED &&
                  static_cast<int>(lks::WebhookEventType::kParticipantConnectionAborted) ==
                      LKS_WEBHOOK_EVENT_PARTICIPANT_CONNECTION_ABORTED,
              "lks_webhook_event_type must number events as lks::WebhookEventType");
