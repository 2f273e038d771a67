// End to end: breakout rooms (docs/breakouts.md) through `lkstudy serve` in front of a real
// livekit-server v1.13.5 with real WebRTC participants. What the server answers MoveParticipant
// (it has none: clients reconnect with a new token), then: a moderator splits the live session
// into two rooms ("auto"), the main room's metadata announces it, each member's token for the
// group's room is for their breakout and they join it, a token for the other breakout is refused
// (moderators may visit), closing deletes the breakout rooms (their participants are disconnected)
// and tokens lead to the main room again, and the usage adds up: the breakouts' minutes, recorded
// from the server's own webhooks, count to the group and to the main session. Ending the session
// ends its breakouts.
// Runs inside tests/integration/run_in_netns.sh; skips (and says why) outside it.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <map>
#include <set>
#include <string>

#include "e2e_util.h"
#include "livekit_server.h"
#include "lks/livekit/room_service_client.h"
#include "test_participant.h"

namespace lks::testing {
namespace {

using std::chrono::seconds;

class BreakoutsE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!InNetworkNamespace())
      GTEST_SKIP() << "needs the private network namespace (run_in_netns.sh)";
    const int api_port = FreeLoopbackPort();
    LiveKitServerOptions o;
    o.webhook_urls = {"http://127.0.0.1:" + std::to_string(api_port) + "/api/livekit/webhook"};
    o.empty_timeout_s = 60;
    std::string error;
    livekit_ = LiveKitServer::Start(o, &error);
    ASSERT_TRUE(livekit_) << error;
    api_ = ServeProcess::Start(api_port, "sqlite:" + MakeTempDir("lks-e2e-bo-") + "/api.db",
                               livekit_->ws_url(), livekit_->api_key(), livekit_->api_secret(), {},
                               &error);
    ASSERT_TRUE(api_) << error;
    RoomServiceOptions ro;
    ro.url = livekit_->http_url();
    ro.api_key = livekit_->api_key();
    ro.api_secret = livekit_->api_secret();
    auto rooms = RoomServiceClient::Create(ro);
    ASSERT_TRUE(rooms.ok()) << rooms.status().ToString();
    rooms_ = std::move(*rooms);
  }
  void TearDown() override {
    if (HasFailure() && api_) std::cerr << "lkstudy serve log:\n" << api_->Log() << "\n";
  }
  std::string U(const std::string& path) const { return api_->url() + path; }
  HttpReply Token(const std::string& user, const std::string& room) {
    return Http("POST", U("/api/livekit/token"),
                R"({"roomName":")" + room + R"(","participantName":"Member )" + user + R"("})",
                E2eAppToken(user));
  }
  HttpReply Group(const std::string& method, const std::string& path, const std::string& user,
                  const std::string& body = "") {
    return Http(method, U("/api/study-groups/" + gid_ + path), body, E2eAppToken(user));
  }
  // A LiveKit group owned by 15 that `members` joined; sets gid_ and room_.
  void CreateGroupWith(const std::string& title, const std::vector<std::string>& members) {
    HttpReply g = Http("POST", U("/api/study-groups/create"),
                       R"({"title":")" + title + R"(","useLiveKit":true,"maxParticipants":10})",
                       E2eAppToken("15"));
    ASSERT_EQ(g.status, 201) << g.body;
    gid_ = std::to_string(g.data()["id"].GetInt64());
    room_ = g.data()["livekitRoomName"].GetString();
    for (const std::string& u : members) ASSERT_EQ(Group("POST", "/join", u).status, 200);
  }
  // The identities in LiveKit's room `room` (empty when it is gone).
  std::set<std::string> In(const std::string& room) {
    std::set<std::string> out;
    StatusOr<std::vector<ParticipantInfo>> ps = rooms_->ListParticipants(room);
    if (ps.ok()) {
      for (const ParticipantInfo& p : *ps) out.insert(p.identity);
    }
    return out;
  }
  // Joins `room` as `user` with a token from the service, which must be for `expect_room`.
  std::unique_ptr<TestParticipant> JoinVia(const std::string& user, const std::string& room,
                                           const std::string& expect_room) {
    HttpReply t = Token(user, room);
    EXPECT_EQ(t.status, 200) << t.body;
    if (t.status != 200) return nullptr;
    EXPECT_EQ(std::string(t.data()["roomName"].GetString()), expect_room) << t.body;
    std::string error;
    auto p =
        TestParticipant::Join(livekit_->ws_url(), t.data()["token"].GetString(), false, &error);
    EXPECT_TRUE(p) << error;
    return p;
  }

  std::unique_ptr<LiveKitServer> livekit_;
  std::unique_ptr<ServeProcess> api_;
  std::shared_ptr<const RoomServiceClient> rooms_;
  std::string gid_, room_;
};

TEST_F(BreakoutsE2e, SplitJoinRefuseCloseAndUsageAddsUp) {
  const std::vector<std::string> members = {"16", "17", "18", "19"};
  ASSERT_NO_FATAL_FAILURE(CreateGroupWith("Breakouts", members));

  // Not live yet: nothing to split.
  EXPECT_EQ(Group("POST", "/breakouts", "15", R"({"count":2,"mode":"auto"})").error_code(),
            "room_not_active");

  // Everyone in the main room.
  std::map<std::string, std::unique_ptr<TestParticipant>> main;
  main["15"] = JoinVia("15", room_, room_);
  ASSERT_TRUE(main["15"]);
  for (const std::string& u : members) {
    main[u] = JoinVia(u, room_, room_);
    ASSERT_TRUE(main[u]);
  }
  ASSERT_TRUE(PollUntil([&] { return In(room_).size() == 5; }, seconds(30)));

  // What livekit-server v1.13.5 answers MoveParticipant (a LiveKit Cloud feature): refused, and
  // the participant stays where it is. Hence reconnecting with a new token.
  Status moved = rooms_->MoveParticipant(room_, "user_16", room_ + "-elsewhere");
  std::cout << "MoveParticipant on livekit-server: " << moved.ToString() << std::endl;
  EXPECT_FALSE(moved.ok());
  EXPECT_NE(moved.message().find("not implemented"), std::string::npos) << moved.ToString();
  EXPECT_EQ(In(room_).count("user_16"), 1u);

  // Bad input names the field; members may not split.
  HttpReply too_many = Group("POST", "/breakouts", "15", R"({"count":5,"mode":"auto"})");
  EXPECT_EQ(too_many.status, 400) << too_many.body;
  EXPECT_NE(too_many.error_message().find("count"), std::string::npos) << too_many.body;
  EXPECT_EQ(Group("POST", "/breakouts", "16", R"({"count":2,"mode":"auto"})").status, 403);

  // Two rooms, the four present members spread evenly; the owner stays in the main room.
  HttpReply open = Group("POST", "/breakouts", "15", R"({"count":2,"mode":"auto"})");
  ASSERT_EQ(open.status, 201) << open.body;
  ASSERT_EQ(open.data()["rooms"].Size(), 2u);
  std::map<std::string, std::string> assigned;  // user -> breakout room
  std::vector<std::string> breakouts;
  for (const auto& r : open.data()["rooms"].GetArray()) {
    breakouts.push_back(r["roomName"].GetString());
    EXPECT_EQ(r["members"].Size(), 2u) << open.body;
    for (const auto& m : r["members"].GetArray()) assigned[m.GetString()] = breakouts.back();
  }
  ASSERT_EQ(assigned.size(), 4u) << open.body;
  EXPECT_FALSE(assigned.count("15"));
  EXPECT_EQ(Group("POST", "/breakouts", "15", R"({"count":2,"mode":"auto"})").error_code(),
            "breakouts_open");
  // The main room's metadata tells the clients.
  for (const std::string& u : members) {
    EXPECT_TRUE(main[u]->WaitFor("METADATA", seconds(30))) << main[u]->Output();
  }
  HttpReply state = Group("GET", "/breakouts", "17");
  ASSERT_EQ(state.status, 200) << state.body;
  EXPECT_TRUE(state.data()["open"].GetBool());
  EXPECT_EQ(std::string(state.data()["assignment"]["roomName"].GetString()), assigned["17"]);

  // Each member asks for the group's room again, gets a token for their breakout and joins it.
  std::map<std::string, std::unique_ptr<TestParticipant>> in_breakout;
  for (const std::string& u : members) {
    HttpReply t = Token(u, room_);
    ASSERT_EQ(t.status, 200) << t.body;
    EXPECT_EQ(std::string(t.data()["roomName"].GetString()), assigned[u]) << t.body;
    ASSERT_TRUE(t.data()["breakout"].IsObject()) << t.body;
    EXPECT_EQ(std::string(t.data()["breakout"]["mainRoomName"].GetString()), room_);
    main[u]->Leave();
    std::string error;
    in_breakout[u] =
        TestParticipant::Join(livekit_->ws_url(), t.data()["token"].GetString(), false, &error);
    ASSERT_TRUE(in_breakout[u]) << error;
  }
  for (const std::string& b : breakouts) {
    EXPECT_TRUE(PollUntil([&] { return In(b).size() == 2; }, seconds(30))) << b;
  }
  for (const std::string& u : members) EXPECT_EQ(In(assigned[u]).count("user_" + u), 1u) << u;
  EXPECT_TRUE(PollUntil([&] { return In(room_).size() == 1; }, seconds(30)));  // the owner

  // The other breakout is refused, with the reason; the owner may visit either.
  const std::string other = assigned["16"] == breakouts[0] ? breakouts[1] : breakouts[0];
  HttpReply refused = Token("16", other);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.error_code(), "not_assigned");
  EXPECT_EQ(Token("16", assigned["16"]).status, 200);
  HttpReply visit = Token("15", other);
  ASSERT_EQ(visit.status, 200) << visit.body;
  EXPECT_EQ(std::string(visit.data()["roomName"].GetString()), other);
  EXPECT_EQ(std::string(Token("15", room_).data()["roomName"].GetString()), room_);

  // The breakout joins are recorded from the server's participant_joined webhooks. A leave's time
  // has the webhook's second precision, so the breakouts last past the second of the last join
  // (else a leave in that second would count as 0 minutes).
  ASSERT_TRUE(PollUntil(
      [&] {
        HttpReply a = Group("GET", "/attendance", "15");
        if (a.status != 200) return false;
        size_t open_rows = 0;
        for (const auto& s : a.data()["sessions"].GetArray()) {
          if (std::string(s["roomName"].GetString()) == room_) continue;
          for (const auto& r : s["attendance"].GetArray()) open_rows += r["leftAt"].IsNull();
        }
        return open_rows == 4;
      },
      seconds(30)));
  const auto joined = std::chrono::time_point_cast<seconds>(std::chrono::system_clock::now());
  ASSERT_TRUE(PollUntil(
      [&] { return std::chrono::system_clock::now() > joined + std::chrono::milliseconds(1100); },
      seconds(5)));

  // Close: the breakout rooms are deleted, their participants disconnected; tokens lead to the
  // main room again and the breakouts refuse.
  HttpReply closed = Group("DELETE", "/breakouts", "15");
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_FALSE(closed.data()["open"].GetBool());
  for (const std::string& u : members) {
    EXPECT_TRUE(in_breakout[u]->WaitFor("DISCONNECTED", seconds(30))) << in_breakout[u]->Output();
  }
  EXPECT_EQ(Token("16", assigned["16"]).error_code(), "breakouts_closed");
  for (const std::string& u : members) {
    in_breakout[u]->Leave();
    HttpReply t = Token(u, room_);
    ASSERT_EQ(t.status, 200) << t.body;
    EXPECT_FALSE(t.data().HasMember("breakout")) << t.body;
    main[u] = JoinVia(u, room_, room_);
    ASSERT_TRUE(main[u]);
  }
  EXPECT_TRUE(PollUntil([&] { return In(room_).size() == 5; }, seconds(30)));
  EXPECT_FALSE(Group("GET", "/breakouts", "16").data()["open"].GetBool());

  // End the session; once the server's webhooks are in, every participant session is closed.
  for (auto& [u, p] : main) p->Leave();
  ASSERT_EQ(Http("DELETE", U("/api/livekit/rooms/" + room_), "", E2eAppToken("15")).status, 200);
  HttpReply attendance;
  const bool settled = PollUntil(
      [&] {
        attendance = Group("GET", "/attendance", "15");
        if (attendance.status != 200) return false;
        size_t main_rows = 0, breakout_rows = 0;
        for (const auto& s : attendance.data()["sessions"].GetArray()) {
          const std::string name = s["roomName"].GetString();
          for (const auto& a : s["attendance"].GetArray()) {
            if (a["leftAt"].IsNull()) return false;
            ++(name == room_ ? main_rows : breakout_rows);
          }
        }
        // Five joined the main room, four came back to it, four were in breakouts.
        return main_rows == 5 + 4 && breakout_rows == 4;
      },
      seconds(60));
  ASSERT_TRUE(settled) << attendance.body;
  double main_min = 0, breakout_min = 0;
  std::string main_sid;
  for (const auto& s : attendance.data()["sessions"].GetArray()) {
    const std::string name = s["roomName"].GetString();
    if (name == room_) main_sid = s["roomSid"].GetString();
    for (const auto& a : s["attendance"].GetArray()) {
      (name == room_ ? main_min : breakout_min) += a["participantMinutes"].GetDouble();
    }
  }
  EXPECT_GT(breakout_min, 0) << attendance.body;
  HttpReply usage = Group("GET", "/usage", "16");
  ASSERT_EQ(usage.status, 200) << usage.body;
  ASSERT_EQ(usage.data()["sessions"].Size(), 1u) << usage.body;  // breakouts folded in
  EXPECT_EQ(std::string(usage.data()["sessions"][0]["roomSid"].GetString()), main_sid);
  EXPECT_EQ(usage.data()["sessions"][0]["participantSessions"].GetInt64(), 5 + 4 + 4) << usage.body;
  const double minutes = main_min + breakout_min;
  EXPECT_NEAR(usage.data()["participantMinutes"].GetDouble(), minutes, 1e-6) << usage.body;
  EXPECT_NEAR(usage.data()["sessions"][0]["participantMinutes"].GetDouble(), minutes, 1e-6);
  std::cout << "usage: main " << main_min << " min, breakouts " << breakout_min
            << " min, session total " << usage.data()["participantMinutes"].GetDouble() << " min"
            << std::endl;
}

// Ending the session (DELETE /api/livekit/rooms/:name) while breakouts are open ends them too: the
// main room goes first, so a client whose breakout room is deleted finds the main room not
// active (and stays out of it instead of starting a new session); nobody is left in either, the
// set is closed and every attendance row is closed.
TEST_F(BreakoutsE2e, EndingTheSessionEndsItsBreakouts) {
  const std::vector<std::string> members = {"16", "17"};
  ASSERT_NO_FATAL_FAILURE(CreateGroupWith("Ends with breakouts", members));
  std::unique_ptr<TestParticipant> owner = JoinVia("15", room_, room_);
  ASSERT_TRUE(owner);
  std::map<std::string, std::unique_ptr<TestParticipant>> main;
  for (const std::string& u : members) {
    main[u] = JoinVia(u, room_, room_);
    ASSERT_TRUE(main[u]);
  }
  ASSERT_TRUE(PollUntil([&] { return In(room_).size() == 3; }, seconds(30)));

  HttpReply open = Group("POST", "/breakouts", "15", R"({"count":1,"mode":"auto"})");
  ASSERT_EQ(open.status, 201) << open.body;
  const std::string breakout = open.data()["rooms"][0]["roomName"].GetString();
  std::map<std::string, std::unique_ptr<TestParticipant>> in_breakout;
  for (const std::string& u : members) {
    main[u]->Leave();
    in_breakout[u] = JoinVia(u, room_, breakout);
    ASSERT_TRUE(in_breakout[u]);
  }
  ASSERT_TRUE(PollUntil([&] { return In(breakout).size() == 2; }, seconds(30)));

  ASSERT_EQ(Http("DELETE", U("/api/livekit/rooms/" + room_), "", E2eAppToken("15")).status, 200);
  for (const std::string& u : members) {
    EXPECT_TRUE(in_breakout[u]->WaitFor("DISCONNECTED", seconds(30))) << in_breakout[u]->Output();
    // What the client then asks (the web page does): the main room is already gone.
    HttpReply main_room = Http("GET", U("/api/livekit/rooms/" + room_), "", E2eAppToken(u));
    EXPECT_EQ(main_room.status, 404) << main_room.body;
    EXPECT_EQ(main_room.error_code(), "room_not_active") << main_room.body;
  }
  EXPECT_TRUE(owner->WaitFor("DISCONNECTED", seconds(30))) << owner->Output();
  EXPECT_TRUE(PollUntil([&] { return In(breakout).empty() && In(room_).empty(); }, seconds(30)));
  HttpReply state = Group("GET", "/breakouts", "16");
  ASSERT_EQ(state.status, 200) << state.body;
  EXPECT_FALSE(state.data()["open"].GetBool()) << state.body;
  EXPECT_EQ(Token("16", breakout).error_code(), "breakouts_closed");
  HttpReply attendance;
  EXPECT_TRUE(PollUntil(
      [&] {
        attendance = Group("GET", "/attendance", "15");
        if (attendance.status != 200) return false;
        size_t rows = 0;
        for (const auto& s : attendance.data()["sessions"].GetArray()) {
          for (const auto& a : s["attendance"].GetArray()) {
            if (a["leftAt"].IsNull()) return false;
            ++rows;
          }
        }
        return rows == 3 + 2;  // three in the main room, two in the breakout
      },
      seconds(60)))
      << attendance.body;
  for (auto& [u, p] : in_breakout) p->Leave();
  owner->Leave();
  HttpReply next = Token("16", room_);
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(std::string(next.data()["roomName"].GetString()), room_);
  EXPECT_FALSE(next.data().HasMember("breakout")) << next.body;
}

// The main room finished by itself (LiveKit's empty timeout while everyone was in breakouts; here
// deleted behind the service's back): ending the session still ends the open set, with 200.
TEST_F(BreakoutsE2e, EndingASessionWhoseMainRoomIsGoneStillEndsItsBreakouts) {
  ASSERT_NO_FATAL_FAILURE(CreateGroupWith("Main room gone", {"16"}));
  ASSERT_EQ(Token("15", room_).status, 200);  // makes the room: the session is live
  HttpReply open;
  ASSERT_TRUE(PollUntil(
      [&] {
        open = Group("POST", "/breakouts", "15", R"({"assignments":[{"members":["16"]}]})");
        return open.status == 201;
      },
      seconds(30)))
      << open.body;
  const std::string breakout = open.data()["rooms"][0]["roomName"].GetString();
  ASSERT_TRUE(rooms_->DeleteRoom(room_).ok());

  HttpReply ended = Http("DELETE", U("/api/livekit/rooms/" + room_), "", E2eAppToken("15"));
  EXPECT_EQ(ended.status, 200) << ended.body;
  EXPECT_FALSE(Group("GET", "/breakouts", "16").data()["open"].GetBool());
  StatusOr<std::vector<Room>> live = rooms_->ListRooms({breakout});
  ASSERT_TRUE(live.ok()) << live.status().ToString();
  EXPECT_TRUE(live->empty()) << breakout << " still live";
  HttpReply back = Token("16", room_);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(std::string(back.data()["roomName"].GetString()), room_) << back.body;
  // Without a set open, a main room that is gone is still 404 room_not_active.
  ASSERT_TRUE(rooms_->DeleteRoom(room_).ok());
  EXPECT_EQ(Http("DELETE", U("/api/livekit/rooms/" + room_), "", E2eAppToken("15")).error_code(),
            "room_not_active");
}

}  // namespace
}  // namespace lks::testing
