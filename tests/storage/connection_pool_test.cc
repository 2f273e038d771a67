// ConnectionPool (src/store/sql/connection_pool.h): the bound, first-come-first-served waiting,
// reconnecting after a broken connection and after a failed open. A stand-in connection (no
// database): the pool only leases and counts connections.
#include "store/sql/connection_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace lks::store {
namespace {

class FakeConnection final : public SqlConnection {
 public:
  explicit FakeConnection(int number) : id(number) {}
  SqlDialect dialect() const noexcept override { return SqlDialect::kSqlite; }
  Status Exec(std::string_view) override { return OkStatus(); }
  StatusOr<SqlResult> Run(const SqlStatement&, std::initializer_list<SqlParam>) override {
    return SqlResult();
  }
  Status Begin(TxMode) override { return OkStatus(); }
  Status Commit() override { return OkStatus(); }
  void Rollback() noexcept override {}
  bool broken() const noexcept override { return is_broken; }

  const int id;
  bool is_broken = false;
};

// A factory counting the connections it opened; fails while `fail` is set.
struct Factory {
  std::atomic<int> opened{0};
  std::atomic<bool> fail{false};
  ConnectionPool::Factory Get() {
    return [this]() -> StatusOr<std::unique_ptr<SqlConnection>> {
      if (fail) return UnavailableError("url: cannot connect");
      return std::unique_ptr<SqlConnection>(std::make_unique<FakeConnection>(++opened));
    };
  }
};

int IdOf(const ConnectionPool::Lease& lease) {
  return static_cast<const FakeConnection&>(*lease).id;
}

// Starts a thread that leases a connection and, holding it, appends `tag` (or, with tag 0, the
// connection's id) to `order`; returns once that thread waits in the pool (the pool is exhausted,
// so it must).
std::thread StartWaiter(ConnectionPool& pool, std::mutex& mu, std::vector<int>& order, int tag) {
  const size_t before = pool.waiting();
  std::thread t([&pool, &mu, &order, tag] {
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease.ok()) << lease.status().ToString();
    std::lock_guard<std::mutex> lock(mu);
    order.push_back(tag ? tag : IdOf(*lease));
  });
  while (pool.waiting() == before) std::this_thread::yield();
  return t;
}

TEST(ConnectionPool, OpensUpToTheBoundAndReusesIdleConnections) {
  Factory f;
  ConnectionPool pool(f.Get(), 2);
  {
    auto a = pool.Acquire();
    auto b = pool.Acquire();
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(IdOf(*a), IdOf(*b));
    EXPECT_EQ(f.opened, 2);
  }
  auto again = pool.Acquire();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(f.opened, 2);  // an idle one, not a third
}

TEST(ConnectionPool, WaitersAreServedInArrivalOrder) {
  Factory f;
  ConnectionPool pool(f.Get(), 1);
  std::mutex mu;
  std::vector<int> order;
  auto held = pool.Acquire();
  ASSERT_TRUE(held.ok());
  std::vector<std::thread> threads;
  for (int i = 1; i <= 4; ++i) threads.push_back(StartWaiter(pool, mu, order, i));
  EXPECT_EQ(pool.waiting(), 4u);
  // Returned while four wait, then asked for again at once: the first waiter gets it, and this
  // thread queues behind the other three.
  *held = ConnectionPool::Lease();
  auto last = pool.Acquire();
  ASSERT_TRUE(last.ok());
  {
    std::lock_guard<std::mutex> lock(mu);
    EXPECT_EQ(order, (std::vector<int>{1, 2, 3, 4}));
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(pool.waiting(), 0u);
  EXPECT_EQ(f.opened, 1);  // one connection, passed along the queue
}

TEST(ConnectionPool, ABrokenConnectionIsReplacedForTheNextWaiter) {
  Factory f;
  ConnectionPool pool(f.Get(), 1);
  std::mutex mu;
  std::vector<int> order;
  auto held = pool.Acquire();
  ASSERT_TRUE(held.ok());
  std::thread waiter = StartWaiter(pool, mu, order, 0);
  static_cast<FakeConnection&>(**held).is_broken = true;
  *held = ConnectionPool::Lease();  // dropped: the waiter opens a new one
  waiter.join();
  EXPECT_EQ(order, std::vector<int>{2});
  EXPECT_EQ(f.opened, 2);
}

TEST(ConnectionPool, AFailedOpenPassesItsSlotOn) {
  Factory f;
  ConnectionPool pool(f.Get(), 1);
  f.fail = true;
  auto failed = pool.Acquire();
  EXPECT_EQ(failed.status().code(), StatusCode::kUnavailable);
  f.fail = false;
  auto ok = pool.Acquire();  // the slot was freed
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(IdOf(*ok), 1);
}

TEST(ConnectionPool, DropIdleLetsWaitersReconnect) {
  Factory f;
  ConnectionPool pool(f.Get(), 2);
  auto a = pool.Acquire();
  auto b = pool.Acquire();
  ASSERT_TRUE(a.ok() && b.ok());
  *b = ConnectionPool::Lease();  // idle
  pool.DropIdle();               // closed: one slot free again
  auto c = pool.Acquire();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(IdOf(*c), 3);
}

}  // namespace
}  // namespace lks::store
