// The authorization matrix: every REST route x every kind of caller, with the HTTP status each
// gets, as one table (docs/reliability.md#security-model). Each cell runs on a fresh SQLite store
// with one group (owner 10, moderator 30, member 20 knocking on the current session, member 40
// barred from it)
// and a room service whose LiveKit is not there: a call that passes the policy and reaches
// LiveKit answers 503, so "allowed" and "denied" are told apart without a LiveKit server (the
// e2e tests do the same routes against a real one).
//
// The table must name every route the handler serves (read from src/api/rest_handler.cc) and
// every operation of docs/openapi.yaml: adding a route without a row fails here.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "lks/api/rest_handler.h"
#include "lks/livekit/webhook_receiver.h"
#include "rest_test_util.h"

namespace lks::testing {
namespace {

constexpr char kKey[] = "matrix_key";
constexpr char kSecret[] = "matrix-secret-of-some-length";
constexpr char kSid[] = "RM_matrix";

// The callers, in the table's column order.
enum Caller { kAnonymous, kNonMember, kMember, kModerator, kOwner, kBarred, kAdmin, kCallers };
const char* const kCallerNames[] = {"anonymous", "non-member", "member", "moderator",
                                    "owner",     "barred",     "admin"};

std::string TokenOf(Caller c) {
  switch (c) {
    case kAnonymous:
      return "";
    case kNonMember:
      return AppToken("50");
    case kMember:
      return AppToken("20");
    case kModerator:
      return AppToken("30");
    case kOwner:
      return AppToken("10");
    case kBarred:
      return AppToken("40");
    case kAdmin:
      return AppToken("99", "admin");
    default:
      return "";
  }
}

struct Row {
  std::string route;  // "METHOD /pattern" as the handler registers it
  std::string method;
  std::string path;  // with {id} and {room} replaced per fixture
  std::string body;
  int expect[kCallers];
};

// clang-format off
const std::vector<Row>& Rows() {
  static const std::vector<Row> kRows = {
    //                                                                                                                    anon non  mem  mod  own  bar  adm
    {"POST /api/livekit/token", "POST", "/api/livekit/token", R"({"roomName":"{room}","participantName":"P"})",          {401, 403, 503, 503, 503, 403, 503}},
    {"POST /api/livekit/rooms", "POST", "/api/livekit/rooms", R"({"name":"{room}"})",                                    {401, 403, 403, 503, 503, 403, 503}},
    {"GET /api/livekit/rooms", "GET", "/api/livekit/rooms", "",                                                           {401, 503, 503, 503, 503, 503, 503}},
    {"GET /api/livekit/rooms/:roomName", "GET", "/api/livekit/rooms/{room}", "",                                          {401, 403, 503, 503, 503, 503, 503}},
    {"DELETE /api/livekit/rooms/:roomName", "DELETE", "/api/livekit/rooms/{room}", "",                                    {401, 403, 403, 503, 503, 403, 503}},
    {"POST /api/livekit/rooms/:roomName/remove-participant", "POST", "/api/livekit/rooms/{room}/remove-participant",
     R"({"participantIdentity":"user_20"})",                                                                              {401, 403, 403, 503, 503, 403, 503}},
    {"POST /api/livekit/rooms/:roomName/mute-track", "POST", "/api/livekit/rooms/{room}/mute-track",
     R"({"participantIdentity":"user_20","trackSid":"TR_1","muted":true})",                                               {401, 403, 403, 503, 503, 403, 503}},
    {"GET /api/livekit/status", "GET", "/api/livekit/status", "",                                                         {200, 200, 200, 200, 200, 200, 200}},
    {"POST /api/livekit/webhook", "POST", "/api/livekit/webhook", R"({"event":"room_started"})",                          {401, 401, 401, 401, 401, 401, 401}},
    {"POST /api/study-groups/create", "POST", "/api/study-groups/create", R"({"title":"Another"})",                      {401, 201, 201, 201, 201, 201, 201}},
    {"GET /api/study-groups", "GET", "/api/study-groups", "",                                                             {401, 200, 200, 200, 200, 200, 200}},
    {"GET /api/study-groups/:id", "GET", "/api/study-groups/{id}", "",                                                    {401, 200, 200, 200, 200, 200, 200}},
    {"PATCH /api/study-groups/:id", "PATCH", "/api/study-groups/{id}", R"({"description":"Changed"})",                  {401, 403, 403, 403, 200, 403, 200}},
    {"POST /api/study-groups/:id/join", "POST", "/api/study-groups/{id}/join", "",                                        {401, 200, 200, 200, 200, 200, 200}},
    {"POST /api/study-groups/:id/leave", "POST", "/api/study-groups/{id}/leave", "",                                      {401, 403, 200, 200, 409, 200, 403}},
    {"GET /api/study-groups/:id/members", "GET", "/api/study-groups/{id}/members", "",                                    {401, 403, 200, 200, 200, 200, 200}},
    {"GET /api/study-groups/:id/usage", "GET", "/api/study-groups/{id}/usage", "",                                        {401, 403, 200, 200, 200, 200, 200}},
    {"GET /api/study-groups/:id/attendance", "GET", "/api/study-groups/{id}/attendance", "",                              {401, 403, 200, 200, 200, 200, 200}},
    {"GET /api/study-groups/:id/calendar.ics", "GET", "/api/study-groups/{id}/calendar.ics", "",                          {401, 403, 200, 200, 200, 200, 200}},
    {"GET /api/study-groups/:id/knocks", "GET", "/api/study-groups/{id}/knocks", "",                                      {401, 403, 403, 200, 200, 403, 200}},
    {"POST /api/study-groups/:id/knocks/:userId/admit", "POST", "/api/study-groups/{id}/knocks/20/admit", "",             {401, 403, 403, 200, 200, 403, 200}},
    {"POST /api/study-groups/:id/knocks/:userId/deny", "POST", "/api/study-groups/{id}/knocks/20/deny", "",               {401, 403, 403, 200, 200, 403, 200}},
    {"POST /api/study-groups/:id/lock", "POST", "/api/study-groups/{id}/lock", "",                                        {401, 403, 403, 200, 200, 403, 200}},
    {"POST /api/study-groups/:id/unlock", "POST", "/api/study-groups/{id}/unlock", "",                                    {401, 403, 403, 200, 200, 403, 200}},
    // Recording: the group has consent, no Egress client is configured (503 recording_unavailable).
    {"POST /api/study-groups/:id/recording", "POST", "/api/study-groups/{id}/recording", "",                              {401, 403, 403, 503, 503, 403, 503}},
    {"DELETE /api/study-groups/:id/recording", "DELETE", "/api/study-groups/{id}/recording", "",                          {401, 403, 403, 409, 409, 403, 409}},
    {"GET /api/study-groups/:id/recordings", "GET", "/api/study-groups/{id}/recordings", "",                              {401, 403, 200, 200, 200, 200, 200}},
    // Breakout rooms: the session is live; making the rooms needs LiveKit (503), closing finds none open (409).
    {"POST /api/study-groups/:id/breakouts", "POST", "/api/study-groups/{id}/breakouts",
     R"({"assignments":[{"members":["20"]}]})",                                                                           {401, 403, 403, 503, 503, 403, 503}},
    {"GET /api/study-groups/:id/breakouts", "GET", "/api/study-groups/{id}/breakouts", "",                                {401, 403, 200, 200, 200, 200, 200}},
    {"DELETE /api/study-groups/:id/breakouts", "DELETE", "/api/study-groups/{id}/breakouts", "",                          {401, 403, 403, 409, 409, 403, 409}},
  };
  return kRows;
}
// clang-format on

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// One group in a fresh store, with its callers in place.
struct Fixture {
  std::shared_ptr<StudyGroupStore> store;
  std::unique_ptr<RestHandler> handler;
  int64_t group_id = 0;
  std::string room;

  Fixture() {
    std::shared_ptr<StudyGroupService> service;
    MakeServiceWithoutLiveKit(&service, &handler, kKey, kSecret, {}, &store,
                              std::make_shared<const WebhookReceiver>(kKey, kSecret));
    if (handler == nullptr) return;  // the helper failed the test with the reason
    Reply r =
        Call(*handler, Req("POST", "/api/study-groups/create",
                           R"({"title":"Matrix","maxParticipants":10,"recordingConsent":true,)"
                           R"("scheduledTime":"2026-03-03T23:00:00Z"})",
                           AppToken("10")));
    EXPECT_EQ(r.status, 201) << r.body;
    group_id = r.data()["id"].GetInt64();
    room = r.data()["livekitRoomName"].GetString();
    for (const char* user : {"20", "30", "40"}) {
      EXPECT_EQ(
          Call(*handler, Req("POST", "/api/study-groups/" + std::to_string(group_id) + "/join", "",
                             AppToken(user)))
              .status,
          200);
    }
    EXPECT_TRUE(store->SetMemberRole(group_id, "30", MemberRole::kModerator).ok());
    // A current session from which member 40 was removed.
    EXPECT_TRUE(store->OpenRoomSession(group_id, kSid, room, 1767225600000).ok());
    EXPECT_TRUE(store->SetRoomSid(group_id, kSid).ok());
    EXPECT_TRUE(store->AddRemoval(kSid, "40", "10", 1767225660000).ok());
    // Member 20 knocked on it (the waiting room's routes decide that knock).
    EXPECT_TRUE(store->RecordKnock(group_id, kSid, "20", "P", 1767225670000).ok());
  }
};

TEST(AuthorizationMatrix, EveryRouteAndCallerGetsTheStatusOfTheTable) {
  for (const Row& row : Rows()) {
    for (int c = 0; c < kCallers; ++c) {
      Fixture f;
      const std::string id = std::to_string(f.group_id);
      RestRequest req = Req(row.method, Replace(Replace(row.path, "{id}", id), "{room}", f.room),
                            Replace(row.body, "{room}", f.room), TokenOf(static_cast<Caller>(c)));
      Reply r = Call(*f.handler, req);
      EXPECT_EQ(r.status, row.expect[c])
          << row.route << " as " << kCallerNames[c] << ": " << r.body;
      // Every refusal is the documented envelope with a code, and never a server error.
      if (r.status >= 400) {
        EXPECT_FALSE(r.error_code().empty()) << row.route << " " << r.body;
      }
    }
  }
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::set<std::string> TableRoutes() {
  std::set<std::string> out;
  for (const Row& row : Rows()) out.insert(row.route);
  return out;
}

TEST(AuthorizationMatrix, NamesEveryRouteTheHandlerServes) {
  const std::string src = ReadFile(LKS_REST_HANDLER_SOURCE);
  ASSERT_FALSE(src.empty()) << LKS_REST_HANDLER_SOURCE;
  std::set<std::string> served;
  const std::regex add(R"re(router\.Add\("([A-Z]+ [^"]+)")re");
  for (auto it = std::sregex_iterator(src.begin(), src.end(), add); it != std::sregex_iterator();
       ++it) {
    served.insert((*it)[1]);
  }
  ASSERT_GE(served.size(), 10u);
  EXPECT_EQ(served, TableRoutes()) << "a route without a row in the authorization matrix (or a "
                                      "row for a route that is gone)";
}

TEST(AuthorizationMatrix, NamesEveryOperationOfTheOpenApiDocument) {
  std::istringstream in(ReadFile(LKS_OPENAPI_YAML));
  std::set<std::string> documented;
  std::string line, path;
  const std::regex path_line(R"(^  (/api/[^:]*):\s*$)");
  const std::regex method_line(R"(^    (get|post|put|patch|delete):\s*$)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, path_line)) {
      // {id} -> :id, as the router writes it
      path = std::regex_replace(m[1].str(), std::regex(R"(\{([A-Za-z]+)\})"), ":$1");
    } else if (!path.empty() && std::regex_match(line, m, method_line)) {
      std::string method = m[1];
      for (char& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      documented.insert(method + " " + path);
    } else if (!line.empty() && line[0] != ' ') {
      path.clear();  // past `paths:`
    }
  }
  documented.erase("GET /api/openapi.yaml");  // served by `lkstudy serve`, not the handler
  EXPECT_EQ(documented, TableRoutes()) << "docs/openapi.yaml and the matrix disagree";
}

}  // namespace
}  // namespace lks::testing
