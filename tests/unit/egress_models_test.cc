// The Egress models: EgressInfo read from both JSON styles of the server family, and the
// Start*Egress requests written as camelCase protojson with zero values left out.
#include "lks/livekit/egress_models.h"

#include <gtest/gtest.h>

#include "core/json_fields.h"
#include "core/json_reader.h"
#include "livekit/egress_json.h"

namespace lks {
namespace {

// As livekit-server answers: snake_case, defaults present, int64 as strings.
constexpr const char* kSnake = R"({"egress_id":"EG_1","room_id":"RM_1","room_name":"study_1",
  "source_type":"EGRESS_SOURCE_TYPE_SDK","status":"EGRESS_COMPLETE","started_at":"1796315347811924933",
  "ended_at":"1796315407811924933","updated_at":"0",
  "room_composite":{"room_name":"study_1","layout":"grid"},
  "stream_results":[{"url":"rtmp://h/x","started_at":"5","status":"FINISHED","error":""}],
  "file_results":[{"filename":"a.mp4","started_at":"1","ended_at":"2","duration":"60000000000",
                   "size":"1048576","location":"s3://b/a.mp4"}],
  "segment_results":[{"playlist_name":"p.m3u8","segment_count":"10","playlist_location":"s3://b/p"}],
  "image_results":[],"error":"","error_code":0,"details":"","manifest_location":"m.json",
  "backup_storage_used":false,"retry_count":0,"future_field":{"x":1}})";

// As webhooks and LiveKit's test-server send it: camelCase, defaults omitted, enums as numbers.
constexpr const char* kCamel = R"({"egressId":"EG_2","roomName":"r","status":4,
  "error":"boom","errorCode":500,"fileResults":[{"filename":"b.ogg","size":"7"}]})";

TEST(EgressModels, ReadsTheRealServersSnakeCase) {
  auto info = EgressInfoFromJson(kSnake);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->egress_id, "EG_1");
  EXPECT_EQ(info->room_id, "RM_1");
  EXPECT_EQ(info->room_name, "study_1");
  EXPECT_EQ(info->source_type, EgressSourceType::kSdk);
  EXPECT_EQ(info->status, EgressStatus::kComplete);
  EXPECT_EQ(info->started_at, 1796315347811924933);
  ASSERT_EQ(info->file_results.size(), 1u);
  EXPECT_EQ(info->file_results[0].duration, 60000000000);
  EXPECT_EQ(info->file_results[0].size, 1048576);
  EXPECT_EQ(info->file_results[0].location, "s3://b/a.mp4");
  ASSERT_EQ(info->stream_results.size(), 1u);
  EXPECT_EQ(info->stream_results[0].status, StreamInfoStatus::kFinished);
  ASSERT_EQ(info->segment_results.size(), 1u);
  EXPECT_EQ(info->segment_results[0].segment_count, 10);
  EXPECT_EQ(info->manifest_location, "m.json");
  EXPECT_NE(info->raw_json.find("room_composite"), std::string::npos);  // kept as sent
  EXPECT_EQ(EgressStatusName(info->status), "EGRESS_COMPLETE");
}

TEST(EgressModels, ReadsCamelCaseWithEnumNumbers) {
  auto info = EgressInfoFromJson(kCamel);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->status, EgressStatus::kFailed);
  EXPECT_EQ(info->error_code, 500);
  ASSERT_EQ(info->file_results.size(), 1u);
  EXPECT_EQ(info->file_results[0].size, 7);
}

TEST(EgressModels, AWrongTypeNamesTheField) {
  auto info = EgressInfoFromJson(R"({"fileResults":[{"size":true}]})");
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.status().message().find("egress.fileResults[0].size"), std::string::npos)
      << info.status().message();
  EXPECT_EQ(EgressStatusName(static_cast<EgressStatus>(42)), "42");
}

std::string Write(const internal::ModelDesc& desc, const void* request) {
  std::string out;
  internal::JsonWriter w(&out);
  internal::WriteJsonFields(w, desc, request);
  return out;
}

TEST(EgressModels, WritesRequestsWithoutZeroValues) {
  RoomCompositeEgressRequest r;
  r.room_name = "study_1";
  r.layout = "speaker";
  r.preset = EncodingOptionsPreset::kH264_1080p30;
  EncodedFileOutput f;
  f.file_type = EncodedFileType::kMp4;
  f.filepath = "rec/{room_name}.mp4";
  f.s3 = S3Upload{};
  f.s3->bucket = "b";
  f.s3->region = "eu-west-1";
  r.file_outputs.push_back(f);
  StreamOutput s;
  s.protocol = StreamProtocol::kRtmp;
  s.urls = {"rtmp://a/x", "rtmp://b/y"};
  r.stream_outputs.push_back(s);
  EXPECT_EQ(Write(internal::kRoomCompositeEgressRequestModel, &r),
            R"({"roomName":"study_1","layout":"speaker","preset":"H264_1080P_30",)"
            R"("fileOutputs":[{"fileType":"MP4","filepath":"rec/{room_name}.mp4",)"
            R"("s3":{"region":"eu-west-1","bucket":"b"}}],)"
            R"("streamOutputs":[{"protocol":"RTMP","urls":["rtmp://a/x","rtmp://b/y"]}]})");

  TrackEgressRequest t;
  t.room_name = "r";
  t.track_id = "TR_1";
  t.websocket_url = "wss://h/ws";
  EXPECT_EQ(Write(internal::kTrackEgressRequestModel, &t),
            R"({"roomName":"r","trackId":"TR_1","websocketUrl":"wss://h/ws"})");
}

TEST(EgressModels, StringListsReadBackAndRefuseOtherElements) {
  rapidjson::Document doc;
  ASSERT_TRUE(internal::ParseJson(R"({"egressId":"x"})", &doc, "x").ok());
  ListEgressRequest list;
  ASSERT_TRUE(internal::ReadJsonFields(doc, internal::kListEgressRequestModel, &list, "").ok());
  EXPECT_EQ(list.egress_id, "x");
  // A repeated string of a model: the request's own description reads what it writes.
  RoomCompositeEgressRequest r;
  ASSERT_TRUE(internal::ParseJson(R"({"streamOutputs":[{"urls":["a","b"]}]})", &doc, "x").ok());
  ASSERT_TRUE(
      internal::ReadJsonFields(doc, internal::kRoomCompositeEgressRequestModel, &r, "").ok());
  ASSERT_EQ(r.stream_outputs.size(), 1u);
  EXPECT_EQ(r.stream_outputs[0].urls, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(internal::ParseJson(R"({"streamOutputs":[{"urls":["a",1]}]})", &doc, "x").ok());
  Status bad = internal::ReadJsonFields(doc, internal::kRoomCompositeEgressRequestModel, &r, "");
  EXPECT_NE(bad.message().find("streamOutputs[0].urls: expected an array of strings"),
            std::string::npos)
      << bad.message();
}

}  // namespace
}  // namespace lks
