// ConnectionPool: at most N connections, each used by one thread at a time. A thread leases a
// connection (waiting while all N are busy), uses it, and the lease returns it on destruction;
// a broken connection is dropped and a new one made on demand (reconnect). Internal header.
//
// Thread-safety: Acquire may be called from many threads at once.
#ifndef LKS_SRC_STORE_SQL_CONNECTION_POOL_H_
#define LKS_SRC_STORE_SQL_CONNECTION_POOL_H_

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "lks/core/status.h"
#include "store/sql/sql_connection.h"

namespace lks::store {

class ConnectionPool {
 public:
  using Factory = std::function<StatusOr<std::unique_ptr<SqlConnection>>()>;

  // `factory` opens a new connection; `max_connections` >= 1.
  ConnectionPool(Factory factory, int max_connections);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  class Lease {
   public:
    Lease() = default;
    Lease(ConnectionPool* pool, std::unique_ptr<SqlConnection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&& o) noexcept = default;
    Lease& operator=(Lease&& o) noexcept;
    ~Lease();
    SqlConnection* operator->() const noexcept { return conn_.get(); }
    SqlConnection& operator*() const noexcept { return *conn_; }

   private:
    ConnectionPool* pool_ = nullptr;
    std::unique_ptr<SqlConnection> conn_;
  };

  // Leases an idle connection, opening one if fewer than max exist, else waits for one.
  // Errors: whatever the factory returns (kUnavailable when the database cannot be reached).
  StatusOr<Lease> Acquire();

  // Closes every idle connection (after one was found dead: a server restart kills them all).
  void DropIdle();

  // Adds an already open connection (the one migrations ran on) to the idle list.
  void Adopt(std::unique_ptr<SqlConnection> conn);

 private:
  void Release(std::unique_ptr<SqlConnection> conn);

  Factory factory_;
  const int max_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<SqlConnection>> idle_;
  int open_ = 0;  // connections alive: idle + leased + being opened
};

}  // namespace lks::store

#endif  // LKS_SRC_STORE_SQL_CONNECTION_POOL_H_
