// RoomServiceClient against a real livekit-server v1.13.5, with real WebRTC participants
// (tests/participant) where a method acts on one. Runs inside a private network namespace
// (run_in_netns.sh); see tests/support/livekit_server.h.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "fake_http_server.h"
#include "livekit_server.h"
#include "livekit_server_fixture.h"
#include "lks/core/crypto.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/room_service_client.h"
#include "lks/livekit/token_verifier.h"
#include "test_participant.h"

namespace lks {
namespace {

using namespace std::chrono_literals;
using testing::TestParticipant;

class RoomServiceIntegrationTest : public testing::LiveKitServerTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(LiveKitServerTest::SetUp());
    RoomServiceOptions o;
    o.url = server_->ws_url();
    o.api_key = server_->api_key();
    o.api_secret = server_->api_secret();
    auto c = RoomServiceClient::Create(o);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    client_ = std::move(*c);
  }

  static std::string UniqueRoom(const std::string& stem) {
    return "it_" + stem + "_" + RandomHex(4);
  }

  static std::string JoinToken(const std::string& identity, const std::string& room,
                               std::chrono::seconds ttl = std::chrono::hours(1)) {
    AccessToken at(server_->api_key(), server_->api_secret());
    at.set_identity(identity).set_ttl(ttl);
    VideoGrant g;
    g.room_join = true;
    g.room = room;
    at.AddGrant(g);
    return at.ToJwt().value();
  }

  // Joins a real participant, or skips the test when WebRTC could not stay local.
  std::unique_ptr<TestParticipant> Join(const std::string& identity, const std::string& room,
                                        bool publish = false) {
    std::string error;
    auto p = TestParticipant::Join(server_->ws_url(), JoinToken(identity, room), publish, &error);
    EXPECT_NE(p, nullptr) << error << "\nserver log tail:\n" << LogTail();
    return p;
  }

  static std::string LogTail() {
    std::string log = server_->Log();
    return log.size() > 3000 ? log.substr(log.size() - 3000) : log;
  }

  // Polls `pred` until true or `timeout` (never a fixed sleep as the assertion).
  template <typename F>
  static bool Eventually(F pred, std::chrono::milliseconds timeout = 30s) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (pred()) return true;
      std::this_thread::sleep_for(100ms);
    }
    return pred();
  }

  std::unique_ptr<RoomServiceClient> client_;
};

#define REQUIRE_NETNS()               \
  if (!testing::InNetworkNamespace()) \
  GTEST_SKIP() << "needs the private network namespace of run_in_netns.sh for WebRTC on loopback"

TEST_F(RoomServiceIntegrationTest, CreateListUpdateAndDeleteARoom) {
  const std::string name = UniqueRoom("crud");
  CreateRoomRequest req;
  req.name = name;
  req.max_participants = 7;
  req.empty_timeout = 120;
  req.metadata = R"({"topic":"algebra"})";
  auto room = client_->CreateRoom(req);
  ASSERT_TRUE(room.ok()) << room.status().ToString();
  EXPECT_EQ(room->name, name);
  EXPECT_EQ(room->max_participants, 7u);
  EXPECT_EQ(room->empty_timeout, 120u);
  EXPECT_EQ(room->metadata, req.metadata);
  EXPECT_TRUE(room->sid.starts_with("RM_")) << room->sid;
  EXPECT_GT(room->creation_time, 1'600'000'000);
  EXPECT_NE(room->raw_json.find("\"max_participants\":7"),
            std::string::npos);  // snake_case, as sent

  // CreateRoom on a live room returns it unchanged.
  CreateRoomRequest again;
  again.name = name;
  again.max_participants = 99;
  auto same = client_->CreateRoom(again);
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(same->sid, room->sid);

  auto listed = client_->ListRooms({name});
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].sid, room->sid);
  auto all = client_->ListRooms();
  ASSERT_TRUE(all.ok());
  EXPECT_GE(all->size(), 1u);

  auto updated = client_->UpdateRoomMetadata(name, "v2");
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->metadata, "v2");

  auto none = client_->ListParticipants(name);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());

  ASSERT_TRUE(client_->DeleteRoom(name).ok());
  auto gone = client_->ListRooms({name});
  ASSERT_TRUE(gone.ok());
  EXPECT_TRUE(gone->empty());

  Status again_deleted = client_->DeleteRoom(name);
  EXPECT_EQ(again_deleted.code(), StatusCode::kNotFound) << again_deleted.ToString();
  EXPECT_EQ(again_deleted.http_status(), 404);
}

TEST_F(RoomServiceIntegrationTest, KnownServerAnswersForAbsentThings) {
  auto empty = client_->ListParticipants(UniqueRoom("nobody"));
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->empty());
  const std::string name = UniqueRoom("absent");
  CreateRoomRequest req;
  req.name = name;
  ASSERT_TRUE(client_->CreateRoom(req).ok());
  auto p = client_->GetParticipant(name, "ghost");
  EXPECT_EQ(p.status().code(), StatusCode::kNotFound) << p.status().ToString();
  EXPECT_EQ(p.status().http_status(), 404);
  EXPECT_TRUE(client_->DeleteRoom(name).ok());
}

TEST_F(RoomServiceIntegrationTest, AuthFailuresAreUnauthenticatedWithoutTheToken) {
  RoomServiceOptions o;
  o.url = server_->http_url();
  o.api_key = server_->api_key();
  o.api_secret = "not-the-secret-not-the-secret-00";
  auto wrong = RoomServiceClient::Create(o).value();
  auto r = wrong->ListRooms();
  EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated) << r.status().ToString();
  EXPECT_EQ(r.status().http_status(), 401);
  EXPECT_EQ(r.status().message().find("eyJ"), std::string::npos) << r.status().message();

  // A pre-signed token with only roomList cannot create rooms: the real server says 401.
  AccessToken at(server_->api_key(), server_->api_secret());
  VideoGrant list_only;
  list_only.room_list = true;
  at.AddGrant(list_only);
  RoomServiceOptions p;
  p.url = server_->http_url();
  p.token = at.ToJwt().value();
  auto limited = RoomServiceClient::Create(p).value();
  EXPECT_TRUE(limited->ListRooms().ok());
  CreateRoomRequest req;
  req.name = UniqueRoom("denied");
  auto created = limited->CreateRoom(req);
  EXPECT_EQ(created.status().code(), StatusCode::kUnauthenticated) << created.status().ToString();
  EXPECT_EQ(created.status().http_status(), 401);
}

TEST_F(RoomServiceIntegrationTest, ModeratesARealParticipant) {
  REQUIRE_NETNS();
  const std::string room = UniqueRoom("mod");
  auto alice = Join("alice", room, /*publish=*/true);
  ASSERT_NE(alice, nullptr);

  // ListParticipants / GetParticipant see the joined participant and its published track.
  std::vector<ParticipantInfo> list;
  ASSERT_TRUE(Eventually([&] {
    auto l = client_->ListParticipants(room);
    if (!l.ok() || l->size() != 1 || l->at(0).tracks.empty()) return false;
    list = *l;
    return true;
  })) << alice->Output();
  EXPECT_EQ(list[0].identity, "alice");
  EXPECT_TRUE(list[0].sid.starts_with("PA_"));
  EXPECT_EQ(list[0].tracks[0].sid, alice->track_sid());
  EXPECT_EQ(list[0].tracks[0].type, TrackType::kAudio);
  EXPECT_EQ(list[0].tracks[0].source, TrackSource::kMicrophone);
  auto got = client_->GetParticipant(room, "alice");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->sid, list[0].sid);
  EXPECT_GT(got->joined_at, 0);

  // UpdateParticipant: metadata, attributes, permissions.
  UpdateParticipantRequest up;
  up.room = room;
  up.identity = "alice";
  up.metadata = R"({"userId":15})";
  up.attributes = {{"role", "moderator"}};
  ParticipantPermission perm;
  perm.can_subscribe = true;
  perm.can_publish = true;
  perm.can_publish_data = false;
  perm.can_publish_sources = {TrackSource::kMicrophone};
  up.permission = perm;
  auto updated = client_->UpdateParticipant(up);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->metadata, R"({"userId":15})");
  EXPECT_EQ(updated->attributes.at("role"), "moderator");
  ASSERT_TRUE(updated->permission.has_value());
  EXPECT_FALSE(updated->permission->can_publish_data);
  auto again = client_->GetParticipant(room, "alice");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->metadata, R"({"userId":15})");
  EXPECT_EQ(again->attributes.at("role"), "moderator");
  EXPECT_EQ(again->permission->can_publish_sources,
            std::vector<TrackSource>{TrackSource::kMicrophone});

  // MutePublishedTrack.
  auto muted = client_->MutePublishedTrack(room, "alice", alice->track_sid(), true);
  ASSERT_TRUE(muted.ok()) << muted.status().ToString();
  EXPECT_EQ(muted->sid, alice->track_sid());
  EXPECT_TRUE(muted->muted);
  EXPECT_TRUE(Eventually([&] {
    auto p = client_->GetParticipant(room, "alice");
    return p.ok() && !p->tracks.empty() && p->tracks[0].muted;
  }));

  // SendData reaches the participant.
  SendDataRequest data;
  data.room = room;
  data.data = "quiz-starts";
  data.topic = "chat";
  ASSERT_TRUE(client_->SendData(data).ok());
  EXPECT_TRUE(alice->WaitFor("DATA chat quiz-starts", 30s)) << alice->Output();

  // UpdateRoomMetadata reaches the participant.
  ASSERT_TRUE(client_->UpdateRoomMetadata(room, "break-at-3").ok());
  EXPECT_TRUE(alice->WaitFor("METADATA break-at-3", 30s)) << alice->Output();

  // RemoveParticipant: the participant sees itself disconnected and leaves the list.
  ASSERT_TRUE(client_->RemoveParticipant(room, "alice").ok());
  EXPECT_TRUE(alice->WaitFor("DISCONNECTED", 30s)) << alice->Output();
  EXPECT_TRUE(Eventually([&] {
    auto l = client_->ListParticipants(room);
    return l.ok() && l->empty();
  }));
  (void)client_->DeleteRoom(room);
}

TEST_F(RoomServiceIntegrationTest, UpdateSubscriptionsAndPerformRpcReachRealParticipants) {
  REQUIRE_NETNS();
  const std::string room = UniqueRoom("rpc");
  auto alice = Join("alice", room, /*publish=*/true);
  ASSERT_NE(alice, nullptr);
  auto bob = Join("bob", room);  // never subscribes by itself
  ASSERT_NE(bob, nullptr);
  ASSERT_TRUE(Eventually([&] {
    auto p = client_->GetParticipant(room, "alice");
    return p.ok() && !p->tracks.empty();
  }));

  ASSERT_TRUE(client_->UpdateSubscriptions(room, "bob", {alice->track_sid()}, true).ok());
  EXPECT_TRUE(bob->WaitFor("SUBSCRIBED " + alice->track_sid(), 30s)) << bob->Output();

  PerformRpcRequest rpc;
  rpc.room = room;
  rpc.destination_identity = "alice";
  rpc.method = "echo";
  rpc.payload = "ping-42";
  rpc.response_timeout_ms = 10000;
  auto answer = client_->PerformRpc(rpc);
  ASSERT_TRUE(answer.ok()) << answer.status().ToString() << "\n" << alice->Output();
  EXPECT_EQ(*answer, "echo:ping-42");
  EXPECT_TRUE(alice->WaitFor("RPC echo ping-42", 5s));

  rpc.method = "no-such-method";
  auto unknown = client_->PerformRpc(rpc);
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument) << unknown.status().ToString();
  EXPECT_NE(unknown.status().message().find("Method not supported"), std::string::npos);
  (void)client_->DeleteRoom(room);
}

TEST_F(RoomServiceIntegrationTest, MaxParticipantsRefusesOneJoinOverTheCap) {
  REQUIRE_NETNS();
  const std::string room = UniqueRoom("cap");
  CreateRoomRequest req;
  req.name = room;
  req.max_participants = 1;
  ASSERT_TRUE(client_->CreateRoom(req).ok());
  auto first = Join("first", room);
  ASSERT_NE(first, nullptr);
  std::string error;
  auto second =
      TestParticipant::Join(server_->ws_url(), JoinToken("second", room), false, &error, 60s);
  EXPECT_EQ(second, nullptr) << "a second participant joined a room capped at 1";
  auto l = client_->ListParticipants(room);
  ASSERT_TRUE(l.ok());
  ASSERT_EQ(l->size(), 1u);
  EXPECT_EQ(l->at(0).identity, "first");
  (void)client_->DeleteRoom(room);
}

TEST_F(RoomServiceIntegrationTest, DeleteRoomDisconnectsItsParticipants) {
  REQUIRE_NETNS();
  const std::string room = UniqueRoom("del");
  auto p = Join("bob", room);
  ASSERT_NE(p, nullptr);
  ASSERT_TRUE(client_->DeleteRoom(room).ok());
  EXPECT_TRUE(p->WaitFor("DISCONNECTED", 30s)) << p->Output();
  auto gone = client_->ListRooms({room});
  ASSERT_TRUE(gone.ok());
  EXPECT_TRUE(gone->empty());
}

TEST_F(RoomServiceIntegrationTest, ManyConcurrentCallersShareConnections) {
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) ok += client_->ListRooms().ok();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 80);
  EXPECT_LE(client_->http_client().connections_opened(), 8);
}

// Tokens: the real server's /rtc/validate accepts our join tokens and rejects bad ones.
class TokensValidateTest : public RoomServiceIntegrationTest {};

TEST_F(TokensValidateTest, RtcValidateAcceptsOurJoinTokensAndRejectsBadOnes) {
  const std::string room = UniqueRoom("validate");
  std::string body;
  int status = testing::LoopbackHttpGet(
      server_->port(), "/rtc/validate?access_token=" + JoinToken("v", room), &body);
  EXPECT_EQ(status, 200) << body;
  EXPECT_EQ(body, "success");

  // Expired: signed 2 h ago with a 1 h TTL (the server's leeway is far smaller).
  AccessToken expired(server_->api_key(), server_->api_secret());
  VideoGrant g;
  g.room_join = true;
  g.room = room;
  expired.set_identity("v").AddGrant(g).set_ttl(std::chrono::hours(1));
  ManualClock past(SystemClock().NowUnixMillis() - 2 * 3600 * 1000);
  status = testing::LoopbackHttpGet(
      server_->port(), "/rtc/validate?access_token=" + expired.ToJwt(past).value(), &body);
  EXPECT_EQ(status, 401) << body;

  // Wrong key: same claims, another secret.
  AccessToken wrong_key(server_->api_key(), "another-secret-another-secret-00");
  wrong_key.set_identity("v").AddGrant(g);
  status = testing::LoopbackHttpGet(
      server_->port(), "/rtc/validate?access_token=" + wrong_key.ToJwt().value(), &body);
  EXPECT_EQ(status, 401) << body;

  // Wrong room grant: a room-admin token for the room is no join token.
  AccessToken admin_only(server_->api_key(), server_->api_secret());
  VideoGrant admin;
  admin.room_admin = true;
  admin.room = room;
  admin_only.set_identity("v").AddGrant(admin);
  status = testing::LoopbackHttpGet(
      server_->port(), "/rtc/validate?access_token=" + admin_only.ToJwt().value(), &body);
  EXPECT_EQ(status, 401) << body;

  // No room at all: a join grant without a room (hand-made; minting refuses it).
  TokenSigner signer(server_->api_key(), server_->api_secret());
  const int64_t now = SystemClock().NowUnixSeconds();
  std::string payload = R"({"iss":")" + server_->api_key() + R"(","sub":"v","nbf":)" +
                        std::to_string(now) + R"(,"exp":)" + std::to_string(now + 600) +
                        R"(,"video":{"roomJoin":true}})";
  status = testing::LoopbackHttpGet(
      server_->port(), "/rtc/validate?access_token=" + signer.SignRawPayload(payload), &body);
  EXPECT_EQ(status, 400) << body;
}

}  // namespace
}  // namespace lks

namespace lks {
namespace {

// The fixture's webhook option: the real server POSTs signed events to the given URL (here a
// plain local sink that records requests).
TEST(RoomServiceIntegrationFixtureTest, ServerPostsWebhooksToTheConfiguredUrl) {
  testing::FakeHttpServer sink([](const testing::FakeHttpServer::Request&) {
    return testing::FakeHttpServer::Response(200, "");
  });
  testing::LiveKitServerOptions so;
  so.extra_keys = {{"hook_key", "hook-secret-hook-secret-hook-0000"}};
  so.webhook_api_key = "hook_key";
  so.webhook_urls = {sink.url() + "/hook"};
  std::string error;
  auto server = testing::LiveKitServer::Start(so, &error);
  ASSERT_NE(server, nullptr) << error;
  RoomServiceOptions o;
  o.url = server->http_url();
  o.api_key = server->api_key();
  o.api_secret = server->api_secret();
  auto client = RoomServiceClient::Create(o).value();
  CreateRoomRequest req;
  req.name = "hooked";
  ASSERT_TRUE(client->CreateRoom(req).ok());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::optional<testing::FakeHttpServer::Request> hook;
  while (!hook && std::chrono::steady_clock::now() < deadline) {
    for (const auto& r : sink.requests()) {
      if (r.body.find("room_started") != std::string::npos) hook = r;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(hook.has_value()) << server->Log();
  EXPECT_EQ(hook->path, "/hook");
  EXPECT_EQ(hook->Header("content-type"), "application/webhook+json");
  TokenVerifier verifier("hook_key", "hook-secret-hook-secret-hook-0000");
  std::string auth = hook->Header("authorization");
  if (auth.rfind("Bearer ", 0) == 0) auth = auth.substr(7);
  auto claims = verifier.Verify(auth);
  ASSERT_TRUE(claims.ok()) << claims.status().ToString();
  EXPECT_FALSE(claims->grants.sha256.empty());
}

}  // namespace
}  // namespace lks
