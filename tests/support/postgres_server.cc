#include "postgres_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <glob.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lks::testing {
namespace {

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof(a);
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
    port = ntohs(a.sin_port);
  }
  close(fd);
  return port;
}

std::string FindBinDir() {
  glob_t g{};
  std::string out;
  if (glob("/usr/lib/postgresql/*/bin/initdb", 0, nullptr, &g) == 0 && g.gl_pathc > 0) {
    out = g.gl_pathv[g.gl_pathc - 1];  // the newest version sorts last
    out.resize(out.size() - std::string("/initdb").size());
  }
  globfree(&g);
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `cmd` as the postgres user when we are root. Returns the exit status.
int RunAsPostgres(const std::string& cmd) {
  std::string full = geteuid() == 0 ? "runuser -u postgres -- " + cmd : cmd;
  return std::system(full.c_str());
}

}  // namespace

std::unique_ptr<PostgresServer> PostgresServer::Start(std::string* error, bool durable) {
  std::unique_ptr<PostgresServer> s(new PostgresServer());
  s->durable_ = durable;
  s->bin_ = FindBinDir();
  if (s->bin_.empty()) {
    *error =
        "no /usr/lib/postgresql/*/bin/initdb: install the postgresql package (scripts/setup.sh)";
    return nullptr;
  }
  char tmpl[] = "/tmp/lks-pg-XXXXXX";
  if (!mkdtemp(tmpl)) {
    *error = "mkdtemp failed";
    return nullptr;
  }
  s->dir_ = tmpl;
  if (geteuid() == 0) {
    passwd* pw = getpwnam("postgres");
    if (!pw) {
      *error = "no user 'postgres' to run PostgreSQL as (it refuses root)";
      return nullptr;
    }
    if (chown(s->dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      *error = "chown of " + s->dir_ + " failed";
      return nullptr;
    }
  }
  std::string init = s->bin_ + "/initdb -D " + s->dir_ +
                     "/data -A trust -U postgres --no-sync -E UTF8 --locale=C > " + s->dir_ +
                     "/initdb.log 2>&1";
  if (RunAsPostgres(init) != 0) {
    *error = "initdb failed:\n" + ReadFile(s->dir_ + "/initdb.log");
    return nullptr;
  }
  // A few tries in case another process takes the free port first.
  for (int attempt = 0; attempt < 5 && !s->running_; ++attempt) {
    s->port_ = FreePort();
    std::string err = s->PgCtl("start");
    if (err.empty())
      s->running_ = true;
    else if (attempt == 4)
      *error = err;
  }
  if (!s->running_) return nullptr;
  s->StartWatchdog();
  return s;
}

void PostgresServer::StartWatchdog() {
  std::string cmd = (geteuid() == 0 ? "runuser -u postgres -- " : "") + bin_ + "/pg_ctl -D " +
                    dir_ + "/data -m immediate stop >/dev/null 2>&1; rm -rf " + dir_;
  int fds[2];
  if (pipe(fds) != 0) return;
  pid_t pid = fork();
  if (pid == 0) {
    // Only async-signal-safe calls until exec: wait for EOF (the parent closed it or died).
    close(fds[1]);
    char c;
    while (read(fds[0], &c, 1) != 0) {
    }
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[0]);
  if (pid < 0) {
    close(fds[1]);
    return;
  }
  fcntl(fds[1], F_SETFD, FD_CLOEXEC);  // spawned workers must not keep the watchdog waiting
  watchdog_fd_ = fds[1];
}

std::string PostgresServer::PgCtl(const std::string& action) const {
  std::string opts =
      "-p " + std::to_string(port_) + " -k " + dir_ +
      " -c listen_addresses=127.0.0.1 -c max_connections=200" +
      (durable_ ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
  std::string cmd = bin_ + "/pg_ctl -D " + dir_ + "/data -l " + dir_ +
                    "/server.log -w -t 60 -m fast -o \"" + opts + "\" " + action + " > " + dir_ +
                    "/pg_ctl.log 2>&1";
  if (RunAsPostgres(cmd) != 0) {
    return "pg_ctl " + action + " failed:\n" + ReadFile(dir_ + "/pg_ctl.log") +
           ReadFile(dir_ + "/server.log");
  }
  return "";
}

PostgresServer::~PostgresServer() {
  if (running_) PgCtl("stop");
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  if (watchdog_fd_ >= 0) close(watchdog_fd_);  // the watchdog finds nothing left to do
}

std::string PostgresServer::Url(const std::string& schema) const {
  std::string url =
      "postgresql:///postgres?host=" + dir_ + "&port=" + std::to_string(port_) + "&user=postgres";
  if (!schema.empty()) url += "&options=-csearch_path%3D" + schema;
  return url;
}

std::string PostgresServer::Execute(const std::string& sql, const std::string& schema) const {
  PGconn* c = PQconnectdb(Url(schema).c_str());
  std::string err;
  if (PQstatus(c) != CONNECTION_OK) {
    err = PQerrorMessage(c);
  } else {
    PQsetNoticeProcessor(
        c, [](void*, const char*) {}, nullptr);
    PGresult* r = PQexec(c, sql.c_str());
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) err = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(c);
  return err;
}

std::string PostgresServer::CreateSchema() {
  std::string name = "t" + std::to_string(getpid()) + "_" + std::to_string(++schemas_);
  std::string err = Execute("CREATE SCHEMA " + name);
  return err.empty() ? name : "";
}

std::string PostgresServer::AmCheck() const {
  std::string log = dir_ + "/amcheck.log";
  std::string cmd = bin_ + "/pg_amcheck --install-missing --heapallindexed -h " + dir_ + " -p " +
                    std::to_string(port_) + " -U postgres postgres > " + log + " 2>&1";
  if (std::system(cmd.c_str()) != 0) return "pg_amcheck failed:\n" + ReadFile(log);
  return "";
}

std::string PostgresServer::Restart() { return PgCtl("restart"); }

std::string PostgresServer::Stop() {
  std::string err = PgCtl("stop");
  if (err.empty()) running_ = false;
  return err;
}

std::string PostgresServer::StartAgain() {
  std::string err = PgCtl("start");
  if (err.empty()) running_ = true;
  return err;
}

}  // namespace lks::testing
