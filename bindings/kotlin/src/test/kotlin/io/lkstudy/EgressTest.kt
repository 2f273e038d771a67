package io.lkstudy

import io.lkstudy.support.LiveKitServer
import io.lkstudy.support.LiveKitTestServer
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import io.livekit.server.AgentDispatchServiceClient as TheirDispatch

/**
 * EgressClient and AgentDispatchClient against the real livekit-server (v1.13.5, no egress or
 * agent worker: the answers a deployment without them gets) and against LiveKit's test-server
 * (the success shapes: every method answers a populated message).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EgressTest {
    private val key = "APIkotlinEgress"
    private val secret = "kotlin-egress-secret-0123456789-abcdefghij"
    private lateinit var server: LiveKitServer
    private lateinit var rooms: RoomServiceClient
    private lateinit var egress: EgressClient
    private lateinit var dispatch: AgentDispatchClient
    private var testServer: LiveKitTestServer? = null

    @BeforeAll
    fun start() {
        server = LiveKitServer.start(key, secret)
        rooms = RoomServiceClient(server.url, key, secret)
        egress = EgressClient(server.url, key, secret, RoomServiceOptions(maxAttempts = 1))
        dispatch = AgentDispatchClient.createClient(server.url, key, secret)
        testServer = LiveKitTestServer.startOrNull(secret)
        if (testServer == null) println("SKIPPED: LiveKit's test-server not found at ${LiveKitTestServer.binary} (run scripts/setup.sh)")
    }

    @AfterAll
    fun stop() {
        egress.close()
        dispatch.close()
        rooms.close()
        server.close()
        testServer?.close()
    }

    private fun file() = EncodedFileOutput(fileType = EncodedFileType.MP4, filepath = "rec/{room_name}-{time}.mp4")

    private fun assertLk(e: LkStudyException, code: LkStudyException.Code, reason: String? = null, http: Int? = null) {
        assertEquals(code, e.code, e.toString())
        if (reason != null) assertEquals(reason, e.reason, e.toString())
        if (http != null) assertEquals(http, e.httpStatus, e.toString())
        assertFalse(e.message!!.contains(secret))
    }

    @Test
    fun `a recording of a room that does not exist is not_found, at once`() {
        val t0 = System.nanoTime()
        assertLk(assertThrows(LkStudyException::class.java) { egress.startRoomCompositeEgressBlocking("kt_no_such_room", file(), "grid") }, LkStudyException.Code.NOT_FOUND)
        assertLk(
            assertThrows(LkStudyException::class.java) { egress.startParticipantEgressBlocking("kt_no_such_room", "alice", EncodedOutputs(fileOutput = file())) },
            LkStudyException.Code.NOT_FOUND,
        )
        assertTrue(System.nanoTime() - t0 < 15_000_000_000L, "no wait for a worker")
    }

    @Test
    fun `without an egress worker list, stop and start are unavailable egress_unavailable 503, not a crash`() = runBlocking {
        assertLk(assertThrows(LkStudyException::class.java) { egress.listEgressBlocking("any", active = true) }, LkStudyException.Code.UNAVAILABLE, "egress_unavailable", 503)
        assertLk(assertThrows(LkStudyException::class.java) { egress.listEgressBlocking() }, LkStudyException.Code.UNAVAILABLE, "egress_unavailable", 503)
        assertLk(assertThrows(LkStudyException::class.java) { egress.stopEgressBlocking("EG_doesnotexist") }, LkStudyException.Code.UNAVAILABLE, "egress_unavailable", 503)
        rooms.createRoom("kt_egress_live")
        val t0 = System.nanoTime()
        val e = runCatching { egress.startRoomCompositeEgress("kt_egress_live", file(), layout = "grid") }.exceptionOrNull()
        assertTrue(e is LkStudyException, "expected LkStudyException, got $e")
        assertLk(e as LkStudyException, LkStudyException.Code.UNAVAILABLE, "egress_unavailable", 503)
        println("livekit-server StartRoomCompositeEgress without a worker: rejected after ${(System.nanoTime() - t0) / 1_000_000} ms")
        // The client is still usable after the failure.
        assertLk(assertThrows(LkStudyException::class.java) { egress.stopEgressBlocking("EG_x") }, LkStudyException.Code.UNAVAILABLE, "egress_unavailable", 503)
    }

    @Test
    fun `dispatches are stored and listed with no agent worker, as LiveKit's Kotlin SDK lists them`() = runBlocking {
        val room = "kt_dispatch_room"
        rooms.createRoom(room)
        val made = dispatch.createDispatch(room, "transcriber", """{"lang":"en"}""")
        assertTrue(made.id.startsWith("AD_"), made.toString())
        assertEquals("transcriber", made.agentName)
        assertEquals(room, made.room)
        assertEquals("""{"lang":"en"}""", made.metadata)

        val ours = dispatch.listDispatch(room)
        assertEquals(listOf(made.id), ours.filter { it.agentName == "transcriber" }.map { it.id })
        val theirs = TheirDispatch.createClient(server.url, key, secret).listDispatch(room).execute().body()!!
        assertEquals(theirs.map { it.id to it.agentName }.sortedBy { it.first }, ours.map { it.id to it.agentName }.sortedBy { it.first })
        assertEquals(made.id, dispatch.getDispatch(room, made.id)!!.id)
        assertNull(dispatch.getDispatch(room, "AD_doesnotexist"))

        val deleted = dispatch.deleteDispatch(room, made.id)
        assertEquals(made.id, deleted.id)
        assertEquals(emptyList<AgentDispatch>(), dispatch.listDispatch(room).filter { it.agentName == "transcriber" })
        assertLk(assertThrows(LkStudyException::class.java) { dispatch.createDispatchBlocking(room, "") }, LkStudyException.Code.INVALID_ARGUMENT)
    }

    @Test
    fun `the SDK's class names and factories work with only the import changed`() {
        // io.livekit:livekit-server: EgressServiceClient.createClient(host, key, secret), ...
        EgressServiceClient.createClient(server.url, key, secret, RoomServiceOptions(maxAttempts = 1)).use { c ->
            assertLk(assertThrows(LkStudyException::class.java) { c.listEgressBlocking() }, LkStudyException.Code.UNAVAILABLE, "egress_unavailable", 503)
        }
        rooms.createRoomBlocking("kt_no_dispatches")
        AgentDispatchServiceClient.createClient(server.url, key, secret).use { d ->
            assertTrue(d.listDispatchBlocking("kt_no_dispatches").none { it.agentName.isNotEmpty() })
        }
    }

    @Test
    fun `closed clients throw IllegalStateException`() {
        val c = EgressClient(server.url, key, secret)
        val d = AgentDispatchClient(server.url, key, secret)
        c.close()
        d.close()
        c.close()
        assertThrows(IllegalStateException::class.java) { c.listEgressBlocking() }
        assertThrows(IllegalStateException::class.java) { d.listDispatchBlocking("r") }
        assertLk(assertThrows(LkStudyException::class.java) { EgressClient("", key, secret) }, LkStudyException.Code.INVALID_ARGUMENT)
    }

    private fun assertShape(info: EgressInfo, what: String, egressId: String = "MOCK_EGRESS_ID") {
        assertEquals(egressId, info.egressId, what)
        assertEquals("MOCK_ROOM_ID", info.roomId, what)
        assertEquals(1, info.fileResults.size, "$what: $info")
    }

    @Test
    fun `every Egress method answers an EgressInfo on LiveKit's test-server`() = runBlocking {
        val ts = testServer
        assumeTrue(ts != null, "SKIPPED: no test-server")
        EgressClient(ts!!.url, key, secret).use { c ->
            val room = c.startRoomCompositeEgress("study_1", EncodedOutputs(fileOutput = file(), streamOutput = StreamOutput(StreamProtocol.RTMP, listOf("rtmp://example.invalid/live/1"))), "speaker", EncodingOptionsPreset.H264_1080P_30)
            assertShape(room, "StartRoomCompositeEgress")
            assertEquals("study_1", room.roomName, "echoed from the request")
            assertEquals(1, room.streamResults.size)
            assertEquals(1, room.segmentResults.size)
            assertShape(c.startParticipantEgress("study_1", "user_15", EncodedOutputs(streamOutput = StreamOutput(StreamProtocol.RTMP, listOf("rtmp://example.invalid/x"))), screenShare = true), "StartParticipantEgress")
            assertShape(c.startTrackEgress("study_1", DirectFileOutput(filepath = "tracks/{track_id}", s3 = S3Upload(bucket = "b")), "TR_1"), "StartTrackEgress (file)")
            assertShape(c.startTrackEgress("study_1", "wss://example.invalid/ws", "TR_1"), "StartTrackEgress (websocket)")
            assertShape(
                c.startTrackCompositeEgress("study_1", SegmentedFileOutput(protocol = SegmentedFileProtocol.HLS_PROTOCOL, segmentDuration = 6), "TR_a", "TR_v", optionsAdvanced = EncodingOptions(width = 1280, videoCodec = "H264_HIGH")),
                "StartTrackCompositeEgress",
            )
            assertShape(c.startWebEgress("https://example.invalid/board", file(), audioOnly = true), "StartWebEgress")
            assertShape(c.updateLayout("EG_1", "speaker"), "UpdateLayout", "EG_1")
            assertShape(c.updateStream("EG_1", listOf("rtmp://a.invalid/x")), "UpdateStream", "EG_1")
            assertShape(c.stopEgress("EG_1"), "StopEgress", "EG_1")
            assertEquals(listOf("MOCK_EGRESS_ID"), c.listEgress().map { it.egressId })
            assertEquals(listOf("MOCK_EGRESS_ID"), c.listEgress("study_1", active = true).map { it.egressId })
            assertEquals(1, c.listEgress(egressId = "EG_1").size)
            assertTrue(c.callJson("ListEgress", "{}").contains("items"))
        }
        // The test-server checks AgentDispatchService's grants (roomAdmin for the room) but answers {}.
        AgentDispatchClient(ts.url, key, secret).use { d ->
            d.createDispatch("study_1", "transcriber", "m")
            assertEquals(emptyList<AgentDispatch>(), d.listDispatch("study_1"))
            d.deleteDispatch("study_1", "AD_1")
        }
        Unit
    }
}
