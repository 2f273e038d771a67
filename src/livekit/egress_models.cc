// The Egress models' descriptions (livekit_egress.proto): camelCase first, then the real
// server's snake_case where it differs. Requests are written with zero values left out.
#include "lks/livekit/egress_models.h"

#include "core/json_fields.h"
#include "livekit/egress_json.h"
#include "livekit/enum_names.h"
#include "livekit/models_json.h"

namespace lks {

std::string EgressStatusName(EgressStatus v) {
  return internal::EnumText(internal::kEgressStatusNames, static_cast<int>(v));
}

namespace internal {
namespace {

constexpr uint8_t kO = kOmitEmpty;
constexpr uint8_t kU = kOmitUnset;

constexpr const char* kSourceTypeList[] = {"EGRESS_SOURCE_TYPE_WEB", "EGRESS_SOURCE_TYPE_SDK"};
constexpr const char* kFileTypeList[] = {"DEFAULT_FILETYPE", "MP4", "OGG", "MP3"};
constexpr const char* kStreamProtocolList[] = {"DEFAULT_PROTOCOL", "RTMP", "SRT", "WEBSOCKET"};
constexpr const char* kSegmentProtocolList[] = {"DEFAULT_SEGMENTED_FILE_PROTOCOL", "HLS_PROTOCOL"};
constexpr const char* kSegmentSuffixList[] = {"INDEX", "TIMESTAMP"};
constexpr const char* kPresetList[] = {"H264_720P_30",           "H264_720P_60",
                                       "H264_1080P_30",          "H264_1080P_60",
                                       "PORTRAIT_H264_720P_30",  "PORTRAIT_H264_720P_60",
                                       "PORTRAIT_H264_1080P_30", "PORTRAIT_H264_1080P_60"};
constexpr const char* kAudioCodecList[] = {"DEFAULT_AC", "OPUS", "AAC", "AC_MP3"};
constexpr const char* kVideoCodecList[] = {"DEFAULT_VC", "H264_BASELINE", "H264_MAIN", "H264_HIGH",
                                           "VP8"};
constexpr const char* kAudioMixingList[] = {"DEFAULT_MIXING", "DUAL_CHANNEL_AGENT",
                                            "DUAL_CHANNEL_ALTERNATE"};
constexpr const char* kStreamStatusList[] = {"ACTIVE", "FINISHED", "FAILED"};

constexpr EnumNames kSourceTypeNames{kSourceTypeList};
constexpr EnumNames kFileTypeNames{kFileTypeList};
constexpr EnumNames kStreamProtocolNames{kStreamProtocolList};
constexpr EnumNames kSegmentProtocolNames{kSegmentProtocolList};
constexpr EnumNames kSegmentSuffixNames{kSegmentSuffixList};
constexpr EnumNames kPresetNames{kPresetList};
constexpr EnumNames kAudioCodecNames{kAudioCodecList};
constexpr EnumNames kVideoCodecNames{kVideoCodecList};
constexpr EnumNames kAudioMixingNames{kAudioMixingList};
constexpr EnumNames kStreamStatusNames{kStreamStatusList};

// --- Upload targets and outputs (written only) ---

constexpr FieldDesc kS3Fields[] = {
    Field<&S3Upload::access_key>("accessKey", {}, kO),
    Field<&S3Upload::secret>("secret", {}, kO),
    Field<&S3Upload::session_token>("sessionToken", {}, kO),
    Field<&S3Upload::region>("region", {}, kO),
    Field<&S3Upload::endpoint>("endpoint", {}, kO),
    Field<&S3Upload::bucket>("bucket", {}, kO),
    Field<&S3Upload::force_path_style>("forcePathStyle", {}, kO),
    Field<&S3Upload::metadata>("metadata", {}, kO),
    Field<&S3Upload::tagging>("tagging", {}, kO),
    Field<&S3Upload::content_disposition>("contentDisposition", {}, kO),
};
constexpr ModelDesc kS3Model{kS3Fields};
constexpr FieldDesc kGcpFields[] = {
    Field<&GcpUpload::credentials>("credentials", {}, kO),
    Field<&GcpUpload::bucket>("bucket", {}, kO),
};
constexpr ModelDesc kGcpModel{kGcpFields};
constexpr FieldDesc kAzureFields[] = {
    Field<&AzureBlobUpload::account_name>("accountName", {}, kO),
    Field<&AzureBlobUpload::account_key>("accountKey", {}, kO),
    Field<&AzureBlobUpload::container_name>("containerName", {}, kO),
};
constexpr ModelDesc kAzureModel{kAzureFields};
constexpr FieldDesc kAliOssFields[] = {
    Field<&AliOssUpload::access_key>("accessKey", {}, kO),
    Field<&AliOssUpload::secret>("secret", {}, kO),
    Field<&AliOssUpload::region>("region", {}, kO),
    Field<&AliOssUpload::endpoint>("endpoint", {}, kO),
    Field<&AliOssUpload::bucket>("bucket", {}, kO),
};
constexpr ModelDesc kAliOssModel{kAliOssFields};

// The four upload fields of an output struct T (one line each in its table).
template <typename T>
struct Uploads {
  static constexpr FieldDesc kS3 = Message<&T::s3>("s3", {}, kS3Model, kU);
  static constexpr FieldDesc kGcp = Message<&T::gcp>("gcp", {}, kGcpModel, kU);
  static constexpr FieldDesc kAzure = Message<&T::azure>("azure", {}, kAzureModel, kU);
  static constexpr FieldDesc kAliOss = Message<&T::ali_oss>("aliOSS", {}, kAliOssModel, kU);
};

constexpr FieldDesc kFileOutputFields[] = {
    Enum<&EncodedFileOutput::file_type>("fileType", {}, kFileTypeNames, kO),
    Field<&EncodedFileOutput::filepath>("filepath", {}, kO),
    Field<&EncodedFileOutput::disable_manifest>("disableManifest", {}, kO),
    Uploads<EncodedFileOutput>::kS3,
    Uploads<EncodedFileOutput>::kGcp,
    Uploads<EncodedFileOutput>::kAzure,
    Uploads<EncodedFileOutput>::kAliOss,
};
constexpr ModelDesc kFileOutputModel{kFileOutputFields};
constexpr FieldDesc kStreamOutputFields[] = {
    Enum<&StreamOutput::protocol>("protocol", {}, kStreamProtocolNames, kO),
    Field<&StreamOutput::urls>("urls"),
};
constexpr ModelDesc kStreamOutputModel{kStreamOutputFields};
constexpr FieldDesc kSegmentOutputFields[] = {
    Enum<&SegmentedFileOutput::protocol>("protocol", {}, kSegmentProtocolNames, kO),
    Field<&SegmentedFileOutput::filename_prefix>("filenamePrefix", {}, kO),
    Field<&SegmentedFileOutput::playlist_name>("playlistName", {}, kO),
    Field<&SegmentedFileOutput::live_playlist_name>("livePlaylistName", {}, kO),
    Field<&SegmentedFileOutput::segment_duration>("segmentDuration", {}, kO),
    Enum<&SegmentedFileOutput::filename_suffix>("filenameSuffix", {}, kSegmentSuffixNames, kO),
    Field<&SegmentedFileOutput::disable_manifest>("disableManifest", {}, kO),
    Uploads<SegmentedFileOutput>::kS3,
    Uploads<SegmentedFileOutput>::kGcp,
    Uploads<SegmentedFileOutput>::kAzure,
    Uploads<SegmentedFileOutput>::kAliOss,
};
constexpr ModelDesc kSegmentOutputModel{kSegmentOutputFields};
constexpr FieldDesc kDirectFileOutputFields[] = {
    Field<&DirectFileOutput::filepath>("filepath", {}, kO),
    Field<&DirectFileOutput::disable_manifest>("disableManifest", {}, kO),
    Uploads<DirectFileOutput>::kS3,
    Uploads<DirectFileOutput>::kGcp,
    Uploads<DirectFileOutput>::kAzure,
    Uploads<DirectFileOutput>::kAliOss,
};
constexpr ModelDesc kDirectFileOutputModel{kDirectFileOutputFields};

constexpr FieldDesc kEncodingFields[] = {
    Field<&EncodingOptions::width>("width", {}, kO),
    Field<&EncodingOptions::height>("height", {}, kO),
    Field<&EncodingOptions::depth>("depth", {}, kO),
    Field<&EncodingOptions::framerate>("framerate", {}, kO),
    Enum<&EncodingOptions::audio_codec>("audioCodec", {}, kAudioCodecNames, kO),
    Field<&EncodingOptions::audio_bitrate>("audioBitrate", {}, kO),
    Field<&EncodingOptions::audio_frequency>("audioFrequency", {}, kO),
    Enum<&EncodingOptions::video_codec>("videoCodec", {}, kVideoCodecNames, kO),
    Field<&EncodingOptions::video_bitrate>("videoBitrate", {}, kO),
};
constexpr ModelDesc kEncodingModel{kEncodingFields};

// Encoding and the three output lists of a Start*Egress request T.
template <typename T>
struct Common {
  static constexpr FieldDesc kPreset = Enum<&T::preset>("preset", {}, kPresetNames, kU);
  static constexpr FieldDesc kAdvanced = Message<&T::advanced>("advanced", {}, kEncodingModel, kU);
  static constexpr FieldDesc kFiles =
      Message<&T::file_outputs>("fileOutputs", {}, kFileOutputModel, kO);
  static constexpr FieldDesc kStreams =
      Message<&T::stream_outputs>("streamOutputs", {}, kStreamOutputModel, kO);
  static constexpr FieldDesc kSegments =
      Message<&T::segment_outputs>("segmentOutputs", {}, kSegmentOutputModel, kO);
};

constexpr FieldDesc kRoomCompositeFields[] = {
    Field<&RoomCompositeEgressRequest::room_name>("roomName"),
    Field<&RoomCompositeEgressRequest::layout>("layout", {}, kO),
    Field<&RoomCompositeEgressRequest::audio_only>("audioOnly", {}, kO),
    Field<&RoomCompositeEgressRequest::video_only>("videoOnly", {}, kO),
    Enum<&RoomCompositeEgressRequest::audio_mixing>("audioMixing", {}, kAudioMixingNames, kO),
    Field<&RoomCompositeEgressRequest::custom_base_url>("customBaseUrl", {}, kO),
    Common<RoomCompositeEgressRequest>::kPreset,
    Common<RoomCompositeEgressRequest>::kAdvanced,
    Common<RoomCompositeEgressRequest>::kFiles,
    Common<RoomCompositeEgressRequest>::kStreams,
    Common<RoomCompositeEgressRequest>::kSegments,
};
constexpr FieldDesc kWebFields[] = {
    Field<&WebEgressRequest::url>("url"),
    Field<&WebEgressRequest::audio_only>("audioOnly", {}, kO),
    Field<&WebEgressRequest::video_only>("videoOnly", {}, kO),
    Field<&WebEgressRequest::await_start_signal>("awaitStartSignal", {}, kO),
    Common<WebEgressRequest>::kPreset,
    Common<WebEgressRequest>::kAdvanced,
    Common<WebEgressRequest>::kFiles,
    Common<WebEgressRequest>::kStreams,
    Common<WebEgressRequest>::kSegments,
};
constexpr FieldDesc kParticipantFields[] = {
    Field<&ParticipantEgressRequest::room_name>("roomName"),
    Field<&ParticipantEgressRequest::identity>("identity"),
    Field<&ParticipantEgressRequest::screen_share>("screenShare", {}, kO),
    Common<ParticipantEgressRequest>::kPreset,
    Common<ParticipantEgressRequest>::kAdvanced,
    Common<ParticipantEgressRequest>::kFiles,
    Common<ParticipantEgressRequest>::kStreams,
    Common<ParticipantEgressRequest>::kSegments,
};
constexpr FieldDesc kTrackCompositeFields[] = {
    Field<&TrackCompositeEgressRequest::room_name>("roomName"),
    Field<&TrackCompositeEgressRequest::audio_track_id>("audioTrackId", {}, kO),
    Field<&TrackCompositeEgressRequest::video_track_id>("videoTrackId", {}, kO),
    Common<TrackCompositeEgressRequest>::kPreset,
    Common<TrackCompositeEgressRequest>::kAdvanced,
    Common<TrackCompositeEgressRequest>::kFiles,
    Common<TrackCompositeEgressRequest>::kStreams,
    Common<TrackCompositeEgressRequest>::kSegments,
};
constexpr FieldDesc kTrackFields[] = {
    Field<&TrackEgressRequest::room_name>("roomName"),
    Field<&TrackEgressRequest::track_id>("trackId"),
    Message<&TrackEgressRequest::file>("file", {}, kDirectFileOutputModel, kU),
    Field<&TrackEgressRequest::websocket_url>("websocketUrl", {}, kO),
};
constexpr FieldDesc kListFields[] = {
    Field<&ListEgressRequest::room_name>("roomName", {}, kO),
    Field<&ListEgressRequest::egress_id>("egressId", {}, kO),
    Field<&ListEgressRequest::active>("active", {}, kO),
};

// --- Results (read) ---

constexpr FieldDesc kStreamInfoFields[] = {
    Field<&StreamInfo::url>("url"),
    Field<&StreamInfo::started_at>("startedAt", "started_at"),
    Field<&StreamInfo::ended_at>("endedAt", "ended_at"),
    Field<&StreamInfo::duration>("duration"),
    Enum<&StreamInfo::status>("status", {}, kStreamStatusNames),
    Field<&StreamInfo::error>("error"),
};
constexpr ModelDesc kStreamInfoModel{kStreamInfoFields};
constexpr FieldDesc kFileInfoFields[] = {
    Field<&FileInfo::filename>("filename"),
    Field<&FileInfo::started_at>("startedAt", "started_at"),
    Field<&FileInfo::ended_at>("endedAt", "ended_at"),
    Field<&FileInfo::duration>("duration"),
    Field<&FileInfo::size>("size"),
    Field<&FileInfo::location>("location"),
};
constexpr ModelDesc kFileInfoModel{kFileInfoFields};
constexpr FieldDesc kSegmentsInfoFields[] = {
    Field<&SegmentsInfo::playlist_name>("playlistName", "playlist_name"),
    Field<&SegmentsInfo::live_playlist_name>("livePlaylistName", "live_playlist_name"),
    Field<&SegmentsInfo::duration>("duration"),
    Field<&SegmentsInfo::size>("size"),
    Field<&SegmentsInfo::playlist_location>("playlistLocation", "playlist_location"),
    Field<&SegmentsInfo::live_playlist_location>("livePlaylistLocation", "live_playlist_location"),
    Field<&SegmentsInfo::segment_count>("segmentCount", "segment_count"),
    Field<&SegmentsInfo::started_at>("startedAt", "started_at"),
    Field<&SegmentsInfo::ended_at>("endedAt", "ended_at"),
};
constexpr ModelDesc kSegmentsInfoModel{kSegmentsInfoFields};

constexpr FieldDesc kEgressInfoFields[] = {
    Field<&EgressInfo::egress_id>("egressId", "egress_id"),
    Field<&EgressInfo::room_id>("roomId", "room_id"),
    Field<&EgressInfo::room_name>("roomName", "room_name"),
    Enum<&EgressInfo::source_type>("sourceType", "source_type", kSourceTypeNames),
    Enum<&EgressInfo::status>("status", {}, kEgressStatusNames),
    Field<&EgressInfo::started_at>("startedAt", "started_at"),
    Field<&EgressInfo::ended_at>("endedAt", "ended_at"),
    Field<&EgressInfo::updated_at>("updatedAt", "updated_at"),
    Message<&EgressInfo::stream_results>("streamResults", "stream_results", kStreamInfoModel),
    Message<&EgressInfo::file_results>("fileResults", "file_results", kFileInfoModel),
    Message<&EgressInfo::segment_results>("segmentResults", "segment_results", kSegmentsInfoModel),
    Field<&EgressInfo::error>("error"),
    Field<&EgressInfo::error_code>("errorCode", "error_code"),
    Field<&EgressInfo::details>("details"),
    Field<&EgressInfo::manifest_location>("manifestLocation", "manifest_location"),
    Field<&EgressInfo::backup_storage_used>("backupStorageUsed", "backup_storage_used"),
};

}  // namespace

constexpr ModelDesc kEgressInfoModel{kEgressInfoFields, RawJson<&EgressInfo::raw_json>};
constexpr ModelDesc kRoomCompositeEgressRequestModel{kRoomCompositeFields};
constexpr ModelDesc kWebEgressRequestModel{kWebFields};
constexpr ModelDesc kParticipantEgressRequestModel{kParticipantFields};
constexpr ModelDesc kTrackCompositeEgressRequestModel{kTrackCompositeFields};
constexpr ModelDesc kTrackEgressRequestModel{kTrackFields};
constexpr ModelDesc kListEgressRequestModel{kListFields};

}  // namespace internal

StatusOr<EgressInfo> EgressInfoFromJson(std::string_view json) {
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(internal::ParseJson(json, &doc, "egress"));
  EgressInfo out;
  LKS_RETURN_IF_ERROR(
      internal::ParseModel(doc, internal::kEgressInfoModel, &out, "egress.", false));
  out.raw_json.assign(internal::TrimJson(json));
  return out;
}

}  // namespace lks
