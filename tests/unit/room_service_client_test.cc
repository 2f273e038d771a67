// RoomServiceClient and the HTTP layer against a FAKE HTTP server
// (tests/support/fake_http_server.h): the faults a real livekit-server cannot be made to produce on
// demand — exact retry counts, plain-text errors, garbage and truncated bodies — and what goes on
// the wire. Behaviour against the real server is proven in tests/integration.
#include "lks/livekit/room_service_client.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "fake_http_server.h"
#include "livekit/twirp_error.h"
#include "lks/core/clock.h"
#include "lks/core/version.h"
#include "lks/http/http_client.h"
#include "lks/http/retrying_http_client.h"
#include "lks/livekit/token_verifier.h"

namespace lks {
namespace {

using testing::FakeHttpServer;
using namespace std::chrono_literals;

constexpr const char* kKey = "APIunit";
constexpr const char* kSecret = "unit-secret-unit-secret-unit-secret";

RoomServiceOptions Options(const std::string& url) {
  RoomServiceOptions o;
  o.url = url;
  o.api_key = kKey;
  o.api_secret = kSecret;
  o.retry.backoff = {1ms};
  o.timeout = 5000ms;
  return o;
}

std::unique_ptr<RoomServiceClient> Client(RoomServiceOptions o) {
  auto c = RoomServiceClient::Create(std::move(o));
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(*c) : nullptr;
}

std::string Bearer(const FakeHttpServer::Request& r) {
  std::string auth = r.Header("authorization");
  return auth.rfind("Bearer ", 0) == 0 ? auth.substr(7) : std::string();
}

VideoGrant GrantOf(const FakeHttpServer::Request& r) {
  TokenVerifier v(kKey, kSecret);
  auto t = v.Verify(Bearer(r));
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() && t->grants.video ? *t->grants.video : VideoGrant{};
}

const char* kRoomJson = R"({"sid":"RM_1","name":"r1","maxParticipants":3})";

TEST(RoomServiceClientTest, SendsJsonWithHeadersAndTheNarrowestGrant) {
  FakeHttpServer server([](const FakeHttpServer::Request& r) {
    if (r.path.ends_with("/CreateRoom")) return FakeHttpServer::Response(200, kRoomJson);
    if (r.path.ends_with("/GetParticipant"))
      return FakeHttpServer::Response(200, R"({"identity":"u"})");
    return FakeHttpServer::Response(200, "{}");
  });
  auto client = Client(Options("ws://127.0.0.1:" + std::to_string(server.port())));
  ASSERT_TRUE(client);

  CreateRoomRequest create;
  create.name = "r1";
  create.max_participants = 3;
  auto room = client->CreateRoom(create);
  ASSERT_TRUE(room.ok()) << room.status().ToString();
  EXPECT_EQ(room->sid, "RM_1");
  EXPECT_EQ(room->max_participants, 3u);
  ASSERT_TRUE(client->GetParticipant("r1", "u").ok());
  ASSERT_TRUE(client->MoveParticipant("r1", "u", "r2").ok());
  ASSERT_TRUE(client->ListRooms().ok());

  auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 4u);
  EXPECT_EQ(reqs[0].method, "POST");
  EXPECT_EQ(reqs[0].path, "/twirp/livekit.RoomService/CreateRoom");
  EXPECT_EQ(reqs[0].Header("content-type"), "application/json");
  EXPECT_EQ(reqs[0].Header("user-agent"), std::string("lkstudy/") + LKS_VERSION_STRING);
  EXPECT_EQ(reqs[0].Header("x-twirp-timeout-ms"), "5000");
  EXPECT_FALSE(reqs[0].Header("x-livekit-request-id").empty());
  EXPECT_NE(reqs[0].Header("x-livekit-request-id"), reqs[1].Header("x-livekit-request-id"));
  EXPECT_EQ(reqs[0].body, R"({"name":"r1","maxParticipants":3})");

  VideoGrant g = GrantOf(reqs[0]);  // CreateRoom: roomCreate only
  EXPECT_TRUE(g.room_create);
  EXPECT_FALSE(g.room_admin);
  EXPECT_FALSE(g.room_list);
  g = GrantOf(reqs[1]);  // GetParticipant: roomAdmin for that room
  EXPECT_TRUE(g.room_admin);
  EXPECT_EQ(g.room, "r1");
  EXPECT_FALSE(g.room_create);
  g = GrantOf(reqs[2]);  // MoveParticipant: also the destination room
  EXPECT_TRUE(g.room_admin);
  EXPECT_EQ(g.destination_room, "r2");
  g = GrantOf(reqs[3]);  // ListRooms: roomList only
  EXPECT_TRUE(g.room_list);
  EXPECT_FALSE(g.room_admin);
}

TEST(RoomServiceClientTest, CachesTokensPerGrantAndRoomUntilNearExpiry) {
  FakeHttpServer server(
      [](const FakeHttpServer::Request&) { return FakeHttpServer::Response(200, "{}"); });
  ManualClock clock(1'800'000'000'000);
  auto o = Options(server.url());
  o.clock = &clock;
  o.token_ttl = 600s;
  auto client = Client(o);
  ASSERT_TRUE(client);
  ASSERT_TRUE(client->RemoveParticipant("a", "u").ok());
  ASSERT_TRUE(client->RemoveParticipant("a", "v").ok());
  ASSERT_TRUE(client->RemoveParticipant("b", "u").ok());
  clock.AdvanceMillis(460'000);  // less than a quarter of the TTL left: re-sign
  ASSERT_TRUE(client->RemoveParticipant("a", "u").ok());
  auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 4u);
  EXPECT_EQ(Bearer(reqs[0]), Bearer(reqs[1]));
  EXPECT_NE(Bearer(reqs[0]), Bearer(reqs[2]));
  EXPECT_NE(Bearer(reqs[0]), Bearer(reqs[3]));
}

TEST(RoomServiceClientTest, PreSignedTokenIsSentAsIs) {
  FakeHttpServer server(
      [](const FakeHttpServer::Request&) { return FakeHttpServer::Response(200, "{}"); });
  RoomServiceOptions o;
  o.url = server.url();
  o.token = "pre.signed.token";
  auto client = Client(o);
  ASSERT_TRUE(client);
  ASSERT_TRUE(client->ListRooms().ok());
  EXPECT_EQ(server.requests().at(0).Header("authorization"), "Bearer pre.signed.token");
}

TEST(RoomServiceClientTest, ReusesOneConnectionForSequentialCalls) {
  FakeHttpServer server(
      [](const FakeHttpServer::Request&) { return FakeHttpServer::Response(200, "{}"); });
  auto client = Client(Options(server.url()));
  ASSERT_TRUE(client);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(client->ListRooms().ok());
  EXPECT_EQ(server.connections(), 1);
  EXPECT_EQ(client->http_client().connections_opened(), 1);
}

TEST(RoomServiceClientTest, MapsTwirpJsonErrorsWithCodeStatusAndMeta) {
  FakeHttpServer server([](const FakeHttpServer::Request&) {
    return FakeHttpServer::Response(
        404, R"({"code":"not_found","msg":"room not found","meta":{"room":"r9"}})");
  });
  auto client = Client(Options(server.url()));
  ASSERT_TRUE(client);
  Status s = client->DeleteRoom("r9");
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.reason(), "not_found");
  EXPECT_EQ(s.http_status(), 404);
  EXPECT_EQ(s.message(), "DeleteRoom: room not found");
  ASSERT_EQ(s.meta().size(), 1u);
  EXPECT_EQ(s.meta()[0], (std::pair<std::string, std::string>("room", "r9")));
  EXPECT_EQ(server.requests().size(), 1u);  // 4xx is never retried
}

TEST(RoomServiceClientTest, MapsEveryTwirpCode) {
  struct Case {
    const char* twirp;
    StatusCode code;
  };
  const Case cases[] = {
      {"canceled", StatusCode::kCancelled},
      {"invalid_argument", StatusCode::kInvalidArgument},
      {"malformed", StatusCode::kInvalidArgument},
      {"deadline_exceeded", StatusCode::kDeadlineExceeded},
      {"not_found", StatusCode::kNotFound},
      {"bad_route", StatusCode::kUnimplemented},
      {"already_exists", StatusCode::kAlreadyExists},
      {"permission_denied", StatusCode::kPermissionDenied},
      {"unauthenticated", StatusCode::kUnauthenticated},
      {"resource_exhausted", StatusCode::kResourceExhausted},
      {"failed_precondition", StatusCode::kFailedPrecondition},
      {"aborted", StatusCode::kAborted},
      {"out_of_range", StatusCode::kOutOfRange},
      {"unimplemented", StatusCode::kUnimplemented},
      {"internal", StatusCode::kInternal},
      {"unavailable", StatusCode::kUnavailable},
      {"data_loss", StatusCode::kDataLoss},
      {"unknown", StatusCode::kUnknown},
  };
  for (const Case& c : cases) {
    std::string body = std::string(R"({"code":")") + c.twirp + R"(","msg":"m"})";
    Status s = internal::TwirpErrorToStatus("M", 400, body);
    EXPECT_EQ(s.code(), c.code) << c.twirp;
    EXPECT_EQ(s.reason(), c.twirp);
  }
}

TEST(RoomServiceClientTest, PlainTextErrorsAreMappedAndTokensRedacted) {
  std::atomic<int> status{401};
  FakeHttpServer server([&](const FakeHttpServer::Request& r) {
    // The real auth layer echoes the token it rejected.
    std::string text = "invalid token: " + Bearer(r) + ", error: token is expired\n";
    if (status == 413) text = "http: request body too large\n";
    return FakeHttpServer::Response(status, text, "text/plain; charset=utf-8");
  });
  auto client = Client(Options(server.url()));
  ASSERT_TRUE(client);
  auto rooms = client->ListRooms();
  ASSERT_FALSE(rooms.ok());
  EXPECT_EQ(rooms.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(rooms.status().http_status(), 401);
  EXPECT_NE(
      rooms.status().message().find("HTTP 401: invalid token: <token>, error: token is expired"),
      std::string::npos)
      << rooms.status().message();
  EXPECT_EQ(rooms.status().message().find("eyJ"), std::string::npos);

  status = 413;
  SendDataRequest big;
  big.room = "r";
  big.data = std::string(1000, 'x');
  Status s = client->SendData(big);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(s.http_status(), 413);
  EXPECT_NE(s.message().find("request body too large"), std::string::npos);
}

TEST(RoomServiceClientTest, Retries5xxWithTheSameRequestIdThenSucceeds) {
  std::atomic<int> calls{0};
  FakeHttpServer server([&](const FakeHttpServer::Request&) {
    if (++calls <= 2)
      return FakeHttpServer::Response(503, R"({"code":"unavailable","msg":"busy"})");
    return FakeHttpServer::Response(200, R"({"rooms":[{"name":"a"}]})");
  });
  auto client = Client(Options(server.url()));
  ASSERT_TRUE(client);
  auto rooms = client->ListRooms();
  ASSERT_TRUE(rooms.ok()) << rooms.status().ToString();
  ASSERT_EQ(rooms->size(), 1u);
  auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[0].Header("x-livekit-request-id"), reqs[2].Header("x-livekit-request-id"));
}

TEST(RoomServiceClientTest, GivesUpAfterMaxAttemptsWithTheLastError) {
  FakeHttpServer server([](const FakeHttpServer::Request&) {
    return FakeHttpServer::Response(500, R"({"code":"internal","msg":"boom"})");
  });
  auto client = Client(Options(server.url()));
  ASSERT_TRUE(client);
  auto rooms = client->ListRooms();
  EXPECT_EQ(rooms.status().code(), StatusCode::kInternal);
  EXPECT_EQ(rooms.status().http_status(), 500);
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST(RoomServiceClientTest, ConnectionRefusedIsUnavailableWithTheUrlAndNoToken) {
  int port;
  {
    FakeHttpServer gone([](const FakeHttpServer::Request&) { return std::string(); });
    port = gone.port();
  }
  auto o = Options("http://127.0.0.1:" + std::to_string(port));
  o.retry.max_attempts = 2;
  auto client = Client(o);
  ASSERT_TRUE(client);
  auto rooms = client->ListRooms();
  ASSERT_FALSE(rooms.ok());
  EXPECT_EQ(rooms.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(rooms.status().reason(), "connect");
  EXPECT_NE(rooms.status().message().find("127.0.0.1:" + std::to_string(port)), std::string::npos)
      << rooms.status().message();
  EXPECT_NE(rooms.status().message().find("after 2 attempts"), std::string::npos);
  EXPECT_EQ(rooms.status().message().find("eyJ"), std::string::npos);
}

TEST(RoomServiceClientTest, TimeoutIsDeadlineExceededAndNotRetried) {
  FakeHttpServer server([](const FakeHttpServer::Request&) {
    std::this_thread::sleep_for(1500ms);
    return FakeHttpServer::Response(200, "{}");
  });
  auto o = Options(server.url());
  o.timeout = 200ms;
  auto client = Client(o);
  ASSERT_TRUE(client);
  auto rooms = client->ListRooms();
  EXPECT_EQ(rooms.status().code(), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(rooms.status().reason(), "timeout");
  EXPECT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].Header("x-twirp-timeout-ms"), "200");
}

TEST(RoomServiceClientTest, GarbageAndTruncatedBodiesEndInAClearStatus) {
  std::atomic<int> mode{0};
  FakeHttpServer server([&](const FakeHttpServer::Request&) -> std::string {
    switch (mode.load()) {
      case 0:
        return FakeHttpServer::Response(200, "<html>not json</html>", "text/html");
      case 1:
        return FakeHttpServer::Response(200, R"({"rooms":{"a":1}})");
      default:  // promises 100 bytes, sends 10, hangs up
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n"
               "Connection: close\r\n\r\n{\"rooms\":[";
    }
  });
  auto o = Options(server.url());
  o.retry.max_attempts = 1;
  auto client = Client(o);
  ASSERT_TRUE(client);
  auto a = client->ListRooms();
  EXPECT_EQ(a.status().code(), StatusCode::kInternal);
  EXPECT_EQ(a.status().reason(), "bad_response");
  mode = 1;
  auto b = client->ListRooms();
  EXPECT_EQ(b.status().code(), StatusCode::kInternal);
  EXPECT_NE(b.status().message().find("rooms"), std::string::npos);
  mode = 2;
  auto c = client->ListRooms();
  EXPECT_EQ(c.status().code(), StatusCode::kUnavailable) << c.status().ToString();
  EXPECT_EQ(c.status().reason(), "transport");
}

TEST(RoomServiceClientTest, FallbackUrlsAreTriedAfterThePrimary) {
  FakeHttpServer primary([](const FakeHttpServer::Request&) { return std::string(); });  // drops
  FakeHttpServer fallback(
      [](const FakeHttpServer::Request&) { return FakeHttpServer::Response(200, "{}"); });
  auto o = Options(primary.url());
  o.retry.fallback_urls = {fallback.url()};
  auto client = Client(o);
  ASSERT_TRUE(client);
  ASSERT_TRUE(client->ListRooms().ok());
  EXPECT_EQ(primary.requests().size(), 1u);
  EXPECT_EQ(fallback.requests().size(), 1u);
  EXPECT_EQ(primary.requests()[0].Header("x-livekit-request-id"),
            fallback.requests()[0].Header("x-livekit-request-id"));
}

TEST(RoomServiceClientTest, RegionFailoverUsesTheAdvertisedRegions) {
  FakeHttpServer region1(
      [](const FakeHttpServer::Request&) { return FakeHttpServer::Response(200, "{}"); });
  const std::string regions =
      R"({"regions":[{"region":"r0","url":"http://127.0.0.1:1","distance":"0"},)"
      R"({"region":"r1","url":")" +
      region1.url() + R"(","distance":"1"}]})";
  FakeHttpServer primary([&](const FakeHttpServer::Request& r) {
    if (r.path == "/settings/regions")
      return FakeHttpServer::Response(200, regions, "application/json",
                                      "Cache-Control: max-age=30\r\n");
    return FakeHttpServer::Response(503, R"({"code":"unavailable","msg":"down"})");
  });
  auto o = Options(primary.url());
  o.retry.region_failover = RegionFailover::kAlways;
  auto client = Client(o);
  ASSERT_TRUE(client);
  ASSERT_TRUE(client->ListRooms().ok());
  ASSERT_TRUE(client->ListRooms().ok());
  int region_fetches = 0;
  for (const auto& r : primary.requests()) region_fetches += r.path == "/settings/regions";
  EXPECT_EQ(region_fetches, 1);  // cached for its max-age
  EXPECT_EQ(region1.requests().size(), 2u);

  // Not a LiveKit Cloud host: kAuto does not fail over to regions; the primary is retried.
  auto o2 = Options(primary.url());
  auto plain = Client(o2);
  ASSERT_TRUE(plain);
  auto r = plain->ListRooms();
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(region1.requests().size(), 2u);
}

TEST(RoomServiceClientTest, SendDataCarriesBase64DataAndA16ByteNonce) {
  FakeHttpServer server(
      [](const FakeHttpServer::Request&) { return FakeHttpServer::Response(200, "{}"); });
  auto client = Client(Options(server.url()));
  ASSERT_TRUE(client);
  SendDataRequest d;
  d.room = "r";
  d.data = "hello";
  d.topic = "chat";
  d.destination_identities = {"u1"};
  ASSERT_TRUE(client->SendData(d).ok());
  const std::string body = server.requests().at(0).body;
  EXPECT_NE(body.find(R"("data":"aGVsbG8=")"), std::string::npos) << body;
  EXPECT_NE(body.find(R"("topic":"chat")"), std::string::npos);
  EXPECT_NE(body.find(R"("destinationIdentities":["u1"])"), std::string::npos);
  size_t n = body.find(R"("nonce":")");
  ASSERT_NE(n, std::string::npos);
  EXPECT_EQ(body.find('"', n + 9) - (n + 9), 24u);  // 16 bytes in padded base64
}

TEST(RoomServiceClientTest, BadArgumentsNameTheFieldAndSendNothing) {
  FakeHttpServer server(
      [](const FakeHttpServer::Request&) { return FakeHttpServer::Response(200, "{}"); });
  auto client = Client(Options(server.url()));
  ASSERT_TRUE(client);
  EXPECT_EQ(client->DeleteRoom("").message(), "room: required");
  EXPECT_EQ(client->GetParticipant("r", "").status().message(), "identity: required");
  CreateRoomRequest c;
  c.name = std::string(300, 'x');
  EXPECT_EQ(client->CreateRoom(c).status().message(), "name: longer than 256 bytes");
  EXPECT_EQ(client->CallJson("ListParticipants", "{}").status().message(),
            "request: room: required");
  EXPECT_TRUE(server.requests().empty());

  RoomServiceOptions bad;
  bad.url = "ftp://x";
  bad.api_key = "k";
  bad.api_secret = "s";
  EXPECT_EQ(RoomServiceClient::Create(bad).status().code(), StatusCode::kInvalidArgument);
  bad.url = "http://x";
  bad.api_secret.clear();
  EXPECT_EQ(RoomServiceClient::Create(bad).status().message(),
            "api_secret: required (or give a token)");
}

TEST(RoomServiceClientTest, CallJsonPassesRequestAndAnswerThrough) {
  FakeHttpServer server(
      [](const FakeHttpServer::Request& r) { return FakeHttpServer::Response(200, r.body); });
  auto client = Client(Options(server.url()));
  ASSERT_TRUE(client);
  auto out = client->CallJson("UpdateParticipant", R"({"room":"r","identity":"u","metadata":"m"})");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, R"({"room":"r","identity":"u","metadata":"m"})");
  EXPECT_EQ(GrantOf(server.requests().at(0)).room, "r");
}

TEST(RoomServiceClientTest, ConcurrentCallsShareTheClient) {
  FakeHttpServer server(
      [](const FakeHttpServer::Request&) { return FakeHttpServer::Response(200, "{}"); });
  auto client = Client(Options(server.url()));
  ASSERT_TRUE(client);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) ok += client->ListParticipants("r").ok();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 160);
  EXPECT_LE(server.connections(), 8 + 1);
}

TEST(HttpClientTest, UsesTheProxyFromTheEnvironmentOrTheOptions) {
  FakeHttpServer proxy(
      [](const FakeHttpServer::Request&) { return FakeHttpServer::Response(200, "{}"); });
  // The host does not exist: the request can only succeed through the proxy.
  const std::string target = "http://room-service.invalid:7880";
  {
    ::setenv("http_proxy", proxy.url().c_str(), 1);
    ::setenv("no_proxy", "", 1);
    auto client = Client(Options(target));
    ASSERT_TRUE(client);
    auto r = client->ListRooms();
    ::unsetenv("http_proxy");
    ::unsetenv("no_proxy");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  auto o = Options(target);
  o.http.proxy = proxy.url();
  auto client = Client(o);
  ASSERT_TRUE(client);
  ASSERT_TRUE(client->ListRooms().ok());
  auto reqs = proxy.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].path,
            target + "/twirp/livekit.RoomService/ListRooms");  // absolute form: a proxy request
}

TEST(HttpClientTest, TlsFailuresAreUnavailableWithReasonTls) {
  // A plain HTTP server answers the TLS ClientHello with HTTP: the handshake fails at once.
  FakeHttpServer plain([](const FakeHttpServer::Request&) { return std::string(); });
  plain.AnswerConnectionsWith("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
  auto o = Options("https://127.0.0.1:" + std::to_string(plain.port()));
  o.retry.max_attempts = 1;
  auto client = Client(o);
  ASSERT_TRUE(client);
  auto r = client->ListRooms();
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable) << r.status().ToString();
  EXPECT_EQ(r.status().reason(), "tls") << r.status().ToString();

  o.http.ca_file = "/nonexistent/ca.pem";
  auto bad_ca = Client(o);
  ASSERT_TRUE(bad_ca);
  auto r2 = bad_ca->ListRooms();
  EXPECT_EQ(r2.status().code(), StatusCode::kUnavailable) << r2.status().ToString();
  EXPECT_EQ(r2.status().reason(), "tls") << r2.status().ToString();
}

}  // namespace
}  // namespace lks
