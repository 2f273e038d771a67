// ConnectionPool: at most N connections, each used by one thread at a time. A thread leases a
// connection (waiting while all N are busy), uses it, and the lease returns it on destruction;
// a broken connection is dropped and a new one made on demand (reconnect). Waiters are served
// first come, first served: a returned connection goes straight to the longest waiter, so a
// thread that returns one and asks again at once cannot overtake them (under many more threads
// than connections that overtaking is what made the slowest requests slow). Internal header.
//
// Thread-safety: Acquire may be called from many threads at once.
#ifndef LKS_SRC_STORE_SQL_CONNECTION_POOL_H_
#define LKS_SRC_STORE_SQL_CONNECTION_POOL_H_

#include <condition_variable>
#include <deque>
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

  // Threads waiting in Acquire now (for tests and diagnostics).
  size_t waiting() const;

 private:
  void Release(std::unique_ptr<SqlConnection> conn);

  // A thread waiting in Acquire, queued in arrival order. Release hands it a connection, or
  // (when one was dropped) the right to open one.
  struct Waiter {
    std::condition_variable cv;
    std::unique_ptr<SqlConnection> conn;
    bool served = false;  // conn set, or a slot reserved for it to open
  };
  // Serves the longest waiter with `conn` (null: a reserved slot to open). Needs mu_.
  bool ServeWaiter(std::unique_ptr<SqlConnection>* conn);

  Factory factory_;
  const int max_;
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<SqlConnection>> idle_;
  std::deque<Waiter*> waiters_;
  int open_ = 0;  // connections alive: idle + leased + being opened
};

}  // namespace lks::store

#endif  // LKS_SRC_STORE_SQL_CONNECTION_POOL_H_
