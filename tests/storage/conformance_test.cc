// The StudyGroupStore conformance suite: every backend must pass every test here.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "conformance_fixture.h"
#include "lks/core/clock.h"
#include "lks/store/open_store.h"
#include "store_backends.h"

namespace lks {
namespace {

using testing::kT0;
using testing::StoreConformance;

TEST_P(StoreConformance, CreateThenGetReturnsEveryField) {
  NewStudyGroup in = Group("Bible Study - Gospel of John", 15);
  in.meet_link = std::nullopt;
  StudyGroup created = MustCreate(in, "u42");
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.created_at_ms, kT0);
  EXPECT_EQ(created.updated_at_ms, kT0);
  EXPECT_EQ(created.created_by, "u42");

  auto got = store_->GetGroup(created.id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, created);
  EXPECT_EQ(got->title, "Bible Study - Gospel of John");
  EXPECT_EQ(got->max_participants, 15);
  EXPECT_EQ(got->video_provider, VideoProvider::kLiveKit);
  EXPECT_TRUE(got->use_livekit);
  EXPECT_FALSE(got->meet_link.has_value());
  EXPECT_FALSE(got->livekit_room_sid.has_value());

  auto by_room = store_->GetGroupByRoomName(*in.livekit_room_name);
  ASSERT_TRUE(by_room.ok()) << by_room.status().ToString();
  EXPECT_EQ(by_room->id, created.id);

  auto owner = store_->GetMembership(created.id, "u42");
  ASSERT_TRUE(owner.ok()) << owner.status().ToString();
  EXPECT_EQ(owner->role, MemberRole::kOwner);
}

TEST_P(StoreConformance, GoogleMeetGroupKeepsItsLinks) {
  NewStudyGroup in = Group("Meet group");
  in.video_provider = VideoProvider::kGoogleMeet;
  in.use_livekit = false;
  in.livekit_room_name.reset();
  in.meet_link = "https://meet.google.com/abc-defg-hij";
  in.meet_id = "abc-defg-hij";
  StudyGroup g = MustCreate(in);
  auto got = store_->GetGroup(g.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->video_provider, VideoProvider::kGoogleMeet);
  EXPECT_EQ(got->meet_link, in.meet_link);
  EXPECT_EQ(got->meet_id, in.meet_id);
  EXPECT_FALSE(got->livekit_room_name.has_value());
  // Several groups without a room name do not collide on the unique column.
  EXPECT_TRUE(store_->CreateGroup(in, "owner-1").ok());
}

TEST_P(StoreConformance, MissingThingsAreNotFound) {
  EXPECT_EQ(store_->GetGroup(999999).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetGroupByRoomName("nope").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->AddMember(999999, "u", MemberRole::kMember).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->GetRoomSession("RM_none").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->SetRoomSid(999999, "RM_x").code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DeleteGroup(999999).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListMembers(999999).status().code(), StatusCode::kNotFound);
  StudyGroup g = MustCreate(Group("g"));
  EXPECT_EQ(store_->GetMembership(g.id, "stranger").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->RemoveMember(g.id, "stranger").code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, RoomNameIsUnique) {
  NewStudyGroup a = Group("a");
  MustCreate(a);
  NewStudyGroup b = Group("b");
  b.livekit_room_name = a.livekit_room_name;
  auto r = store_->CreateGroup(b, "owner-2");
  ASSERT_EQ(r.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(r.status().message().find("livekitRoomName"), std::string::npos)
      << r.status().message();
  // Nothing of the failed create remains: owner-2 is member of no group.
  auto page = store_->ListGroupsForMember("owner-2", 0, 10);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->groups.empty());
}

TEST_P(StoreConformance, UpdateChangesOnlyTheGivenFields) {
  StudyGroup g = MustCreate(Group("Before", 5));
  clock_.AdvanceMillis(60000);
  StudyGroupUpdate u;
  u.title = "After";
  u.meet_link = "https://meet.google.com/x";
  auto r = store_->UpdateGroup(g.id, u);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->title, "After");
  EXPECT_EQ(r->description, g.description);
  EXPECT_EQ(r->max_participants, 5);
  EXPECT_EQ(r->updated_at_ms, kT0 + 60000);
  EXPECT_EQ(r->created_at_ms, kT0);
  auto got = store_->GetGroup(g.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, *r);

  ASSERT_TRUE(store_->SetRoomSid(g.id, "RM_abc").ok());
  EXPECT_EQ(store_->GetGroup(g.id)->livekit_room_sid, std::optional<std::string>("RM_abc"));
}

TEST_P(StoreConformance, MaxParticipantsCannotDropBelowMembers) {
  StudyGroup g = MustCreate(Group("g", 5));
  ASSERT_TRUE(store_->AddMember(g.id, "a", MemberRole::kMember).ok());
  ASSERT_TRUE(store_->AddMember(g.id, "b", MemberRole::kMember).ok());
  StudyGroupUpdate u;
  u.max_participants = 2;
  auto r = store_->UpdateGroup(g.id, u);
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("maxParticipants"), std::string::npos);
  u.max_participants = 3;
  EXPECT_TRUE(store_->UpdateGroup(g.id, u).ok());
}

TEST_P(StoreConformance, AddMemberStopsAtMaxParticipants) {
  StudyGroup g = MustCreate(Group("small", 3));  // the owner is the first of 3
  ASSERT_TRUE(store_->AddMember(g.id, "a", MemberRole::kMember).ok());
  auto mod = store_->AddMember(g.id, "b", MemberRole::kModerator);
  ASSERT_TRUE(mod.ok());
  EXPECT_EQ(mod->role, MemberRole::kModerator);
  auto full = store_->AddMember(g.id, "c", MemberRole::kMember);
  EXPECT_EQ(full.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(full.status().reason(), "group_full");
  EXPECT_EQ(store_->AddMember(g.id, "a", MemberRole::kMember).status().code(),
            StatusCode::kAlreadyExists);

  ASSERT_TRUE(store_->RemoveMember(g.id, "a").ok());
  EXPECT_TRUE(store_->AddMember(g.id, "c", MemberRole::kMember).ok());
  auto members = store_->ListMembers(g.id);
  ASSERT_TRUE(members.ok());
  std::vector<std::string> ids;
  for (const Membership& m : *members) ids.push_back(m.user_id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"b", "c", "owner-1"}));
}

TEST_P(StoreConformance, LastOwnerStays) {
  StudyGroup g = MustCreate(Group("g"));
  EXPECT_EQ(store_->RemoveMember(g.id, "owner-1").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->SetMemberRole(g.id, "owner-1", MemberRole::kMember).status().code(),
            StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store_->AddMember(g.id, "m", MemberRole::kMember).ok());
  auto promoted = store_->SetMemberRole(g.id, "m", MemberRole::kOwner);
  ASSERT_TRUE(promoted.ok());
  EXPECT_EQ(promoted->role, MemberRole::kOwner);
  EXPECT_TRUE(store_->RemoveMember(g.id, "owner-1").ok());
  EXPECT_EQ(store_->GetMembership(g.id, "m")->role, MemberRole::kOwner);
}

TEST_P(StoreConformance, ListGroupsForMemberPages) {
  std::vector<int64_t> mine;
  for (int i = 0; i < 5; ++i) {
    StudyGroup g = MustCreate(Group("g" + std::to_string(i)), "owner-" + std::to_string(i));
    if (i != 2) {
      ASSERT_TRUE(store_->AddMember(g.id, "reader", MemberRole::kMember).ok());
      mine.push_back(g.id);
    }
  }
  std::vector<int64_t> seen;
  int64_t after = 0;
  int pages = 0;
  do {
    auto page = store_->ListGroupsForMember("reader", after, 3);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const StudyGroup& g : page->groups) seen.push_back(g.id);
    after = page->next_after_id;
    ++pages;
  } while (after != 0 && pages < 10);
  EXPECT_EQ(seen, mine);
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(store_->ListGroupsForMember("reader", 0, 0).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_P(StoreConformance, SessionsAttendanceAndUsage) {
  StudyGroup g = MustCreate(Group("g"));
  const std::string room = *g.livekit_room_name;
  auto s = store_->OpenRoomSession(g.id, "RM_1", room, kT0);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_FALSE(s->ended_at_ms.has_value());
  // Repeated room_started: unchanged.
  auto again = store_->OpenRoomSession(g.id, "RM_1", room, kT0 + 5000);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->started_at_ms, kT0);

  auto a = store_->RecordJoin("RM_1", "user_a", "a", kT0 + 1000);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto a2 = store_->RecordJoin("RM_1", "user_a", "a", kT0 + 2000);  // repeat while connected
  ASSERT_TRUE(a2.ok());
  EXPECT_EQ(a2->id, a->id);
  EXPECT_EQ(a2->joined_at_ms, kT0 + 1000);
  ASSERT_TRUE(store_->RecordJoin("RM_1", "user_b", "b", kT0 + 60000).ok());

  auto left = store_->RecordLeave("RM_1", "user_a", kT0 + 1000 + 10 * 60000);  // 10 minutes
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->left_at_ms, std::optional<int64_t>(kT0 + 1000 + 10 * 60000));
  EXPECT_EQ(store_->RecordLeave("RM_1", "user_a", kT0 + 700000).status().code(),
            StatusCode::kNotFound);
  // A rejoin is a second participant session.
  ASSERT_TRUE(store_->RecordJoin("RM_1", "user_a", "a", kT0 + 20 * 60000).ok());

  auto mid = store_->GetSessionUsage("RM_1");
  ASSERT_TRUE(mid.ok());
  EXPECT_EQ(mid->participant_millis, 10 * 60000);
  EXPECT_EQ(mid->participant_sessions, 1);

  // room_finished closes the room and everyone still in it.
  auto closed = store_->CloseRoomSession("RM_1", kT0 + 30 * 60000);
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->ended_at_ms, std::optional<int64_t>(kT0 + 30 * 60000));
  auto closed_again = store_->CloseRoomSession("RM_1", kT0 + 99 * 60000);
  ASSERT_TRUE(closed_again.ok());
  EXPECT_EQ(closed_again->ended_at_ms, std::optional<int64_t>(kT0 + 30 * 60000));

  auto att = store_->ListAttendance("RM_1");
  ASSERT_TRUE(att.ok());
  ASSERT_EQ(att->size(), 3u);
  for (const Attendance& x : *att) EXPECT_TRUE(x.left_at_ms.has_value());

  // a: 10 + 10 minutes, b: 29 minutes.
  auto su = store_->GetSessionUsage("RM_1");
  ASSERT_TRUE(su.ok());
  EXPECT_EQ(su->participant_millis, (10 + 10 + 29) * 60000);
  EXPECT_DOUBLE_EQ(su->participant_minutes(), 49.0);
  EXPECT_EQ(su->participant_sessions, 3);

  ASSERT_TRUE(store_->OpenRoomSession(g.id, "RM_2", room, kT0 + 86400000).ok());
  ASSERT_TRUE(store_->RecordJoin("RM_2", "user_c", "c", kT0 + 86400000).ok());
  ASSERT_TRUE(store_->RecordLeave("RM_2", "user_c", kT0 + 86400000 + 5 * 60000).ok());
  auto gu = store_->GetGroupUsage(g.id);
  ASSERT_TRUE(gu.ok());
  EXPECT_DOUBLE_EQ(gu->participant_minutes(), 54.0);
  ASSERT_EQ(gu->sessions.size(), 2u);
  EXPECT_EQ(gu->sessions[0].room_sid, "RM_1");
  EXPECT_EQ(gu->sessions[1].participant_millis, 5 * 60000);

  auto sessions = store_->ListRoomSessions(g.id);
  ASSERT_TRUE(sessions.ok());
  ASSERT_EQ(sessions->size(), 2u);
  EXPECT_EQ((*sessions)[1].room_sid, "RM_2");

  EXPECT_EQ(store_->RecordJoin("RM_unknown", "x", "x", kT0).status().code(), StatusCode::kNotFound);

  // A join delivered after room_finished leaves nothing open in the closed room.
  auto late = store_->RecordJoin("RM_1", "user_late", "late", kT0 + 25 * 60000);
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_EQ(late->left_at_ms, std::optional<int64_t>(kT0 + 30 * 60000));
  EXPECT_EQ(store_->GetSessionUsage("RM_1")->participant_millis, (10 + 10 + 29 + 5) * 60000);
}

TEST_P(StoreConformance, WebhookEventIdsAreSeenOnce) {
  auto first = store_->MarkEventSeen("EV_abc", kT0);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, EventMark::kFirstSeen);
  for (int i = 0; i < 3; ++i) {
    auto repeat = store_->MarkEventSeen("EV_abc", kT0 + i);
    ASSERT_TRUE(repeat.ok());
    EXPECT_EQ(*repeat, EventMark::kAlreadySeen);
  }
  EXPECT_EQ(*store_->MarkEventSeen("EV_def", kT0), EventMark::kFirstSeen);
  ASSERT_TRUE(store_->MarkEventSeen("EV_late", kT0 + 60000).ok());

  // Ids received before the cut-off are forgotten; later ones are still seen.
  auto pruned = store_->PruneEventsBefore(kT0 + 1);
  ASSERT_TRUE(pruned.ok()) << pruned.status().ToString();
  EXPECT_EQ(*pruned, 2);
  EXPECT_EQ(*store_->MarkEventSeen("EV_late", kT0 + 60001), EventMark::kAlreadySeen);
  EXPECT_EQ(*store_->MarkEventSeen("EV_abc", kT0 + 60001), EventMark::kFirstSeen);
}

TEST_P(StoreConformance, RemovalsBarAUserFromOneSession) {
  EXPECT_FALSE(*store_->IsRemoved("RM_1", "u1"));
  ASSERT_TRUE(store_->AddRemoval("RM_1", "u1", "owner-1", kT0).ok());
  ASSERT_TRUE(store_->AddRemoval("RM_1", "u1", "owner-1", kT0 + 1).ok());  // idempotent
  EXPECT_TRUE(*store_->IsRemoved("RM_1", "u1"));
  EXPECT_FALSE(*store_->IsRemoved("RM_2", "u1"));
  EXPECT_FALSE(*store_->IsRemoved("RM_1", "u2"));
}

TEST_P(StoreConformance, RemovalsAreCountedPerSession) {
  EXPECT_EQ(*store_->CountRemovals("RM_c"), 0);
  ASSERT_TRUE(store_->AddRemoval("RM_c", "u1", "owner-1", kT0).ok());
  ASSERT_TRUE(store_->AddRemoval("RM_c", "u1", "owner-1", kT0 + 1).ok());  // not counted twice
  ASSERT_TRUE(store_->AddRemoval("RM_c", "u2", "owner-1", kT0 + 2).ok());
  ASSERT_TRUE(store_->AddRemoval("RM_other", "u3", "owner-1", kT0 + 3).ok());
  EXPECT_EQ(*store_->CountRemovals("RM_c"), 2);
  EXPECT_EQ(*store_->CountRemovals("RM_other"), 1);
  EXPECT_EQ(store_->CountRemovals("").status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreConformance, DeleteGroupRemovesEverythingOfIt) {
  StudyGroup g = MustCreate(Group("g"));
  ASSERT_TRUE(store_->AddMember(g.id, "m", MemberRole::kMember).ok());
  ASSERT_TRUE(store_->OpenRoomSession(g.id, "RM_del", *g.livekit_room_name, kT0).ok());
  ASSERT_TRUE(store_->RecordJoin("RM_del", "user_m", "m", kT0).ok());
  ASSERT_TRUE(store_->AddRemoval("RM_del", "x", "owner-1", kT0).ok());
  ASSERT_TRUE(store_->DeleteGroup(g.id).ok());
  EXPECT_EQ(store_->GetGroup(g.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetRoomSession("RM_del").status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(*store_->IsRemoved("RM_del", "x"));
  EXPECT_TRUE(store_->ListGroupsForMember("m", 0, 10)->groups.empty());
  // The room name is free again.
  NewStudyGroup again = Group("again");
  again.livekit_room_name = g.livekit_room_name;
  EXPECT_TRUE(store_->CreateGroup(again, "owner-1").ok());
}

// Bad input is refused before anything is written, with the field named.
TEST_P(StoreConformance, BadInputNamesTheField) {
  struct Case {
    std::string field;
    NewStudyGroup group;
  };
  std::vector<Case> cases;
  NewStudyGroup g = Group("x");
  g.title = std::string(256, 'a');
  cases.push_back({"title", g});
  g = Group("x");
  g.title = "";
  cases.push_back({"title", g});
  g = Group("x");
  g.title = std::string("bad \xC3\x28 utf8");
  cases.push_back({"title", g});
  g = Group("x");
  g.description = std::string("\xED\xA0\x80 surrogate");
  cases.push_back({"description", g});
  g = Group("x");
  g.duration_minutes = -5;
  cases.push_back({"durationMinutes", g});
  g = Group("x");
  g.max_participants = 0;
  cases.push_back({"maxParticipants", g});
  g = Group("x");
  g.scheduled_time_ms = -1;
  cases.push_back({"scheduledTime", g});
  g = Group("x");
  g.livekit_room_name = std::string(300, 'r');
  cases.push_back({"livekitRoomName", g});
  g = Group("x");
  g.title = std::string("nul\0byte", 8);
  cases.push_back({"title", g});
  for (const Case& c : cases) {
    auto r = store_->CreateGroup(c.group, "owner-1");
    ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.field;
    EXPECT_EQ(r.status().message().rfind(c.field + ":", 0), 0u) << r.status().message();
  }
  EXPECT_TRUE(store_->ListGroupsForMember("owner-1", 0, 10)->groups.empty());

  auto provider = ParseVideoProvider("zoom");
  ASSERT_EQ(provider.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(provider.status().message().rfind("videoProvider:", 0), 0u);
  EXPECT_EQ(store_->AddMember(1, std::string("\xFF"), MemberRole::kMember)
                .status()
                .message()
                .rfind("userId:", 0),
            0u);
  EXPECT_EQ(store_->MarkEventSeen("", kT0).status().message().rfind("eventId:", 0), 0u);
  EXPECT_EQ(store_->GetGroup(0).status().message().rfind("groupId:", 0), 0u);
  StudyGroupUpdate u;
  u.duration_minutes = -1;
  StudyGroup ok = MustCreate(Group("ok"));
  EXPECT_EQ(store_->UpdateGroup(ok.id, u).status().message().rfind("durationMinutes:", 0), 0u);
}

TEST_P(StoreConformance, SqlMetacharactersAreStoredVerbatim) {
  NewStudyGroup g = Group("Robert'); DROP TABLE study_groups;--");
  g.description =
      "50% off _all_ \\ \"quotes\" 'single' $1 ?1 :name ; -- /* */ \xF0\x9F\x93\x96 \u00e9";
  g.livekit_room_name = "room' OR '1'='1";
  g.meet_link = "https://x/?a=1&b='2'";
  const std::string owner = "o'hara\"; DELETE FROM memberships;--";
  StudyGroup created = MustCreate(g, owner);
  auto got = store_->GetGroup(created.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->title, g.title);
  EXPECT_EQ(got->description, g.description);
  EXPECT_EQ(got->livekit_room_name, g.livekit_room_name);
  EXPECT_EQ(got->meet_link, g.meet_link);
  EXPECT_EQ(got->created_by, owner);
  EXPECT_TRUE(store_->GetMembership(created.id, owner).ok());
  EXPECT_EQ(store_->GetGroupByRoomName("room' OR '1'='1")->id, created.id);
  EXPECT_EQ(store_->GetGroupByRoomName("%").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, ManyThreadsShareOneStore) {
  StudyGroup g = MustCreate(Group("busy", 1000));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        std::string user = "t" + std::to_string(t) + "_" + std::to_string(i);
        if (!store_->AddMember(g.id, user, MemberRole::kMember).ok()) ++failures;
        if (!store_->GetMembership(g.id, user).ok()) ++failures;
        if (!store_->MarkEventSeen("EV_" + user, kT0).ok()) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store_->ListMembers(g.id)->size(), 81u);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreConformance, ::testing::ValuesIn(testing::AllBackends()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace lks
