// TestParticipant: a real LiveKit participant (tests/participant, server-sdk-go) driven from a
// C++ test. It joins with a token the test minted, optionally publishes an Opus track, and reports
// what it sees as lines: "JOINED <identity>", "PUBLISHED <sid>", "DATA <topic> <payload>",
// "MUTED <sid>", "METADATA <m>", "DISCONNECTED <reason>". Closing its stdin makes it leave.
//
// Its WebRTC traffic must stay local: use it only inside the test network namespace
// (InNetworkNamespace() in livekit_server.h).
#ifndef LKS_TESTS_SUPPORT_TEST_PARTICIPANT_H_
#define LKS_TESTS_SUPPORT_TEST_PARTICIPANT_H_

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "subprocess.h"

namespace lks::testing {

class TestParticipant {
 public:
  // Starts the helper and waits for JOINED (and PUBLISHED when `publish`). On failure returns
  // null with the reason and the helper's output in *error.
  static std::unique_ptr<TestParticipant> Join(
      const std::string& ws_url, const std::string& token, bool publish, std::string* error,
      std::chrono::milliseconds timeout = std::chrono::seconds(60));
  ~TestParticipant();

  // Waits for a reported line starting with `prefix`.
  std::optional<std::string> WaitFor(const std::string& prefix,
                                     std::chrono::milliseconds timeout = std::chrono::seconds(30));
  std::vector<std::string> Lines() const { return process_.Lines(); }
  // The published track's sid ("" when not publishing).
  const std::string& track_sid() const { return track_sid_; }
  // Leaves the room (closes stdin) and waits for the helper to exit.
  void Leave();
  // Everything it printed, for failure messages.
  std::string Output() const;

  static std::string BinaryPath();

 private:
  TestParticipant() = default;
  Subprocess process_;
  std::string track_sid_;
  std::string stderr_file_;
};

}  // namespace lks::testing

#endif  // LKS_TESTS_SUPPORT_TEST_PARTICIPANT_H_
