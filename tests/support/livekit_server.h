// LiveKitServer: a real livekit-server (v1.13.5, $LKS_DEPS_DIR/bin/server) for integration tests.
//
// Start() writes a YAML config into a fresh temp folder — its own API key and secret, bound to
// 127.0.0.1 only, free ports for HTTP, RTC/TCP and RTC/UDP, rtc.node_ip 127.0.0.1 with the
// loopback candidate on, optional webhook URLs — starts the server with its log in that folder,
// and waits until `GET /` answers `OK`. The server exits with status 0 on a config error, so
// any exit before that answer is a failure, reported with the log. Stop() sends SIGTERM (twice:
// the server otherwise waits for connected participants), then SIGKILL.
//
// Every packet stays on this machine: HTTP and signalling on 127.0.0.1. WebRTC media of test
// participants must stay local too: run such tests inside a network namespace of their own
// (tests/integration/run_in_netns.sh; InNetworkNamespace() tells whether that is the case).
//
// Thread-safety: accessors are safe from any thread; Start/Stop from one.
#ifndef LKS_TESTS_SUPPORT_LIVEKIT_SERVER_H_
#define LKS_TESTS_SUPPORT_LIVEKIT_SERVER_H_

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "subprocess.h"

namespace lks::testing {

struct LiveKitServerOptions {
  std::string api_key = "lks_test_key";
  std::string api_secret;                         // empty: 32 random characters
  std::map<std::string, std::string> extra_keys;  // more key -> secret pairs the server accepts
  std::vector<std::string> webhook_urls;          // POSTed by the server on room/participant events
  std::string webhook_api_key;  // key that signs webhooks (api_key or an extra key);
                                // empty: api_key
  int empty_timeout_s = 30;     // room.empty_timeout
  int departure_timeout_s = 1;  // room.departure_timeout
  std::string extra_yaml;       // appended verbatim (top-level keys)
  int port = 0;                 // HTTP/signalling port; 0: a free one (set it to restart
                                // a server where clients expect it)
  std::chrono::milliseconds start_timeout{60000};
};

class LiveKitServer {
 public:
  // Starts a server. On failure returns null and puts the reason and the server's log in *error.
  static std::unique_ptr<LiveKitServer> Start(const LiveKitServerOptions& options,
                                              std::string* error);
  ~LiveKitServer();

  // SIGTERM, SIGTERM, then SIGKILL; idempotent.
  void Stop();
  bool Running() { return process_.Running(); }

  int port() const { return port_; }
  std::string http_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string ws_url() const { return "ws://127.0.0.1:" + std::to_string(port_); }
  const std::string& api_key() const { return options_.api_key; }
  const std::string& api_secret() const { return options_.api_secret; }
  const std::string& dir() const { return dir_; }
  // The server's log so far.
  std::string Log() const;

  // Path of the livekit-server binary: $LKS_LIVEKIT_SERVER, else $LKS_DEPS_DIR/bin/server, else
  // the project's .deps/bin/server.
  static std::string BinaryPath();

 private:
  LiveKitServer() = default;
  // One attempt of Start().
  static std::unique_ptr<LiveKitServer> StartOnce(const LiveKitServerOptions& options,
                                                  std::string* error);
  LiveKitServerOptions options_;
  std::string dir_;
  int port_ = 0;
  Subprocess process_;
};

// A port on 127.0.0.1 free for TCP and UDP at the time of asking, from below the kernel's
// ephemeral range (so no bind(0) or outgoing connection takes it before its user binds it) and
// never the same twice in a process; 0 if none is left.
int FreeLoopbackPort();

// Path of a binary in the project's tool folder ($LKS_DEPS_DIR/bin or .deps/bin).
std::string DepsBinary(const std::string& name);

// True inside the private network namespace made by tests/integration/run_in_netns.sh.
bool InNetworkNamespace();

// A minimal HTTP GET to 127.0.0.1:`port` (no Authorization header). Returns the status (0 on a
// transport failure) and puts the body in *body.
int LoopbackHttpGet(int port, const std::string& path_and_query, std::string* body,
                    std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

// A fresh temporary folder (mkdtemp under $TMPDIR or /tmp).
std::string MakeTempDir(const std::string& prefix);

}  // namespace lks::testing

#endif  // LKS_TESTS_SUPPORT_LIVEKIT_SERVER_H_
