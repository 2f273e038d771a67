// Models parse both JSON styles of the LiveKit server family (design.md §3).
#include <gtest/gtest.h>

#include "lks/livekit/models.h"

namespace lks {
namespace {

// As the real livekit-server answers: snake_case, every default present, int64 as strings.
constexpr const char* kSnakeParticipant = R"({
  "sid":"PA_abc","identity":"user_15","state":"ACTIVE",
  "tracks":[{"sid":"TR_1","type":"AUDIO","name":"mic","muted":false,"width":0,"height":0,
             "simulcast":false,"disable_dtx":false,"source":"MICROPHONE","layers":[],
             "mime_type":"audio/opus","mid":"0","codecs":[],"stereo":false,"disable_red":false,
             "encryption":"NONE","stream":"","version":null,"audio_features":[]}],
  "metadata":"{\"userId\":15}","joined_at":"1795792407","joined_at_ms":"1795792407123",
  "name":"John","version":3,
  "permission":{"can_subscribe":true,"can_publish":true,"can_publish_data":false,
                "can_publish_sources":["CAMERA","MICROPHONE"],"hidden":false,"recorder":false,
                "can_update_metadata":true,"agent":false,"can_subscribe_metrics":false,
                "can_manage_agent_session":false},
  "region":"","is_publisher":true,"kind":"STANDARD","attributes":{"role":"owner"},
  "disconnect_reason":"UNKNOWN_REASON","kind_details":[],"data_tracks":[],"client_protocol":1,
  "some_future_field":{"x":1}})";

// As webhooks and the test-server send it: camelCase, defaults omitted, enums as names.
constexpr const char* kCamelParticipant = R"({
  "sid":"PA_abc","identity":"user_15","state":"JOINED","joinedAt":"1795792407",
  "permission":{"canSubscribe":true,"canPublishSources":[1]},"kind":"AGENT",
  "tracks":[{"sid":"TR_2","type":"VIDEO","width":640,"height":480,"source":"CAMERA","mimeType":"video/VP8"}],
  "isPublisher":true,"disconnectReason":"ROOM_DELETED"})";

TEST(RoomServiceModelsTest, ParsesSnakeCaseWithDefaultsAsTheRealServerSends) {
  auto p = ParticipantInfoFromJson(kSnakeParticipant);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->sid, "PA_abc");
  EXPECT_EQ(p->identity, "user_15");
  EXPECT_EQ(p->state, ParticipantState::kActive);
  EXPECT_EQ(p->metadata, "{\"userId\":15}");
  EXPECT_EQ(p->joined_at, 1795792407);
  EXPECT_EQ(p->joined_at_ms, 1795792407123);
  EXPECT_EQ(p->version, 3u);
  EXPECT_TRUE(p->is_publisher);
  EXPECT_EQ(p->attributes.at("role"), "owner");
  ASSERT_TRUE(p->permission.has_value());
  EXPECT_TRUE(p->permission->can_publish);
  EXPECT_FALSE(p->permission->can_publish_data);
  EXPECT_TRUE(p->permission->can_update_metadata);
  EXPECT_EQ(p->permission->can_publish_sources,
            (std::vector<TrackSource>{TrackSource::kCamera, TrackSource::kMicrophone}));
  ASSERT_EQ(p->tracks.size(), 1u);
  EXPECT_EQ(p->tracks[0].type, TrackType::kAudio);
  EXPECT_EQ(p->tracks[0].source, TrackSource::kMicrophone);
  EXPECT_EQ(p->tracks[0].mime_type, "audio/opus");
  EXPECT_NE(p->raw_json.find("some_future_field"), std::string::npos);  // raw JSON kept whole
}

TEST(RoomServiceModelsTest, ParsesCamelCaseWithoutDefaults) {
  auto p = ParticipantInfoFromJson(kCamelParticipant);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->state, ParticipantState::kJoined);
  EXPECT_EQ(p->joined_at, 1795792407);
  EXPECT_EQ(p->kind, ParticipantKind::kAgent);
  EXPECT_EQ(p->disconnect_reason, 5);
  EXPECT_EQ(DisconnectReasonName(p->disconnect_reason), "ROOM_DELETED");
  EXPECT_TRUE(p->is_publisher);
  ASSERT_TRUE(p->permission.has_value());
  EXPECT_TRUE(p->permission->can_subscribe);
  EXPECT_FALSE(p->permission->can_publish);
  EXPECT_EQ(p->permission->can_publish_sources, std::vector<TrackSource>{TrackSource::kCamera});
  ASSERT_EQ(p->tracks.size(), 1u);
  EXPECT_EQ(p->tracks[0].type, TrackType::kVideo);
  EXPECT_EQ(p->tracks[0].width, 640u);
  EXPECT_EQ(p->tracks[0].mime_type, "video/VP8");
  EXPECT_FALSE(p->tracks[0].muted);
}

TEST(RoomServiceModelsTest, RoomInBothStyles) {
  auto snake = RoomFromJson(
      R"({"sid":"RM_1","name":"r","empty_timeout":60,"departure_timeout":5,"max_participants":2,)"
      R"("creation_time":"1795792407","creation_time_ms":"1795792407994","turn_password":"x",)"
      R"("enabled_codecs":[{"mime":"audio/opus","fmtp_line":""}],"metadata":"m","num_participants":1,)"
      R"("num_publishers":0,"active_recording":false,"version":null})");
  ASSERT_TRUE(snake.ok()) << snake.status().ToString();
  EXPECT_EQ(snake->max_participants, 2u);
  EXPECT_EQ(snake->creation_time, 1795792407);
  EXPECT_EQ(snake->creation_time_ms, 1795792407994);
  EXPECT_EQ(snake->num_participants, 1u);
  EXPECT_EQ(snake->metadata, "m");

  // The design.md §4 webhook room.
  auto camel = RoomFromJson(
      R"({"sid":"RM_TkVjUvAqgzKz", "name":"mytestroom", "emptyTimeout":300, "creationTime":"1628545903",)"
      R"( "turnPassword":"x", "enabledCodecs":[{"mime":"audio/opus"}, {"mime":"video/VP8"}]})");
  ASSERT_TRUE(camel.ok()) << camel.status().ToString();
  EXPECT_EQ(camel->name, "mytestroom");
  EXPECT_EQ(camel->empty_timeout, 300u);
  EXPECT_EQ(camel->creation_time, 1628545903);
  EXPECT_EQ(camel->max_participants, 0u);
}

TEST(RoomServiceModelsTest, WrongTypesNameTheField) {
  auto r = RoomFromJson(R"({"name":"r","maxParticipants":"many"})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("maxParticipants"), std::string::npos)
      << r.status().message();

  auto p = ParticipantInfoFromJson(R"({"tracks":[{"sid":5}]})");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("tracks[0].sid"), std::string::npos) << p.status().message();

  EXPECT_FALSE(RoomFromJson("[1,2]").ok());
  EXPECT_FALSE(RoomFromJson("{\"name\":").ok());
}

TEST(RoomServiceModelsTest, UnknownEnumValuesAreTolerated) {
  auto t = TrackInfoFromJson(R"({"sid":"TR","type":"HOLOGRAM","source":9})");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(static_cast<int>(t->source), 9);
  EXPECT_EQ(TrackSourceName(t->source), "9");
}

TEST(RoomServiceModelsTest, PermissionRoundTrips) {
  ParticipantPermission perm;
  perm.can_subscribe = true;
  perm.can_publish_sources = {TrackSource::kScreenShare};
  perm.can_update_metadata = true;
  auto back = ParticipantPermissionFromJson(ParticipantPermissionToJson(perm));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, perm);
}

}  // namespace
}  // namespace lks

#include "livekit/models_json.h"

namespace lks {
namespace {

TEST(RoomServiceModelsTest, ArrayElementSpansAreTheServersExactBytes) {
  const std::string body =
      R"( {"other":{"rooms":[9]}, "rooms" : [ {"name":"a","x":"]}\"{"} , {"name":"b","n":[1,{"y":2}]},3 ], "z":1} )";
  std::vector<std::string_view> spans;
  ASSERT_TRUE(internal::TopLevelArrayElementSpans(body, "rooms", &spans));
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0], R"({"name":"a","x":"]}\"{"})");
  EXPECT_EQ(spans[1], R"({"name":"b","n":[1,{"y":2}]})");
  EXPECT_EQ(spans[2], "3");
  EXPECT_FALSE(internal::TopLevelArrayElementSpans(body, "z", &spans));
  EXPECT_FALSE(internal::TopLevelArrayElementSpans(body, "missing", &spans));
  EXPECT_TRUE(internal::TopLevelArrayElementSpans(R"({"rooms":[]})", "rooms", &spans));
  EXPECT_TRUE(spans.empty());
  EXPECT_EQ(internal::TrimJson(" \n{}\t"), "{}");
}

}  // namespace
}  // namespace lks
