// The C ABI (lks.h, lks_room_*) and the `lkstudy room` command against a real livekit-server.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <cstring>

#include "livekit_server.h"
#include "lks.h"
#include "lks/core/crypto.h"
#include "subprocess.h"

namespace {

using lks::testing::LiveKitServer;

class RoomServiceIntegrationCapiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    server_ = LiveKitServer::Start({}, &error).release();
    ASSERT_NE(server_, nullptr) << error;
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static lks_room_client* NewClient(const std::string& secret) {
    lks_room_client_options* o = nullptr;
    EXPECT_EQ(lks_room_client_options_new(&o), LKS_OK);
    const std::string url = server_->ws_url();
    EXPECT_EQ(lks_room_client_options_set_url(o, url.data(), url.size()), LKS_OK);
    EXPECT_EQ(lks_room_client_options_set_api_key(o, server_->api_key().data(),
                                                  server_->api_key().size()),
              LKS_OK);
    EXPECT_EQ(lks_room_client_options_set_api_secret(o, secret.data(), secret.size()), LKS_OK);
    EXPECT_EQ(lks_room_client_options_set_timeout_ms(o, 5000), LKS_OK);
    lks_room_client* c = nullptr;
    EXPECT_EQ(lks_room_client_new(&c, o), LKS_OK);
    lks_room_client_options_free(o);
    return c;
  }
  static LiveKitServer* server_;
};

LiveKitServer* RoomServiceIntegrationCapiTest::server_ = nullptr;

TEST_F(RoomServiceIntegrationCapiTest, RoomLifecycleThroughTheCAbi) {
  lks_room_client* c = NewClient(server_->api_secret());
  ASSERT_NE(c, nullptr);
  const std::string room = "capi_" + lks::RandomHex(4);
  const std::string req = R"({"name":")" + room + R"(","maxParticipants":4})";
  lks_buf out = LKS_BUF_INIT;
  ASSERT_EQ(lks_room_create(&out, c, req.data(), req.size()), LKS_OK) << lks_error_last()->message;
  EXPECT_NE(std::strstr(out.ptr, "\"max_participants\":4"), nullptr) << out.ptr;

  const std::string names = "[\"" + room + "\"]";
  ASSERT_EQ(lks_room_list(&out, c, names.data(), names.size()), LKS_OK);
  EXPECT_EQ(std::strncmp(out.ptr, "{\"rooms\":[{", 11), 0) << out.ptr;
  EXPECT_NE(std::strstr(out.ptr, room.c_str()), nullptr);

  ASSERT_EQ(lks_room_update_room_metadata(&out, c, room.data(), room.size(), "m2", 2), LKS_OK);
  EXPECT_NE(std::strstr(out.ptr, "\"metadata\":\"m2\""), nullptr) << out.ptr;

  ASSERT_EQ(lks_room_list_participants(&out, c, room.data(), room.size()), LKS_OK);
  EXPECT_STREQ(out.ptr, "{\"participants\":[]}");

  EXPECT_EQ(lks_room_get_participant(&out, c, room.data(), room.size(), "nobody", 6),
            LKS_NOT_FOUND);
  ASSERT_NE(lks_error_last(), nullptr);
  EXPECT_EQ(lks_error_last()->http_status, 404);
  EXPECT_EQ(out.size, 0u);

  ASSERT_EQ(lks_room_send_data(c, room.data(), room.size(), "hi", 2, "t", 1, nullptr, 0, 0),
            LKS_OK);
  ASSERT_EQ(lks_room_delete(c, room.data(), room.size()), LKS_OK);
  EXPECT_EQ(lks_room_delete(c, room.data(), room.size()), LKS_NOT_FOUND);
  EXPECT_STREQ(lks_error_last()->reason, "not_found");

  EXPECT_EQ(lks_room_list(&out, c, "[1]", 3), LKS_INVALID_ARGUMENT);
  EXPECT_NE(std::strstr(lks_error_last()->message, "names_json"), nullptr);
  EXPECT_EQ(lks_room_delete(nullptr, "r", 1), LKS_INVALID_ARGUMENT);
  lks_buf_dispose(&out);
  lks_room_client_free(c);
  lks_room_client_free(nullptr);

  lks_room_client* wrong = NewClient("another-secret-another-secret-00");
  EXPECT_EQ(lks_room_list(&out, wrong, nullptr, 0), LKS_UNAUTHENTICATED);
  EXPECT_EQ(lks_error_last()->http_status, 401);
  EXPECT_EQ(std::strstr(lks_error_last()->message, "eyJ"), nullptr) << lks_error_last()->message;
  lks_room_client_free(wrong);
}

TEST_F(RoomServiceIntegrationCapiTest, CliCreatesListsAndDeletesRooms) {
#ifndef LKS_CLI_PATH
  GTEST_SKIP() << "built without the CLI";
#else
  const std::string room = "cli_" + lks::RandomHex(4);
  auto run = [&](std::vector<std::string> args, std::string* out) {
    std::vector<std::string> argv = {LKS_CLI_PATH, "room"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--url", server_->ws_url(), "--api-key", server_->api_key(),
                             "--api-secret", server_->api_secret()});
    lks::testing::Subprocess p;
    std::string error;
    EXPECT_TRUE(p.Start(argv, {}, &error, "/dev/null")) << error;
    p.CloseStdin();
    EXPECT_TRUE(p.WaitExit(std::chrono::seconds(60)));
    p.WaitForLine("\x01", std::chrono::seconds(5));  // until stdout closes
    out->clear();
    for (const auto& l : p.Lines()) *out += l;
    auto st = p.ExitStatus();
    return st && WIFEXITED(*st) ? WEXITSTATUS(*st) : -1;
  };
  std::string out;
  ASSERT_EQ(run({"create", room, "--max-participants", "5"}, &out), 0);
  EXPECT_NE(out.find("\"max_participants\":5"), std::string::npos) << out;
  ASSERT_EQ(run({"get", room}, &out), 0);
  EXPECT_NE(out.find(room), std::string::npos);
  ASSERT_EQ(run({"participants", room}, &out), 0);
  EXPECT_EQ(out, "{\"participants\":[]}");
  ASSERT_EQ(run({"delete", room}, &out), 0);
  EXPECT_EQ(run({"delete", room}, &out), 1);
  EXPECT_EQ(run({"get", room}, &out), 1);
  EXPECT_EQ(run({"create"}, &out), 2);
#endif
}

}  // namespace
