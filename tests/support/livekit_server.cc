#include "livekit_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#ifndef LKS_PROJECT_DEPS_DIR
#define LKS_PROJECT_DEPS_DIR ".deps"
#endif

namespace lks::testing {
namespace {

std::string RandomAlnum(size_t n) {
  static const char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device rd;
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(kChars[rd() % (sizeof kChars - 1)]);
  return s;
}

std::string YamlQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

std::string DepsBinary(const std::string& name) {
  const char* deps = std::getenv("LKS_DEPS_DIR");
  return std::string(deps && *deps ? deps : LKS_PROJECT_DEPS_DIR) + "/bin/" + name;
}

std::string LiveKitServer::BinaryPath() {
  const char* p = std::getenv("LKS_LIVEKIT_SERVER");
  return p && *p ? std::string(p) : DepsBinary("server");
}

bool InNetworkNamespace() {
  const char* v = std::getenv("LKS_IN_NETNS");
  return v && std::string(v) == "1";
}

std::string MakeTempDir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/" + prefix + "XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) return {};
  return std::string(buf.data());
}

namespace {

// True when 127.0.0.1:`port` can be bound for `type` (SOCK_STREAM or SOCK_DGRAM) right now.
bool CanBind(int type, int port) {
  int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// The first port of the kernel's ephemeral range (net.ipv4.ip_local_port_range), 32768 if
// unreadable.
int EphemeralLow() {
  std::ifstream f("/proc/sys/net/ipv4/ip_local_port_range");
  int low = 0;
  return (f >> low) && low > 0 ? low : 32768;
}

}  // namespace

int FreeLoopbackPort() {
  // Below the ephemeral range: no bind(0) and no outgoing connection of any process ever takes
  // one of these, so a port handed out stays free until its user binds it (a port from bind(0)
  // did not: another bind(0) or connect() could take it first, and "lkstudy serve: cannot
  // listen" failed a run). Each is handed out once per process, from an offset drawn per process
  // so that two test processes outside a network namespace rarely try the same one.
  static constexpr int kFirst = 10000;
  static std::mutex mu;
  static int next = 0;
  static int span = 0;
  std::lock_guard<std::mutex> lock(mu);
  if (span == 0) {
    span = EphemeralLow() - kFirst;
    if (span < 1000) span = -1;  // no room below the range: fall back to bind(0)
    if (span > 0) next = static_cast<int>(std::random_device{}() % static_cast<unsigned>(span));
  }
  if (span > 0) {
    for (int tries = 0; tries < span; ++tries) {
      const int port = kFirst + next;
      next = (next + 1) % span;
      if (CanBind(SOCK_STREAM, port) && CanBind(SOCK_DGRAM, port)) return port;
    }
    return 0;
  }
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return 0;
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

int LoopbackHttpGet(int port, const std::string& path, std::string* body,
                    std::chrono::milliseconds timeout) {
  body->clear();
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return 0;
  }
  std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
    ::close(fd);
    return 0;
  }
  std::string resp;
  char chunk[4096];
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    resp.append(chunk, static_cast<size_t>(n));
  }
  ::close(fd);
  if (resp.compare(0, 5, "HTTP/") != 0) return 0;
  int status = std::atoi(resp.c_str() + resp.find(' ') + 1);
  size_t he = resp.find("\r\n\r\n");
  if (he != std::string::npos) {
    std::string b = resp.substr(he + 4);
    // The server may answer chunked; good enough for short bodies: strip the chunk framing.
    if (resp.substr(0, he).find("chunked") != std::string::npos) {
      std::string out;
      size_t pos = 0;
      while (pos < b.size()) {
        size_t le = b.find("\r\n", pos);
        if (le == std::string::npos) break;
        size_t n = std::strtoul(b.substr(pos, le - pos).c_str(), nullptr, 16);
        if (n == 0) break;
        out += b.substr(le + 2, n);
        pos = le + 2 + n + 2;
      }
      b = out;
    }
    *body = b;
  }
  return status;
}

std::unique_ptr<LiveKitServer> LiveKitServer::Start(const LiveKitServerOptions& options,
                                                    std::string* error) {
  // Free ports are found by binding port 0 and closing it, so a test running in parallel may take
  // one before the server binds it: such a start is tried again with other ports.
  for (int attempt = 1;; ++attempt) {
    std::unique_ptr<LiveKitServer> s = StartOnce(options, error);
    if (s || attempt == 3 || error->find("address already in use") == std::string::npos) return s;
  }
}

std::unique_ptr<LiveKitServer> LiveKitServer::StartOnce(const LiveKitServerOptions& options,
                                                        std::string* error) {
  std::unique_ptr<LiveKitServer> s(new LiveKitServer());
  s->options_ = options;
  if (s->options_.api_secret.empty()) s->options_.api_secret = RandomAlnum(32);
  s->dir_ = MakeTempDir("lks-livekit-");
  if (s->dir_.empty()) {
    *error = "cannot create a temp folder";
    return nullptr;
  }
  const std::string binary = BinaryPath();
  if (::access(binary.c_str(), X_OK) != 0) {
    *error = "livekit-server not found at " + binary + " (run scripts/setup.sh)";
    return nullptr;
  }
  s->port_ = options.port > 0 ? options.port : FreeLoopbackPort();
  int tcp = FreeLoopbackPort();
  int udp = FreeLoopbackPort();
  std::ostringstream y;
  y << "port: " << s->port_ << "\n"
    << "bind_addresses: [\"127.0.0.1\"]\n"
    << "keys:\n  " << YamlQuote(s->options_.api_key) << ": " << YamlQuote(s->options_.api_secret)
    << "\n";
  for (const auto& [k, v] : options.extra_keys)
    y << "  " << YamlQuote(k) << ": " << YamlQuote(v) << "\n";
  const std::string webhook_key =
      options.webhook_api_key.empty() ? s->options_.api_key : options.webhook_api_key;
  if (webhook_key != s->options_.api_key && !options.extra_keys.count(webhook_key)) {
    *error = "webhook_api_key must be api_key or one of extra_keys (the server refuses others)";
    return nullptr;
  }
  y << "rtc:\n"
    << "  tcp_port: " << tcp << "\n"
    << "  udp_port: " << udp << "\n"
    << "  node_ip: 127.0.0.1\n"
    << "  use_external_ip: false\n"
    << "  enable_loopback_candidate: true\n"
    << "room:\n"
    << "  empty_timeout: " << options.empty_timeout_s << "\n"
    << "  departure_timeout: " << options.departure_timeout_s << "\n"
    << "logging:\n  level: info\n";
  if (!options.webhook_urls.empty()) {
    y << "webhook:\n  api_key: " << YamlQuote(webhook_key) << "\n  urls:\n";
    for (const auto& u : options.webhook_urls) y << "    - " << YamlQuote(u) << "\n";
  }
  y << options.extra_yaml;
  const std::string config = s->dir_ + "/livekit.yaml";
  {
    std::ofstream f(config);
    f << y.str();
  }
  const std::string log = s->dir_ + "/server.log";
  if (!s->process_.Start({binary, "--config", config}, log, error)) return nullptr;

  auto deadline = std::chrono::steady_clock::now() + options.start_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!s->process_.Running()) {
      *error =
          "livekit-server exited before answering GET / (a config error exits with status 0); "
          "log:\n" +
          s->Log();
      return nullptr;
    }
    std::string body;
    if (LoopbackHttpGet(s->port_, "/", &body, std::chrono::milliseconds(1000)) == 200 &&
        body == "OK")
      return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  *error = "livekit-server did not answer GET / with OK in time; log:\n" + s->Log();
  s->Stop();
  return nullptr;
}

LiveKitServer::~LiveKitServer() {
  Stop();
  std::error_code ec;
  if (!dir_.empty() && !std::getenv("LKS_KEEP_TEST_DIRS")) std::filesystem::remove_all(dir_, ec);
}

void LiveKitServer::Stop() { process_.Stop(std::chrono::milliseconds(3000)); }

std::string LiveKitServer::Log() const {
  std::ifstream f(dir_ + "/server.log");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace lks::testing
