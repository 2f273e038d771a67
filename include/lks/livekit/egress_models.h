// Typed models of LiveKit's Egress API (livekit_egress.proto): the outputs a recording or stream
// writes to (file, stream, segments; each upload target), the Start*Egress requests and the
// EgressInfo the server answers with.
//
// Requests are written as camelCase protojson with zero values left out. EgressInfo is read from
// both JSON styles of the server family (snake_case with defaults and int64 as strings from the
// real server, camelCase without defaults from LiveKit's test-server and webhooks); enums may be
// names or numbers, unknown fields and values are tolerated, and the raw JSON is kept.
//
// Not modelled (send them through EgressClient::CallJson): image outputs, webhooks per request,
// EncodingOptions.keyFrameInterval, the unified StartEgress of newer servers.
//
// Thread-safety: plain values.
#ifndef LKS_LIVEKIT_EGRESS_MODELS_H_
#define LKS_LIVEKIT_EGRESS_MODELS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lks/core/status.h"

namespace lks {

enum class EgressStatus : int {
  kStarting = 0,
  kActive = 1,
  kEnding = 2,
  kComplete = 3,
  kFailed = 4,
  kAborted = 5,
  kLimitReached = 6,
};
enum class EgressSourceType : int { kWeb = 0, kSdk = 1 };
enum class EncodedFileType : int { kDefault = 0, kMp4 = 1, kOgg = 2, kMp3 = 3 };
enum class StreamProtocol : int { kDefault = 0, kRtmp = 1, kSrt = 2, kWebsocket = 3 };
enum class SegmentedFileProtocol : int { kDefault = 0, kHls = 1 };
enum class SegmentedFileSuffix : int { kIndex = 0, kTimestamp = 1 };
enum class EncodingOptionsPreset : int {
  kH264_720p30 = 0,
  kH264_720p60 = 1,
  kH264_1080p30 = 2,
  kH264_1080p60 = 3,
  kPortraitH264_720p30 = 4,
  kPortraitH264_720p60 = 5,
  kPortraitH264_1080p30 = 6,
  kPortraitH264_1080p60 = 7,
};
enum class AudioCodec : int { kDefault = 0, kOpus = 1, kAac = 2, kMp3 = 3 };
enum class VideoCodec : int {
  kDefault = 0,
  kH264Baseline = 1,
  kH264Main = 2,
  kH264High = 3,
  kVp8 = 4,
};
enum class AudioMixing : int { kDefault = 0, kDualChannelAgent = 1, kDualChannelAlternate = 2 };
enum class StreamInfoStatus : int { kActive = 0, kFinished = 1, kFailed = 2 };

// "EGRESS_COMPLETE", ...; an unknown value gives its number as text.
std::string EgressStatusName(EgressStatus v);

// Upload targets (credentials are sent to the server, never logged by lkstudy).
struct S3Upload {
  std::string access_key;
  std::string secret;
  std::string session_token;
  std::string region;
  std::string endpoint;
  std::string bucket;
  bool force_path_style = false;
  std::map<std::string, std::string> metadata;
  std::string tagging;
  std::string content_disposition;
};
struct GcpUpload {
  std::string credentials;  // the service account's credentials.json
  std::string bucket;
};
struct AzureBlobUpload {
  std::string account_name;
  std::string account_key;
  std::string container_name;
};
struct AliOssUpload {
  std::string access_key;
  std::string secret;
  std::string region;
  std::string endpoint;
  std::string bucket;
};

// At most one upload target per output; none: the egress worker's configured storage.
struct EncodedFileOutput {
  EncodedFileType file_type = EncodedFileType::kDefault;
  std::string filepath;  // templates such as {room_name}-{time} allowed
  bool disable_manifest = false;
  std::optional<S3Upload> s3;
  std::optional<GcpUpload> gcp;
  std::optional<AzureBlobUpload> azure;
  std::optional<AliOssUpload> ali_oss;
};
struct StreamOutput {
  StreamProtocol protocol = StreamProtocol::kDefault;
  std::vector<std::string> urls;  // required: rtmp(s)://, srt://, ws(s)://
};
struct SegmentedFileOutput {
  SegmentedFileProtocol protocol = SegmentedFileProtocol::kDefault;
  std::string filename_prefix;
  std::string playlist_name;
  std::string live_playlist_name;
  uint32_t segment_duration = 0;  // seconds; 0: the worker's default
  SegmentedFileSuffix filename_suffix = SegmentedFileSuffix::kIndex;
  bool disable_manifest = false;
  std::optional<S3Upload> s3;
  std::optional<GcpUpload> gcp;
  std::optional<AzureBlobUpload> azure;
  std::optional<AliOssUpload> ali_oss;
};
// A track written as is (TrackEgress).
struct DirectFileOutput {
  std::string filepath;
  bool disable_manifest = false;
  std::optional<S3Upload> s3;
  std::optional<GcpUpload> gcp;
  std::optional<AzureBlobUpload> azure;
  std::optional<AliOssUpload> ali_oss;
};

// Advanced encoding; 0 / default values: the worker's defaults.
struct EncodingOptions {
  int32_t width = 0;
  int32_t height = 0;
  int32_t depth = 0;
  int32_t framerate = 0;
  AudioCodec audio_codec = AudioCodec::kDefault;
  int32_t audio_bitrate = 0;    // kbps
  int32_t audio_frequency = 0;  // Hz
  VideoCodec video_codec = VideoCodec::kDefault;
  int32_t video_bitrate = 0;  // kbps
};

// Every Start*Egress request takes at least one output in these lists (TrackEgress: its own).
// `preset` and `advanced` are exclusive; neither: H264_720P_30.
struct RoomCompositeEgressRequest {
  std::string room_name;  // required
  std::string layout;     // "grid", "speaker", "single-speaker", ... ; empty: grid
  bool audio_only = false;
  bool video_only = false;
  AudioMixing audio_mixing = AudioMixing::kDefault;
  std::string custom_base_url;
  std::optional<EncodingOptionsPreset> preset;
  std::optional<EncodingOptions> advanced;
  std::vector<EncodedFileOutput> file_outputs;
  std::vector<StreamOutput> stream_outputs;
  std::vector<SegmentedFileOutput> segment_outputs;
};
struct WebEgressRequest {
  std::string url;  // required: the page to record
  bool audio_only = false;
  bool video_only = false;
  bool await_start_signal = false;
  std::optional<EncodingOptionsPreset> preset;
  std::optional<EncodingOptions> advanced;
  std::vector<EncodedFileOutput> file_outputs;
  std::vector<StreamOutput> stream_outputs;
  std::vector<SegmentedFileOutput> segment_outputs;
};
struct ParticipantEgressRequest {
  std::string room_name;  // required
  std::string identity;   // required
  bool screen_share = false;
  std::optional<EncodingOptionsPreset> preset;
  std::optional<EncodingOptions> advanced;
  std::vector<EncodedFileOutput> file_outputs;
  std::vector<StreamOutput> stream_outputs;
  std::vector<SegmentedFileOutput> segment_outputs;
};
struct TrackCompositeEgressRequest {
  std::string room_name;  // required
  std::string audio_track_id;
  std::string video_track_id;  // at least one of the two
  std::optional<EncodingOptionsPreset> preset;
  std::optional<EncodingOptions> advanced;
  std::vector<EncodedFileOutput> file_outputs;
  std::vector<StreamOutput> stream_outputs;
  std::vector<SegmentedFileOutput> segment_outputs;
};
struct TrackEgressRequest {
  std::string room_name;  // required
  std::string track_id;   // required
  std::optional<DirectFileOutput> file;
  std::string websocket_url;  // exactly one of file and websocket_url
};

struct ListEgressRequest {
  std::string room_name;  // empty: every room
  std::string egress_id;  // empty: every egress
  bool active = false;    // only egresses still running
};

// Results. Times are Unix nanoseconds, durations nanoseconds, sizes bytes.
struct StreamInfo {
  std::string url;
  int64_t started_at = 0;
  int64_t ended_at = 0;
  int64_t duration = 0;
  StreamInfoStatus status = StreamInfoStatus::kActive;
  std::string error;
};
struct FileInfo {
  std::string filename;
  int64_t started_at = 0;
  int64_t ended_at = 0;
  int64_t duration = 0;
  int64_t size = 0;
  std::string location;
};
struct SegmentsInfo {
  std::string playlist_name;
  std::string live_playlist_name;
  int64_t duration = 0;
  int64_t size = 0;
  std::string playlist_location;
  std::string live_playlist_location;
  int64_t segment_count = 0;
  int64_t started_at = 0;
  int64_t ended_at = 0;
};

struct EgressInfo {
  std::string egress_id;
  std::string room_id;
  std::string room_name;
  EgressSourceType source_type = EgressSourceType::kWeb;
  EgressStatus status = EgressStatus::kStarting;
  int64_t started_at = 0;  // Unix nanoseconds
  int64_t ended_at = 0;
  int64_t updated_at = 0;
  std::vector<StreamInfo> stream_results;
  std::vector<FileInfo> file_results;
  std::vector<SegmentsInfo> segment_results;
  std::string error;
  int32_t error_code = 0;
  std::string details;
  std::string manifest_location;
  bool backup_storage_used = false;
  std::string raw_json;  // as the server sent it (the request it echoes included)
};

// Parses an EgressInfo (an answer, a webhook's egressInfo, a stored raw_json). Errors:
// kInvalidArgument naming the field: "egress.status: expected an enum name or number".
StatusOr<EgressInfo> EgressInfoFromJson(std::string_view json);

}  // namespace lks

#endif  // LKS_LIVEKIT_EGRESS_MODELS_H_
