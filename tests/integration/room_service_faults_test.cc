// Faults: LiveKit's fault-injection test-server (X-Lk-Mock) and a real livekit-server that is
// stopped. Every fault ends in a clear Status, without a crash or a hang past the timeout.
#include <gtest/gtest.h>

#include <chrono>

#include "livekit_server.h"
#include "livekit_test_server.h"
#include "livekit_test_server_fixture.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/room_service_client.h"

namespace lks {
namespace {

using namespace std::chrono_literals;
using testing::LiveKitServer;

constexpr char kKey[] = "APIfaults";
constexpr char kSecret[] = "faults-secret-faults-secret-0000";

// Three regions: region 0 is the primary, 1 and 2 are fallbacks.
class RoomServiceFaultsTest : public testing::LiveKitTestServerTest<3, kSecret> {
 protected:
  // A client of region 0 whose calls carry `mock` as X-Lk-Mock.
  static std::unique_ptr<RoomServiceClient> Client(const std::string& mock,
                                                   RoomServiceOptions o = {}) {
    o.url = server_->url(0);
    o.api_key = kKey;
    o.api_secret = kSecret;
    if (!mock.empty()) o.extra_headers.emplace_back("X-Lk-Mock", mock);
    auto c = RoomServiceClient::Create(std::move(o));
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return std::move(*c);
  }
};

TEST_F(RoomServiceFaultsTest, EveryMethodCarriesTheGrantItNeeds) {
  // The test-server enforces each method's grant as the real server does; no skipAuth here.
  auto c = Client("");
  CreateRoomRequest create;
  create.name = "g";
  auto room = c->CreateRoom(create);
  ASSERT_TRUE(room.ok()) << room.status().ToString();
  EXPECT_EQ(room->name, "g");  // camelCase answer, defaults omitted
  EXPECT_TRUE(c->ListRooms().ok());
  EXPECT_TRUE(c->DeleteRoom("g").ok());
  EXPECT_TRUE(c->ListParticipants("g").ok());
  auto p = c->GetParticipant("g", "u");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->identity, "u");
  EXPECT_TRUE(c->RemoveParticipant("g", "u").ok());
  auto t = c->MutePublishedTrack("g", "u", "TR_1", true);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  UpdateParticipantRequest up;
  up.room = "g";
  up.identity = "u";
  up.metadata = "m";
  auto upd = c->UpdateParticipant(up);
  ASSERT_TRUE(upd.ok()) << upd.status().ToString();
  EXPECT_EQ(upd->metadata, "m");
  EXPECT_TRUE(c->UpdateSubscriptions("g", "u", {"TR_1"}, true).ok());
  SendDataRequest d;
  d.room = "g";
  d.data = "x";
  EXPECT_TRUE(c->SendData(d).ok());
  auto meta = c->UpdateRoomMetadata("g", "mm");
  ASSERT_TRUE(meta.ok()) << meta.status().ToString();
  EXPECT_TRUE(c->ForwardParticipant("g", "u", "g2").ok());
  EXPECT_TRUE(c->MoveParticipant("g", "u", "g2").ok());
  PerformRpcRequest rpc;
  rpc.room = "g";
  rpc.destination_identity = "u";
  rpc.method = "ping";
  rpc.payload = "{}";
  EXPECT_TRUE(c->PerformRpc(rpc).ok());
}

TEST_F(RoomServiceFaultsTest, MissingGrantIsPermissionDeniedHere) {
  AccessToken at(kKey, kSecret);
  VideoGrant list_only;
  list_only.room_list = true;
  at.AddGrant(list_only);
  RoomServiceOptions o;
  o.token = at.ToJwt().value();
  o.url = server_->url(0);
  auto c = RoomServiceClient::Create(o).value();
  CreateRoomRequest create;
  create.name = "g";
  auto r = c->CreateRoom(create);
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied) << r.status().ToString();
  EXPECT_EQ(r.status().http_status(), 403);
}

TEST_F(RoomServiceFaultsTest, CustomCamelCaseAnswerIsParsed) {
  auto c = Client(
      R"({"response":{"sid":"RM_x","name":"my-room","maxParticipants":9,"creationTime":"1700000000"}})");
  CreateRoomRequest create;
  create.name = "my-room";
  auto room = c->CreateRoom(create);
  ASSERT_TRUE(room.ok()) << room.status().ToString();
  EXPECT_EQ(room->sid, "RM_x");
  EXPECT_EQ(room->max_participants, 9u);
  EXPECT_EQ(room->creation_time, 1700000000);
}

TEST_F(RoomServiceFaultsTest, FiveHundredsAreRetriedOnTheFallbackUrl) {
  RoomServiceOptions o;
  o.retry.fallback_urls = {server_->url(1)};
  o.retry.region_failover = RegionFailover::kNever;
  auto c = Client(R"({"failRegions":[0]})", o);
  EXPECT_TRUE(c->ListRooms().ok());

  auto down = Client(R"({"failRegions":[0,1,2]})", o);
  auto r = down->ListRooms();
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable) << r.status().ToString();
  EXPECT_EQ(r.status().http_status(), 503);
}

TEST_F(RoomServiceFaultsTest, FourHundredsAreNotRetried) {
  RoomServiceOptions o;
  o.retry.fallback_urls = {server_->url(1)};  // would succeed, if a 4xx were retried
  auto c = Client(R"({"failRegions":[0],"failStatus":400,"failTwirpCode":"invalid_argument"})", o);
  auto r = c->ListRooms();
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
  EXPECT_EQ(r.status().http_status(), 400);
  EXPECT_EQ(r.status().reason(), "invalid_argument");
}

TEST_F(RoomServiceFaultsTest, RegionFailoverWhenForced) {
  RoomServiceOptions o;
  o.retry.region_failover = RegionFailover::kAlways;
  EXPECT_TRUE(Client(R"({"failRegions":[0]})", o)->ListRooms().ok());
  EXPECT_TRUE(Client(R"({"failRegions":[0,1]})", o)->ListRooms().ok());
  EXPECT_TRUE(Client(R"({"failRegions":[0],"failMode":"drop"})", o)->ListRooms().ok());
  auto all = Client(R"({"failRegions":[0,1,2]})", o)->ListRooms();
  EXPECT_EQ(all.status().code(), StatusCode::kUnavailable);

  // Automatic failover is for LiveKit Cloud hosts only: 127.0.0.1 stays on its primary.
  auto plain = Client(R"({"failRegions":[0]})")->ListRooms();
  EXPECT_EQ(plain.status().code(), StatusCode::kUnavailable) << plain.status().ToString();
}

TEST_F(RoomServiceFaultsTest, DroppedConnectionIsAnUnavailableTransportError) {
  RoomServiceOptions o;
  o.retry.max_attempts = 1;
  auto r = Client(R"({"failRegions":[0],"failMode":"drop"})", o)->ListRooms();
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable) << r.status().ToString();
  EXPECT_EQ(r.status().reason(), "transport");
  EXPECT_NE(r.status().message().find(server_->url(0)), std::string::npos) << r.status().message();
}

TEST_F(RoomServiceFaultsTest, SlowServerEndsAtTheTimeout) {
  RoomServiceOptions o;
  o.timeout = 500ms;
  auto c = Client(R"({"delayMs":5000})", o);
  auto start = std::chrono::steady_clock::now();
  auto r = c->ListRooms();
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status().code(), StatusCode::kDeadlineExceeded) << r.status().ToString();
  EXPECT_LT(took,
            4s);  // ended by our timeout, not by the server's 5 s delay (generous for a loaded box)
}

TEST_F(RoomServiceFaultsTest, StoppedRealServerIsConnectionRefused) {
  std::string error;
  auto real = LiveKitServer::Start({}, &error);
  ASSERT_NE(real, nullptr) << error;
  RoomServiceOptions o;
  o.url = real->http_url();
  o.api_key = real->api_key();
  o.api_secret = real->api_secret();
  o.retry.backoff = {10ms};
  auto c = RoomServiceClient::Create(o).value();
  ASSERT_TRUE(c->ListRooms().ok());
  real->Stop();
  auto r = c->ListRooms();
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable) << r.status().ToString();
  EXPECT_NE(r.status().message().find(real->http_url()), std::string::npos) << r.status().message();
  EXPECT_EQ(r.status().message().find("eyJ"), std::string::npos);
}

}  // namespace
}  // namespace lks
