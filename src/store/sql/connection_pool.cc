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
    cv_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
    if (!idle_.empty()) {
      std::unique_ptr<SqlConnection> c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(c));
    }
    ++open_;  // reserve a slot, open outside the lock
  }
  StatusOr<std::unique_ptr<SqlConnection>> c = factory_();
  if (!c.ok()) {
    std::lock_guard<std::mutex> lock(mu_);
    --open_;
    cv_.notify_one();
    return c.status();
  }
  return Lease(this, std::move(*c));
}

void ConnectionPool::Adopt(std::unique_ptr<SqlConnection> conn) {
  std::lock_guard<std::mutex> lock(mu_);
  ++open_;
  idle_.push_back(std::move(conn));
  cv_.notify_one();
}

void ConnectionPool::DropIdle() {
  std::vector<std::unique_ptr<SqlConnection>> dead;
  {
    std::lock_guard<std::mutex> lock(mu_);
    dead.swap(idle_);
    open_ -= static_cast<int>(dead.size());
    cv_.notify_all();
  }
}

void ConnectionPool::Release(std::unique_ptr<SqlConnection> conn) {
  std::lock_guard<std::mutex> lock(mu_);
  if (conn->broken()) {
    --open_;  // dropped; the next Acquire opens a fresh one (reconnect)
    conn.reset();
  } else {
    idle_.push_back(std::move(conn));
  }
  cv_.notify_one();
}

}  // namespace lks::store
