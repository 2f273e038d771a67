// StudyGroupService's admission decisions as C++ values (TokenDecision), against a real
// livekit-server v1.13.5 (the waiting room needs a live room session: the room the first token
// request opens) and a real SQLite store. The REST, C ABI, Node and e2e suites cover the same
// policy through their own layers.
#include <gtest/gtest.h>

#include "livekit_server.h"
#include "livekit_server_fixture.h"
#include "lks/core/clock.h"
#include "lks/groups/study_group_service.h"
#include "lks/livekit/room_service_client.h"
#include "lks/store/open_store.h"

namespace lks {
namespace {

class AdmissionIntegrationTest : public testing::LiveKitServerTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(LiveKitServerTest::SetUp());
    auto store = OpenStudyGroupStore("sqlite::memory:");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::shared_ptr<StudyGroupStore>(std::move(*store));
    RoomServiceOptions ro;
    ro.url = server_->ws_url();
    ro.api_key = server_->api_key();
    ro.api_secret = server_->api_secret();
    auto rooms = RoomServiceClient::Create(ro);
    ASSERT_TRUE(rooms.ok()) << rooms.status().ToString();
    StudyGroupServiceOptions so;
    so.livekit_url = server_->ws_url();
    so.api_key = server_->api_key();
    so.api_secret = server_->api_secret();
    so.knock_poll_interval = std::chrono::seconds(2);
    so.clock = &clock_;
    service_ = std::make_shared<StudyGroupService>(store_, std::move(*rooms), so);
    CreateGroupRequest r;
    r.title = "Approval";
    r.admission = Admission::kApproval;
    auto g = service_->CreateGroup(owner_, r);
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    group_ = *g;
    for (const Principal* p : {&ann_, &bob_}) ASSERT_TRUE(service_->JoinGroup(*p, g->id).ok());
    ASSERT_TRUE(store_->AddMember(g->id, "4", MemberRole::kModerator).ok());
  }
  StatusOr<TokenDecision> Ask(const Principal& who, std::string_view name = "") {
    return service_->IssueToken(who, *group_.livekit_room_name, name);
  }

  ManualClock clock_{1700000000000};
  std::shared_ptr<StudyGroupStore> store_;
  std::shared_ptr<StudyGroupService> service_;
  StudyGroup group_;
  Principal owner_{"1", "o@example.com", "Owner", ""};
  Principal ann_{"2", "a@example.com", "Ann", ""};
  Principal bob_{"3", "b@example.com", "Bob", ""};
  Principal moderator_{"4", "m@example.com", "Mod", ""};
  Principal admin_{"9", "x@example.com", "Admin", "admin"};
};

TEST_F(AdmissionIntegrationTest, MembersWaitOnTheSessionTheyOpenModeratorsNever) {
  StatusOr<TokenDecision> first = Ask(ann_, "Ann A.");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(first->waiting());
  const AdmissionWait& w = first->wait();
  EXPECT_EQ(w.group_id, group_.id);
  EXPECT_EQ(w.room_name, *group_.livekit_room_name);
  EXPECT_EQ(w.retry_after, std::chrono::seconds(2));
  EXPECT_EQ(w.knocked_at_ms, 1700000000000);
  // The session is the LiveKit room the request opened, and the group now records it.
  StatusOr<StudyGroup> g = store_->GetGroup(group_.id);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->livekit_room_sid.value_or(""), w.session);
  EXPECT_EQ(w.session.rfind("RM_", 0), 0u) << w.session;

  // Asking again: still waiting, the first knock's time kept.
  clock_.AdvanceMillis(30000);
  StatusOr<TokenDecision> again = Ask(ann_);
  ASSERT_TRUE(again.ok() && again->waiting());
  EXPECT_EQ(again->wait().knocked_at_ms, 1700000000000);
  EXPECT_EQ(again->wait().session, w.session);

  // Owners, moderators and admins get tokens and no knock.
  for (const Principal* p : {&owner_, &moderator_, &admin_}) {
    StatusOr<TokenDecision> d = Ask(*p);
    ASSERT_TRUE(d.ok()) << p->user_id << ": " << d.status().ToString();
    EXPECT_FALSE(d->waiting()) << p->user_id;
    EXPECT_EQ(d->token().identity, "user_" + p->user_id);
  }
  StatusOr<KnockList> knocks = service_->ListKnocks(owner_, group_.id);
  ASSERT_TRUE(knocks.ok()) << knocks.status().ToString();
  ASSERT_EQ(knocks->knocks.size(), 1u);
  EXPECT_EQ(knocks->knocks[0].user_id, "2");
  EXPECT_EQ(knocks->knocks[0].name, "Ann A.");

  // Admitted: a token. Denied: 403 denied.
  ASSERT_TRUE(service_->AdmitKnock(moderator_, group_.id, "2").ok());
  StatusOr<TokenDecision> admitted = Ask(ann_);
  ASSERT_TRUE(admitted.ok()) << admitted.status().ToString();
  ASSERT_FALSE(admitted->waiting());
  EXPECT_FALSE(admitted->token().token.empty());
  ASSERT_TRUE(Ask(bob_).ok());
  ASSERT_TRUE(service_->DenyKnock(owner_, group_.id, "3").ok());
  StatusOr<TokenDecision> denied = Ask(bob_);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.status().reason(), "denied");
  EXPECT_EQ(denied.status().code(), StatusCode::kPermissionDenied);
}

TEST_F(AdmissionIntegrationTest, AdmissionLastsOneSession) {
  ASSERT_TRUE(Ask(ann_).ok());
  ASSERT_TRUE(service_->AdmitKnock(owner_, group_.id, "2").ok());
  StatusOr<TokenDecision> in = Ask(ann_);
  ASSERT_TRUE(in.ok() && !in->waiting());
  const std::string first_session = store_->GetGroup(group_.id)->livekit_room_sid.value_or("");

  // The owner ends the session; the next request opens a new one with an empty waiting room.
  ASSERT_TRUE(service_->EndRoom(owner_, *group_.livekit_room_name).ok());
  StatusOr<KnockList> none = service_->ListKnocks(owner_, group_.id);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->session.has_value());
  StatusOr<TokenDecision> next = Ask(ann_);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  ASSERT_TRUE(next->waiting());
  EXPECT_NE(next->wait().session, first_session);
}

TEST_F(AdmissionIntegrationTest, TheLockComesBeforeAdmission) {
  ASSERT_TRUE(Ask(ann_).ok());
  ASSERT_TRUE(service_->AdmitKnock(owner_, group_.id, "2").ok());
  StatusOr<StudyGroup> locked = service_->SetLocked(moderator_, group_.id, true);
  ASSERT_TRUE(locked.ok() && locked->locked);
  for (const Principal* p : {&ann_, &bob_}) {
    StatusOr<TokenDecision> d = Ask(*p);
    ASSERT_FALSE(d.ok()) << p->user_id;
    EXPECT_EQ(d.status().reason(), "locked");
  }
  EXPECT_TRUE(Ask(moderator_).ok());
  EXPECT_EQ(service_->SetLocked(ann_, group_.id, false).status().reason(), "not_a_moderator");
  ASSERT_TRUE(service_->SetLocked(owner_, group_.id, false).ok());
  StatusOr<TokenDecision> back = Ask(ann_);
  ASSERT_TRUE(back.ok() && !back->waiting());
}

}  // namespace
}  // namespace lks
