// The CLI's embedded HTTP server, exercised over real loopback sockets.
#include "server/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

namespace lks::server {
namespace {

// A blocking HTTP/1.1 client on one connection, enough to send requests and read responses.
class RawClient {
 public:
  explicit RawClient(uint16_t port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawClient() { close(fd_); }
  bool connected() const { return connected_; }

  // Sends `request` and returns one full response (status line, headers, Content-Length body).
  std::string RoundTrip(const std::string& request) {
    for (size_t sent = 0; sent < request.size();) {
      ssize_t n = send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return "";
      sent += static_cast<size_t>(n);
    }
    std::string in;
    char buf[4096];
    while (true) {
      size_t header_end = in.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        size_t cl = in.find("Content-Length: ");
        size_t len = cl == std::string::npos ? 0 : std::stoul(in.substr(cl + 16));
        if (in.size() >= header_end + 4 + len) return in.substr(0, header_end + 4 + len);
      }
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return in;
      in.append(buf, static_cast<size_t>(n));
    }
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

RestResponse Echo(const RestRequest& r) {
  RestResponse out;
  out.headers.emplace_back("Content-Type", "text/plain");
  out.body = r.method + " " + r.path + "?" + r.query +
             " auth=" + std::string(r.Header("authorization")) + " body=" + r.body;
  return out;
}

std::unique_ptr<HttpServer> StartEcho(size_t max_body = 1 << 20) {
  HttpServerOptions o;
  o.port = 0;
  o.threads = 2;
  o.max_body_bytes = max_body;
  auto s = HttpServer::Start(o, Echo);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : nullptr;
}

TEST(HttpServer, ServesMethodPathQueryHeadersAndBody) {
  auto server = StartEcho();
  ASSERT_TRUE(server);
  ASSERT_NE(server->port(), 0);
  RawClient c(server->port());
  ASSERT_TRUE(c.connected());
  std::string r = c.RoundTrip(
      "POST /api/livekit/token?x=1&y=a%20b HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer abc\r\n"
      "Content-Length: 11\r\n\r\n{\"a\":\"b c\"}");
  EXPECT_EQ(r.rfind("HTTP/1.1 200", 0), 0u) << r;
  EXPECT_NE(r.find("POST /api/livekit/token?x=1&y=a%20b auth=Bearer abc body={\"a\":\"b c\"}"),
            std::string::npos)
      << r;
}

TEST(HttpServer, KeepsTheConnectionAliveAcrossRequests) {
  auto server = StartEcho();
  ASSERT_TRUE(server);
  RawClient c(server->port());
  for (int i = 0; i < 3; ++i) {
    std::string r = c.RoundTrip("GET /n/" + std::to_string(i) + " HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_NE(r.find("GET /n/" + std::to_string(i)), std::string::npos) << r;
  }
}

TEST(HttpServer, AnswersOversizedBodiesWith413WithoutCallingTheHandler) {
  auto server = StartEcho(/*max_body=*/1000);
  ASSERT_TRUE(server);
  RawClient c(server->port());
  std::string body(5000, 'x');
  std::string r =
      c.RoundTrip("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n" + body);
  EXPECT_EQ(r.rfind("HTTP/1.1 413", 0), 0u) << r.substr(0, 200);
  EXPECT_NE(r.find("payload_too_large"), std::string::npos);
  // Chunked uploads are limited too (no Content-Length up front).
  RawClient c2(server->port());
  std::string chunked = "POST /big HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) chunked += "3e8\r\n" + std::string(1000, 'y') + "\r\n";
  chunked += "0\r\n\r\n";
  r = c2.RoundTrip(chunked);
  EXPECT_EQ(r.rfind("HTTP/1.1 413", 0), 0u) << r.substr(0, 200);
}

TEST(HttpServer, HandlesConcurrentClients) {
  auto server = StartEcho();
  ASSERT_TRUE(server);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      RawClient c(server->port());
      for (int i = 0; i < 20; ++i) {
        std::string path = "/t" + std::to_string(t) + "/" + std::to_string(i);
        if (c.RoundTrip("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n").find("GET " + path + "?") !=
            std::string::npos) {
          ++ok;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 160);
}

TEST(HttpServer, HandlerExceptionsBecome500) {
  HttpServerOptions o;
  o.port = 0;
  auto s = HttpServer::Start(
      o, [](const RestRequest&) -> RestResponse { throw std::runtime_error("boom"); });
  ASSERT_TRUE(s.ok());
  RawClient c((*s)->port());
  std::string r = c.RoundTrip("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(r.rfind("HTTP/1.1 500", 0), 0u) << r;
  EXPECT_EQ(r.find("boom"), std::string::npos);  // internals stay internal
}

TEST(HttpServer, ReportsAPortInUseAndStopsIdempotently) {
  auto first = StartEcho();
  ASSERT_TRUE(first);
  HttpServerOptions o;
  o.port = first->port();
  auto second = HttpServer::Start(o, Echo);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(second.status().message().find(std::to_string(first->port())), std::string::npos);
  o.bind_address = "not-an-ip";
  EXPECT_EQ(HttpServer::Start(o, Echo).status().code(), StatusCode::kInvalidArgument);
  first->Stop();
  first->Stop();
  RawClient c(o.port);
  EXPECT_FALSE(c.connected());
}

}  // namespace
}  // namespace lks::server
