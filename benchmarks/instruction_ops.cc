// One operation N times, for instruction counts under callgrind (benchmarks/instructions.sh):
//
//   lks_bench_ops OPERATION ITERATIONS
//
// Operations (each warmed up first, so one-time work such as per-thread buffers is not counted):
//   mac         HmacSha256Key::Sign of a seed token's signing input (precomputed key schedule)
//   mint        AccessToken with the seed's claims on a shared TokenSigner, then ToJwt()
//   verify      TokenVerifier::Verify of that token, into a fresh result
//   webhook     WebhookReceiver::Receive of benchmarks/data/webhook_participant_joined.json
//               (JWT, SHA-256 of the body, parse)
//   webhook_into  the same into one reused WebhookEvent (Receive(body, auth, &event))
//   store_read  StudyGroupStore::GetGroupByRoomName on SQLite in memory, 100 groups
//   rest_token  POST /api/livekit/token through lks::RestHandler for a member, SQLite in memory;
//               a real livekit-server answers the first CreateRoom, then the live-room cache
//               holds (as in a steady stream of joins)
// Only lks_measured_loop() is counted (callgrind --toggle-collect); it calls the operation
// ITERATIONS times. Exit status 0 when every call succeeded.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>

#include "livekit_server.h"
#include "lks/api/app_token.h"
#include "lks/api/rest_handler.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/room_service_client.h"
#include "lks/livekit/token_verifier.h"
#include "lks/livekit/webhook_receiver.h"
#include "lks/livekit/webhook_signer.h"
#include "lks/store/open_store.h"

namespace {

constexpr char kApiKey[] = "APIbenchKey1";
constexpr char kApiSecret[] = "bench-secret-0123456789abcdefghijklmnopqrstuvwxyzABCD";
constexpr char kAppSecret[] = "bench-app-secret-0123456789";

using Op = std::function<bool()>;

// Kept out of line and unmangled: callgrind counts only what runs inside it.
extern "C" __attribute__((noinline)) int lks_measured_loop(const Op* op, long n) {
  int failures = 0;
  for (long i = 0; i < n; ++i) failures += (*op)() ? 0 : 1;
  return failures;
}

lks::ClaimGrants SeedClaims() {
  lks::ClaimGrants c;
  c.identity = "user_15";
  c.name = "John Doe";
  c.metadata = R"({"userId":15,"email":"john@example.com"})";
  lks::VideoGrant g;
  g.room_join = true;
  g.room = "study_group_1700000000_ab12cd";
  g.can_publish = g.can_subscribe = g.can_publish_data = true;
  g.can_update_own_metadata = true;
  c.video = g;
  return c;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int Fail(const std::string& what) {
  std::fprintf(stderr, "lks_bench_ops: %s\n", what.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return Fail("usage: lks_bench_ops OPERATION ITERATIONS");
  const std::string name = argv[1];
  const long n = std::atol(argv[2]);
  auto signer = std::make_shared<const lks::TokenSigner>(kApiKey, kApiSecret);
  const lks::ClaimGrants claims = SeedClaims();
  const std::string token = *signer->Sign(claims);
  Op op;
  // Objects the operations use, kept alive for the run.
  std::unique_ptr<lks::TokenVerifier> verifier;
  std::unique_ptr<lks::HmacSha256Key> mac_key;
  std::unique_ptr<lks::ManualClock> clock;
  std::unique_ptr<lks::WebhookReceiver> receiver;
  std::shared_ptr<lks::StudyGroupStore> store;
  std::unique_ptr<lks::testing::LiveKitServer> livekit;
  std::unique_ptr<lks::RestHandler> handler;
  std::string body, auth;
  lks::RestRequest request;

  if (name == "mac") {
    mac_key = std::make_unique<lks::HmacSha256Key>(kApiSecret);
    const std::string input = token.substr(0, token.rfind('.'));
    op = [&, input] { return mac_key->Sign(input)[0] != 0 || true; };
  } else if (name == "mint") {
    const lks::VideoGrant grant = *claims.video;
    op = [&, grant] {
      lks::AccessToken at(signer);
      at.set_identity("user_15").set_name("John Doe").set_metadata(claims.metadata);
      at.AddGrant(grant);
      return at.ToJwt().ok();
    };
  } else if (name == "verify") {
    verifier = std::make_unique<lks::TokenVerifier>(kApiKey, kApiSecret);
    op = [&] { return verifier->Verify(token).ok(); };
  } else if (name == "webhook" || name == "webhook_into") {
    clock = std::make_unique<lks::ManualClock>(1'732'700'012'000);
    receiver = std::make_unique<lks::WebhookReceiver>(kApiKey, kApiSecret);
    receiver->set_clock(*clock);
    body = ReadFile(LKS_BENCH_DATA_DIR "/webhook_participant_joined.json");
    if (body.empty()) return Fail("no webhook body");
    auth = *lks::SignWebhook(*signer, body, lks::kWebhookTokenTtl, *clock);
    if (name == "webhook") {
      op = [&] { return receiver->Receive(body, auth).ok(); };
    } else {
      op = [&, event = std::make_shared<lks::WebhookEvent>()] {
        return receiver->Receive(body, auth, event.get()).ok();
      };
    }
  } else if (name == "store_read" || name == "rest_token") {
    auto opened = lks::OpenStudyGroupStore("sqlite::memory:");
    if (!opened.ok()) return Fail(opened.status().ToString());
    store = std::shared_ptr<lks::StudyGroupStore>(std::move(*opened));
    if (name == "store_read") {
      std::string room;
      for (int i = 0; i < 100; ++i) {
        lks::NewStudyGroup g;
        g.title = "Group " + std::to_string(i);
        g.livekit_room_name = "study_group_1700000000_" + std::to_string(i);
        auto created = store->CreateGroup(g, "owner");
        if (!created.ok()) return Fail(created.status().ToString());
        room = *g.livekit_room_name;
      }
      op = [&, room] { return store->GetGroupByRoomName(room).ok(); };
    } else {
      std::string error;
      lks::testing::LiveKitServerOptions lo;
      lo.api_key = kApiKey;
      lo.api_secret = kApiSecret;
      livekit = lks::testing::LiveKitServer::Start(lo, &error);
      if (!livekit) return Fail("livekit-server: " + error);
      lks::RoomServiceOptions ro;
      ro.url = livekit->http_url();
      ro.api_key = kApiKey;
      ro.api_secret = kApiSecret;
      auto rooms = lks::RoomServiceClient::Create(ro);
      if (!rooms.ok()) return Fail(rooms.status().ToString());
      lks::StudyGroupServiceOptions so;
      so.livekit_url = livekit->ws_url();
      so.api_key = kApiKey;
      so.api_secret = kApiSecret;
      so.live_room_cache_ttl = std::chrono::hours(1);
      auto service = std::make_shared<lks::StudyGroupService>(store, std::move(*rooms), so);
      handler = std::make_unique<lks::RestHandler>(
          service, std::make_shared<const lks::AppTokenVerifier>(kAppSecret), nullptr);
      auto app_token = [](const std::string& user) {
        return lks::MintAppToken(kAppSecret,
                                 lks::Principal{user, user + "@example.com", "User " + user, ""},
                                 std::chrono::hours(1))
            .value();
      };
      lks::RestRequest create;
      create.method = "POST";
      create.path = "/api/study-groups/create";
      create.body = R"({"title":"Bench","maxParticipants":10})";
      create.headers = {{"Authorization", "Bearer " + app_token("15")},
                        {"Content-Type", "application/json"}};
      lks::RestResponse created = handler->Handle(create);
      const std::string key = "\"livekitRoomName\":\"";
      const size_t at = created.body.find(key);
      if (created.status != 201 || at == std::string::npos) return Fail("create: " + created.body);
      const std::string room = created.body.substr(
          at + key.size(), created.body.find('"', at + key.size()) - at - key.size());
      request.method = "POST";
      request.path = "/api/livekit/token";
      request.body = R"({"roomName":")" + room + R"(","participantName":"John Doe"})";
      request.headers = {{"Authorization", "Bearer " + app_token("15")},
                         {"Content-Type", "application/json"}};
      op = [&] { return handler->Handle(request).status == 200; };
      if (!op()) return Fail("token: " + handler->Handle(request).body);
    }
  } else {
    return Fail("unknown operation '" + name + "'");
  }
  for (int i = 0; i < 20; ++i) {
    if (!op()) return Fail(name + ": the operation failed during warm-up");
  }
  const int failures = lks_measured_loop(&op, n);
  if (livekit) livekit->Stop();
  return failures == 0 ? 0 : Fail(name + ": " + std::to_string(failures) + " calls failed");
}
