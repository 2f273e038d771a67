// LiveKitServerTest: a googletest fixture whose suite shares one real livekit-server (started
// with default LiveKitServerOptions before the suite's first test, stopped after its last).
//
// Derive a suite from it and use `server_`; a SetUp of the suite's own starts with
// `ASSERT_NO_FATAL_FAILURE(LiveKitServerTest::SetUp());`, which fails the test (instead of
// crashing it) when the server did not start. Suites run one after another, so the one `server_`
// belongs to the suite running now. Header-only: lks_test_support does not link googletest.
#ifndef LKS_TESTS_SUPPORT_LIVEKIT_SERVER_FIXTURE_H_
#define LKS_TESTS_SUPPORT_LIVEKIT_SERVER_FIXTURE_H_

#include <gtest/gtest.h>

#include <string>

#include "livekit_server.h"

namespace lks::testing {

class LiveKitServerTest : public ::testing::Test {
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
  void SetUp() override {
    ASSERT_NE(server_, nullptr) << "the suite's livekit-server did not start";
  }

  static inline LiveKitServer* server_ = nullptr;
};

}  // namespace lks::testing

#endif  // LKS_TESTS_SUPPORT_LIVEKIT_SERVER_FIXTURE_H_
