// lkstudy dev: the whole stack on one machine — a local livekit-server with generated keys whose
// webhooks point at the API, and `serve` on SQLite with the web client and its dev-only sign-in
// (dev_sign_in.h) — plus ready-to-paste curl commands. The first line it prints is the URL to open.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/dev_sign_in.h"
#include "cli/dotenv.h"
#include "cli/serve.h"
#include "cli/signals.h"
#include "lks/api/app_token.h"
#include "lks/core/crypto.h"

namespace lks::cli {
namespace {

uint16_t FreeLoopbackPort(int type) {
  int fd = socket(AF_INET, type, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  uint16_t port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
    port = ntohs(a.sin_port);
  }
  close(fd);
  return port;
}

// GET http://127.0.0.1:<port>/ and return the body ("OK" when livekit-server is up), or "".
std::string LoopbackGetRoot(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string in;
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
    const std::string req = "GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size())) {
      char buf[1024];
      ssize_t n;
      while ((n = recv(fd, buf, sizeof buf, 0)) > 0) in.append(buf, static_cast<size_t>(n));
    }
  }
  close(fd);
  size_t body = in.find("\r\n\r\n");
  return body == std::string::npos ? "" : in.substr(body + 4);
}

std::string FindLiveKitServer(const Args& a, const char* argv0) {
  if (auto v = a.Get("livekit-server")) return *v;
  if (const char* deps = std::getenv("LKS_DEPS_DIR"); deps && *deps) {
    std::string p = std::string(deps) + "/bin/server";
    if (access(p.c_str(), X_OK) == 0) return p;
  }
  // build/bin/lkstudy -> <project>/.deps/bin/server, as scripts/setup.sh installs it.
  char self[4096];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    std::string dir(self, static_cast<size_t>(n));
    for (int up = 0; up < 3 && dir.find('/') != std::string::npos; ++up) {
      dir = dir.substr(0, dir.rfind('/'));
      std::string p = dir + "/.deps/bin/server";
      if (access(p.c_str(), X_OK) == 0) return p;
    }
  }
  (void)argv0;
  return "livekit-server";
}

struct LiveKitProcess {
  pid_t pid = -1;
  void Stop() {
    if (pid <= 0) return;
    kill(pid, SIGTERM);
    for (int i = 0; i < 50; ++i) {
      if (waitpid(pid, nullptr, WNOHANG) == pid) {
        pid = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(pid, SIGKILL);  // it waits for connected participants; do not hang the terminal
    waitpid(pid, nullptr, 0);
    pid = -1;
  }
};

void PrintTail(const std::string& path) {
  std::ifstream f(path);
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(f, line)) lines.push_back(line);
  for (size_t i = lines.size() > 30 ? lines.size() - 30 : 0; i < lines.size(); ++i)
    std::cerr << "  " << lines[i] << "\n";
}

}  // namespace

int RunDevCommand(const std::vector<std::string>& argv) {
  constexpr const char* kUsage =
      "usage: lkstudy dev [--port 3000] [--dir .lkstudy-dev] [--livekit-server PATH]\n"
      "                   [--web-dir DIR] [--no-web]\n"
      "Runs a local livekit-server (generated keys, webhooks to the API) and `lkstudy serve` on\n"
      "SQLite with the web client at / and its dev-only sign-in (pick a user; --no-web: API "
      "only).\n";
  if (!argv.empty() && (argv[0] == "help" || argv[0] == "--help")) {
    std::cout << kUsage;
    return 0;
  }
  auto parsed = Args::Parse(argv, {"port", "dir", "livekit-server", "web-dir"}, {"no-web"});
  if (!parsed.ok()) return Fail(parsed.status(), 2);
  const Args& a = *parsed;
  const std::string dir = a.Get("dir").value_or(".lkstudy-dev");
  mkdir(dir.c_str(), 0700);

  ServeConfig config;
  config.port = 3000;
  if (auto v = a.Get("port")) {
    char* end = nullptr;
    long p = std::strtol(v->c_str(), &end, 10);
    if (v->empty() || *end || p < 1 || p > 65535)
      return Fail(InvalidArgumentError("--port: not a port number"), 2);
    config.port = static_cast<uint16_t>(p);
  }
  config.database_url = "sqlite:" + dir + "/lkstudy.db";
  config.api_key = "devkey";
  config.api_secret = RandomHex(24);
  const char* app_secret = std::getenv("APP_JWT_SECRET");
  config.app_jwt_secret = app_secret && *app_secret ? app_secret : RandomHex(24);
  config.web = !a.Has("no-web");
  config.web_dir = a.GetOrEnv("web-dir", "LKS_WEB_DIR").value_or("");

  const uint16_t lk_port = FreeLoopbackPort(SOCK_STREAM);
  const uint16_t rtc_tcp = FreeLoopbackPort(SOCK_STREAM);
  const uint16_t rtc_udp = FreeLoopbackPort(SOCK_DGRAM);
  config.livekit_url = "ws://127.0.0.1:" + std::to_string(lk_port);
  const std::string yaml_path = dir + "/livekit.yaml";
  const std::string log_path = dir + "/livekit.log";
  {
    std::ofstream y(yaml_path);
    y << "port: " << lk_port << "\n"
      << "bind_addresses: [\"127.0.0.1\"]\n"
      << "keys:\n  " << config.api_key << ": " << config.api_secret << "\n"
      << "rtc:\n  tcp_port: " << rtc_tcp << "\n  udp_port: " << rtc_udp << "\n"
      << "  node_ip: 127.0.0.1\n  use_external_ip: false\n  enable_loopback_candidate: true\n"
      << "webhook:\n  api_key: " << config.api_key << "\n  urls:\n"
      << "    - http://127.0.0.1:" << config.port << "/api/livekit/webhook\n"
      << "logging:\n  level: info\n";
  }
  chmod(yaml_path.c_str(), 0600);  // it holds the secret

  BlockTerminationSignals();
  const std::string server_bin = FindLiveKitServer(a, argv.empty() ? "" : argv[0].c_str());
  LiveKitProcess lk;
  lk.pid = fork();
  if (lk.pid == 0) {
    int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(log, 1);
    dup2(log, 2);
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, nullptr);
    execlp(server_bin.c_str(), server_bin.c_str(), "--config", yaml_path.c_str(),
           static_cast<char*>(nullptr));
    std::fprintf(stderr, "cannot run %s: %s\n", server_bin.c_str(), std::strerror(errno));
    _exit(127);
  }
  // livekit-server exits 0 on a bad config: "exited before it answered OK" is the failure signal.
  bool up = false;
  for (int i = 0; i < 300 && !up; ++i) {
    if (waitpid(lk.pid, nullptr, WNOHANG) == lk.pid) {
      lk.pid = -1;
      break;
    }
    up = LoopbackGetRoot(lk_port) == "OK";
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (!up) {
    std::cerr << "lkstudy dev: livekit-server (" << server_bin << ") did not start; its log ("
              << log_path << "):\n";
    PrintTail(log_path);
    std::cerr << "Install it with scripts/run.sh (go install "
                 "github.com/livekit/livekit-server/cmd/server@v1.13.5)\n";
    lk.Stop();
    return 1;
  }

  auto on_ready = [&](const ServeInfo& info) {
    Principal owner{"15", "john@example.com", "John Doe", ""};
    Principal admin{"1", "admin@example.com", "Admin", "admin"};
    const std::string t15 =
        MintAppToken(config.app_jwt_secret, owner, std::chrono::hours(24)).value();
    const std::string t1 =
        MintAppToken(config.app_jwt_secret, admin, std::chrono::hours(24)).value();
    const std::string api = "http://127.0.0.1:" + std::to_string(info.port);
    // The URL first: it is what a person opens.
    if (info.web_served) {
      std::cout << "lkstudy dev: open " << api << "/ (web client; pick a user to sign in)\n";
    } else {
      std::cout << "lkstudy dev: " << api << " (REST API; web client " << info.web_note << ")\n";
    }
    std::cout
        << "\nlkstudy dev is up.\n"
        << "  REST API       " << api << "/api  (store " << config.database_url << ")\n"
        << "  livekit-server " << config.livekit_url << "  (key devkey; log " << log_path << ")\n"
        << "  webhooks       livekit-server -> " << api << "/api/livekit/webhook\n\n"
        << "App tokens (APP_JWT_SECRET in this run; `lkstudy app-token` mints more):\n"
        << "  export T15=" << t15 << "   # user 15\n"
        << "  export TADMIN=" << t1 << "   # an admin\n\n"
        << "Try the seed's examples:\n"
        << "  curl -s " << api << "/api/livekit/status\n"
        << "  curl -s -X POST " << api
        << "/api/study-groups/create -H \"Authorization: Bearer $T15\" "
        << "-H 'Content-Type: application/json' -d '{\"title\":\"Test Bible "
           "Study\",\"description\":\"Testing "
           "LiveKit "
           "integration\",\"videoProvider\":\"livekit\",\"useLiveKit\":true,\"maxParticipants\":10}"
           "'\n"
        << "  curl -s " << api << "/api/study-groups/1 -H \"Authorization: Bearer $T15\"\n"
        << "  curl -s -X POST " << api << "/api/livekit/token -H \"Authorization: Bearer $T15\" "
        << "-H 'Content-Type: application/json' -d '{\"roomName\":\"<livekitRoomName from above>\","
           "\"participantName\":\"John Doe\"}'\n"
        << "  curl -s -X POST " << api << "/api/livekit/token -H \"Authorization: Bearer $TADMIN\" "
        << "-H 'Content-Type: application/json' -d "
           "'{\"roomName\":\"test_room\",\"participantName\":\"Test User\"}'   # admins: any room\n"
        << "  curl -s -X POST " << api << "/api/livekit/rooms -H \"Authorization: Bearer $TADMIN\" "
        << "-H 'Content-Type: application/json' -d "
           "'{\"name\":\"test_room\",\"maxParticipants\":10}'\n"
        << "  curl -s " << api << "/api/livekit/rooms -H \"Authorization: Bearer $TADMIN\"\n"
        << "  curl -s " << api
        << "/api/livekit/rooms/test_room -H \"Authorization: Bearer $TADMIN\"\n"
        << "  curl -s -X POST " << api
        << "/api/livekit/rooms/test_room/remove-participant -H \"Authorization: "
           "Bearer $TADMIN\" -H 'Content-Type: application/json' -d "
           "'{\"participantIdentity\":\"user_15\"}'\n"
        << "  curl -s -X DELETE " << api
        << "/api/livekit/rooms/test_room -H \"Authorization: Bearer $TADMIN\"\n"
        << "\nCtrl-C stops both.\n"
        << std::endl;
  };
  const int rc = Serve(config, on_ready, DevSignInRoutes(config.app_jwt_secret));
  lk.Stop();
  return rc;
}

}  // namespace lks::cli
