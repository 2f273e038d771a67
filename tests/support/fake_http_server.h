// FakeHttpServer: a FAKE HTTP/1.1 server on 127.0.0.1 for tests that must inject faults a real
// livekit-server cannot produce (truncated or garbage bodies, plain-text errors on demand, exact
// retry counting). It answers each request with the raw bytes a handler returns, so tests control
// every byte on the wire. Tests of real behaviour use tests/support/livekit_server.h instead.
//
// Thread-safety: requests() and connections() may be called while serving; the handler runs on
// the connection's thread.
#ifndef LKS_TESTS_SUPPORT_FAKE_HTTP_SERVER_H_
#define LKS_TESTS_SUPPORT_FAKE_HTTP_SERVER_H_

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace lks::testing {

class FakeHttpServer {
 public:
  struct Request {
    std::string method;
    std::string path;
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
    std::string body;
    std::string Header(std::string_view name) const;
  };
  // Returns the raw bytes to write back; an empty string closes the connection unanswered.
  using Handler = std::function<std::string(const Request&)>;

  // Listens on 127.0.0.1 on a free port and serves until destroyed.
  explicit FakeHttpServer(Handler handler);
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  // From now on, answer every new connection with `bytes` at once (before reading anything) and
  // close it: a server that does not speak what the client expects (e.g. plain HTTP to TLS).
  void AnswerConnectionsWith(std::string bytes) {
    std::lock_guard<std::mutex> lock(mu_);
    greeting_ = std::move(bytes);
  }

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<Request> requests() const;
  int connections() const { return connections_.load(); }

  // A complete response with Content-Length.
  static std::string Response(int status, std::string_view body,
                              std::string_view content_type = "application/json",
                              std::string_view extra_headers = {});

 private:
  void AcceptLoop();
  void Serve(int fd);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  mutable std::mutex mu_;
  std::vector<Request> requests_;
  std::string greeting_;
  std::vector<int> conn_fds_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace lks::testing

#endif  // LKS_TESTS_SUPPORT_FAKE_HTTP_SERVER_H_
