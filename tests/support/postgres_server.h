// PostgresServer: a real, throw-away PostgreSQL cluster for tests. initdb into a temp dir as the
// unprivileged user `postgres` (PostgreSQL refuses root), a free port, the unix socket in the
// temp dir, trust auth; stopped and deleted by the destructor — or, if the test process dies
// without running it (a crash, SIGKILL), by a small watchdog process that notices the exit.
//
// Thread-safety: not thread-safe; create and drive it from the test's main thread.
#ifndef LKS_TESTS_SUPPORT_POSTGRES_SERVER_H_
#define LKS_TESTS_SUPPORT_POSTGRES_SERVER_H_

#include <memory>
#include <string>

namespace lks::testing {

class PostgresServer {
 public:
  // Starts a fresh cluster. On failure returns null and explains why in `*error` (with the log).
  // `durable` keeps fsync on (benchmarks); tests run with fsync off.
  static std::unique_ptr<PostgresServer> Start(std::string* error, bool durable = false);
  ~PostgresServer();

  // A postgres:// URL for database `postgres`; with a non-empty `schema`, the connection's
  // search_path is that schema (CreateSchema makes one) so each test gets a clean namespace.
  std::string Url(const std::string& schema = "") const;
  // Creates a new empty schema with a unique name and returns it.
  std::string CreateSchema();
  // Runs SQL through libpq on database `postgres` (search_path = schema when given); returns
  // "" on success or the error message.
  std::string Execute(const std::string& sql, const std::string& schema = "") const;

  // Runs pg_amcheck (heap and B-tree checks, installing the amcheck extension if missing) on
  // database `postgres`. Returns "" when every relation checks out, else its report.
  std::string AmCheck() const;

  // Restarts the server (existing connections die). Returns "" or the error.
  std::string Restart();
  // Stops the server (fast shutdown: existing connections die, new ones are refused) and starts
  // it again on the same port and data; for outages longer than a restart. Return "" or the error.
  std::string Stop();
  std::string StartAgain();

  const std::string& dir() const { return dir_; }
  int port() const { return port_; }

 private:
  PostgresServer() = default;
  std::string PgCtl(const std::string& args) const;
  void StartWatchdog();

  std::string bin_;
  std::string dir_;
  int port_ = 0;
  bool durable_ = false;
  bool running_ = false;
  int schemas_ = 0;
  int watchdog_fd_ = -1;  // closing it (or exiting) makes the watchdog stop the server
};

}  // namespace lks::testing

#endif  // LKS_TESTS_SUPPORT_POSTGRES_SERVER_H_
