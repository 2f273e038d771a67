package io.lkstudy

import com.fasterxml.jackson.annotation.JsonAlias
import com.fasterxml.jackson.annotation.JsonInclude
import com.fasterxml.jackson.databind.JsonNode

// LiveKit's Egress and agent dispatch messages (livekit_egress.proto, livekit_agent_dispatch.proto)
// as plain data classes: outputs are written as protojson (camelCase, unset fields left out), results
// read both camelCase and snake_case, unknown fields ignored. Enums carry their protojson names.

/** One of the outputs a Start method takes: a file, a stream, segments, images, or several. */
sealed interface EgressOutput

enum class EncodedFileType { DEFAULT_FILETYPE, MP4, OGG, MP3 }
enum class StreamProtocol { DEFAULT_PROTOCOL, RTMP, SRT }
enum class SegmentedFileProtocol { DEFAULT_SEGMENTED_FILE_PROTOCOL, HLS_PROTOCOL }
enum class SegmentedFileSuffix { INDEX, TIMESTAMP }
enum class ImageFileSuffix { IMAGE_SUFFIX_INDEX, IMAGE_SUFFIX_TIMESTAMP, IMAGE_SUFFIX_NONE_OVERWRITE }

/** LiveKit's encoding presets. */
enum class EncodingOptionsPreset {
    H264_720P_30, H264_720P_60, H264_1080P_30, H264_1080P_60,
    PORTRAIT_H264_720P_30, PORTRAIT_H264_720P_60, PORTRAIT_H264_1080P_30, PORTRAIT_H264_1080P_60,
}

/** Advanced encoding; codecs by their protojson names ("OPUS", "AAC", "H264_MAIN", "VP8", ...). */
@JsonInclude(JsonInclude.Include.NON_NULL)
data class EncodingOptions(
    val width: Int? = null,
    val height: Int? = null,
    val depth: Int? = null,
    val framerate: Int? = null,
    val audioCodec: String? = null,
    val audioBitrate: Int? = null,
    val audioQuality: Int? = null,
    val audioFrequency: Int? = null,
    val videoCodec: String? = null,
    val videoBitrate: Int? = null,
    val videoQuality: Int? = null,
    val keyFrameInterval: Double? = null,
)

@JsonInclude(JsonInclude.Include.NON_NULL)
data class S3Upload(
    val accessKey: String? = null,
    val secret: String? = null,
    val sessionToken: String? = null,
    val region: String? = null,
    val endpoint: String? = null,
    val bucket: String? = null,
    val forcePathStyle: Boolean? = null,
    val metadata: Map<String, String>? = null,
    val tagging: String? = null,
    val contentDisposition: String? = null,
) {
    override fun toString() = "S3Upload(bucket=$bucket, region=$region, endpoint=$endpoint, secret=${if (secret == null) "null" else "<set>"})"
}

@JsonInclude(JsonInclude.Include.NON_NULL)
data class GCPUpload(val credentials: String? = null, val bucket: String? = null) {
    override fun toString() = "GCPUpload(bucket=$bucket, credentials=${if (credentials == null) "null" else "<set>"})"
}

@JsonInclude(JsonInclude.Include.NON_NULL)
data class AzureBlobUpload(val accountName: String? = null, val accountKey: String? = null, val containerName: String? = null) {
    override fun toString() = "AzureBlobUpload(accountName=$accountName, containerName=$containerName)"
}

/** A file (MP4, OGG, MP3) of a composite or participant egress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
data class EncodedFileOutput(
    val fileType: EncodedFileType? = null,
    /** LiveKit's templates: {room_name}, {room_id}, {time}, ... */
    val filepath: String? = null,
    val disableManifest: Boolean? = null,
    val s3: S3Upload? = null,
    val gcp: GCPUpload? = null,
    val azure: AzureBlobUpload? = null,
) : EgressOutput

/** Live streams (RTMP or SRT URLs). */
@JsonInclude(JsonInclude.Include.NON_NULL)
data class StreamOutput(val protocol: StreamProtocol? = null, val urls: List<String> = emptyList()) : EgressOutput

/** HLS segments with a playlist. */
@JsonInclude(JsonInclude.Include.NON_NULL)
data class SegmentedFileOutput(
    val protocol: SegmentedFileProtocol? = null,
    val filenamePrefix: String? = null,
    val playlistName: String? = null,
    val livePlaylistName: String? = null,
    val segmentDuration: Int? = null,
    val filenameSuffix: SegmentedFileSuffix? = null,
    val disableManifest: Boolean? = null,
    val s3: S3Upload? = null,
    val gcp: GCPUpload? = null,
    val azure: AzureBlobUpload? = null,
) : EgressOutput

/** Thumbnails every [captureInterval] seconds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
data class ImageOutput(
    val captureInterval: Int? = null,
    val width: Int? = null,
    val height: Int? = null,
    val filenamePrefix: String? = null,
    val filenameSuffix: ImageFileSuffix? = null,
    /** "IC_DEFAULT" or "IC_JPEG". */
    val imageCodec: String? = null,
    val disableManifest: Boolean? = null,
    val s3: S3Upload? = null,
    val gcp: GCPUpload? = null,
    val azure: AzureBlobUpload? = null,
) : EgressOutput

/** Several outputs of one egress (io.livekit:livekit-server's EncodedOutputs). */
data class EncodedOutputs(
    val fileOutput: EncodedFileOutput? = null,
    val streamOutput: StreamOutput? = null,
    val segmentOutput: SegmentedFileOutput? = null,
    val imageOutput: ImageOutput? = null,
) : EgressOutput

/** The one file of a track egress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
data class DirectFileOutput(
    val filepath: String? = null,
    val disableManifest: Boolean? = null,
    val s3: S3Upload? = null,
    val gcp: GCPUpload? = null,
    val azure: AzureBlobUpload? = null,
)

data class FileInfo(
    val filename: String = "",
    @JsonAlias("started_at") val startedAt: Long = 0,
    @JsonAlias("ended_at") val endedAt: Long = 0,
    val duration: Long = 0,
    val size: Long = 0,
    val location: String = "",
)

data class StreamInfo(
    val url: String = "",
    @JsonAlias("started_at") val startedAt: Long = 0,
    @JsonAlias("ended_at") val endedAt: Long = 0,
    val duration: Long = 0,
    /** "ACTIVE", "FINISHED", "FAILED". */
    val status: String = "",
    val error: String = "",
)

data class SegmentsInfo(
    @JsonAlias("playlist_name") val playlistName: String = "",
    @JsonAlias("live_playlist_name") val livePlaylistName: String = "",
    val duration: Long = 0,
    val size: Long = 0,
    @JsonAlias("playlist_location") val playlistLocation: String = "",
    @JsonAlias("live_playlist_location") val livePlaylistLocation: String = "",
    @JsonAlias("segment_count") val segmentCount: Long = 0,
    @JsonAlias("started_at") val startedAt: Long = 0,
    @JsonAlias("ended_at") val endedAt: Long = 0,
)

data class ImagesInfo(
    @JsonAlias("filename_prefix") val filenamePrefix: String = "",
    @JsonAlias("image_count") val imageCount: Long = 0,
    @JsonAlias("started_at") val startedAt: Long = 0,
    @JsonAlias("ended_at") val endedAt: Long = 0,
)

/** One egress as the server reports it. Times are Unix nanoseconds, as LiveKit sends them. */
data class EgressInfo(
    @JsonAlias("egress_id") val egressId: String = "",
    @JsonAlias("room_id") val roomId: String = "",
    @JsonAlias("room_name") val roomName: String = "",
    /** "EGRESS_SOURCE_TYPE_WEB" or "EGRESS_SOURCE_TYPE_SDK". */
    @JsonAlias("source_type") val sourceType: String = "",
    /** "EGRESS_STARTING", "EGRESS_ACTIVE", "EGRESS_ENDING", "EGRESS_COMPLETE", "EGRESS_FAILED", ... */
    val status: String = "",
    @JsonAlias("started_at") val startedAt: Long = 0,
    @JsonAlias("ended_at") val endedAt: Long = 0,
    @JsonAlias("updated_at") val updatedAt: Long = 0,
    val details: String = "",
    val error: String = "",
    @JsonAlias("error_code") val errorCode: Int = 0,
    @JsonAlias("file_results") val fileResults: List<FileInfo> = emptyList(),
    @JsonAlias("stream_results") val streamResults: List<StreamInfo> = emptyList(),
    @JsonAlias("segment_results") val segmentResults: List<SegmentsInfo> = emptyList(),
    @JsonAlias("image_results") val imageResults: List<ImagesInfo> = emptyList(),
    @JsonAlias("manifest_location") val manifestLocation: String = "",
    @JsonAlias("backup_storage_used") val backupStorageUsed: Boolean = false,
    /** The request it was started with (roomComposite, participant, web, track, trackComposite). */
    @JsonAlias("room_composite") val roomComposite: JsonNode? = null,
    val participant: JsonNode? = null,
    val web: JsonNode? = null,
    val track: JsonNode? = null,
    @JsonAlias("track_composite") val trackComposite: JsonNode? = null,
)

internal data class EgressItemsJson(val items: List<EgressInfo> = emptyList())

/** The jobs and times of a dispatch, as the server keeps them. */
data class AgentDispatchState(
    /** The agent jobs made for it (empty while no worker took it), kept as JSON trees. */
    val jobs: List<JsonNode> = emptyList(),
    @JsonAlias("created_at") val createdAt: Long = 0,
    @JsonAlias("deleted_at") val deletedAt: Long = 0,
)

/** An agent dispatch: the agent [agentName] sent into [room]. */
data class AgentDispatch(
    val id: String = "",
    @JsonAlias("agent_name") val agentName: String = "",
    val room: String = "",
    val metadata: String = "",
    val state: AgentDispatchState? = null,
)

internal data class AgentDispatchesJson(
    @JsonAlias("agent_dispatches") val agentDispatches: List<AgentDispatch> = emptyList(),
)
