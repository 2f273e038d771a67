package io.lkstudy

import com.fasterxml.jackson.annotation.JsonAlias
import com.fasterxml.jackson.databind.JsonNode

// LiveKit's models as the binding returns them. The real livekit-server answers snake_case with
// every default present; webhooks and LiveKit's test-server send camelCase without defaults: each
// field reads both (@JsonAlias). Enums are kept as their protojson names ("ACTIVE", "AUDIO").

data class Codec(
    val mime: String = "",
    @JsonAlias("fmtp_line") val fmtpLine: String = "",
)

data class Room(
    val sid: String = "",
    val name: String = "",
    @JsonAlias("empty_timeout") val emptyTimeout: Int = 0,
    @JsonAlias("departure_timeout") val departureTimeout: Int = 0,
    @JsonAlias("max_participants") val maxParticipants: Int = 0,
    @JsonAlias("creation_time") val creationTime: Long = 0,
    @JsonAlias("creation_time_ms") val creationTimeMs: Long = 0,
    @JsonAlias("turn_password") val turnPassword: String = "",
    @JsonAlias("enabled_codecs") val enabledCodecs: List<Codec> = emptyList(),
    val metadata: String = "",
    @JsonAlias("num_participants") val numParticipants: Int = 0,
    @JsonAlias("num_publishers") val numPublishers: Int = 0,
    @JsonAlias("active_recording") val activeRecording: Boolean = false,
)

data class ParticipantPermission(
    @JsonAlias("can_subscribe") val canSubscribe: Boolean = false,
    @JsonAlias("can_publish") val canPublish: Boolean = false,
    @JsonAlias("can_publish_data") val canPublishData: Boolean = false,
    @JsonAlias("can_publish_sources") val canPublishSources: List<String> = emptyList(),
    val hidden: Boolean = false,
    @JsonAlias("can_update_metadata") val canUpdateMetadata: Boolean = false,
    @JsonAlias("can_subscribe_metrics") val canSubscribeMetrics: Boolean = false,
)

data class TrackInfo(
    val sid: String = "",
    val type: String = "",
    val name: String = "",
    val muted: Boolean = false,
    val width: Int = 0,
    val height: Int = 0,
    val simulcast: Boolean = false,
    val source: String = "",
    @JsonAlias("mime_type") val mimeType: String = "",
    val mid: String = "",
    val stream: String = "",
)

data class ParticipantInfo(
    val sid: String = "",
    val identity: String = "",
    val state: String = "",
    val tracks: List<TrackInfo> = emptyList(),
    val metadata: String = "",
    @JsonAlias("joined_at") val joinedAt: Long = 0,
    @JsonAlias("joined_at_ms") val joinedAtMs: Long = 0,
    val name: String = "",
    val version: Long = 0,
    val permission: ParticipantPermission? = null,
    val region: String = "",
    @JsonAlias("is_publisher") val isPublisher: Boolean = false,
    val kind: String = "",
    val attributes: Map<String, String> = emptyMap(),
    @JsonAlias("disconnect_reason") val disconnectReason: String = "",
)

/**
 * A verified webhook delivery (LiveKit's WebhookEvent). [event] is the name ("room_started", ...);
 * egress, ingress and agent-job details are kept as JSON trees.
 */
data class WebhookEvent(
    val event: String = "",
    val room: Room? = null,
    val participant: ParticipantInfo? = null,
    val track: TrackInfo? = null,
    @JsonAlias("egress_info") val egressInfo: JsonNode? = null,
    @JsonAlias("ingress_info") val ingressInfo: JsonNode? = null,
    val job: JsonNode? = null,
    val id: String = "",
    @JsonAlias("created_at") val createdAt: Long = 0,
    @JsonAlias("num_dropped") val numDropped: Int = 0,
)

internal class RoomsJson(val rooms: List<Room> = emptyList())
internal class ParticipantsJson(val participants: List<ParticipantInfo> = emptyList())
