// ServeWithLiveKitTest: a googletest fixture of the end-to-end suite for tests with real WebRTC
// participants: a real livekit-server whose webhooks go to `lkstudy serve`, and that serve on a
// fresh SQLite file, both started for each test. Outside the private network namespace of
// tests/integration/run_in_netns.sh the test is SKIPPED (and says why). On a failure TearDown
// prints the serve log. (A header of its own: e2e_util.h stays free of googletest.)
#ifndef LKS_TESTS_E2E_E2E_FIXTURE_H_
#define LKS_TESTS_E2E_E2E_FIXTURE_H_

#include <gtest/gtest.h>

#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "e2e_util.h"
#include "livekit_server.h"

namespace lks::testing {

class ServeWithLiveKitTest : public ::testing::Test {
 protected:
  // `db_dir_prefix` names the temp folder of the database (api.db in it); `serve_flags` are more
  // flags for `lkstudy serve`.
  explicit ServeWithLiveKitTest(std::string db_dir_prefix,
                                std::vector<std::string> serve_flags = {})
      : db_dir_prefix_(std::move(db_dir_prefix)), serve_flags_(std::move(serve_flags)) {}

  void SetUp() override {
    if (!InNetworkNamespace())
      GTEST_SKIP() << "needs the private network namespace (run_in_netns.sh)";
    const int api_port = FreeLoopbackPort();
    LiveKitServerOptions o;
    o.webhook_urls = {"http://127.0.0.1:" + std::to_string(api_port) + "/api/livekit/webhook"};
    o.empty_timeout_s = 60;
    std::string error;
    livekit_ = LiveKitServer::Start(o, &error);
    ASSERT_TRUE(livekit_) << error;
    db_path_ = MakeTempDir(db_dir_prefix_) + "/api.db";
    api_ = ServeProcess::Start(api_port, "sqlite:" + db_path_, livekit_->ws_url(),
                               livekit_->api_key(), livekit_->api_secret(), serve_flags_, &error);
    ASSERT_TRUE(api_) << error;
  }
  void TearDown() override {
    if (HasFailure() && api_) std::cerr << "lkstudy serve log:\n" << api_->Log() << "\n";
  }

  // The serve URL of `path`.
  std::string U(const std::string& path) const { return api_->url() + path; }
  // POST /api/livekit/token for `room` as `user` (participantName "Member <user>").
  HttpReply Token(const std::string& user, const std::string& room) const {
    return Http("POST", U("/api/livekit/token"),
                R"({"roomName":")" + room + R"(","participantName":"Member )" + user + R"("})",
                E2eAppToken(user));
  }

  std::unique_ptr<LiveKitServer> livekit_;
  std::unique_ptr<ServeProcess> api_;
  std::string db_path_;  // the SQLite file serve uses

 private:
  std::string db_dir_prefix_;
  std::vector<std::string> serve_flags_;
};

}  // namespace lks::testing

#endif  // LKS_TESTS_E2E_E2E_FIXTURE_H_
