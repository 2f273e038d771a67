// LiveKitTestServerTest<Regions, Secret>: a googletest fixture whose suite shares one LiveKit
// fault-injection test-server (LiveKitTestServer, `Regions` listeners verifying tokens with
// `Secret`), started before the suite's first test and stopped after its last.
//
// Derive a suite from it and use `server_`; a SetUp of the suite's own starts with
// `ASSERT_NO_FATAL_FAILURE(LiveKitTestServerTest::SetUp());`, which fails the test (instead of
// crashing it) when the server did not start. `Secret` is a `constexpr char[]` of the test file
// (a template argument needs an array, not a pointer variable). Each instantiation has its own
// `server_`. Header-only, like livekit_server_fixture.h: lks_test_support does not link googletest.
#ifndef LKS_TESTS_SUPPORT_LIVEKIT_TEST_SERVER_FIXTURE_H_
#define LKS_TESTS_SUPPORT_LIVEKIT_TEST_SERVER_FIXTURE_H_

#include <gtest/gtest.h>

#include <string>

#include "livekit_test_server.h"

namespace lks::testing {

template <int Regions, const char* Secret>
class LiveKitTestServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    server_ = LiveKitTestServer::Start(Regions, Secret, &error).release();
    ASSERT_NE(server_, nullptr) << error;
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(server_, nullptr) << "the suite's LiveKit test-server did not start";
  }

  static inline LiveKitTestServer* server_ = nullptr;
};

}  // namespace lks::testing

#endif  // LKS_TESTS_SUPPORT_LIVEKIT_TEST_SERVER_FIXTURE_H_
