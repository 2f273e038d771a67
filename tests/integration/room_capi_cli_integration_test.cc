// The C ABI (lks.h, lks_room_*) and the `lkstudy room` command against a real livekit-server.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "fake_http_server.h"
#include "livekit_server.h"
#include "livekit_server_fixture.h"
#include "lks.h"
#include "lks/core/crypto.h"
#include "lks/livekit/access_token.h"
#include "subprocess.h"
#include "test_participant.h"

namespace {

using namespace std::chrono_literals;
using lks::testing::FakeHttpServer;
using lks::testing::LiveKitServer;
using lks::testing::TestParticipant;

// Owns an lks_buf; str() is its text.
struct Buf {
  lks_buf b = LKS_BUF_INIT;
  ~Buf() { lks_buf_dispose(&b); }
  std::string str() const { return b.ptr ? std::string(b.ptr, b.size) : std::string(); }
};

// Owns options for one client: Url() plus whatever a test sets, then Client().
struct Options {
  lks_room_client_options* o = nullptr;
  Options() { EXPECT_EQ(lks_room_client_options_new(&o), LKS_OK); }
  ~Options() { lks_room_client_options_free(o); }
  Options& Url(const std::string& url) {
    EXPECT_EQ(lks_room_client_options_set_url(o, url.data(), url.size()), LKS_OK);
    return *this;
  }
  Options& Credentials(const std::string& key, const std::string& secret) {
    EXPECT_EQ(lks_room_client_options_set_api_key(o, key.data(), key.size()), LKS_OK);
    EXPECT_EQ(lks_room_client_options_set_api_secret(o, secret.data(), secret.size()), LKS_OK);
    return *this;
  }
  // A client, or null (with the failure recorded) when lks_room_client_new refuses.
  std::unique_ptr<lks_room_client, void (*)(lks_room_client*)> Client() {
    lks_room_client* c = nullptr;
    lks_status st = lks_room_client_new(&c, o);
    EXPECT_EQ(st, LKS_OK) << (lks_error_last() ? lks_error_last()->message : "");
    return {c, &lks_room_client_free};
  }
};

std::string LastMessage() { return lks_error_last() ? lks_error_last()->message : "(none)"; }
std::string LastReason() { return lks_error_last() ? lks_error_last()->reason : "(none)"; }

// Polls `pred` until true or `timeout` (never a fixed sleep as the assertion).
template <typename F>
bool Eventually(F pred, std::chrono::milliseconds timeout = 30s) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(100ms);
  }
  return pred();
}

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

class RoomServiceIntegrationCapiTest : public lks::testing::LiveKitServerTest {
 protected:
  static lks_room_client* NewClient(const std::string& secret) {
    lks_room_client_options* o = nullptr;
    EXPECT_EQ(lks_room_client_options_new(&o), LKS_OK);
    const std::string url = server_->ws_url();
    EXPECT_EQ(lks_room_client_options_set_url(o, url.data(), url.size()), LKS_OK);
    EXPECT_EQ(lks_room_client_options_set_api_key(o, server_->api_key().data(),
                                                  server_->api_key().size()),
              LKS_OK);
    EXPECT_EQ(lks_room_client_options_set_api_secret(o, secret.data(), secret.size()), LKS_OK);
    EXPECT_EQ(lks_room_client_options_set_timeout_ms(o, 5000), LKS_OK);
    lks_room_client* c = nullptr;
    EXPECT_EQ(lks_room_client_new(&c, o), LKS_OK);
    lks_room_client_options_free(o);
    return c;
  }
};

TEST_F(RoomServiceIntegrationCapiTest, RoomLifecycleThroughTheCAbi) {
  lks_room_client* c = NewClient(server_->api_secret());
  ASSERT_NE(c, nullptr);
  const std::string room = "capi_" + lks::RandomHex(4);
  const std::string req = R"({"name":")" + room + R"(","maxParticipants":4})";
  lks_buf out = LKS_BUF_INIT;
  ASSERT_EQ(lks_room_client_create_room(&out, c, req.data(), req.size()), LKS_OK)
      << lks_error_last()->message;
  EXPECT_NE(std::strstr(out.ptr, "\"max_participants\":4"), nullptr) << out.ptr;

  const std::string names = "[\"" + room + "\"]";
  ASSERT_EQ(lks_room_client_list_rooms(&out, c, names.data(), names.size()), LKS_OK);
  EXPECT_EQ(std::strncmp(out.ptr, "{\"rooms\":[{", 11), 0) << out.ptr;
  EXPECT_NE(std::strstr(out.ptr, room.c_str()), nullptr);

  ASSERT_EQ(lks_room_client_update_room_metadata(&out, c, room.data(), room.size(), "m2", 2),
            LKS_OK);
  EXPECT_NE(std::strstr(out.ptr, "\"metadata\":\"m2\""), nullptr) << out.ptr;

  ASSERT_EQ(lks_room_client_list_participants(&out, c, room.data(), room.size()), LKS_OK);
  EXPECT_STREQ(out.ptr, "{\"participants\":[]}");

  EXPECT_EQ(lks_room_client_get_participant(&out, c, room.data(), room.size(), "nobody", 6),
            LKS_NOT_FOUND);
  ASSERT_NE(lks_error_last(), nullptr);
  EXPECT_EQ(lks_error_last()->http_status, 404);
  EXPECT_EQ(out.size, 0u);

  ASSERT_EQ(lks_room_client_send_data(c, room.data(), room.size(), "hi", 2, "t", 1, nullptr, 0, 0),
            LKS_OK);
  ASSERT_EQ(lks_room_client_delete_room(c, room.data(), room.size()), LKS_OK);
  EXPECT_EQ(lks_room_client_delete_room(c, room.data(), room.size()), LKS_NOT_FOUND);
  EXPECT_STREQ(lks_error_last()->reason, "not_found");

  EXPECT_EQ(lks_room_client_list_rooms(&out, c, "[1]", 3), LKS_INVALID_ARGUMENT);
  EXPECT_NE(std::strstr(lks_error_last()->message, "names_json"), nullptr);
  EXPECT_EQ(lks_room_client_delete_room(nullptr, "r", 1), LKS_INVALID_ARGUMENT);
  lks_buf_dispose(&out);
  lks_room_client_free(c);
  lks_room_client_free(nullptr);

  lks_room_client* wrong = NewClient("another-secret-another-secret-00");
  EXPECT_EQ(lks_room_client_list_rooms(&out, wrong, nullptr, 0), LKS_UNAUTHENTICATED);
  EXPECT_EQ(lks_error_last()->http_status, 401);
  EXPECT_EQ(std::strstr(lks_error_last()->message, "eyJ"), nullptr) << lks_error_last()->message;
  lks_room_client_free(wrong);
}

TEST_F(RoomServiceIntegrationCapiTest, CliCreatesListsAndDeletesRooms) {
#ifndef LKS_CLI_PATH
  GTEST_SKIP() << "built without the CLI";
#else
  const std::string room = "cli_" + lks::RandomHex(4);
  auto run = [&](std::vector<std::string> args, std::string* out) {
    std::vector<std::string> argv = {LKS_CLI_PATH, "room"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--url", server_->ws_url(), "--api-key", server_->api_key(),
                             "--api-secret", server_->api_secret()});
    lks::testing::Subprocess p;
    std::string error;
    EXPECT_TRUE(p.Start(argv, {}, &error, "/dev/null")) << error;
    p.CloseStdin();
    EXPECT_TRUE(p.WaitExit(std::chrono::seconds(60)));
    p.WaitForLine("\x01", std::chrono::seconds(5));  // until stdout closes
    out->clear();
    for (const auto& l : p.Lines()) *out += l;
    auto st = p.ExitStatus();
    return st && WIFEXITED(*st) ? WEXITSTATUS(*st) : -1;
  };
  std::string out;
  ASSERT_EQ(run({"create", room, "--max-participants", "5"}, &out), 0);
  EXPECT_NE(out.find("\"max_participants\":5"), std::string::npos) << out;
  ASSERT_EQ(run({"get", room}, &out), 0);
  EXPECT_NE(out.find(room), std::string::npos);
  ASSERT_EQ(run({"participants", room}, &out), 0);
  EXPECT_EQ(out, "{\"participants\":[]}");
  ASSERT_EQ(run({"delete", room}, &out), 0);
  EXPECT_EQ(run({"delete", room}, &out), 1);
  EXPECT_EQ(run({"get", room}, &out), 1);
  EXPECT_EQ(run({"create"}, &out), 2);
#endif
}

#define REQUIRE_NETNS()                    \
  if (!lks::testing::InNetworkNamespace()) \
  GTEST_SKIP() << "needs the private network namespace of run_in_netns.sh for WebRTC on loopback"

std::string Token(const LiveKitServer& s, const lks::VideoGrant& g, const std::string& identity) {
  lks::AccessToken at(s.api_key(), s.api_secret());
  at.set_identity(identity).set_ttl(std::chrono::hours(1));
  at.AddGrant(g);
  return at.ToJwt().value();
}

std::string JoinToken(const LiveKitServer& s, const std::string& identity,
                      const std::string& room) {
  lks::VideoGrant g;
  g.room_join = true;
  g.room = room;
  return Token(s, g, identity);
}

TEST_F(RoomServiceIntegrationCapiTest, ModeratesRealParticipantsThroughTheCAbi) {
  REQUIRE_NETNS();
  auto c = std::unique_ptr<lks_room_client, void (*)(lks_room_client*)>(
      NewClient(server_->api_secret()), &lks_room_client_free);
  ASSERT_NE(c, nullptr);
  const std::string room = "capi_mod_" + lks::RandomHex(4);
  std::string error;
  auto alice = TestParticipant::Join(server_->ws_url(), JoinToken(*server_, "alice", room),
                                     /*publish=*/true, &error);
  ASSERT_NE(alice, nullptr) << error;
  auto bob = TestParticipant::Join(server_->ws_url(), JoinToken(*server_, "bob", room),
                                   /*publish=*/false, &error);
  ASSERT_NE(bob, nullptr) << error;
  const std::string sid = alice->track_sid();
  ASSERT_FALSE(sid.empty());
  Buf out;
  ASSERT_TRUE(Eventually([&] {
    return lks_room_client_get_participant(&out.b, c.get(), room.data(), room.size(), "alice", 5) ==
               LKS_OK &&
           Contains(out.str(), sid);
  })) << out.str();

  // UpdateSubscriptions: bob never subscribes by itself; the server subscribes it.
  const std::string subs = R"({"room":")" + room + R"(","identity":"bob","trackSids":[")" + sid +
                           R"("],"subscribe":true})";
  ASSERT_EQ(lks_room_client_update_subscriptions(c.get(), subs.data(), subs.size()), LKS_OK)
      << LastMessage();
  EXPECT_TRUE(bob->WaitFor("SUBSCRIBED " + sid, 30s)) << bob->Output();

  // PerformRpc: alice answers "echo"; an unknown method is the participant's clear error.
  ASSERT_EQ(lks_room_client_perform_rpc(&out.b, c.get(), room.data(), room.size(), "alice", 5,
                                        "echo", 4, "ping-7", 6, 10000),
            LKS_OK)
      << LastMessage() << "\n"
      << alice->Output();
  EXPECT_EQ(out.str(), "echo:ping-7");
  EXPECT_TRUE(alice->WaitFor("RPC echo ping-7", 10s)) << alice->Output();
  EXPECT_EQ(lks_room_client_perform_rpc(&out.b, c.get(), room.data(), room.size(), "alice", 5,
                                        "nope", 4, "x", 1, 10000),
            LKS_INVALID_ARGUMENT);
  EXPECT_TRUE(Contains(LastMessage(), "Method not supported")) << LastMessage();
  EXPECT_EQ(out.b.size, 0u);

  // MutePublishedTrack: the answer and the publisher both see the track muted.
  ASSERT_EQ(lks_room_client_mute_published_track(&out.b, c.get(), room.data(), room.size(), "alice",
                                                 5, sid.data(), sid.size(), 1),
            LKS_OK)
      << LastMessage();
  EXPECT_TRUE(Contains(out.str(), sid)) << out.str();
  EXPECT_TRUE(Contains(out.str(), R"("muted":true)")) << out.str();
  EXPECT_TRUE(alice->WaitFor("MUTED " + sid, 30s)) << alice->Output();

  // UpdateParticipant: metadata, attributes and permission, as the server then reports them.
  const std::string up =
      R"({"room":")" + room +
      R"(","identity":"alice","metadata":"studying-algebra",)"
      R"("attributes":{"role":"moderator"},)"
      R"("permission":{"canSubscribe":true,"canPublish":true,"canPublishData":false}})";
  ASSERT_EQ(lks_room_client_update_participant(&out.b, c.get(), up.data(), up.size()), LKS_OK)
      << LastMessage();
  EXPECT_TRUE(Contains(out.str(), R"("metadata":"studying-algebra")")) << out.str();
  EXPECT_TRUE(Contains(out.str(), R"("role":"moderator")")) << out.str();
  EXPECT_TRUE(Contains(out.str(), R"("can_publish_data":false)")) << out.str();
  ASSERT_EQ(lks_room_client_get_participant(&out.b, c.get(), room.data(), room.size(), "alice", 5),
            LKS_OK);
  EXPECT_TRUE(Contains(out.str(), R"("metadata":"studying-algebra")")) << out.str();
  EXPECT_TRUE(Contains(out.str(), R"("role":"moderator")")) << out.str();
  const std::string bad_up = R"({"room":")" + room + R"(","identity":"nobody","metadata":"x"})";
  EXPECT_EQ(lks_room_client_update_participant(&out.b, c.get(), bad_up.data(), bad_up.size()),
            LKS_NOT_FOUND)
      << LastMessage();

  // Without canPublishData alice can no longer answer an RPC (her reply is a data packet the
  // server now drops): the call fails with the server's RPC error instead of an answer.
  EXPECT_NE(lks_room_client_perform_rpc(&out.b, c.get(), room.data(), room.size(), "alice", 5,
                                        "echo", 4, "ping-8", 6, 10000),
            LKS_OK)
      << out.str();
  EXPECT_TRUE(Contains(LastMessage(), "RpcError")) << LastMessage();

  // Forward/MoveParticipant are LiveKit Cloud features: the self-hosted server refuses them with
  // a clear status (a code and the server's message), and the participant stays.
  const std::string dest = room + "_b";
  lks_status fwd = lks_room_client_forward_participant(c.get(), room.data(), room.size(), "bob", 3,
                                                       dest.data(), dest.size());
  EXPECT_EQ(fwd, LKS_UNKNOWN);
  ASSERT_NE(lks_error_last(), nullptr);
  EXPECT_EQ(lks_error_last()->code, fwd);
  EXPECT_EQ(lks_error_last()->http_status, 500);
  EXPECT_TRUE(Contains(LastMessage(), "ForwardParticipant")) << LastMessage();
  EXPECT_TRUE(Contains(LastMessage(), "not implemented")) << LastMessage();
  lks_status mv = lks_room_client_move_participant(c.get(), room.data(), room.size(), "bob", 3,
                                                   dest.data(), dest.size());
  EXPECT_EQ(mv, LKS_UNKNOWN);
  ASSERT_NE(lks_error_last(), nullptr);
  EXPECT_EQ(lks_error_last()->http_status, 500);
  EXPECT_TRUE(Contains(LastMessage(), "MoveParticipant")) << LastMessage();
  EXPECT_TRUE(Contains(LastMessage(), "not implemented")) << LastMessage();
  EXPECT_EQ(lks_room_client_get_participant(&out.b, c.get(), room.data(), room.size(), "bob", 3),
            LKS_OK);

  // Any method by name: ListRooms answers the server's JSON with this room in it.
  const std::string list = R"({"names":[")" + room + R"("]})";
  ASSERT_EQ(lks_room_client_call_json(&out.b, c.get(), "ListRooms", 9, list.data(), list.size()),
            LKS_OK)
      << LastMessage();
  EXPECT_EQ(out.str().rfind(R"({"rooms":[{)", 0), 0u) << out.str();
  EXPECT_TRUE(Contains(out.str(), R"("name":")" + room + "\"")) << out.str();
  // Methods acting on a room need its name (the token is scoped to it); an unknown method is the
  // server's bad_route (LKS_UNIMPLEMENTED).
  EXPECT_EQ(lks_room_client_call_json(&out.b, c.get(), "NoSuchMethod", 12, "{}", 2),
            LKS_INVALID_ARGUMENT);
  EXPECT_TRUE(Contains(LastMessage(), "room")) << LastMessage();
  const std::string in_room = R"({"room":")" + room + R"("})";
  EXPECT_EQ(lks_room_client_call_json(&out.b, c.get(), "NoSuchMethod", 12, in_room.data(),
                                      in_room.size()),
            LKS_UNIMPLEMENTED)
      << LastMessage();
  EXPECT_EQ(LastReason(), "bad_route") << LastMessage();

  // RemoveParticipant disconnects alice and she leaves the list.
  ASSERT_EQ(lks_room_client_remove_participant(c.get(), room.data(), room.size(), "alice", 5),
            LKS_OK)
      << LastMessage();
  EXPECT_TRUE(alice->WaitFor("DISCONNECTED", 30s)) << alice->Output();
  EXPECT_TRUE(Eventually([&] {
    return lks_room_client_get_participant(&out.b, c.get(), room.data(), room.size(), "alice", 5) ==
           LKS_NOT_FOUND;
  }));
  EXPECT_EQ(lks_room_client_remove_participant(c.get(), room.data(), room.size(), "alice", 5),
            LKS_NOT_FOUND);
  bob->Leave();
  (void)lks_room_client_delete_room(c.get(), room.data(), room.size());
}

TEST_F(RoomServiceIntegrationCapiTest, PreSignedTokenIsSentInsteadOfPerCallTokens) {
  lks::VideoGrant list_create;
  list_create.room_list = true;
  list_create.room_create = true;
  const std::string token = Token(*server_, list_create, "backend");
  Options o;
  o.Url(server_->http_url());
  ASSERT_EQ(lks_room_client_options_set_token(o.o, token.data(), token.size()), LKS_OK);
  auto c = o.Client();  // no key or secret needed
  ASSERT_NE(c, nullptr);
  const std::string room = "capi_tok_" + lks::RandomHex(4);
  const std::string req = R"({"name":")" + room + R"("})";
  Buf out;
  ASSERT_EQ(lks_room_client_create_room(&out.b, c.get(), req.data(), req.size()), LKS_OK)
      << LastMessage();
  ASSERT_EQ(lks_room_client_list_rooms(&out.b, c.get(), nullptr, 0), LKS_OK) << LastMessage();
  EXPECT_TRUE(Contains(out.str(), room)) << out.str();

  // The token lacks roomAdmin: ListParticipants is refused by the server, and the token is not
  // echoed.
  EXPECT_EQ(lks_room_client_list_participants(&out.b, c.get(), room.data(), room.size()),
            LKS_UNAUTHENTICATED);
  ASSERT_NE(lks_error_last(), nullptr);
  EXPECT_EQ(lks_error_last()->http_status, 401);
  EXPECT_FALSE(Contains(LastMessage(), token.substr(0, 20))) << LastMessage();
  // livekit-server's message does not name the grant; it says "permissions denied".
  EXPECT_TRUE(Contains(LastMessage(), "ListParticipants: permissions denied")) << LastMessage();
  EXPECT_EQ(lks_room_client_delete_room(c.get(), room.data(), room.size()),
            LKS_OK);  // roomCreate suffices
  EXPECT_EQ(lks_room_client_options_set_token(nullptr, "t", 1), LKS_INVALID_ARGUMENT);
}

TEST_F(RoomServiceIntegrationCapiTest, FallbackUrlAnswersWhenThePrimaryRefuses) {
  const int closed = lks::testing::FreeLoopbackPort();
  Options o;
  o.Url("http://127.0.0.1:" + std::to_string(closed))
      .Credentials(server_->api_key(), server_->api_secret());
  ASSERT_EQ(lks_room_client_options_set_max_attempts(o.o, 2), LKS_OK);
  const std::string fallback = server_->http_url();
  ASSERT_EQ(lks_room_client_options_add_fallback_url(o.o, fallback.data(), fallback.size()),
            LKS_OK);
  ASSERT_EQ(lks_room_client_options_set_region_failover(o.o, LKS_REGION_FAILOVER_NEVER), LKS_OK);
  auto c = o.Client();
  ASSERT_NE(c, nullptr);
  Buf out;
  ASSERT_EQ(lks_room_client_list_rooms(&out.b, c.get(), nullptr, 0), LKS_OK) << LastMessage();
  EXPECT_EQ(out.str().rfind(R"({"rooms":[)", 0), 0u) << out.str();

  // One attempt only: the refused primary is the answer.
  Options one;
  one.Url("http://127.0.0.1:" + std::to_string(closed))
      .Credentials(server_->api_key(), server_->api_secret());
  ASSERT_EQ(lks_room_client_options_set_max_attempts(one.o, 1), LKS_OK);
  ASSERT_EQ(lks_room_client_options_add_fallback_url(one.o, fallback.data(), fallback.size()),
            LKS_OK);
  auto c1 = one.Client();
  ASSERT_NE(c1, nullptr);
  EXPECT_EQ(lks_room_client_list_rooms(&out.b, c1.get(), nullptr, 0), LKS_UNAVAILABLE);
  EXPECT_EQ(LastReason(), "connect") << LastMessage();

  EXPECT_EQ(lks_room_client_options_set_max_attempts(o.o, 0), LKS_INVALID_ARGUMENT);
  EXPECT_TRUE(Contains(LastMessage(), "max_attempts")) << LastMessage();
  EXPECT_EQ(lks_room_client_options_set_region_failover(o.o, LKS_REGION_FAILOVER_ALWAYS), LKS_OK);
  EXPECT_EQ(lks_room_client_options_set_region_failover(o.o, LKS_REGION_FAILOVER_AUTO), LKS_OK);
  EXPECT_EQ(lks_room_client_options_set_region_failover(o.o, static_cast<lks_region_failover>(7)),
            LKS_INVALID_ARGUMENT);
  EXPECT_TRUE(Contains(LastMessage(), "region_failover")) << LastMessage();
  EXPECT_EQ(lks_room_client_options_add_fallback_url(nullptr, "x", 1), LKS_INVALID_ARGUMENT);
}

// Options that only a FAKE server can observe or fault: the headers and body on the wire, TLS
// against a plain-HTTP port, a proxy in between.
class RoomServiceIntegrationCapiFakeServerTest : public ::testing::Test {
 protected:
  static std::string Ok(const std::string& body) { return FakeHttpServer::Response(200, body); }
};

TEST_F(RoomServiceIntegrationCapiFakeServerTest, AddedHeadersAndTransferRequestsReachTheWire) {
  FakeHttpServer fake([](const FakeHttpServer::Request&) { return Ok("{}"); });
  Options o;
  o.Url(fake.url()).Credentials("key", "secret-secret-secret-secret-0000");
  ASSERT_EQ(lks_room_client_options_add_header(o.o, "X-Study-Group", 13, "g-15", 4), LKS_OK);
  EXPECT_EQ(lks_room_client_options_add_header(o.o, "Bad:Name", 8, "v", 1), LKS_INVALID_ARGUMENT);
  EXPECT_EQ(lks_room_client_options_add_header(o.o, "X-A", 3, "v\r\nX-B: 1", 10),
            LKS_INVALID_ARGUMENT);
  EXPECT_TRUE(Contains(LastMessage(), "header")) << LastMessage();
  auto c = o.Client();
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(lks_room_client_forward_participant(c.get(), "g1", 2, "u15", 3, "g2", 2), LKS_OK)
      << LastMessage();
  ASSERT_EQ(lks_room_client_move_participant(c.get(), "g1", 2, "u15", 3, "g3", 2), LKS_OK)
      << LastMessage();
  auto reqs = fake.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].path, "/twirp/livekit.RoomService/ForwardParticipant");
  EXPECT_EQ(reqs[1].path, "/twirp/livekit.RoomService/MoveParticipant");
  for (const auto& r : reqs) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.Header("x-study-group"), "g-15");
    EXPECT_TRUE(r.Header("authorization").starts_with("Bearer ")) << r.Header("authorization");
    EXPECT_TRUE(Contains(r.body, R"("room":"g1")")) << r.body;
    EXPECT_TRUE(Contains(r.body, R"("identity":"u15")")) << r.body;
  }
  EXPECT_TRUE(Contains(reqs[0].body, "g2")) << reqs[0].body;
  EXPECT_TRUE(Contains(reqs[1].body, "g3")) << reqs[1].body;
  EXPECT_TRUE(Contains(reqs[0].body, R"("destinationRoom":"g2")")) << reqs[0].body;
}

TEST_F(RoomServiceIntegrationCapiFakeServerTest, TlsToAPlainHttpPortFailsAsTls) {
  FakeHttpServer fake([](const FakeHttpServer::Request&) { return Ok("{}"); });
  fake.AnswerConnectionsWith("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
  const std::string https = "https://127.0.0.1:" + std::to_string(fake.port());
  Buf out;
  for (int verify : {1, 0}) {
    Options o;
    o.Url(https).Credentials("key", "secret-secret-secret-secret-0000");
    ASSERT_EQ(lks_room_client_options_set_tls_verify(o.o, verify), LKS_OK);
    ASSERT_EQ(lks_room_client_options_set_max_attempts(o.o, 1), LKS_OK);
    auto c = o.Client();
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(lks_room_client_list_rooms(&out.b, c.get(), nullptr, 0), LKS_UNAVAILABLE)
        << LastMessage();
    EXPECT_EQ(LastReason(), "tls") << "verify=" << verify << ": " << LastMessage();
  }

  // A CA file that does not exist fails the call, naming the file (no crash, no silent trust).
  Options f;
  f.Url(https).Credentials("key", "secret-secret-secret-secret-0000");
  const std::string missing = "/nonexistent/lks-ca.pem";
  ASSERT_EQ(lks_room_client_options_set_ca_file(f.o, missing.data(), missing.size()), LKS_OK);
  ASSERT_EQ(lks_room_client_options_set_max_attempts(f.o, 1), LKS_OK);
  auto cf = f.Client();
  ASSERT_NE(cf, nullptr);
  EXPECT_EQ(lks_room_client_list_rooms(&out.b, cf.get(), nullptr, 0), LKS_UNAVAILABLE)
      << LastMessage();
  EXPECT_EQ(LastReason(), "tls") << LastMessage();
  EXPECT_TRUE(Contains(LastMessage(), missing)) << LastMessage();

  // A CA folder is only searched during the handshake (OpenSSL does not check that it exists), so
  // a missing one is accepted and the call fails at the handshake, here with the TLS reason.
  Options d;
  d.Url(https).Credentials("key", "secret-secret-secret-secret-0000");
  const std::string missing_dir = "/nonexistent/lks-ca.d";
  ASSERT_EQ(lks_room_client_options_set_ca_path(d.o, missing_dir.data(), missing_dir.size()),
            LKS_OK);
  ASSERT_EQ(lks_room_client_options_set_max_attempts(d.o, 1), LKS_OK);
  auto cd = d.Client();
  ASSERT_NE(cd, nullptr);
  EXPECT_EQ(lks_room_client_list_rooms(&out.b, cd.get(), nullptr, 0), LKS_UNAVAILABLE)
      << LastMessage();
  EXPECT_EQ(LastReason(), "tls") << LastMessage();
  EXPECT_EQ(fake.requests().size(), 0u);  // nothing was ever sent in clear text
}

TEST_F(RoomServiceIntegrationCapiFakeServerTest, CallsGoThroughTheConfiguredProxy) {
  // The fake plays an HTTP proxy: it sees the absolute URL of the call and answers for it.
  // (NO_PROXY would exempt loopback from the proxy; this test is about the proxy.)
  unsetenv("NO_PROXY");
  unsetenv("no_proxy");
  FakeHttpServer proxy([](const FakeHttpServer::Request&) { return Ok(R"({"rooms":[]})"); });
  FakeHttpServer origin([](const FakeHttpServer::Request&) { return Ok(R"({"rooms":[]})"); });
  Buf out;
  {
    Options o;
    o.Url(origin.url()).Credentials("key", "secret-secret-secret-secret-0000");
    const std::string p = proxy.url();
    ASSERT_EQ(lks_room_client_options_set_proxy(o.o, p.data(), p.size()), LKS_OK);
    auto c = o.Client();
    ASSERT_NE(c, nullptr);
    ASSERT_EQ(lks_room_client_list_rooms(&out.b, c.get(), nullptr, 0), LKS_OK) << LastMessage();
    ASSERT_EQ(proxy.requests().size(), 1u);
    EXPECT_EQ(proxy.requests()[0].path, origin.url() + "/twirp/livekit.RoomService/ListRooms");
    EXPECT_EQ(origin.requests().size(), 0u);
  }
  // A proxy that refuses connections fails the call, although the origin would answer.
  Options o;
  o.Url(origin.url()).Credentials("key", "secret-secret-secret-secret-0000");
  const std::string refused =
      "http://127.0.0.1:" + std::to_string(lks::testing::FreeLoopbackPort());
  ASSERT_EQ(lks_room_client_options_set_proxy(o.o, refused.data(), refused.size()), LKS_OK);
  ASSERT_EQ(lks_room_client_options_set_max_attempts(o.o, 1), LKS_OK);
  auto c = o.Client();
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(lks_room_client_list_rooms(&out.b, c.get(), nullptr, 0), LKS_UNAVAILABLE)
      << LastMessage();
  EXPECT_EQ(origin.requests().size(), 0u);
}

}  // namespace
