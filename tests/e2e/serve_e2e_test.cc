// End to end: `lkstudy serve` (a child process, SQLite store) in front of a real livekit-server
// whose webhooks point at it, driven over HTTP like a client app would, with real WebRTC
// participants (tests/participant) joining with the tokens the API hands out.
//
// Runs inside tests/integration/run_in_netns.sh; the participant tests skip (and say why) outside
// the private network namespace.
#include <gtest/gtest.h>

#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "fake_http_server.h"
#include "livekit_server.h"
#include "test_participant.h"

namespace lks::testing {
namespace {

using std::chrono::seconds;

// The seed's bodies ("Testing" and the endpoint sections of the seed document).
constexpr char kSeedCreateGroup[] =
    R"({"title":"Test Bible Study","description":"Testing LiveKit integration","videoProvider":"livekit",)"
    R"("useLiveKit":true,"maxParticipants":10})";
constexpr char kSeedCreateRoom[] = R"({"name":"test_room","maxParticipants":10})";

std::string TokenBody(const std::string& room) {
  return R"({"roomName":")" + room + R"(","participantName":"Test User"})";
}

bool HasString(const rapidjson::Value& v, const char* key) {
  return v.IsObject() && v.HasMember(key) && v[key].IsString();
}

// {"success":false,"error":{"code":"...","message":"...","status":"...","reason":"..."}} and
// nothing else: the seed's code and message, then the canonical status and the reason word.
void ExpectErrorShape(const HttpReply& r, int status, const std::string& code,
                      const std::string& mentions = "") {
  EXPECT_EQ(r.status, status) << r.body;
  ASSERT_TRUE(r.IsObject()) << r.body;
  EXPECT_EQ(r.json.MemberCount(), 2u) << r.body;
  ASSERT_TRUE(r.json.HasMember("success") && r.json["success"].IsBool()) << r.body;
  EXPECT_FALSE(r.json["success"].GetBool());
  ASSERT_TRUE(r.json.HasMember("error") && r.json["error"].IsObject()) << r.body;
  EXPECT_EQ(r.json["error"].MemberCount(), 4u) << r.body;
  EXPECT_EQ(r.error_code(), code) << r.body;
  ASSERT_TRUE(HasString(r.json["error"], "status") && HasString(r.json["error"], "reason"))
      << r.body;
  const std::string reason = r.json["error"]["reason"].GetString();
  // code is the reason when there is one, else the canonical status.
  EXPECT_EQ(code, reason.empty() ? std::string(r.json["error"]["status"].GetString()) : reason)
      << r.body;
  EXPECT_FALSE(r.error_message().empty()) << r.body;
  if (!mentions.empty()) {
    EXPECT_NE(r.error_message().find(mentions), std::string::npos) << r.body;
  }
}

void ExpectSuccess(const HttpReply& r, int status) {
  EXPECT_EQ(r.status, status) << r.body;
  ASSERT_TRUE(r.IsObject()) << r.body;
  ASSERT_TRUE(r.json.HasMember("success") && r.json["success"].IsBool() &&
              r.json["success"].GetBool())
      << r.body;
  ASSERT_TRUE(r.json.HasMember("data")) << r.body;
}

// A livekit-server whose webhooks go to `lkstudy serve` and to a capturing sink, and the API.
class ServeE2e : public ::testing::Test {
 protected:
  void StartStack(const std::vector<std::string>& serve_flags = {}) {
    sink_ = std::make_unique<FakeHttpServer>(
        [](const FakeHttpServer::Request&) { return FakeHttpServer::Response(200, "{}"); });
    const int api_port = FreeLoopbackPort();
    LiveKitServerOptions o;
    o.webhook_urls = {"http://127.0.0.1:" + std::to_string(api_port) + "/api/livekit/webhook",
                      sink_->url() + "/captured"};
    o.empty_timeout_s = 60;
    std::string error;
    livekit_ = LiveKitServer::Start(o, &error);
    ASSERT_TRUE(livekit_) << error;
    api_ = ServeProcess::Start(api_port, "sqlite:" + MakeTempDir("lks-e2e-db-") + "/api.db",
                               livekit_->ws_url(), livekit_->api_key(), livekit_->api_secret(),
                               serve_flags, &error);
    ASSERT_TRUE(api_) << error;
  }
  void TearDown() override {
    if (HasFailure() && api_) std::cerr << "lkstudy serve log:\n" << api_->Log() << "\n";
  }

  std::string U(const std::string& path) const { return api_->url() + path; }
  // Creates a group (the seed's body, with `max` participants) owned by `owner`; returns its data.
  std::pair<int64_t, std::string> CreateGroup(const std::string& owner, int max = 10) {
    std::string body = kSeedCreateGroup;
    body.replace(body.find("\"maxParticipants\":10"), 20,
                 "\"maxParticipants\":" + std::to_string(max));
    HttpReply r = Http("POST", U("/api/study-groups/create"), body, E2eAppToken(owner));
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return {0, ""};
    return {r.data()["id"].GetInt64(), r.data()["livekitRoomName"].GetString()};
  }
  std::string Token(const std::string& user, const std::string& room) {
    HttpReply r = Http("POST", U("/api/livekit/token"), TokenBody(room), E2eAppToken(user));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.data()["token"].GetString() : "";
  }
  int ParticipantCount(const std::string& room, const std::string& user,
                       std::set<std::string>* identities) {
    HttpReply r = Http("GET", U("/api/livekit/rooms/" + room), "", E2eAppToken(user));
    if (r.status != 200 || !r.IsObject()) return -1;
    const auto& d = r.json.HasMember("data") ? r.data() : r.json;
    if (!d.HasMember("participants") || !d["participants"].IsArray()) return -1;
    identities->clear();
    for (const auto& p : d["participants"].GetArray())
      if (HasString(p, "identity")) identities->insert(p["identity"].GetString());
    return static_cast<int>(d["participants"].Size());
  }

  // Whether the sink (livekit-server's second webhook URL) got an `event` naming `identity`.
  bool SinkSaw(const std::string& event, const std::string& identity) const {
    for (const auto& d : sink_->requests())
      if (d.body.find("\"" + event + "\"") != std::string::npos &&
          d.body.find("\"" + identity + "\"") != std::string::npos)
        return true;
    return false;
  }

  std::unique_ptr<FakeHttpServer> sink_;
  std::unique_ptr<LiveKitServer> livekit_;
  std::unique_ptr<ServeProcess> api_;
};

TEST_F(ServeE2e, SeedExamplesReturnTheSeedShapes) {
  ASSERT_NO_FATAL_FAILURE(StartStack());
  // GET /api/livekit/status (no auth).
  HttpReply st = Http("GET", U("/api/livekit/status"));
  ExpectSuccess(st, 200);
  EXPECT_TRUE(st.data()["configured"].GetBool()) << st.body;
  EXPECT_EQ(st.body.find(livekit_->api_secret()), std::string::npos);

  // "Test Study Group with LiveKit".
  HttpReply g = Http("POST", U("/api/study-groups/create"), kSeedCreateGroup, E2eAppToken("15"));
  ExpectSuccess(g, 201);
  ASSERT_TRUE(HasString(g.json, "message")) << g.body;
  const auto& gd = g.data();
  for (const char* k : {"title", "description", "videoProvider", "livekitRoomName", "createdBy",
                        "createdAt", "updatedAt"})
    EXPECT_TRUE(HasString(gd, k)) << k << " in " << g.body;
  EXPECT_TRUE(gd["id"].IsInt64());
  EXPECT_EQ(std::string(gd["title"].GetString()), "Test Bible Study");
  EXPECT_EQ(std::string(gd["videoProvider"].GetString()), "livekit");
  EXPECT_TRUE(gd["useLiveKit"].GetBool());
  EXPECT_EQ(gd["maxParticipants"].GetInt(), 10);
  EXPECT_EQ(std::string(gd["createdBy"].GetString()), "15");
  const std::string room = gd["livekitRoomName"].GetString();
  EXPECT_EQ(room.rfind("study_group_", 0), 0u) << room;
  const int64_t id = gd["id"].GetInt64();

  HttpReply got = Http("GET", U("/api/study-groups/" + std::to_string(id)), "", E2eAppToken("15"));
  ExpectSuccess(got, 200);
  EXPECT_EQ(std::string(got.data()["livekitRoomName"].GetString()), room);

  // "Test Token Generation" (same body, the group's room: tokens are for members of a group's
  // room).
  HttpReply t = Http("POST", U("/api/livekit/token"), TokenBody(room), E2eAppToken("15"));
  ExpectSuccess(t, 200);
  for (const char* k :
       {"token", "serverUrl", "roomName", "identity", "participantName", "expiresAt"})
    EXPECT_TRUE(HasString(t.data(), k)) << k << " in " << t.body;
  EXPECT_EQ(std::string(t.data()["serverUrl"].GetString()), livekit_->ws_url());
  EXPECT_EQ(std::string(t.data()["roomName"].GetString()), room);
  EXPECT_EQ(std::string(t.data()["identity"].GetString()), "user_15");
  EXPECT_EQ(std::string(t.data()["participantName"].GetString()), "Test User");
  // The seed's room name that is no group's room: only admins get tokens for it (see
  // seed_testing_e2e_test.cc), not user 15.
  HttpReply t2 = Http("POST", U("/api/livekit/token"), TokenBody("test_room"), E2eAppToken("15"));
  EXPECT_TRUE(t2.status == 404 || t2.status == 403) << t2.body;

  // "Test Room Creation" (an admin: test_room belongs to no group).
  HttpReply rc = Http("POST", U("/api/livekit/rooms"), kSeedCreateRoom, E2eAppToken("1", "admin"));
  ExpectSuccess(rc, 201);
  EXPECT_TRUE(HasString(rc.data(), "sid")) << rc.body;
  EXPECT_EQ(std::string(rc.data()["name"].GetString()), "test_room");
  EXPECT_EQ(rc.data()["maxParticipants"].GetInt(), 10);
  // A member of nothing may not create it.
  ExpectErrorShape(Http("POST", U("/api/livekit/rooms"), kSeedCreateRoom, E2eAppToken("99")), 403,
                   "not_a_moderator");

  // GET /api/livekit/rooms (admin: every room) and GET /api/livekit/rooms/:roomName.
  HttpReply list = Http("GET", U("/api/livekit/rooms"), "", E2eAppToken("1", "admin"));
  ExpectSuccess(list, 200);
  ASSERT_TRUE(list.data()["rooms"].IsArray()) << list.body;
  std::set<std::string> names;
  for (const auto& r : list.data()["rooms"].GetArray()) names.insert(r["name"].GetString());
  EXPECT_TRUE(names.count("test_room")) << list.body;
  EXPECT_TRUE(names.count(room)) << list.body;  // created on demand by the token request
  HttpReply one = Http("GET", U("/api/livekit/rooms/test_room"), "", E2eAppToken("1", "admin"));
  ExpectSuccess(one, 200);
  EXPECT_TRUE(one.data()["room"].IsObject() && one.data()["participants"].IsArray()) << one.body;

  // DELETE /api/livekit/rooms/test_room.
  HttpReply del = Http("DELETE", U("/api/livekit/rooms/test_room"), "", E2eAppToken("1", "admin"));
  ExpectSuccess(del, 200);
  EXPECT_TRUE(HasString(del.json, "message")) << del.body;
  EXPECT_EQ(std::string(del.data()["roomName"].GetString()), "test_room");
  EXPECT_TRUE(HasString(del.data(), "deletedAt")) << del.body;
  ExpectErrorShape(Http("GET", U("/api/livekit/rooms/test_room"), "", E2eAppToken("1", "admin")),
                   404, "room_not_active");
}

TEST_F(ServeE2e, PolicyMatrixAndErrorStatuses) {
  ASSERT_NO_FATAL_FAILURE(StartStack());
  const auto room_created = CreateGroup("15", 3);
  const int64_t id = room_created.first;
  const std::string room = room_created.second;
  ASSERT_GT(id, 0);
  const std::string gid = std::to_string(id);
  // Membership: 16 joins, 17 joins (now 3 = full), 18 is refused.
  HttpReply j = Http("POST", U("/api/study-groups/" + gid + "/join"), "", E2eAppToken("16"));
  ExpectSuccess(j, 200);
  EXPECT_EQ(std::string(j.data()["role"].GetString()), "member");
  ExpectSuccess(Http("POST", U("/api/study-groups/" + gid + "/join"), "", E2eAppToken("17")), 200);
  ExpectErrorShape(Http("POST", U("/api/study-groups/" + gid + "/join"), "", E2eAppToken("18")),
                   409, "group_full");

  // 401: none, garbage, wrong secret.
  ExpectErrorShape(Http("POST", U("/api/livekit/token"), TokenBody(room)), 401, "unauthenticated");
  ExpectErrorShape(Http("POST", U("/api/livekit/token"), TokenBody(room), "not.a.jwt"), 401,
                   "unauthenticated");
  ExpectErrorShape(Http("POST", U("/api/livekit/token"), TokenBody(room),
                        E2eAppToken("15", "", "another-secret")),
                   401, "unauthenticated");
  // 403: a non-member asks for a token, the members, the usage.
  ExpectErrorShape(Http("POST", U("/api/livekit/token"), TokenBody(room), E2eAppToken("18")), 403,
                   "not_a_member");
  ExpectErrorShape(Http("GET", U("/api/study-groups/" + gid + "/members"), "", E2eAppToken("18")),
                   403, "not_a_member");
  ExpectErrorShape(Http("GET", U("/api/livekit/rooms/" + room), "", E2eAppToken("18")), 403,
                   "not_a_member");
  // Members get tokens; a member who is not a moderator cannot moderate.
  EXPECT_FALSE(Token("16", room).empty());
  ExpectErrorShape(Http("DELETE", U("/api/livekit/rooms/" + room), "", E2eAppToken("16")), 403,
                   "not_a_moderator");
  ExpectErrorShape(Http("POST", U("/api/livekit/rooms/" + room + "/remove-participant"),
                        R"({"participantIdentity":"user_17"})", E2eAppToken("16")),
                   403, "not_a_moderator");
  ExpectErrorShape(Http("POST", U("/api/livekit/rooms/" + room + "/mute-track"),
                        R"({"participantIdentity":"user_17","trackSid":"TR_x","muted":true})",
                        E2eAppToken("16")),
                   403, "not_a_moderator");
  ExpectErrorShape(Http("POST", U("/api/livekit/rooms"),
                        R"({"name":")" + room + R"(","maxParticipants":3})", E2eAppToken("16")),
                   403, "not_a_moderator");
  // 404: unknown group, unknown room, unknown route.
  ExpectErrorShape(Http("GET", U("/api/study-groups/987654"), "", E2eAppToken("15")), 404,
                   "not_found");
  ExpectErrorShape(Http("POST", U("/api/study-groups/987654/join"), "", E2eAppToken("15")), 404,
                   "not_found");
  ExpectErrorShape(Http("GET", U("/api/livekit/rooms/no_such_room"), "", E2eAppToken("1", "admin")),
                   404, "room_not_active");
  // 400 naming the field.
  ExpectErrorShape(
      Http("POST", U("/api/livekit/token"), R"({"participantName":"x"})", E2eAppToken("15")), 400,
      "invalid_argument", "roomName");
  ExpectErrorShape(Http("POST", U("/api/study-groups/create"), R"({"description":"no title"})",
                        E2eAppToken("15")),
                   400, "invalid_argument", "title");
  ExpectErrorShape(Http("POST", U("/api/study-groups/create"),
                        R"({"title":"t","maxParticipants":"ten"})", E2eAppToken("15")),
                   400, "invalid_argument", "maxParticipants");
  ExpectErrorShape(Http("POST", U("/api/livekit/token"), "{not json", E2eAppToken("15")), 400,
                   "invalid_argument");
  // 413: a body over 1 MiB.
  ExpectErrorShape(
      Http("POST", U("/api/study-groups/create"), std::string(2 << 20, 'x'), E2eAppToken("15")),
      413, "payload_too_large");
  // Nothing above leaked a secret, and the group is as it was: 3 members.
  HttpReply m = Http("GET", U("/api/study-groups/" + gid + "/members"), "", E2eAppToken("17"));
  ExpectSuccess(m, 200);
  EXPECT_EQ(m.data()["total"].GetInt(), 3) << m.body;
  EXPECT_EQ(api_->Log().find(livekit_->api_secret()), std::string::npos);
  EXPECT_EQ(api_->Log().find(E2eAppToken("15").substr(0, 40)), std::string::npos);
}

TEST_F(ServeE2e, MembersJoinForRealModeratorsRemoveAndEndTheSession) {
  if (!InNetworkNamespace())
    GTEST_SKIP() << "needs the private network namespace (run_in_netns.sh)";
  ASSERT_NO_FATAL_FAILURE(StartStack());
  const auto room_created = CreateGroup("15");
  const int64_t id = room_created.first;
  const std::string room = room_created.second;
  ASSERT_GT(id, 0);
  const std::string gid = std::to_string(id);
  for (const char* u : {"16", "17"})
    ExpectSuccess(Http("POST", U("/api/study-groups/" + gid + "/join"), "", E2eAppToken(u)), 200);

  // 16 joins the room for real; ListParticipants through the API shows them.
  std::string error;
  auto p16 = TestParticipant::Join(livekit_->ws_url(), Token("16", room), false, &error);
  ASSERT_TRUE(p16) << error;
  std::set<std::string> ids;
  EXPECT_TRUE(
      PollUntil([&] { return ParticipantCount(room, "15", &ids) >= 1 && ids.count("user_16"); },
                seconds(30)));
  // ListParticipants shows 16 while still joining; LiveKit sends participant_joined only once 16 is
  // active. Removed before that (a loaded machine), 16 would never have joined as far as webhooks
  // and usage go: wait for the webhook before removing.
  EXPECT_TRUE(PollUntil([&] { return SinkSaw("participant_joined", "user_16"); }, seconds(30)))
      << api_->Log();

  // The owner removes 16: disconnected, and no new token for this session.
  HttpReply rm = Http("POST", U("/api/livekit/rooms/" + room + "/remove-participant"),
                      R"({"participantIdentity":"user_16"})", E2eAppToken("15"));
  ExpectSuccess(rm, 200);
  EXPECT_EQ(std::string(rm.data()["participantIdentity"].GetString()), "user_16");
  EXPECT_TRUE(p16->WaitFor("DISCONNECTED", seconds(30))) << p16->Output();
  ExpectErrorShape(Http("POST", U("/api/livekit/token"), TokenBody(room), E2eAppToken("16")), 403,
                   "barred");

  // 17 stays a few seconds and leaves: usage counts participant-minutes.
  auto p17 = TestParticipant::Join(livekit_->ws_url(), Token("17", room), false, &error);
  ASSERT_TRUE(p17) << error;
  // LiveKit reports a participant only once it is active (media connected); on a loaded machine
  // that can take longer than the stay, and a participant who leaves before it never joined as
  // far as webhooks go. Start the stay from LiveKit's participant_joined.
  EXPECT_TRUE(PollUntil([&] { return SinkSaw("participant_joined", "user_17"); }, seconds(30)))
      << api_->Log();
  std::this_thread::sleep_for(seconds(4));
  p17->Leave();
  double minutes = 0;
  EXPECT_TRUE(PollUntil(
      [&] {
        HttpReply u = Http("GET", U("/api/study-groups/" + gid + "/usage"), "", E2eAppToken("15"));
        if (u.status != 200) return false;
        minutes = u.data()["participantMinutes"].GetDouble();
        return minutes > 0;
      },
      seconds(30)))
      << api_->Log();
  EXPECT_GT(minutes, 0.04);  // 17 alone stayed over 3 s (16 was there too)

  // How many webhook deliveries the API has answered (its log has one line per request).
  auto answered = [&] {
    std::string log = api_->Log();
    size_t n = 0;
    for (size_t p = 0; (p = log.find("POST /api/livekit/webhook 200", p)) != std::string::npos; ++p)
      ++n;
    return n;
  };

  // 15 joins; the owner ends the session: 15 is disconnected, the room is gone, the session closed.
  auto p15 = TestParticipant::Join(livekit_->ws_url(), Token("15", room), false, &error);
  ASSERT_TRUE(p15) << error;
  // LiveKit sends participant_joined once the participant is active (media connected), not at
  // signalling: wait for it, and for the API to have ingested it (the sink, the other webhook URL,
  // may see it first), so the session has 15's attendance to close.
  EXPECT_TRUE(PollUntil(
      [&] {
        const size_t seen = sink_->requests().size();
        return SinkSaw("participant_joined", "user_15") && answered() >= seen;
      },
      seconds(30)))
      << api_->Log();
  HttpReply del = Http("DELETE", U("/api/livekit/rooms/" + room), "", E2eAppToken("15"));
  ExpectSuccess(del, 200);
  EXPECT_TRUE(p15->WaitFor("DISCONNECTED", seconds(30))) << p15->Output();
  EXPECT_EQ(Http("GET", U("/api/livekit/rooms/" + room), "", E2eAppToken("15")).status, 404);
  HttpReply group = Http("GET", U("/api/study-groups/" + gid), "", E2eAppToken("15"));
  ExpectSuccess(group, 200);
  ASSERT_TRUE(HasString(group.data(), "livekitRoomSid")) << group.body;  // the session that was
  const std::string sid = group.data()["livekitRoomSid"].GetString();
  EXPECT_EQ(sid.rfind("RM_", 0), 0u) << sid;
  // livekit-server delivers to each webhook URL on its own; under load a delivery to the API can
  // lag far behind (or miss) the one to the sink. Hand the API what the sink captured, as a retry
  // would: the API applies an event once, so a delivery it already had is a duplicate.
  auto replay_sink_to_api = [&] {
    for (const auto& d : sink_->requests()) {
      Http("POST", U("/api/livekit/webhook"), d.body, "",
           {"Authorization: " + d.Header("authorization"),
            "Content-Type: application/webhook+json"});
    }
  };
  HttpReply usage;
  EXPECT_TRUE(PollUntil(
      [&] {
        replay_sink_to_api();
        usage = Http("GET", U("/api/study-groups/" + gid + "/usage"), "", E2eAppToken("16"));
        return usage.status == 200 && usage.data()["sessions"].Size() == 1 &&
               usage.data()["sessions"][0]["participantSessions"].GetInt() >= 3;
      },
      seconds(30)))
      << usage.body;
  EXPECT_EQ(std::string(usage.data()["sessions"][0]["roomSid"].GetString()), sid);
  EXPECT_GT(usage.data()["estimatedCost"].GetDouble(), 0);

  // Every webhook the server sent was ingested once: each captured delivery, sent again, is a
  // duplicate. (Wait until the API has answered at least as many deliveries as the sink captured.)
  std::vector<FakeHttpServer::Request> deliveries;
  std::this_thread::sleep_for(seconds(1));
  EXPECT_TRUE(PollUntil(
      [&] {
        deliveries = sink_->requests();
        return answered() >= deliveries.size();
      },
      seconds(20)));
  ASSERT_GE(deliveries.size(), 6u);  // room_started, participant_joined/left x3, room_finished, ...
  std::set<std::string> events;
  for (const auto& d : deliveries) {
    HttpReply again = Http(
        "POST", U("/api/livekit/webhook"), d.body, "",
        {"Authorization: " + d.Header("authorization"), "Content-Type: application/webhook+json"});
    ExpectSuccess(again, 200);
    EXPECT_EQ(std::string(again.data()["outcome"].GetString()), "duplicate") << again.body;
    events.insert(again.data()["event"].GetString());
  }
  EXPECT_TRUE(events.count("participant_joined") && events.count("participant_left") &&
              events.count("room_started"))
      << deliveries.size();

  // A new session lets 16 in again.
  EXPECT_FALSE(Token("16", room).empty());
}

TEST_F(ServeE2e, LiveKitDownAnswers503AndRecovers) {
  // The service trusts a room it saw live for 30 s by default; with 0 every token request asks
  // LiveKit, so the outage shows at once.
  ASSERT_NO_FATAL_FAILURE(StartStack({"--live-room-cache-seconds", "0"}));
  const auto room_created = CreateGroup("15");
  const int64_t id = room_created.first;
  const std::string room = room_created.second;
  ASSERT_GT(id, 0);
  const std::string gid = std::to_string(id);
  ASSERT_FALSE(Token("15", room).empty());
  HttpReply before = Http("GET", U("/api/study-groups/" + gid), "", E2eAppToken("15"));
  HttpReply usage_before =
      Http("GET", U("/api/study-groups/" + gid + "/usage"), "", E2eAppToken("15"));

  const int port = livekit_->port();
  const std::string key = livekit_->api_key(), secret = livekit_->api_secret();
  livekit_->Stop();
  HttpReply down = Http("POST", U("/api/livekit/token"), TokenBody(room), E2eAppToken("15"));
  ExpectErrorShape(down, 503, "livekit_unavailable", "LiveKit");
  ExpectErrorShape(Http("DELETE", U("/api/livekit/rooms/" + room), "", E2eAppToken("15")), 503,
                   "livekit_unavailable");
  // The store is untouched and still serves: same group, same usage, new groups and joins work.
  HttpReply after = Http("GET", U("/api/study-groups/" + gid), "", E2eAppToken("15"));
  ExpectSuccess(after, 200);
  EXPECT_EQ(after.body, before.body);
  EXPECT_EQ(Http("GET", U("/api/study-groups/" + gid + "/usage"), "", E2eAppToken("15")).body,
            usage_before.body);
  ExpectSuccess(Http("POST", U("/api/study-groups/" + gid + "/join"), "", E2eAppToken("16")), 200);
  const auto room2_created = CreateGroup("16");
  const int64_t id2 = room2_created.first;
  const std::string room2 = room2_created.second;
  EXPECT_GT(id2, 0);
  ExpectErrorShape(Http("POST", U("/api/livekit/token"), TokenBody(room2), E2eAppToken("16")), 503,
                   "livekit_unavailable");

  // LiveKit returns on the same port with the same keys: tokens again.
  LiveKitServerOptions o;
  o.port = port;
  o.api_key = key;
  o.api_secret = secret;
  std::string error;
  livekit_ = LiveKitServer::Start(o, &error);
  ASSERT_TRUE(livekit_) << error;
  HttpReply back;
  EXPECT_TRUE(PollUntil(
      [&] {
        back = Http("POST", U("/api/livekit/token"), TokenBody(room), E2eAppToken("16"));
        return back.status == 200;
      },
      seconds(30)))
      << back.body;
  EXPECT_FALSE(Token("16", room2).empty());
}

}  // namespace
}  // namespace lks::testing
