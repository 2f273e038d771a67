#include "livekit_test_server.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "livekit_server.h"

namespace lks::testing {

std::string LiveKitTestServer::BinaryPath() {
  const char* p = std::getenv("LKS_LIVEKIT_TEST_SERVER");
  return p && *p ? std::string(p) : DepsBinary("test-server");
}

std::unique_ptr<LiveKitTestServer> LiveKitTestServer::Start(int regions,
                                                            const std::string& api_secret,
                                                            std::string* error) {
  std::unique_ptr<LiveKitTestServer> s(new LiveKitTestServer());
  const std::string bin = BinaryPath();
  if (::access(bin.c_str(), X_OK) != 0) {
    *error = "test-server not found at " + bin + " (run scripts/setup.sh)";
    return nullptr;
  }
  std::string ports;
  for (int i = 0; i < regions; ++i) {
    s->ports_.push_back(FreeLoopbackPort());
    ports += (i ? "," : "") + std::to_string(s->ports_.back());
  }
  s->dir_ = MakeTempDir("lks-test-server-");
  const std::string log = s->dir_ + "/test-server.log";
  if (!s->process_.Start({bin, "--ports", ports, "--bind", "127.0.0.1", "--advertise-host",
                          "http://127.0.0.1", "--api-secret", api_secret},
                         log, error)) {
    return nullptr;
  }
  auto read_log = [&] {
    std::ifstream f(log);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  };
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!s->process_.Running()) {
      *error = "test-server exited early; log:\n" + read_log();
      return nullptr;
    }
    bool all = true;
    for (int p : s->ports_) {
      std::string body;
      all = all && LoopbackHttpGet(p, "/", &body, std::chrono::milliseconds(500)) == 200;
    }
    if (all) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  *error = "test-server did not answer in time; log:\n" + read_log();
  return nullptr;
}

LiveKitTestServer::~LiveKitTestServer() {
  process_.Stop(std::chrono::milliseconds(3000));
  std::error_code ec;
  if (!dir_.empty() && !std::getenv("LKS_KEEP_TEST_DIRS")) std::filesystem::remove_all(dir_, ec);
}

}  // namespace lks::testing
