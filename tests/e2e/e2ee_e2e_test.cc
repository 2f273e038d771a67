// End to end: the session keys of end-to-end encrypted groups (docs/e2ee.md) through `lkstudy
// serve` in front of a real livekit-server, with a real WebRTC participant removed from the
// session: only members get the key, a removal rotates it and announces the new index in the
// room's metadata, and neither the key nor the master secret reaches the store, the log or an
// error. Runs inside tests/integration/run_in_netns.sh; skips (and says why) outside it.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "e2e_fixture.h"
#include "lks/core/base64.h"
#include "test_participant.h"

namespace lks::testing {
namespace {

using std::chrono::seconds;

constexpr char kMasterSecret[] = "e2e-master-secret-0123456789abcdef-0123456789";

class E2eeE2e : public ServeWithLiveKitTest {
 protected:
  E2eeE2e() : ServeWithLiveKitTest("lks-e2e-e2ee-", {"--e2ee-master-secret", kMasterSecret}) {}
  // Creates a group owned by 15 with members 16 and 17; returns its room name.
  std::string GroupWithMembers(bool e2ee) {
    HttpReply g = Http("POST", U("/api/study-groups/create"),
                       std::string(R"({"title":"Sensitive discussion","useLiveKit":true,"e2ee":)") +
                           (e2ee ? "true" : "false") + "}",
                       E2eAppToken("15"));
    EXPECT_EQ(g.status, 201) << g.body;
    if (g.status != 201) return "";
    EXPECT_EQ(g.data()["e2ee"].GetBool(), e2ee);
    const std::string gid = std::to_string(g.data()["id"].GetInt64());
    for (const char* u : {"16", "17"}) {
      HttpReply j = Http("POST", U("/api/study-groups/" + gid + "/join"), "", E2eAppToken(u));
      EXPECT_EQ(j.status, 200) << j.body;
    }
    return g.data()["livekitRoomName"].GetString();
  }
  // The room's metadata as GET /api/livekit/rooms/:room answers it ("" when absent).
  std::string RoomMetadata(const std::string& room) {
    HttpReply r = Http("GET", U("/api/livekit/rooms/" + room), "", E2eAppToken("15"));
    if (r.status != 200 || !r.IsObject() || !r.data().HasMember("room")) return "";
    const auto& m = r.data()["room"];
    return m.HasMember("metadata") && m["metadata"].IsString() ? m["metadata"].GetString() : "";
  }
};

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST_F(E2eeE2e, MembersGetTheSessionKeyARemovalRotatesItAndNothingLeaks) {
  const std::string room = GroupWithMembers(true);
  ASSERT_FALSE(room.empty());

  // Members and the owner get one key for the session, at index 0.
  HttpReply t16 = Token("16", room);
  ASSERT_EQ(t16.status, 200) << t16.body;
  ASSERT_TRUE(t16.data().HasMember("e2eeKey")) << t16.body;
  const std::string key0 = t16.data()["e2eeKey"].GetString();
  std::string raw;
  ASSERT_TRUE(Base64Decode(key0, &raw).ok()) << key0;
  EXPECT_EQ(raw.size(), 32u);
  EXPECT_EQ(t16.data()["e2eeKeyIndex"].GetInt64(), 0);
  for (const char* u : {"15", "17"}) {
    HttpReply t = Token(u, room);
    ASSERT_EQ(t.status, 200) << t.body;
    EXPECT_EQ(t.data()["e2eeKey"].GetString(), key0) << u;
  }
  // A non-member gets an error and no key.
  HttpReply stranger = Token("18", room);
  EXPECT_EQ(stranger.status, 403) << stranger.body;
  EXPECT_EQ(stranger.error_code(), "not_a_member");
  EXPECT_EQ(stranger.body.find(key0), std::string::npos);
  EXPECT_EQ(stranger.body.find("e2ee"), std::string::npos) << stranger.body;

  // 16 joins for real and is removed: disconnected, barred, and the session's key changes.
  std::string error;
  auto p16 =
      TestParticipant::Join(livekit_->ws_url(), t16.data()["token"].GetString(), false, &error);
  ASSERT_TRUE(p16) << error;
  HttpReply rm = Http("POST", U("/api/livekit/rooms/" + room + "/remove-participant"),
                      R"({"participantIdentity":"user_16"})", E2eAppToken("15"));
  ASSERT_EQ(rm.status, 200) << rm.body;
  EXPECT_TRUE(p16->WaitFor("DISCONNECTED", seconds(30))) << p16->Output();
  // The room tells its participants that the key index moved (clients then ask again).
  EXPECT_TRUE(
      PollUntil([&] { return RoomMetadata(room).find("\"e2eeKeyIndex\":1") != std::string::npos; },
                seconds(10)))
      << RoomMetadata(room);

  HttpReply barred = Token("16", room);
  EXPECT_EQ(barred.status, 403) << barred.body;
  EXPECT_EQ(barred.error_code(), "barred");
  EXPECT_EQ(barred.body.find("e2ee"), std::string::npos) << barred.body;

  HttpReply t17 = Token("17", room);
  ASSERT_EQ(t17.status, 200) << t17.body;
  const std::string key1 = t17.data()["e2eeKey"].GetString();
  EXPECT_NE(key1, key0);
  EXPECT_EQ(t17.data()["e2eeKeyIndex"].GetInt64(), 1);
  HttpReply t15 = Token("15", room);
  ASSERT_EQ(t15.status, 200) << t15.body;
  EXPECT_EQ(t15.data()["e2eeKey"].GetString(), key1);

  // A group without e2ee: no key at all.
  const std::string plain = GroupWithMembers(false);
  HttpReply tp = Token("16", plain);
  ASSERT_EQ(tp.status, 200) << tp.body;
  EXPECT_FALSE(tp.data().HasMember("e2eeKey")) << tp.body;
  EXPECT_FALSE(tp.data().HasMember("e2eeKeyIndex")) << tp.body;

  // Nothing secret in the store's files (database, WAL) or the server's log, as text or bytes.
  std::string key0_raw, key1_raw;
  ASSERT_TRUE(Base64Decode(key0, &key0_raw).ok());
  ASSERT_TRUE(Base64Decode(key1, &key1_raw).ok());
  const std::string log = api_->Log();
  for (const std::string& file : {db_path_, db_path_ + "-wal", db_path_ + "-shm"}) {
    const std::string bytes = FileBytes(file);
    for (const std::string& secret : {std::string(kMasterSecret), key0, key1, key0_raw, key1_raw}) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << file;
      EXPECT_EQ(log.find(secret), std::string::npos) << "serve log";
    }
  }
}

}  // namespace
}  // namespace lks::testing
