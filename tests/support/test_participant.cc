#include "test_participant.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "livekit_server.h"

namespace lks::testing {

std::string TestParticipant::BinaryPath() {
  const char* p = std::getenv("LKS_TEST_PARTICIPANT");
  return p && *p ? std::string(p) : DepsBinary("lks-participant");
}

std::unique_ptr<TestParticipant> TestParticipant::Join(const std::string& ws_url,
                                                       const std::string& token, bool publish,
                                                       std::string* error,
                                                       std::chrono::milliseconds timeout) {
  std::unique_ptr<TestParticipant> p(new TestParticipant());
  const std::string bin = BinaryPath();
  if (::access(bin.c_str(), X_OK) != 0) {
    *error = "participant helper not found at " + bin + " (run scripts/setup.sh)";
    return nullptr;
  }
  std::string dir = MakeTempDir("lks-participant-");
  p->stderr_file_ = dir + "/stderr.log";
  std::vector<std::string> argv = {bin, "-url", ws_url, "-token", token};
  if (publish) argv.push_back("-publish");
  if (!p->process_.Start(argv, {}, error, p->stderr_file_)) return nullptr;
  auto joined = p->process_.WaitForLine("JOINED ", timeout);
  if (!joined) {
    *error = "participant did not join:\n" + p->Output();
    return nullptr;
  }
  if (publish) {
    auto pub = p->process_.WaitForLine("PUBLISHED ", timeout);
    if (!pub) {
      *error = "participant did not publish:\n" + p->Output();
      return nullptr;
    }
    p->track_sid_ = pub->substr(10);
  }
  return p;
}

TestParticipant::~TestParticipant() {
  Leave();
  std::error_code ec;
  if (!stderr_file_.empty() && !std::getenv("LKS_KEEP_TEST_DIRS")) {
    std::filesystem::remove_all(std::filesystem::path(stderr_file_).parent_path(), ec);
  }
}

std::optional<std::string> TestParticipant::WaitFor(const std::string& prefix,
                                                    std::chrono::milliseconds timeout) {
  return process_.WaitForLine(prefix, timeout);
}

void TestParticipant::Leave() {
  process_.CloseStdin();
  if (!process_.WaitExit(std::chrono::seconds(10))) process_.Stop(std::chrono::seconds(2));
}

std::string TestParticipant::Output() const {
  std::string out;
  for (const auto& l : process_.Lines()) out += "  " + l + "\n";
  std::ifstream f(stderr_file_);
  std::stringstream ss;
  ss << f.rdbuf();
  std::string err = ss.str();
  if (err.size() > 4000) err = "..." + err.substr(err.size() - 4000);
  return out + "stderr:\n" + err;
}

}  // namespace lks::testing
