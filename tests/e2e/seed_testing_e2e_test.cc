// The seed's "Testing" section, run as written: its three curl commands (tests/data/seed/
// testing_curls.sh, checked against the seed document itself when that is found), with only
// YOUR_TOKEN replaced by an admin's app token, against `lkstudy serve` on localhost:3000 — the
// address the commands name, free inside the private network namespace of run_in_netns.sh — and
// a real livekit-server. Each answer must have the seed's shape.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "livekit_server.h"

#ifndef LKS_SEED_CURLS
#error "LKS_SEED_CURLS must name tests/data/seed/testing_curls.sh"
#endif

namespace lks::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The committed commands: blocks separated by one blank line.
std::vector<std::string> CommittedCommands() {
  std::vector<std::string> out;
  std::string text = ReadFile(LKS_SEED_CURLS);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find("\n\n", pos);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(pos, end - pos + (end < text.size() ? 1 : 0)));
    pos = end + 2;
  }
  return out;
}

// The ```bash blocks of the seed document's Testing section (from its "## ... Testing**" heading
// to the next "---" rule).
std::vector<std::string> SeedCommands(const std::string& doc) {
  std::vector<std::string> out;
  size_t h = 0;
  while ((h = doc.find("\n## ", h)) != std::string::npos) {
    size_t eol = doc.find('\n', h + 1);
    if (doc.compare(eol - 9, 9, "Testing**") == 0) break;
    h = eol;
  }
  if (h == std::string::npos) return out;
  size_t end = doc.find("\n---", h);
  for (size_t p = doc.find("```bash\n", h); p != std::string::npos && p < end;
       p = doc.find("```bash\n", p)) {
    p += 8;
    size_t close = doc.find("```", p);
    out.push_back(doc.substr(p, close - p));
    p = close + 3;
  }
  return out;
}

// Runs `command` with sh, returns its standard output (standard error, curl's progress meter, goes
// to *err).
std::string RunShell(const std::string& command, std::string* err) {
  const std::string err_file = MakeTempDir("lks-seed-curl-") + "/stderr";
  std::string out;
  // In a group, so that the redirection applies to the whole (possibly multi-line) command.
  if (FILE* p = ::popen(("{\n" + command + "\n} 2>" + err_file).c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
  }
  *err = ReadFile(err_file);
  return out;
}

bool IsStr(const rapidjson::Value& o, const char* k) {
  return o.IsObject() && o.HasMember(k) && o[k].IsString();
}
bool IsNum(const rapidjson::Value& o, const char* k) {
  return o.IsObject() && o.HasMember(k) && o[k].IsNumber();
}

TEST(SeedTestingSection, CommittedCommandsAreTheSeeds) {
  const std::vector<std::string> ours = CommittedCommands();
  ASSERT_EQ(ours.size(), 3u);
  const char* env = std::getenv("LKS_SEED_DOC");
  std::string path = env && *env ? env : LKS_SEED_DOC_DEFAULT;
  std::string doc = path.empty() ? "" : ReadFile(path);
  if (doc.empty()) {
    GTEST_SKIP() << "SKIPPED: the seed document is not beside this checkout (set LKS_SEED_DOC); "
                    "the committed copy of its commands is used as is";
  }
  EXPECT_EQ(SeedCommands(doc), ours) << "tests/data/seed/testing_curls.sh differs from " << path;
}

TEST(SeedTestingSection, RunsVerbatimWithAnAdminToken) {
  if (!InNetworkNamespace()) {
    GTEST_SKIP() << "SKIPPED: the seed's commands name localhost:3000, which only the private "
                    "network namespace of run_in_netns.sh guarantees free";
  }
  LiveKitServerOptions o;
  o.empty_timeout_s = 60;
  std::string error;
  auto livekit = LiveKitServer::Start(o, &error);
  ASSERT_TRUE(livekit) << error;
  auto api =
      ServeProcess::Start(3000, "sqlite:" + MakeTempDir("lks-seed-db-") + "/api.db",
                          livekit->ws_url(), livekit->api_key(), livekit->api_secret(), {}, &error);
  ASSERT_TRUE(api) << error;

  const std::string admin = E2eAppToken("1", "admin");
  std::vector<rapidjson::Document> answers;
  for (std::string cmd : CommittedCommands()) {
    ASSERT_NE(cmd.find("YOUR_TOKEN"), std::string::npos) << cmd;
    cmd.replace(cmd.find("YOUR_TOKEN"), 10, admin);
    std::string err;
    std::string out = RunShell(cmd, &err);
    answers.emplace_back();
    answers.back().Parse(out.c_str());
    ASSERT_FALSE(answers.back().HasParseError()) << "not JSON: " << out << "\n" << err;
    ASSERT_TRUE(answers.back().IsObject() && answers.back().HasMember("success") &&
                answers.back()["success"].IsBool() && answers.back()["success"].GetBool())
        << out << "\nserve log:\n"
        << api->Log();
  }

  // "Test Token Generation": the seed's token response, a token LiveKit accepts for test_room.
  const auto& t = answers[0]["data"];
  for (const char* k : {"token", "serverUrl", "roomName", "identity", "participantName"})
    EXPECT_TRUE(IsStr(t, k)) << k;
  EXPECT_EQ(std::string(t["serverUrl"].GetString()), livekit->ws_url());
  EXPECT_STREQ(t["roomName"].GetString(), "test_room");
  EXPECT_STREQ(t["identity"].GetString(), "user_1");
  EXPECT_STREQ(t["participantName"].GetString(), "Test User");
  std::string body;
  EXPECT_EQ(
      LoopbackHttpGet(livekit->port(),
                      std::string("/rtc/validate?access_token=") + t["token"].GetString(), &body),
      200)
      << body;

  // "Test Room Creation": the seed's room.
  const auto& r = answers[1]["data"];
  EXPECT_TRUE(IsStr(r, "sid") && std::string(r["sid"].GetString()).rfind("RM_", 0) == 0);
  EXPECT_STREQ(r["name"].GetString(), "test_room");
  for (const char* k : {"emptyTimeout", "maxParticipants", "numParticipants", "creationTime"})
    EXPECT_TRUE(IsNum(r, k)) << k;
  EXPECT_EQ(r["maxParticipants"].GetInt(), 10);
  EXPECT_EQ(r["numParticipants"].GetInt(), 0);
  EXPECT_GT(r["creationTime"].GetInt64(), 1'600'000'000);

  // "Test Study Group with LiveKit": the seed's group.
  ASSERT_TRUE(IsStr(answers[2], "message"));
  EXPECT_STREQ(answers[2]["message"].GetString(), "Study group created successfully");
  const auto& g = answers[2]["data"];
  EXPECT_TRUE(g.IsObject() && g.HasMember("id") && g["id"].IsInt64());
  EXPECT_STREQ(g["title"].GetString(), "Test Bible Study");
  EXPECT_STREQ(g["description"].GetString(), "Testing LiveKit integration");
  EXPECT_STREQ(g["videoProvider"].GetString(), "livekit");
  EXPECT_TRUE(g["useLiveKit"].IsBool() && g["useLiveKit"].GetBool());
  EXPECT_EQ(g["maxParticipants"].GetInt(), 10);
  ASSERT_TRUE(IsStr(g, "livekitRoomName"));
  EXPECT_EQ(std::string(g["livekitRoomName"].GetString()).rfind("study_group_", 0), 0u);
  EXPECT_TRUE(g["meetLink"].IsNull());
  EXPECT_TRUE(g["meetId"].IsNull());
}

}  // namespace
}  // namespace lks::testing
