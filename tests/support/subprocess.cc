#include "subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lks::testing {

Subprocess::~Subprocess() {
  if (pid_ > 0 && !exit_status_) Stop(std::chrono::milliseconds(0), false);
  if (stdin_fd_ >= 0) ::close(stdin_fd_);
  if (reader_.joinable()) reader_.join();
}

bool Subprocess::Start(const std::vector<std::string>& argv, const std::string& log_file,
                       std::string* error, const std::string& stderr_file) {
  int in_pipe[2] = {-1, -1};
  int out_pipe[2] = {-1, -1};
  if (::pipe2(in_pipe, O_CLOEXEC) != 0) {
    *error = std::strerror(errno);
    return false;
  }
  int out_fd = -1, err_fd = -1;
  if (!log_file.empty()) {
    out_fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out_fd < 0) {
      *error = log_file + ": " + std::strerror(errno);
      return false;
    }
    err_fd = out_fd;
  } else {
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
      *error = std::strerror(errno);
      return false;
    }
    out_fd = out_pipe[1];
    if (!stderr_file.empty()) {
      err_fd = ::open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    }
  }
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    *error = std::strerror(errno);
    return false;
  }
  if (pid == 0) {
    ::dup2(in_pipe[0], 0);
    ::dup2(out_fd, 1);
    if (err_fd >= 0) ::dup2(err_fd, 2);
    ::setpgid(0, 0);  // its own process group, so a signal to the test runner does not reach it
    ::execv(args[0], args.data());
    _exit(127);
  }
  pid_ = pid;
  ::close(in_pipe[0]);
  stdin_fd_ = in_pipe[1];
  if (!log_file.empty()) {
    ::close(out_fd);
  } else {
    ::close(out_pipe[1]);
    if (err_fd >= 0) ::close(err_fd);
    int rfd = out_pipe[0];
    reader_ = std::thread([this, rfd] { ReadLoop(rfd); });
  }
  return true;
}

void Subprocess::ReadLoop(int fd) {
  std::string buf;
  char chunk[4096];
  for (;;) {
    ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    buf.append(chunk, static_cast<size_t>(n));
    size_t nl;
    while ((nl = buf.find('\n')) != std::string::npos) {
      std::lock_guard<std::mutex> lock(mu_);
      lines_.push_back(buf.substr(0, nl));
      buf.erase(0, nl + 1);
      cv_.notify_all();
    }
  }
  ::close(fd);
  std::lock_guard<std::mutex> lock(mu_);
  if (!buf.empty()) lines_.push_back(buf);
  stdout_closed_ = true;
  cv_.notify_all();
}

bool Subprocess::Running() {
  if (pid_ <= 0 || exit_status_) return false;
  int st = 0;
  pid_t r = ::waitpid(pid_, &st, WNOHANG);
  if (r == pid_) {
    exit_status_ = st;
    return false;
  }
  return true;
}

std::optional<int> Subprocess::ExitStatus() {
  Running();
  return exit_status_;
}

std::optional<std::string> Subprocess::WaitForLine(std::string_view prefix,
                                                   std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  std::optional<std::string> found;
  cv_.wait_for(lock, timeout, [&] {
    for (const std::string& l : lines_) {
      if (l.compare(0, prefix.size(), prefix) == 0) {
        found = l;
        return true;
      }
    }
    return stdout_closed_;
  });
  return found;
}

std::vector<std::string> Subprocess::Lines() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lines_;
}

void Subprocess::CloseStdin() {
  if (stdin_fd_ >= 0) {
    ::close(stdin_fd_);
    stdin_fd_ = -1;
  }
}

bool Subprocess::WaitExit(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (!Running()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void Subprocess::Stop(std::chrono::milliseconds grace, bool term_first) {
  if (pid_ <= 0 || !Running()) return;
  if (term_first) {
    ::kill(pid_, SIGTERM);
    if (WaitExit(grace)) return;
    ::kill(pid_, SIGTERM);  // livekit-server: a second SIGTERM skips waiting for participants
    if (WaitExit(grace)) return;
  }
  ::kill(pid_, SIGKILL);
  int st = 0;
  if (::waitpid(pid_, &st, 0) == pid_) exit_status_ = st;
}

}  // namespace lks::testing
