package io.lkstudy

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/** How a [RoomServiceClient] connects (defaults as the C ABI: 10 s per attempt, 3 attempts). */
data class RoomServiceOptions(
    /** A pre-signed token sent on every call instead of per-call tokens. */
    val token: String? = null,
    val timeoutMs: Long = 0,
    val maxAttempts: Long = 0,
    val fallbackUrls: List<String> = emptyList(),
    val regionFailover: RegionFailover = RegionFailover.AUTO,
    val tlsVerify: Boolean = true,
    val caFile: String? = null,
    val proxy: String? = null,
    val headers: Map<String, String> = emptyMap(),
)

enum class RegionFailover { AUTO, ALWAYS, NEVER }

/**
 * LiveKit's RoomService over Twirp, with the method names and arguments of
 * io.livekit:livekit-server's `RoomServiceClient`. Every method is a suspend function running on
 * [Dispatchers.IO], with a `...Blocking` twin for Java and plain threads. Thread-safe: one client
 * may serve any number of threads at once (connections are pooled). Failures are
 * [LkStudyException] with the server's code (`not_found`, `unauthenticated`, ...), reason and HTTP
 * status.
 */
class RoomServiceClient @JvmOverloads constructor(
    host: String,
    apiKey: String?,
    apiSecret: String?,
    options: RoomServiceOptions = RoomServiceOptions(),
) : NativeHandle(open(host, apiKey, apiSecret, options), Native::roomClientFree, "RoomServiceClient") {

    @JvmOverloads
    fun createRoomBlocking(
        name: String,
        emptyTimeout: Int? = null,
        maxParticipants: Int? = null,
        nodeId: String? = null,
        metadata: String? = null,
        minPlayoutDelay: Int? = null,
        maxPlayoutDelay: Int? = null,
        syncStreams: Boolean? = null,
        departureTimeout: Int? = null,
    ): Room {
        val req = linkedMapOf<String, Any?>(
            "name" to name, "emptyTimeout" to emptyTimeout, "maxParticipants" to maxParticipants,
            "nodeId" to nodeId, "metadata" to metadata, "minPlayoutDelay" to minPlayoutDelay,
            "maxPlayoutDelay" to maxPlayoutDelay, "syncStreams" to syncStreams, "departureTimeout" to departureTimeout,
        ).filterValues { it != null }
        return Json.decode(borrow { Native.roomCreateRoom(it, Json.encode(req)) })
    }

    suspend fun createRoom(
        name: String,
        emptyTimeout: Int? = null,
        maxParticipants: Int? = null,
        nodeId: String? = null,
        metadata: String? = null,
        minPlayoutDelay: Int? = null,
        maxPlayoutDelay: Int? = null,
        syncStreams: Boolean? = null,
        departureTimeout: Int? = null,
    ): Room = io { createRoomBlocking(name, emptyTimeout, maxParticipants, nodeId, metadata, minPlayoutDelay, maxPlayoutDelay, syncStreams, departureTimeout) }

    /** Every live room, or those of [names]. */
    @JvmOverloads
    fun listRoomsBlocking(names: List<String>? = null): List<Room> =
        Json.decode<RoomsJson>(borrow { Native.roomListRooms(it, names?.let(Json::encode)) }).rooms

    suspend fun listRooms(names: List<String>? = null): List<Room> = io { listRoomsBlocking(names) }

    /** NOT_FOUND (404) for a room that does not exist. */
    fun deleteRoomBlocking(roomName: String) = borrow { Native.roomDeleteRoom(it, roomName) }

    suspend fun deleteRoom(roomName: String) = io { deleteRoomBlocking(roomName) }

    fun updateRoomMetadataBlocking(roomName: String, metadata: String): Room =
        Json.decode(borrow { Native.roomUpdateRoomMetadata(it, roomName, metadata) })

    suspend fun updateRoomMetadata(roomName: String, metadata: String): Room = io { updateRoomMetadataBlocking(roomName, metadata) }

    /** The room's participants (empty for an unknown room). */
    fun listParticipantsBlocking(roomName: String): List<ParticipantInfo> =
        Json.decode<ParticipantsJson>(borrow { Native.roomListParticipants(it, roomName) }).participants

    suspend fun listParticipants(roomName: String): List<ParticipantInfo> = io { listParticipantsBlocking(roomName) }

    /** NOT_FOUND when the participant is absent. */
    fun getParticipantBlocking(roomName: String, identity: String): ParticipantInfo =
        Json.decode(borrow { Native.roomGetParticipant(it, roomName, identity) })

    suspend fun getParticipant(roomName: String, identity: String): ParticipantInfo = io { getParticipantBlocking(roomName, identity) }

    fun removeParticipantBlocking(roomName: String, identity: String) = borrow { Native.roomRemoveParticipant(it, roomName, identity) }

    suspend fun removeParticipant(roomName: String, identity: String) = io { removeParticipantBlocking(roomName, identity) }

    fun mutePublishedTrackBlocking(roomName: String, identity: String, trackSid: String, mute: Boolean): TrackInfo =
        Json.decode(borrow { Native.roomMutePublishedTrack(it, roomName, identity, trackSid, mute) })

    suspend fun mutePublishedTrack(roomName: String, identity: String, trackSid: String, mute: Boolean): TrackInfo =
        io { mutePublishedTrackBlocking(roomName, identity, trackSid, mute) }

    @JvmOverloads
    fun updateParticipantBlocking(
        roomName: String,
        identity: String,
        name: String? = null,
        metadata: String? = null,
        permission: ParticipantPermission? = null,
        attributes: Map<String, String>? = null,
    ): ParticipantInfo {
        val req = linkedMapOf<String, Any?>(
            "room" to roomName, "identity" to identity, "name" to name, "metadata" to metadata,
            "permission" to permission, "attributes" to attributes,
        ).filterValues { it != null }
        return Json.decode(borrow { Native.roomUpdateParticipant(it, Json.encode(req)) })
    }

    suspend fun updateParticipant(
        roomName: String,
        identity: String,
        name: String? = null,
        metadata: String? = null,
        permission: ParticipantPermission? = null,
        attributes: Map<String, String>? = null,
    ): ParticipantInfo = io { updateParticipantBlocking(roomName, identity, name, metadata, permission, attributes) }

    fun updateSubscriptionsBlocking(roomName: String, identity: String, trackSids: List<String>, subscribe: Boolean) {
        val req = mapOf("room" to roomName, "identity" to identity, "trackSids" to trackSids, "subscribe" to subscribe)
        borrow { Native.roomUpdateSubscriptions(it, Json.encode(req)) }
    }

    suspend fun updateSubscriptions(roomName: String, identity: String, trackSids: List<String>, subscribe: Boolean) =
        io { updateSubscriptionsBlocking(roomName, identity, trackSids, subscribe) }

    /** Sends [data] to everyone in the room, or to [destinationIdentities], on [topic]. */
    @JvmOverloads
    fun sendDataBlocking(
        roomName: String,
        data: ByteArray,
        kind: DataKind = DataKind.RELIABLE,
        destinationIdentities: List<String>? = null,
        topic: String? = null,
    ) = borrow {
        Native.roomSendData(it, roomName, data, topic, destinationIdentities?.let(Json::encode), kind == DataKind.LOSSY)
    }

    suspend fun sendData(
        roomName: String,
        data: ByteArray,
        kind: DataKind = DataKind.RELIABLE,
        destinationIdentities: List<String>? = null,
        topic: String? = null,
    ) = io { sendDataBlocking(roomName, data, kind, destinationIdentities, topic) }

    /** ForwardParticipant (LiveKit Cloud; self-hosted livekit-server answers UNKNOWN, 500). */
    fun forwardParticipantBlocking(roomName: String, identity: String, destinationRoom: String) =
        borrow { Native.roomForwardOrMove(it, true, roomName, identity, destinationRoom) }

    suspend fun forwardParticipant(roomName: String, identity: String, destinationRoom: String) =
        io { forwardParticipantBlocking(roomName, identity, destinationRoom) }

    /** MoveParticipant (LiveKit Cloud; self-hosted livekit-server answers UNKNOWN, 500). */
    fun moveParticipantBlocking(roomName: String, identity: String, destinationRoom: String) =
        borrow { Native.roomForwardOrMove(it, false, roomName, identity, destinationRoom) }

    suspend fun moveParticipant(roomName: String, identity: String, destinationRoom: String) =
        io { moveParticipantBlocking(roomName, identity, destinationRoom) }

    /** PerformRpc: calls [method] on a participant and returns its response payload. */
    @JvmOverloads
    fun performRpcBlocking(roomName: String, destinationIdentity: String, method: String, payload: String, responseTimeoutMs: Long = 0): String =
        String(borrow { Native.roomPerformRpc(it, roomName, destinationIdentity, method, payload, responseTimeoutMs) }, Charsets.UTF_8)

    suspend fun performRpc(roomName: String, destinationIdentity: String, method: String, payload: String, responseTimeoutMs: Long = 0): String =
        io { performRpcBlocking(roomName, destinationIdentity, method, payload, responseTimeoutMs) }

    /** Any RoomService method by name with a JSON request (for methods newer than this binding). */
    fun callJsonBlocking(method: String, requestJson: String): String =
        String(borrow { Native.roomCallJson(it, method, requestJson.toByteArray(Charsets.UTF_8)) }, Charsets.UTF_8)

    suspend fun callJson(method: String, requestJson: String): String = io { callJsonBlocking(method, requestJson) }

    enum class DataKind { RELIABLE, LOSSY }

    companion object {
        /** io.livekit:livekit-server's factory name. */
        @JvmStatic
        @JvmOverloads
        fun createClient(host: String, apiKey: String, secret: String, options: RoomServiceOptions = RoomServiceOptions()) =
            RoomServiceClient(host, apiKey, secret, options)

        // The Egress and agent dispatch clients take the same options.
        internal fun openServerClient(dispatch: Boolean, host: String, key: String?, secret: String?, o: RoomServiceOptions): Long =
            Native.serverClientNew(
                dispatch, host, key, secret, o.token, o.timeoutMs, o.maxAttempts,
                if (o.fallbackUrls.isEmpty()) null else o.fallbackUrls.toTypedArray(),
                o.regionFailover.ordinal, o.tlsVerify, o.caFile, o.proxy,
                if (o.headers.isEmpty()) null else o.headers.flatMap { listOf(it.key, it.value) }.toTypedArray(),
            )

        private fun open(host: String, key: String?, secret: String?, o: RoomServiceOptions): Long = Native.roomClientNew(
            host, key, secret, o.token, o.timeoutMs, o.maxAttempts,
            if (o.fallbackUrls.isEmpty()) null else o.fallbackUrls.toTypedArray(),
            o.regionFailover.ordinal, o.tlsVerify, o.caFile, o.proxy,
            if (o.headers.isEmpty()) null else o.headers.flatMap { listOf(it.key, it.value) }.toTypedArray(),
        )
    }
}

/** Runs blocking native work off the caller's thread. */
internal suspend inline fun <T> io(crossinline block: () -> T): T = withContext(Dispatchers.IO) { block() }
