// LiveKitTestServer: LiveKit's fault-injection test-server ($LKS_DEPS_DIR/bin/test-server,
// livekit-server v1.13.5 cmd/test-server) on free loopback ports, one per simulated region.
// Each request's behaviour is chosen by its `X-Lk-Mock` JSON header (failRegions, failMode
// status|drop, failStatus, failTwirpCode, delayMs, response, skipAuth); it checks every method's
// grant like the real server (a missing grant is 403 here, 401 there) and answers camelCase
// without defaults.
#ifndef LKS_TESTS_SUPPORT_LIVEKIT_TEST_SERVER_H_
#define LKS_TESTS_SUPPORT_LIVEKIT_TEST_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "subprocess.h"

namespace lks::testing {

class LiveKitTestServer {
 public:
  // Starts `regions` listeners (region 0 is the primary) verifying tokens with `api_secret`.
  // On failure returns null with the reason and output in *error.
  static std::unique_ptr<LiveKitTestServer> Start(int regions, const std::string& api_secret,
                                                  std::string* error);
  ~LiveKitTestServer();

  std::string url(int region = 0) const {
    return "http://127.0.0.1:" + std::to_string(ports_.at(region));
  }
  int port(int region = 0) const { return ports_.at(region); }

  static std::string BinaryPath();

 private:
  LiveKitTestServer() = default;
  std::vector<int> ports_;
  std::string dir_;
  Subprocess process_;
};

}  // namespace lks::testing

#endif  // LKS_TESTS_SUPPORT_LIVEKIT_TEST_SERVER_H_
