// `lkstudy webhook listen` with a real livekit-server posting its webhooks to it: verified
// deliveries come out as one line of JSON each on stdout, forged ones are answered 401 with the
// reason on stderr, other methods 405, and SIGTERM stops it with exit status 0.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "livekit_server.h"
#include "lks/core/crypto.h"
#include "lks/http/http_client.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/room_service_client.h"
#include "lks/livekit/webhook_signer.h"
#include "subprocess.h"

namespace {

using lks::testing::LiveKitServer;
using lks::testing::LiveKitServerOptions;
using lks::testing::Subprocess;

#ifdef LKS_CLI_PATH

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Polls until `check` holds or `timeout` passes.
template <typename F>
bool Eventually(F check, std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (check()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return check();
}

TEST(WebhookListen, PrintsRealDeliveriesAndRefusesForgedOnes) {
  const std::string key = "listen_key";
  const std::string secret = "listen-secret-" + lks::RandomHex(12);
  const std::string stderr_file =
      ::testing::TempDir() + "/webhook_listen_" + lks::RandomHex(4) + ".err";

  // --port 0: the command binds a free port itself and says which on stderr.
  Subprocess listen;
  std::string error;
  ASSERT_TRUE(listen.Start(
      {LKS_CLI_PATH, "webhook", "listen", "--port", "0", "--api-key", key, "--api-secret", secret},
      {}, &error, stderr_file))
      << error;
  const std::string announce = "http://127.0.0.1:";
  std::string port;
  ASSERT_TRUE(Eventually([&] {
    const std::string err = ReadFile(stderr_file);
    const size_t at = err.find(announce);
    if (at == std::string::npos) return false;
    const size_t end = err.find('/', at + announce.size());
    if (end == std::string::npos) return false;
    port = err.substr(at + announce.size(), end - at - announce.size());
    return true;
  })) << ReadFile(stderr_file);
  const std::string url = announce + port + "/livekit";
  auto http = lks::HttpClient::Create().value();
  auto get = [&] {
    lks::HttpRequest req;
    req.method = "GET";
    req.url = url;
    return http->Send(req);
  };
  ASSERT_TRUE(Eventually([&] { return get().ok(); })) << ReadFile(stderr_file);
  EXPECT_EQ(get()->status, 405);

  LiveKitServerOptions lo;
  lo.api_key = key;
  lo.api_secret = secret;
  lo.webhook_urls = {url};
  std::unique_ptr<LiveKitServer> server = LiveKitServer::Start(lo, &error);
  ASSERT_NE(server, nullptr) << error;
  lks::RoomServiceOptions ro;
  ro.url = server->http_url();
  ro.api_key = key;
  ro.api_secret = secret;
  auto rooms = lks::RoomServiceClient::Create(ro).value();
  const std::string room = "listen_" + lks::RandomHex(4);
  lks::CreateRoomRequest create;
  create.name = room;
  ASSERT_TRUE(rooms->CreateRoom(create).ok());
  ASSERT_TRUE(rooms->DeleteRoom(room).ok());

  auto line_with = [&](const std::string& a, const std::string& b) {
    for (const std::string& line : listen.Lines()) {
      if (line.find(a) != std::string::npos && line.find(b) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(Eventually([&] { return line_with("\"room_started\"", room); }))
      << ReadFile(stderr_file);
  EXPECT_TRUE(Eventually([&] { return line_with("\"room_finished\"", room); }))
      << ReadFile(stderr_file);
  for (const std::string& line : listen.Lines()) {
    ASSERT_FALSE(line.empty());
    EXPECT_EQ(line.front(), '{') << line;
    EXPECT_EQ(line.back(), '}') << line;
  }

  // Signed with another secret, and a body that does not match its signature.
  const std::string body = R"({"event":"room_started","id":"EV_forged","room":{"name":"x"}})";
  lks::HttpRequest forged;
  forged.url = url;
  forged.body = body;
  forged.headers = {
      {"Authorization", lks::SignWebhook(lks::TokenSigner(key, "not-the-secret"), body).value()}};
  EXPECT_EQ(http->Send(forged)->status, 401);
  forged.headers = {
      {"Authorization", lks::SignWebhook(lks::TokenSigner(key, secret), body).value()}};
  forged.body = body + " ";
  EXPECT_EQ(http->Send(forged)->status, 401);
  const std::string err = ReadFile(stderr_file);
  EXPECT_NE(err.find("rejected /livekit (bad_signature)"), std::string::npos) << err;
  EXPECT_NE(err.find("(body_mismatch)"), std::string::npos) << err;
  EXPECT_EQ(err.find(secret), std::string::npos) << "the secret must not be logged";
  EXPECT_FALSE(line_with("EV_forged", ""));

  server->Stop();
  ASSERT_EQ(kill(listen.pid(), SIGTERM), 0);
  ASSERT_TRUE(listen.WaitExit(std::chrono::seconds(10)));
  auto status = listen.ExitStatus();
  ASSERT_TRUE(status && WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 0);
}

#else

TEST(WebhookListen, PrintsRealDeliveriesAndRefusesForgedOnes) {
  GTEST_SKIP() << "built without the CLI";
}

#endif  // LKS_CLI_PATH

}  // namespace
