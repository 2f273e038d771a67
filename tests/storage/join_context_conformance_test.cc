// The conformance suite's tests of GetJoinContext (a token request's reads at once); instantiated
// for every backend with the rest of the suite in conformance_test.cc. The SQL backends answer in
// one statement, the "vtable" backend through the default composition of the single reads: both
// must give what the single reads say.
#include <string>
#include <vector>

#include "conformance_fixture.h"

namespace lks {
namespace {

using testing::kT0;
using testing::StoreConformance;

BreakoutRoom Breakout(int64_t group_id, const std::string& name, std::vector<std::string> members) {
  BreakoutRoom b;
  b.group_id = group_id;
  b.session_sid = "RM_main";
  b.room_name = name;
  b.number = 1;
  b.opened_by = "owner-1";
  b.opened_at_ms = kT0;
  b.members = std::move(members);
  return b;
}

TEST_P(StoreConformance, JoinContextReadsGroupAndMembership) {
  StudyGroup g = MustCreate(Group("join"));
  MustCreate(Group("other"));
  ASSERT_TRUE(store_->AddMember(g.id, "member-2", MemberRole::kMember).ok());

  auto owner = store_->GetJoinContext(*g.livekit_room_name, "owner-1");
  ASSERT_TRUE(owner.ok()) << owner.status().ToString();
  auto stored = store_->GetGroup(g.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(owner->group, *stored);
  ASSERT_TRUE(owner->membership);
  EXPECT_EQ(*owner->membership, *store_->GetMembership(g.id, "owner-1"));
  EXPECT_EQ(owner->membership->role, MemberRole::kOwner);
  EXPECT_FALSE(owner->breakout_room_name);
  EXPECT_FALSE(owner->barred);
  EXPECT_FALSE(owner->removal_count);

  auto member = store_->GetJoinContext(*g.livekit_room_name, "member-2");
  ASSERT_TRUE(member.ok()) << member.status().ToString();
  ASSERT_TRUE(member->membership);
  EXPECT_EQ(member->membership->role, MemberRole::kMember);
  EXPECT_EQ(member->membership->user_id, "member-2");
  EXPECT_EQ(member->membership->group_id, g.id);

  auto stranger = store_->GetJoinContext(*g.livekit_room_name, "stranger");
  ASSERT_TRUE(stranger.ok()) << stranger.status().ToString();
  EXPECT_EQ(stranger->group.id, g.id);
  EXPECT_FALSE(stranger->membership);
}

TEST_P(StoreConformance, JoinContextUnknownRoomAndBadInput) {
  MustCreate(Group("join"));
  auto none = store_->GetJoinContext("study_group_nowhere", "owner-1");
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound) << none.status().ToString();

  auto empty = store_->GetJoinContext("", "owner-1");
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(empty.status().message().rfind("livekitRoomName:", 0), 0u) << empty.status().message();
  // A bad user id is refused as the membership read refuses it, once the room is known.
  auto bad_user = store_->GetJoinContext("study_group_1697123456_1", std::string(256, 'u'));
  EXPECT_EQ(bad_user.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_user.status().message().rfind("userId:", 0), 0u) << bad_user.status().message();
  auto bad_user_unknown_room = store_->GetJoinContext("study_group_nowhere", "");
  EXPECT_EQ(bad_user_unknown_room.status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, JoinContextBarsOnlyFromTheOpenCurrentSession) {
  StudyGroup g = MustCreate(Group("removals"));
  ASSERT_TRUE(store_->AddMember(g.id, "member-2", MemberRole::kMember).ok());
  const std::string& room = *g.livekit_room_name;
  // A removal from a session the group does not name as current: not barred.
  ASSERT_TRUE(store_->AddRemoval("RM_one", "member-2", "owner-1", kT0).ok());
  auto before = store_->GetJoinContext(room, "member-2");
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_FALSE(before->barred);
  // The current SID, but no room session recorded for it: not barred (as IsRemoved +
  // GetRoomSession say).
  ASSERT_TRUE(store_->SetRoomSid(g.id, "RM_one").ok());
  auto unrecorded = store_->GetJoinContext(room, "member-2");
  ASSERT_TRUE(unrecorded.ok());
  EXPECT_FALSE(unrecorded->barred);
  ASSERT_TRUE(store_->OpenRoomSession(g.id, "RM_one", room, kT0).ok());
  auto barred = store_->GetJoinContext(room, "member-2");
  ASSERT_TRUE(barred.ok());
  EXPECT_TRUE(barred->barred);
  EXPECT_FALSE(barred->removal_count);  // not an E2EE group
  auto owner = store_->GetJoinContext(room, "owner-1");
  ASSERT_TRUE(owner.ok());
  EXPECT_FALSE(owner->barred);
  // The session ended: the next one may be joined.
  ASSERT_TRUE(store_->CloseRoomSession("RM_one", kT0 + 60000).ok());
  auto ended = store_->GetJoinContext(room, "member-2");
  ASSERT_TRUE(ended.ok());
  EXPECT_FALSE(ended->barred);
}

TEST_P(StoreConformance, JoinContextCountsRemovalsOfAnE2eeSession) {
  NewStudyGroup n = Group("e2ee");
  n.e2ee = true;
  StudyGroup g = MustCreate(n);
  const std::string& room = *g.livekit_room_name;
  auto no_sid = store_->GetJoinContext(room, "owner-1");
  ASSERT_TRUE(no_sid.ok()) << no_sid.status().ToString();
  EXPECT_FALSE(no_sid->removal_count);
  ASSERT_TRUE(store_->SetRoomSid(g.id, "RM_key").ok());
  ASSERT_TRUE(store_->OpenRoomSession(g.id, "RM_key", room, kT0).ok());
  auto zero = store_->GetJoinContext(room, "owner-1");
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(zero->removal_count, std::optional<int64_t>(0));
  ASSERT_TRUE(store_->AddRemoval("RM_key", "a", "owner-1", kT0).ok());
  ASSERT_TRUE(store_->AddRemoval("RM_key", "b", "owner-1", kT0).ok());
  ASSERT_TRUE(store_->AddRemoval("RM_other", "c", "owner-1", kT0).ok());
  auto two = store_->GetJoinContext(room, "owner-1");
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->removal_count, std::optional<int64_t>(2));
  EXPECT_EQ(two->removal_count, *store_->CountRemovals("RM_key"));
  auto removed = store_->GetJoinContext(room, "a");
  ASSERT_TRUE(removed.ok());
  EXPECT_TRUE(removed->barred);
  EXPECT_FALSE(removed->membership);
}

TEST_P(StoreConformance, JoinContextFindsTheGroupOfABreakoutRoom) {
  StudyGroup g = MustCreate(Group("split"));
  StudyGroup other = MustCreate(Group("other"));
  ASSERT_TRUE(store_->AddMember(g.id, "member-2", MemberRole::kMember).ok());
  ASSERT_TRUE(store_->OpenBreakouts({Breakout(g.id, "split-room-1", {"member-2"})}).ok());
  auto ctx = store_->GetJoinContext("split-room-1", "member-2");
  ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
  EXPECT_EQ(ctx->group, *store_->GetGroup(g.id));
  EXPECT_TRUE(ctx->group.breakouts_open);
  EXPECT_EQ(ctx->breakout_room_name, std::optional<std::string>("split-room-1"));
  ASSERT_TRUE(ctx->membership);
  EXPECT_EQ(ctx->membership->role, MemberRole::kMember);
  // A closed breakout room still names its group (the service answers breakouts_closed).
  ASSERT_TRUE(store_->CloseBreakouts(g.id, kT0 + 1000).ok());
  auto closed = store_->GetJoinContext("split-room-1", "member-2");
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->group.id, g.id);
  EXPECT_EQ(closed->breakout_room_name, std::optional<std::string>("split-room-1"));
  // A breakout room named like another group's room: that group's own room wins.
  ASSERT_TRUE(store_->OpenBreakouts({Breakout(g.id, *other.livekit_room_name, {"member-2"})}).ok());
  auto own = store_->GetJoinContext(*other.livekit_room_name, "member-2");
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->group.id, other.id);
  EXPECT_FALSE(own->breakout_room_name);
  EXPECT_FALSE(own->membership);
}

}  // namespace
}  // namespace lks
