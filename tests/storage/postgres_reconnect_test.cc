// The PostgreSQL store survives a server restart: pooled connections die with the server, and
// the next call reconnects instead of failing.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "lks/store/open_store.h"
#include "store_backends.h"

namespace lks {
namespace {

TEST(PostgresReconnect, NextCallAfterRestartWorks) {
  std::string error;
  testing::PostgresServer* pg = testing::SharedPostgres(&error);
  ASSERT_NE(pg, nullptr) << error;
  auto store = OpenStudyGroupStore(pg->Url(pg->CreateSchema()));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  NewStudyGroup g;
  g.title = "survives restarts";
  auto created = (*store)->CreateGroup(g, "owner");
  ASSERT_TRUE(created.ok());
  // Fill the pool with several open connections, all of which the restart will kill.
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 20; ++k) EXPECT_TRUE((*store)->GetGroup(created->id).ok());
    });
  }
  for (std::thread& t : threads) t.join();

  ASSERT_EQ(pg->Restart(), "");

  auto read = (*store)->GetGroup(created->id);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->title, "survives restarts");
  EXPECT_TRUE((*store)->AddMember(created->id, "after-restart", MemberRole::kMember).ok());
}

}  // namespace
}  // namespace lks
