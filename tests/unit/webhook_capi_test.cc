// The webhook section of the C ABI, called as a C host would (through lks.h).
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "lks.h"

namespace {

constexpr std::string_view kKey = "abcdefg";
constexpr std::string_view kSecret = "abababa";
constexpr std::string_view kBody =
    R"({"event":"participant_joined","room":{"name":"r1"},"participant":{"identity":"user_15","joinedAt":"17"},)"
    R"("id":"EV_1","createdAt":"1732700012","somethingNew":{"x":1}})";

struct Receiver {
  Receiver() {
    EXPECT_EQ(lks_webhook_receiver_new(&r), LKS_OK);
    EXPECT_EQ(
        lks_webhook_receiver_add_key(r, kKey.data(), kKey.size(), kSecret.data(), kSecret.size()),
        LKS_OK);
  }
  ~Receiver() { lks_webhook_receiver_free(r); }
  lks_webhook_receiver* r = nullptr;
};

std::string SignBody(std::string_view body) {
  lks_buf auth = LKS_BUF_INIT;
  EXPECT_EQ(lks_webhook_sign(&auth, kKey.data(), kKey.size(), kSecret.data(), kSecret.size(),
                             body.data(), body.size(), 300),
            LKS_OK);
  std::string out(auth.ptr ? auth.ptr : "", auth.size);
  lks_buf_dispose(&auth);
  return out;
}

TEST(WebhookCapi, ReceiveRawReturnsTheBodyByteForByte) {
  Receiver rx;
  const std::string auth = SignBody(kBody);
  lks_buf json = LKS_BUF_INIT;
  lks_webhook_event_type type = LKS_WEBHOOK_EVENT_UNKNOWN;
  ASSERT_EQ(lks_webhook_receiver_receive(&json, &type, rx.r, kBody.data(), kBody.size(),
                                         auth.data(), auth.size(), LKS_WEBHOOK_OUTPUT_RAW),
            LKS_OK);
  EXPECT_EQ(lks_error_last()->code, LKS_OK);
  EXPECT_EQ(type, LKS_WEBHOOK_EVENT_PARTICIPANT_JOINED);
  EXPECT_STREQ(lks_webhook_event_type_name(type), "participant_joined");
  EXPECT_EQ(std::string_view(json.ptr, json.size), kBody);
  lks_buf_dispose(&json);
}

TEST(WebhookCapi, ReceiveNormalized) {
  Receiver rx;
  const std::string auth = "Bearer " + SignBody(kBody);
  lks_buf json = LKS_BUF_INIT;
  ASSERT_EQ(lks_webhook_receiver_receive(&json, nullptr, rx.r, kBody.data(), kBody.size(),
                                         auth.data(), auth.size(), LKS_WEBHOOK_OUTPUT_NORMALIZED),
            LKS_OK);
  const std::string out(json.ptr, json.size);
  EXPECT_NE(out.find(R"("identity":"user_15")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("joinedAt":"17")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("state":"JOINING")"), std::string::npos) << out;
  EXPECT_EQ(out.find("somethingNew"), std::string::npos) << out;
  lks_buf_dispose(&json);
}

TEST(WebhookCapi, RejectionsCarryReasonAndHttpStatus) {
  Receiver rx;
  const std::string auth = SignBody(kBody);
  std::string tampered(kBody);
  tampered[10] = 'X';
  lks_buf json = LKS_BUF_INIT;
  lks_webhook_event_type type = LKS_WEBHOOK_EVENT_ROOM_STARTED;
  EXPECT_EQ(lks_webhook_receiver_receive(&json, &type, rx.r, tampered.data(), tampered.size(),
                                         auth.data(), auth.size(), LKS_WEBHOOK_OUTPUT_RAW),
            LKS_UNAUTHENTICATED);
  ASSERT_NE(lks_error_last(), nullptr);
  EXPECT_STREQ(lks_error_last()->reason, "body_mismatch");
  EXPECT_EQ(lks_error_last()->http_status, 401);
  EXPECT_EQ(type, LKS_WEBHOOK_EVENT_UNKNOWN);
  EXPECT_EQ(json.ptr, nullptr);

  EXPECT_EQ(lks_webhook_receiver_verify(rx.r, kBody.data(), kBody.size(), nullptr, 0),
            LKS_UNAUTHENTICATED);
  EXPECT_STREQ(lks_error_last()->reason, "missing_authorization");
  EXPECT_EQ(lks_webhook_receiver_verify(rx.r, kBody.data(), kBody.size(), auth.data(), auth.size()),
            LKS_OK);

  const std::string not_json = "nope";
  const std::string auth2 = SignBody(not_json);
  EXPECT_EQ(lks_webhook_receiver_receive(&json, nullptr, rx.r, not_json.data(), not_json.size(),
                                         auth2.data(), auth2.size(), LKS_WEBHOOK_OUTPUT_RAW),
            LKS_INVALID_ARGUMENT);
  EXPECT_STREQ(lks_error_last()->reason, "body_not_json");
  EXPECT_EQ(lks_error_last()->http_status, 400);

  EXPECT_EQ(
      lks_webhook_receiver_receive(&json, nullptr, rx.r, kBody.data(), kBody.size(), auth.data(),
                                   auth.size(), static_cast<lks_webhook_output>(7)),
      LKS_INVALID_ARGUMENT);
  EXPECT_EQ(lks_webhook_receiver_receive(nullptr, nullptr, rx.r, kBody.data(), kBody.size(),
                                         auth.data(), auth.size(), LKS_WEBHOOK_OUTPUT_RAW),
            LKS_INVALID_ARGUMENT);
}

TEST(WebhookCapi, ConfigurationErrors) {
  Receiver rx;
  EXPECT_EQ(lks_webhook_receiver_add_key(rx.r, "k", 1, nullptr, 0), LKS_INVALID_ARGUMENT);
  EXPECT_EQ(lks_webhook_receiver_set_leeway_seconds(rx.r, -1), LKS_INVALID_ARGUMENT);
  EXPECT_EQ(lks_webhook_receiver_set_leeway_seconds(rx.r, 0), LKS_OK);
  lks_buf auth = LKS_BUF_INIT;
  EXPECT_EQ(lks_webhook_sign(&auth, "k", 1, "s", 1, "{}", 2, 0), LKS_INVALID_ARGUMENT);
  EXPECT_EQ(lks_webhook_sign(&auth, "", 0, "s", 1, "{}", 2, 300), LKS_INVALID_ARGUMENT);
  EXPECT_EQ(auth.ptr, nullptr);
  lks_webhook_receiver_free(nullptr);
  EXPECT_STREQ(lks_webhook_event_type_name(static_cast<lks_webhook_event_type>(99)), "");
}

}  // namespace
