#include "store/sql/connection_pool.h"

namespace lks::store {

ConnectionPool::ConnectionPool(Factory factory, int max_connections)
    : factory_(std::move(factory)), max_(max_connections < 1 ? 1 : max_connections) {}

ConnectionPool::Lease& ConnectionPool::Lease::operator=(Lease&& o) noexcept {
  if (this != &o) {
    if (pool_ && conn_) pool_->Release(std::move(conn_));
    pool_ = o.pool_;
    conn_ = std::move(o.conn_);
    o.pool_ = nullptr;
  }
  return *this;
}

ConnectionPool::Lease::~Lease() {
  if (pool_ && conn_) pool_->Release(std::move(conn_));
}

StatusOr<ConnectionPool::Lease> ConnectionPool::Acquire() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (waiters_.empty() && !idle_.empty()) {
      std::unique_ptr<SqlConnection> c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(c));
    }
    if (waiters_.empty() && open_ < max_) {
      ++open_;  // reserve a slot, open outside the lock
    } else {
      Waiter me;
      waiters_.push_back(&me);
      me.cv.wait(lock, [&] { return me.served; });
      // Served: a connection, or a slot already counted in open_ for us to open.
      if (me.conn) return Lease(this, std::move(me.conn));
    }
  }
  StatusOr<std::unique_ptr<SqlConnection>> c = factory_();
  if (!c.ok()) {
    std::lock_guard<std::mutex> lock(mu_);
    std::unique_ptr<SqlConnection> none;
    if (!ServeWaiter(&none)) --open_;  // the slot passes to the next waiter, or is freed
    return c.status();
  }
  return Lease(this, std::move(*c));
}

bool ConnectionPool::ServeWaiter(std::unique_ptr<SqlConnection>* conn) {
  if (waiters_.empty()) return false;
  Waiter* w = waiters_.front();
  waiters_.pop_front();
  w->conn = std::move(*conn);
  w->served = true;
  w->cv.notify_one();
  return true;
}

void ConnectionPool::Adopt(std::unique_ptr<SqlConnection> conn) {
  std::lock_guard<std::mutex> lock(mu_);
  ++open_;
  if (!ServeWaiter(&conn)) idle_.push_back(std::move(conn));
}

size_t ConnectionPool::waiting() const {
  std::lock_guard<std::mutex> lock(mu_);
  return waiters_.size();
}

void ConnectionPool::DropIdle() {
  std::vector<std::unique_ptr<SqlConnection>> dead;
  {
    std::lock_guard<std::mutex> lock(mu_);
    dead.swap(idle_);
    open_ -= static_cast<int>(dead.size());
    // Freed slots go to waiters, who open fresh connections (none wait while some are idle).
    while (open_ < max_ && !waiters_.empty()) {
      std::unique_ptr<SqlConnection> none;
      ++open_;
      ServeWaiter(&none);
    }
  }
}

void ConnectionPool::Release(std::unique_ptr<SqlConnection> conn) {
  std::lock_guard<std::mutex> lock(mu_);
  if (conn->broken()) {
    conn.reset();  // dropped; its slot goes to the next waiter, who opens a fresh one (reconnect)
    if (!ServeWaiter(&conn)) --open_;
  } else if (!ServeWaiter(&conn)) {
    idle_.push_back(std::move(conn));
  }
}

}  // namespace lks::store
