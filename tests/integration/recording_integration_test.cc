// The study-group service's recording and live-transcription policy (docs/recording.md) through
// the REST API, against a real livekit-server v1.13.5 with no egress or agent worker:
//  - starting a recording without a worker answers 503 recording_unavailable (never a 500), and
//    without the group's consent 409 recording_not_consented; members who are not moderators 403;
//  - egress webhooks (signed with our signer, as livekit-server signs them) record the
//    recording's lifecycle in the store and announce it in the room's metadata, keeping its
//    other keys;
//  - a group with a transcription agent gets one agent dispatch per session, which the server
//    stores and lists with no worker;
// and against LiveKit's test-server for the Egress answer of a started recording (its shape),
// with the real server's room for the announcement.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "livekit_server.h"
#include "livekit_server_fixture.h"
#include "livekit_test_server.h"
#include "lks/api/rest_handler.h"
#include "lks/api/study_group_api.h"
#include "lks/groups/study_group_service.h"
#include "lks/livekit/agent_dispatch_client.h"
#include "lks/livekit/egress_client.h"
#include "lks/livekit/room_service_client.h"
#include "lks/livekit/webhook_receiver.h"
#include "lks/livekit/webhook_signer.h"
#include "lks/store/open_store.h"

namespace lks {
namespace {

using testing::LiveKitTestServer;

const Principal kOwner{"1", "owner@example.com", "Owner", ""};
const Principal kMember{"2", "member@example.com", "Member", ""};

RoomServiceOptions OptionsFor(const std::string& url, const std::string& key,
                              const std::string& secret) {
  RoomServiceOptions o;
  o.url = url;
  o.api_key = key;
  o.api_secret = secret;
  o.timeout = std::chrono::seconds(30);  // the server waits ~20 s for an egress worker
  o.retry.max_attempts = 1;
  return o;
}

rapidjson::Document Parse(const std::string& json) {
  rapidjson::Document d;
  d.Parse(json.c_str(), json.size());
  EXPECT_FALSE(d.HasParseError()) << json;
  return d;
}

class RecordingTest : public testing::LiveKitServerTest {
 protected:
  // A service over a fresh store, with `egress_url` (and its key and secret) for Egress.
  void MakeService(const std::string& egress_url, const std::string& egress_key,
                   const std::string& egress_secret) {
    RoomServiceOptions o = OptionsFor(server_->ws_url(), server_->api_key(), server_->api_secret());
    rooms_ = std::shared_ptr<const RoomServiceClient>(RoomServiceClient::Create(o).value());
    dispatch_ = std::shared_ptr<const AgentDispatchClient>(AgentDispatchClient::Create(o).value());
    StoreOptions so;
    store_ = std::shared_ptr<StudyGroupStore>(OpenStudyGroupStore("sqlite::memory:", so).value());
    StudyGroupServiceOptions opts;
    opts.livekit_url = server_->ws_url();
    opts.api_key = server_->api_key();
    opts.api_secret = server_->api_secret();
    opts.live_room_cache_ttl = std::chrono::seconds(0);  // every token asks LiveKit again
    opts.egress = std::shared_ptr<const EgressClient>(
        EgressClient::Create(OptionsFor(egress_url, egress_key, egress_secret)).value());
    opts.agent_dispatch = dispatch_;
    service_ = std::make_shared<StudyGroupService>(store_, rooms_, opts);
    auto receiver =
        std::make_shared<const WebhookReceiver>(server_->api_key(), server_->api_secret());
    api_ = std::make_shared<const StudyGroupApi>(service_, receiver);
    rest_ = std::make_unique<RestHandler>(api_, nullptr);
  }
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(LiveKitServerTest::SetUp());
    MakeService(server_->http_url(), server_->api_key(), server_->api_secret());
  }

  // A LiveKit group owned by kOwner with kMember in it, its room live (kOwner's token made it).
  StudyGroup LiveGroup(bool consent, const std::string& agent = "") {
    CreateGroupRequest r;
    r.title = "Recorded study";
    r.recording_consent = consent;
    if (!agent.empty()) r.transcription_agent = agent;
    StudyGroup g = service_->CreateGroup(kOwner, r).value();
    EXPECT_TRUE(service_->JoinGroup(kMember, g.id).ok());
    auto token = service_->IssueToken(kOwner, *g.livekit_room_name, "Owner");
    EXPECT_TRUE(token.ok()) << token.status().ToString();
    return store_->GetGroup(g.id).value();
  }

  RestResponse Rest(const std::string& method, const std::string& path, const Principal& who) {
    RestRequest req;
    req.method = method;
    req.path = path;
    return rest_->HandleAs(req, who);
  }

  // Delivers `body` to the REST webhook route, signed as livekit-server signs it.
  RestResponse Deliver(const std::string& body) {
    TokenSigner signer(server_->api_key(), server_->api_secret());
    RestRequest req;
    req.method = "POST";
    req.path = "/api/livekit/webhook";
    req.body = body;
    req.headers.emplace_back("Authorization", SignWebhook(signer, body).value());
    return rest_->Handle(req);
  }

  std::string RoomMetadata(const std::string& room) {
    auto rooms = rooms_->ListRooms({room});
    EXPECT_TRUE(rooms.ok()) << rooms.status().ToString();
    return rooms.ok() && !rooms->empty() ? rooms->front().metadata : std::string("<no room>");
  }
  // The room's metadata once it contains `text` (bounded wait): livekit-server v1.13.5 answers
  // UpdateRoomMetadata with the new value but may list the old one for a moment after.
  std::string RoomMetadataWith(const std::string& room, const std::string& text) {
    std::string m;
    for (int i = 0; i < 50; ++i) {
      m = RoomMetadata(room);
      if (m.find(text) != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return m;
  }

  // The room's dispatches of agent "transcriber" (the server also lists the room's default
  // dispatch, agent_name "").
  std::vector<AgentDispatch> Transcribers(const std::string& room) {
    auto all = dispatch_->ListDispatch(room);
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    std::vector<AgentDispatch> out;
    if (all.ok()) {
      for (const AgentDispatch& d : *all)
        if (d.agent_name == "transcriber") out.push_back(d);
    }
    return out;
  }

  std::shared_ptr<const RoomServiceClient> rooms_;
  std::shared_ptr<const AgentDispatchClient> dispatch_;
  std::shared_ptr<StudyGroupStore> store_;
  std::shared_ptr<StudyGroupService> service_;
  std::shared_ptr<const StudyGroupApi> api_;
  std::unique_ptr<RestHandler> rest_;
};

TEST_F(RecordingTest, WithoutAnEgressWorkerTheAnswerIs503RecordingUnavailable) {
  StudyGroup g = LiveGroup(/*consent=*/true);
  const std::string path = "/api/study-groups/" + std::to_string(g.id) + "/recording";
  const auto t0 = std::chrono::steady_clock::now();
  RestResponse r = Rest("POST", path, kOwner);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  std::cout << "livekit-server v1.13.5 POST .../recording without an egress worker: " << r.status
            << " after " << ms << " ms: " << r.body << "\n";
  EXPECT_EQ(r.status, 503) << r.body;
  rapidjson::Document d = Parse(r.body);
  EXPECT_STREQ(d["error"]["code"].GetString(), "recording_unavailable") << r.body;
  EXPECT_STREQ(d["error"]["status"].GetString(), "unavailable");
  // Nothing recorded, nothing announced.
  EXPECT_TRUE(store_->ListRecordings(g.id)->empty());
  EXPECT_EQ(RoomMetadata(*g.livekit_room_name).find("recording"), std::string::npos);

  // Stopping: nothing runs.
  RestResponse stop = Rest("DELETE", path, kOwner);
  EXPECT_EQ(stop.status, 409) << stop.body;
  EXPECT_NE(stop.body.find("not_recording"), std::string::npos) << stop.body;
}

TEST_F(RecordingTest, RefusedWithoutConsentAndForMembers) {
  StudyGroup g = LiveGroup(/*consent=*/false);
  const std::string path = "/api/study-groups/" + std::to_string(g.id) + "/recording";
  RestResponse r = Rest("POST", path, kOwner);
  EXPECT_EQ(r.status, 409) << r.body;
  rapidjson::Document d = Parse(r.body);
  EXPECT_STREQ(d["error"]["code"].GetString(), "recording_not_consented") << r.body;
  EXPECT_NE(std::string(d["error"]["message"].GetString()).find("recordingConsent"),
            std::string::npos);

  StudyGroup consented = LiveGroup(/*consent=*/true);
  RestResponse member =
      Rest("POST", "/api/study-groups/" + std::to_string(consented.id) + "/recording", kMember);
  EXPECT_EQ(member.status, 403) << member.body;
  EXPECT_NE(member.body.find("not_a_moderator"), std::string::npos) << member.body;
  RestResponse outsider =
      Rest("GET", "/api/study-groups/" + std::to_string(consented.id) + "/recordings",
           Principal{"99", "", "", ""});
  EXPECT_EQ(outsider.status, 403) << outsider.body;

  // The group JSON shows the settings.
  RestResponse shown = Rest("GET", "/api/study-groups/" + std::to_string(g.id), kMember);
  ASSERT_EQ(shown.status, 200) << shown.body;
  rapidjson::Document sd = Parse(shown.body);
  EXPECT_FALSE(sd["data"]["recordingConsent"].GetBool());
  EXPECT_FALSE(sd["data"]["e2ee"].GetBool());
  EXPECT_TRUE(sd["data"]["transcriptionAgent"].IsNull());
}

TEST_F(RecordingTest, EgressWebhooksRecordTheLifecycleAndAnnounceIt) {
  StudyGroup g = LiveGroup(/*consent=*/true);
  const std::string room = *g.livekit_room_name;
  const std::string sid = g.livekit_room_sid.value_or("");
  ASSERT_FALSE(sid.empty());
  ASSERT_TRUE(rooms_->UpdateRoomMetadata(room, R"({"topic":"John 3"})").ok());
  // The service merges into what ListRooms shows: wait until it shows the update (the server may
  // list the old value for a moment; a merge then would lose it — docs/recording.md).
  ASSERT_NE(RoomMetadataWith(room, "John 3").find("John 3"), std::string::npos);

  const std::string info = R"("egressId":"EG_lifecycle","roomId":")" + sid + R"(","roomName":")" +
                           room + R"(","startedAt":"1760554801000000000")";
  RestResponse started =
      Deliver(R"({"event":"egress_started","id":"EV_eg_1","createdAt":"1760554801",)"
              R"("egressInfo":{)" +
              info + R"(,"status":"EGRESS_ACTIVE"}})");
  ASSERT_EQ(started.status, 200) << started.body;
  auto active = store_->GetRecording("EG_lifecycle");
  ASSERT_TRUE(active.ok()) << active.status().ToString();
  EXPECT_EQ(active->group_id, g.id);
  EXPECT_EQ(active->room_sid, sid);
  EXPECT_EQ(active->status, RecordingStatus::kActive);
  EXPECT_EQ(active->started_at_ms, 1760554801000);
  rapidjson::Document on = Parse(RoomMetadataWith(room, "\"recording\":true"));
  ASSERT_TRUE(on.IsObject());
  ASSERT_TRUE(on.HasMember("recording") && on.HasMember("topic")) << RoomMetadata(room);
  EXPECT_TRUE(on["recording"].GetBool());
  EXPECT_STREQ(on["topic"].GetString(), "John 3");  // the other keys stay

  // Stopping while LiveKit has no egress service: 503 recording_unavailable, nothing changed.
  RestResponse stop =
      Rest("DELETE", "/api/study-groups/" + std::to_string(g.id) + "/recording", kOwner);
  EXPECT_EQ(stop.status, 503) << stop.body;
  EXPECT_NE(stop.body.find("recording_unavailable"), std::string::npos) << stop.body;

  RestResponse ended = Deliver(
      R"({"event":"egress_ended","id":"EV_eg_2","createdAt":"1760558401","egressInfo":{)" + info +
      R"(,"status":"EGRESS_COMPLETE","endedAt":"1760558401000000000","fileResults":[)"
      R"({"filename":"study-groups/1/r.mp4","duration":"3600000000000","size":"1048576",)"
      R"("location":"s3://bucket/study-groups/1/r.mp4"}]}})");
  ASSERT_EQ(ended.status, 200) << ended.body;
  // A late egress_updated (deliveries race) does not step back from the final status.
  ASSERT_EQ(Deliver(R"({"event":"egress_updated","id":"EV_eg_3","createdAt":"1760554802",)"
                    R"("egressInfo":{)" +
                    info + R"(,"status":"EGRESS_ACTIVE"}})")
                .status,
            200);
  auto done = store_->GetRecording("EG_lifecycle");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->status, RecordingStatus::kComplete);
  EXPECT_EQ(done->location, std::optional<std::string>("s3://bucket/study-groups/1/r.mp4"));
  EXPECT_EQ(done->duration_ms, 3600000);
  EXPECT_EQ(done->ended_at_ms, std::optional<int64_t>(1760558401000));
  rapidjson::Document off = Parse(RoomMetadataWith(room, "\"recording\":false"));
  ASSERT_TRUE(off.HasMember("recording") && off.HasMember("topic")) << RoomMetadata(room);
  EXPECT_FALSE(off["recording"].GetBool());
  EXPECT_STREQ(off["topic"].GetString(), "John 3");

  // GET .../recordings lists it for members.
  RestResponse listed =
      Rest("GET", "/api/study-groups/" + std::to_string(g.id) + "/recordings", kMember);
  ASSERT_EQ(listed.status, 200) << listed.body;
  rapidjson::Document l = Parse(listed.body);
  ASSERT_EQ(l["data"]["recordings"].Size(), 1u) << listed.body;
  const auto& rec = l["data"]["recordings"][0];
  EXPECT_STREQ(rec["egressId"].GetString(), "EG_lifecycle");
  EXPECT_STREQ(rec["status"].GetString(), "complete");
  EXPECT_STREQ(rec["roomSid"].GetString(), sid.c_str());
  EXPECT_EQ(rec["durationMs"].GetInt64(), 3600000);
  EXPECT_EQ(l["data"]["total"].GetInt(), 1);
}

TEST_F(RecordingTest, TheTranscriptionAgentIsDispatchedOncePerSession) {
  StudyGroup g = LiveGroup(/*consent=*/false, "transcriber");
  const std::string room = *g.livekit_room_name;
  // More tokens (the live-room cache is off, so each asks LiveKit again) and a room_started
  // webhook for the same session: still one dispatch.
  ASSERT_TRUE(service_->IssueToken(kMember, room, "Member").ok());
  ASSERT_TRUE(service_->IssueToken(kOwner, room, "Owner").ok());
  RestResponse hook = Deliver(R"({"event":"room_started","id":"EV_rs_1","room":{"sid":")" +
                              g.livekit_room_sid.value_or("") + R"(","name":")" + room + R"("}})");
  ASSERT_EQ(hook.status, 200) << hook.body;
  auto listed = Transcribers(room);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed.front().room, room);
  EXPECT_EQ(listed.front().metadata, "{\"groupId\":" + std::to_string(g.id) + "}");
  EXPECT_TRUE(listed.front().jobs.empty());  // no agent worker

  // Another process (a fresh service over the same store) does not dispatch it again either.
  StudyGroupServiceOptions opts;
  opts.livekit_url = server_->ws_url();
  opts.api_key = server_->api_key();
  opts.api_secret = server_->api_secret();
  opts.agent_dispatch = dispatch_;
  StudyGroupService other(store_, rooms_, opts);
  ASSERT_TRUE(other.IssueToken(kMember, room, "Member").ok());
  EXPECT_EQ(Transcribers(room).size(), 1u);

  // A group without an agent gets none.
  StudyGroup plain = LiveGroup(/*consent=*/false);
  EXPECT_TRUE(Transcribers(*plain.livekit_room_name).empty());
}

// LiveKit's test-server answers StartRoomCompositeEgress with a populated EgressInfo: the
// service stores it and announces the recording in the real room's metadata.
TEST_F(RecordingTest, AStartedRecordingIsStoredAndAnnounced) {
  constexpr const char* kKey = "APItestserver";
  constexpr const char* kSecret = "recording-secret-recording-0000";
  std::string error;
  std::unique_ptr<LiveKitTestServer> mock = LiveKitTestServer::Start(1, kSecret, &error);
  ASSERT_NE(mock, nullptr) << error;
  MakeService(mock->url(), kKey, kSecret);
  StudyGroup g = LiveGroup(/*consent=*/true);
  RestResponse r = Rest("POST", "/api/study-groups/" + std::to_string(g.id) + "/recording", kOwner);
  ASSERT_EQ(r.status, 201) << r.body;
  rapidjson::Document d = Parse(r.body);
  EXPECT_STREQ(d["data"]["egressId"].GetString(), "MOCK_EGRESS_ID") << r.body;
  EXPECT_STREQ(d["data"]["startedBy"].GetString(), "1");
  EXPECT_EQ(d["data"]["groupId"].GetInt64(), g.id);
  auto stored = store_->GetRecording("MOCK_EGRESS_ID");
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->room_sid, g.livekit_room_sid.value_or(""));
  rapidjson::Document on = Parse(RoomMetadataWith(*g.livekit_room_name, "\"recording\":true"));
  ASSERT_TRUE(on.IsObject() && on.HasMember("recording")) << RoomMetadata(*g.livekit_room_name);
  EXPECT_TRUE(on["recording"].GetBool());

  // A second start while it runs is refused.
  RestResponse again =
      Rest("POST", "/api/study-groups/" + std::to_string(g.id) + "/recording", kOwner);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(again.body.find("already_recording"), std::string::npos) << again.body;

  RestResponse stop =
      Rest("DELETE", "/api/study-groups/" + std::to_string(g.id) + "/recording", kOwner);
  ASSERT_EQ(stop.status, 200) << stop.body;
  rapidjson::Document off = Parse(RoomMetadataWith(*g.livekit_room_name, "\"recording\":false"));
  ASSERT_TRUE(off.IsObject() && off.HasMember("recording")) << RoomMetadata(*g.livekit_room_name);
  EXPECT_FALSE(off["recording"].GetBool());
}

}  // namespace
}  // namespace lks
