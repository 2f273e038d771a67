package io.lkstudy

/**
 * LiveKit's Egress service (recordings and live streams of rooms, participants, tracks and web
 * pages) over lks_egress_client, with the method names and argument order of
 * io.livekit:livekit-server's `EgressServiceClient`. Differences: results are returned (suspend
 * functions on Dispatchers.IO, `...Blocking` twins for Java) instead of a retrofit `Call`;
 * outputs and results are this binding's data classes ([EncodedFileOutput], [EgressInfo], ...)
 * instead of the protobuf classes; one [EgressOutput] parameter takes every output type the
 * SDK's overloads take; failures are [LkStudyException].
 *
 * A server with no egress worker fails a Start, List or Stop with code UNAVAILABLE, reason
 * `egress_unavailable`, httpStatus 503, after the server's own wait for a worker (set
 * [RoomServiceOptions.maxAttempts] to 1 to wait once, not three times). Thread-safe.
 */
class EgressClient @JvmOverloads constructor(
    host: String,
    apiKey: String?,
    apiSecret: String?,
    options: RoomServiceOptions = RoomServiceOptions(),
) : NativeHandle(RoomServiceClient.openServerClient(false, host, apiKey, apiSecret, options), Native::egressClientFree, "EgressClient") {

    @JvmOverloads
    fun startRoomCompositeEgressBlocking(
        roomName: String,
        output: EgressOutput,
        layout: String = "",
        optionsPreset: EncodingOptionsPreset? = null,
        optionsAdvanced: EncodingOptions? = null,
        audioOnly: Boolean = false,
        videoOnly: Boolean = false,
        customBaseUrl: String = "",
    ): EgressInfo = start(
        ROOM_COMPOSITE,
        linkedMapOf("roomName" to roomName, "layout" to layout.ifEmpty { null }, "audioOnly" to audioOnly.orNull(),
            "videoOnly" to videoOnly.orNull(), "customBaseUrl" to customBaseUrl.ifEmpty { null }),
        output, optionsPreset, optionsAdvanced,
    )

    suspend fun startRoomCompositeEgress(
        roomName: String,
        output: EgressOutput,
        layout: String = "",
        optionsPreset: EncodingOptionsPreset? = null,
        optionsAdvanced: EncodingOptions? = null,
        audioOnly: Boolean = false,
        videoOnly: Boolean = false,
        customBaseUrl: String = "",
    ): EgressInfo = io { startRoomCompositeEgressBlocking(roomName, output, layout, optionsPreset, optionsAdvanced, audioOnly, videoOnly, customBaseUrl) }

    @JvmOverloads
    fun startParticipantEgressBlocking(
        roomName: String,
        identity: String,
        output: EncodedOutputs,
        screenShare: Boolean = false,
        optionsPreset: EncodingOptionsPreset? = null,
        optionsAdvanced: EncodingOptions? = null,
    ): EgressInfo = start(
        PARTICIPANT, linkedMapOf("roomName" to roomName, "identity" to identity, "screenShare" to screenShare.orNull()),
        output, optionsPreset, optionsAdvanced,
    )

    suspend fun startParticipantEgress(
        roomName: String,
        identity: String,
        output: EncodedOutputs,
        screenShare: Boolean = false,
        optionsPreset: EncodingOptionsPreset? = null,
        optionsAdvanced: EncodingOptions? = null,
    ): EgressInfo = io { startParticipantEgressBlocking(roomName, identity, output, screenShare, optionsPreset, optionsAdvanced) }

    @JvmOverloads
    fun startTrackCompositeEgressBlocking(
        roomName: String,
        output: EgressOutput,
        audioTrackId: String = "",
        videoTrackId: String = "",
        optionsPreset: EncodingOptionsPreset? = null,
        optionsAdvanced: EncodingOptions? = null,
    ): EgressInfo = start(
        TRACK_COMPOSITE,
        linkedMapOf("roomName" to roomName, "audioTrackId" to audioTrackId.ifEmpty { null }, "videoTrackId" to videoTrackId.ifEmpty { null }),
        output, optionsPreset, optionsAdvanced,
    )

    suspend fun startTrackCompositeEgress(
        roomName: String,
        output: EgressOutput,
        audioTrackId: String = "",
        videoTrackId: String = "",
        optionsPreset: EncodingOptionsPreset? = null,
        optionsAdvanced: EncodingOptions? = null,
    ): EgressInfo = io { startTrackCompositeEgressBlocking(roomName, output, audioTrackId, videoTrackId, optionsPreset, optionsAdvanced) }

    /** One track, unencoded, to a file. */
    fun startTrackEgressBlocking(roomName: String, output: DirectFileOutput, trackId: String): EgressInfo =
        start(TRACK, linkedMapOf("roomName" to roomName, "trackId" to trackId, "file" to output), null, null, null)

    suspend fun startTrackEgress(roomName: String, output: DirectFileOutput, trackId: String): EgressInfo =
        io { startTrackEgressBlocking(roomName, output, trackId) }

    /** One track, unencoded, to a WebSocket. */
    fun startTrackEgressBlocking(roomName: String, websocketUrl: String, trackId: String): EgressInfo =
        start(TRACK, linkedMapOf("roomName" to roomName, "trackId" to trackId, "websocketUrl" to websocketUrl), null, null, null)

    suspend fun startTrackEgress(roomName: String, websocketUrl: String, trackId: String): EgressInfo =
        io { startTrackEgressBlocking(roomName, websocketUrl, trackId) }

    @JvmOverloads
    fun startWebEgressBlocking(
        url: String,
        output: EgressOutput,
        optionsPreset: EncodingOptionsPreset? = null,
        optionsAdvanced: EncodingOptions? = null,
        audioOnly: Boolean = false,
        videoOnly: Boolean = false,
        awaitStartSignal: Boolean = false,
    ): EgressInfo = start(
        WEB,
        linkedMapOf("url" to url, "audioOnly" to audioOnly.orNull(), "videoOnly" to videoOnly.orNull(),
            "awaitStartSignal" to awaitStartSignal.orNull()),
        output, optionsPreset, optionsAdvanced,
    )

    suspend fun startWebEgress(
        url: String,
        output: EgressOutput,
        optionsPreset: EncodingOptionsPreset? = null,
        optionsAdvanced: EncodingOptions? = null,
        audioOnly: Boolean = false,
        videoOnly: Boolean = false,
        awaitStartSignal: Boolean = false,
    ): EgressInfo = io { startWebEgressBlocking(url, output, optionsPreset, optionsAdvanced, audioOnly, videoOnly, awaitStartSignal) }

    /** UpdateLayout of a running room composite egress. */
    fun updateLayoutBlocking(egressId: String, layout: String): EgressInfo =
        Json.decode(borrow { Native.egressUpdateLayout(it, egressId, layout) })

    suspend fun updateLayout(egressId: String, layout: String): EgressInfo = io { updateLayoutBlocking(egressId, layout) }

    @JvmOverloads
    fun updateStreamBlocking(egressId: String, addOutputUrls: List<String> = emptyList(), removeOutputUrls: List<String> = emptyList()): EgressInfo =
        Json.decode(borrow { Native.egressUpdateStream(it, egressId, Json.encode(addOutputUrls), Json.encode(removeOutputUrls)) })

    suspend fun updateStream(egressId: String, addOutputUrls: List<String> = emptyList(), removeOutputUrls: List<String> = emptyList()): EgressInfo =
        io { updateStreamBlocking(egressId, addOutputUrls, removeOutputUrls) }

    /** The egresses of [roomName] (null: every room), only [egressId], or only running ones ([active]). */
    @JvmOverloads
    fun listEgressBlocking(roomName: String? = null, egressId: String? = null, active: Boolean? = null): List<EgressInfo> {
        val json = borrow {
            if (egressId != null) {
                val req = linkedMapOf("roomName" to roomName, "egressId" to egressId, "active" to active).filterValues { v -> v != null }
                Native.egressCallJson(it, "ListEgress", Json.encode(req))
            } else {
                Native.egressList(it, roomName, active == true)
            }
        }
        return Json.decode<EgressItemsJson>(json).items
    }

    suspend fun listEgress(roomName: String? = null, egressId: String? = null, active: Boolean? = null): List<EgressInfo> =
        io { listEgressBlocking(roomName, egressId, active) }

    /** NOT_FOUND for an unknown id (on a server with an egress worker). */
    fun stopEgressBlocking(egressId: String): EgressInfo = Json.decode(borrow { Native.egressStop(it, egressId) })

    suspend fun stopEgress(egressId: String): EgressInfo = io { stopEgressBlocking(egressId) }

    /** Any livekit.Egress method by name with a JSON request (for methods newer than this binding). */
    fun callJsonBlocking(method: String, requestJson: String): String =
        String(borrow { Native.egressCallJson(it, method, requestJson.toByteArray(Charsets.UTF_8)) }, Charsets.UTF_8)

    suspend fun callJson(method: String, requestJson: String): String = io { callJsonBlocking(method, requestJson) }

    private fun start(
        kind: Int,
        fields: LinkedHashMap<String, Any?>,
        output: EgressOutput?,
        preset: EncodingOptionsPreset?,
        advanced: EncodingOptions?,
    ): EgressInfo {
        val req = LinkedHashMap(fields.filterValues { it != null })
        when (output) {
            null -> {}
            is EncodedOutputs -> {
                output.fileOutput?.let { req["fileOutputs"] = listOf(it) }
                output.streamOutput?.let { req["streamOutputs"] = listOf(it) }
                output.segmentOutput?.let { req["segmentOutputs"] = listOf(it) }
                output.imageOutput?.let { req["imageOutputs"] = listOf(it) }
            }
            is EncodedFileOutput -> req["fileOutputs"] = listOf(output)
            is StreamOutput -> req["streamOutputs"] = listOf(output)
            is SegmentedFileOutput -> req["segmentOutputs"] = listOf(output)
            is ImageOutput -> req["imageOutputs"] = listOf(output)
        }
        if (preset != null) req["preset"] = preset
        if (advanced != null) req["advanced"] = advanced
        return Json.decode(borrow { Native.egressStart(it, kind, Json.encode(req)) })
    }

    companion object {
        // jni_egress.cc's kStarts order.
        private const val ROOM_COMPOSITE = 0
        private const val PARTICIPANT = 1
        private const val TRACK = 2
        private const val TRACK_COMPOSITE = 3
        private const val WEB = 4

        private fun Boolean.orNull(): Boolean? = if (this) true else null

        /** io.livekit:livekit-server's factory name. */
        @JvmStatic
        @JvmOverloads
        fun createClient(host: String, apiKey: String, secret: String, options: RoomServiceOptions = RoomServiceOptions()) =
            EgressClient(host, apiKey, secret, options)
    }
}

/**
 * LiveKit's AgentDispatchService over lks_agent_dispatch_client, with the method names and argument
 * order of io.livekit:livekit-server's `AgentDispatchServiceClient` (values returned instead of a
 * retrofit `Call`; [getDispatch] as in LiveKit's Node SDK). The server stores a dispatch whether or
 * not a worker for that agent is connected. Thread-safe.
 */
class AgentDispatchClient @JvmOverloads constructor(
    host: String,
    apiKey: String?,
    apiSecret: String?,
    options: RoomServiceOptions = RoomServiceOptions(),
) : NativeHandle(RoomServiceClient.openServerClient(true, host, apiKey, apiSecret, options), Native::dispatchClientFree, "AgentDispatchClient") {

    /** Dispatches [agentName] to [room]; [metadata] is passed to the agent's job. */
    @JvmOverloads
    fun createDispatchBlocking(room: String, agentName: String, metadata: String? = null): AgentDispatch =
        Json.decode(borrow { Native.dispatchCreate(it, room, agentName, metadata) })

    suspend fun createDispatch(room: String, agentName: String, metadata: String? = null): AgentDispatch =
        io { createDispatchBlocking(room, agentName, metadata) }

    /** Deletes the dispatch and answers it as it was. */
    fun deleteDispatchBlocking(room: String, dispatchId: String): AgentDispatch =
        Json.decode(borrow { Native.dispatchDelete(it, room, dispatchId) })

    suspend fun deleteDispatch(room: String, dispatchId: String): AgentDispatch = io { deleteDispatchBlocking(room, dispatchId) }

    /** The dispatch, or null when [room] has none with that id. */
    fun getDispatchBlocking(room: String, dispatchId: String): AgentDispatch? = list(room, dispatchId).firstOrNull()

    suspend fun getDispatch(room: String, dispatchId: String): AgentDispatch? = io { getDispatchBlocking(room, dispatchId) }

    /** Every dispatch of [room] (the server also lists the room's default one, agentName ""). */
    fun listDispatchBlocking(room: String): List<AgentDispatch> = list(room, null)

    suspend fun listDispatch(room: String): List<AgentDispatch> = io { listDispatchBlocking(room) }

    private fun list(room: String, id: String?): List<AgentDispatch> =
        Json.decode<AgentDispatchesJson>(borrow { Native.dispatchList(it, room, id) }).agentDispatches

    companion object {
        /** io.livekit:livekit-server's factory name. */
        @JvmStatic
        @JvmOverloads
        fun createClient(host: String, apiKey: String, secret: String, options: RoomServiceOptions = RoomServiceOptions()) =
            AgentDispatchClient(host, apiKey, secret, options)
    }
}

/** io.livekit:livekit-server's class name, so `EgressServiceClient.createClient(...)` reads the same. */
typealias EgressServiceClient = EgressClient

/** io.livekit:livekit-server's class name for [AgentDispatchClient]. */
typealias AgentDispatchServiceClient = AgentDispatchClient
