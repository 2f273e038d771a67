// The conformance suite's tests of schema version 4 (breakout rooms and their assignments);
// instantiated for every backend with the rest of the suite in conformance_test.cc.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "conformance_fixture.h"

namespace lks {
namespace {

using testing::kT0;
using testing::StoreConformance;

std::vector<BreakoutRoom> Set(int64_t group_id, const std::string& prefix,
                              std::vector<std::vector<std::string>> members) {
  std::vector<BreakoutRoom> out;
  for (size_t i = 0; i < members.size(); ++i) {
    BreakoutRoom b;
    b.group_id = group_id;
    b.session_sid = "RM_main";
    b.room_name = prefix + "-" + std::to_string(i + 1);
    b.number = static_cast<int32_t>(i + 1);
    b.opened_by = "owner-1";
    b.opened_at_ms = kT0;
    b.members = std::move(members[i]);
    out.push_back(std::move(b));
  }
  return out;
}

TEST_P(StoreConformance, BreakoutsOpenListCloseAndReopen) {
  StudyGroup g = MustCreate(Group("split"));
  EXPECT_FALSE(g.breakouts_open);
  StudyGroup other = MustCreate(Group("other"));
  auto none = store_->ListBreakouts(g.id);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());

  auto opened = store_->OpenBreakouts(Set(g.id, "split-b1", {{"u3", "u1"}, {"u2"}}));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  ASSERT_EQ(opened->size(), 2u);
  EXPECT_GT((*opened)[0].id, 0);
  EXPECT_NE((*opened)[0].id, (*opened)[1].id);
  EXPECT_EQ((*opened)[0].members, (std::vector<std::string>{"u1", "u3"}));  // ordered
  EXPECT_FALSE((*opened)[0].closed_at_ms);
  EXPECT_TRUE(store_->GetGroup(g.id)->breakouts_open);  // the group row says so
  EXPECT_FALSE(store_->GetGroup(other.id)->breakouts_open);

  auto listed = store_->ListBreakouts(g.id);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(*listed, *opened);
  auto one = store_->GetBreakoutRoom("split-b1-2");
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(*one, (*opened)[1]);
  EXPECT_TRUE(store_->ListBreakouts(other.id)->empty());

  // A second set while one is open: refused, nothing written.
  auto again = store_->OpenBreakouts(Set(g.id, "split-b2", {{"u1"}}));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->GetBreakoutRoom("split-b2-1").status().code(), StatusCode::kNotFound);
  // Another group may open its own.
  ASSERT_TRUE(store_->OpenBreakouts(Set(other.id, "other-b1", {{"u9"}})).ok());

  auto closed = store_->CloseBreakouts(g.id, kT0 + 60000);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  ASSERT_EQ(closed->size(), 2u);
  EXPECT_EQ((*closed)[0].closed_at_ms, kT0 + 60000);
  EXPECT_EQ((*closed)[1].members, (std::vector<std::string>{"u2"}));
  EXPECT_EQ(store_->GetBreakoutRoom("split-b1-1")->closed_at_ms, kT0 + 60000);
  EXPECT_FALSE(store_->GetGroup(g.id)->breakouts_open);
  EXPECT_TRUE(store_->GetGroup(other.id)->breakouts_open);
  auto twice = store_->CloseBreakouts(g.id, kT0 + 70000);  // idempotent: nothing open
  ASSERT_TRUE(twice.ok());
  EXPECT_TRUE(twice->empty());
  EXPECT_EQ(store_->GetBreakoutRoom("split-b1-1")->closed_at_ms, kT0 + 60000);
  EXPECT_FALSE(store_->GetBreakoutRoom("other-b1-1")->closed_at_ms);  // the other group's stays

  // Reopening after a close: a new set; the list keeps both, oldest first.
  std::vector<BreakoutRoom> next = Set(g.id, "split-b2", {{"u1", "u2"}});
  next[0].opened_at_ms = kT0 + 120000;
  ASSERT_TRUE(store_->OpenBreakouts(next).ok());
  auto all = store_->ListBreakouts(g.id);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[2].room_name, "split-b2-1");
  EXPECT_FALSE((*all)[2].closed_at_ms);
  EXPECT_TRUE((*all)[0].closed_at_ms);

  // A taken room name is kAlreadyExists (after the open set is closed).
  ASSERT_TRUE(store_->CloseBreakouts(g.id, kT0 + 180000).ok());
  auto taken = store_->OpenBreakouts(Set(g.id, "split-b1", {{"u1"}}));
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.status().code(), StatusCode::kAlreadyExists) << taken.status().ToString();

  // Deleting the group deletes its breakout rooms.
  ASSERT_TRUE(store_->DeleteGroup(g.id).ok());
  EXPECT_EQ(store_->GetBreakoutRoom("split-b1-1").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListBreakouts(g.id).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, BreakoutInputIsCheckedNamingTheField) {
  StudyGroup g = MustCreate(Group("split"));
  auto expect_invalid = [&](std::vector<BreakoutRoom> rooms, const std::string& field) {
    auto r = store_->OpenBreakouts(rooms);
    ASSERT_FALSE(r.ok()) << field;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
    EXPECT_NE(r.status().message().find(field), std::string::npos) << r.status().ToString();
  };
  expect_invalid({}, "rooms");
  expect_invalid(Set(g.id, "x", {{"u1"}, {}}), "rooms[1].members");
  expect_invalid(Set(g.id, "x", {{"u1"}, {"u1"}}), "rooms[1].members");
  std::vector<BreakoutRoom> numbered = Set(g.id, "x", {{"u1"}, {"u2"}});
  numbered[1].number = 5;
  expect_invalid(numbered, "rooms[1].number");
  std::vector<BreakoutRoom> named = Set(g.id, "x", {{"u1"}, {"u2"}});
  named[1].room_name = named[0].room_name;
  expect_invalid(named, "rooms[1].roomName");
  std::vector<BreakoutRoom> mixed = Set(g.id, "x", {{"u1"}, {"u2"}});
  mixed[1].session_sid = "RM_other";
  expect_invalid(mixed, "rooms[1]");
  std::vector<BreakoutRoom> nosid = Set(g.id, "x", {{"u1"}});
  nosid[0].session_sid.clear();
  expect_invalid(nosid, "sessionSid");
  std::vector<std::vector<std::string>> many(kMaxBreakoutRooms + 1, {"u"});
  for (size_t i = 0; i < many.size(); ++i) many[i][0] += std::to_string(i);
  expect_invalid(Set(g.id, "x", many), "rooms");
  EXPECT_TRUE(store_->ListBreakouts(g.id)->empty());
  EXPECT_EQ(store_->OpenBreakouts(Set(g.id + 1000, "x", {{"u1"}})).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->CloseBreakouts(g.id + 1000, kT0).status().code(), StatusCode::kNotFound);
}

// Two openers at once: exactly one set is open afterwards.
TEST_P(StoreConformance, ConcurrentBreakoutOpenersOpenOneSet) {
  StudyGroup g = MustCreate(Group("race"));
  std::atomic<int> ok{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto r = store_->OpenBreakouts(Set(g.id, "race-t" + std::to_string(t), {{"u1"}, {"u2"}}));
      if (r.ok()) {
        ++ok;
      } else if (r.status().code() == StatusCode::kFailedPrecondition) {
        ++refused;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(refused.load(), 3);
  EXPECT_EQ(store_->ListBreakouts(g.id)->size(), 2u);
}

}  // namespace
}  // namespace lks
