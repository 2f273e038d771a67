// Subprocess: a child process for tests — argv, its standard input as a pipe we can close, its
// standard output and error either collected line by line (with waits for a line) or written to
// a log file. Stopping sends SIGTERM, waits, then SIGKILL; the destructor always reaps the child.
//
// Thread-safety: WaitForLine/Lines may be called from any thread; Start/Stop from one.
#ifndef LKS_TESTS_SUPPORT_SUBPROCESS_H_
#define LKS_TESTS_SUPPORT_SUBPROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace lks::testing {

class Subprocess {
 public:
  Subprocess() = default;
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  // Starts argv[0] (a path) with `argv`. When `log_file` is empty, stdout is read line by line
  // (see WaitForLine) and stderr goes to `stderr_file` (or is inherited when that is empty too);
  // otherwise both go to `log_file`. Returns false (with errno text in *error) if it cannot start.
  bool Start(const std::vector<std::string>& argv, const std::string& log_file, std::string* error,
             const std::string& stderr_file = {});

  // True while the child has not exited (reaps it when it has).
  bool Running();
  // The exit status as from waitpid, once it has exited.
  std::optional<int> ExitStatus();

  // Waits until a stdout line starting with `prefix` has been seen (also one seen before) and
  // returns it; nullopt on timeout or when the child's stdout closes without one.
  std::optional<std::string> WaitForLine(std::string_view prefix,
                                         std::chrono::milliseconds timeout);
  std::vector<std::string> Lines() const;

  // Closes the child's standard input (a polite "please leave").
  void CloseStdin();
  // Waits up to `grace` for exit; then SIGTERM, waits `grace` again; then SIGKILL.
  void Stop(std::chrono::milliseconds grace = std::chrono::milliseconds(5000),
            bool term_first = true);
  // Waits for exit up to `timeout`; true when it exited.
  bool WaitExit(std::chrono::milliseconds timeout);

  pid_t pid() const { return pid_; }

 private:
  void ReadLoop(int fd);

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  std::optional<int> exit_status_;
  std::thread reader_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> lines_;
  bool stdout_closed_ = false;
};

}  // namespace lks::testing

#endif  // LKS_TESTS_SUPPORT_SUBPROCESS_H_
