package io.lkstudy

import io.lkstudy.support.Deps
import io.lkstudy.support.LiveKitServer
import io.lkstudy.support.Participant
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import io.livekit.server.RoomServiceClient as TheirClient

/** RoomServiceClient against the real livekit-server, compared with LiveKit's own Kotlin client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoomServiceTest {
    private val key = "APIkotlinRoom"
    private val secret = "kotlin-room-secret-0123456789-abcdefghij"
    private lateinit var server: LiveKitServer
    private lateinit var ours: RoomServiceClient
    private lateinit var theirs: TheirClient

    @BeforeAll
    fun start() {
        server = LiveKitServer.start(key, secret)
        ours = RoomServiceClient(server.url, key, secret)
        theirs = TheirClient.createClient(server.url, key, secret)
    }

    @AfterAll
    fun stop() {
        ours.close()
        server.close()
    }

    @Test
    fun `createRoom, listRooms, updateRoomMetadata and deleteRoom agree with the SDK`() = runBlocking {
        val room = ours.createRoom("kt_room_1", emptyTimeout = 600, maxParticipants = 8, metadata = """{"groupId":1}""")
        assertEquals("kt_room_1", room.name)
        assertEquals(8, room.maxParticipants)
        assertEquals(600, room.emptyTimeout)
        assertTrue(room.sid.startsWith("RM_"))
        assertTrue(room.creationTime > 0)
        assertEquals(room.sid, ours.createRoom("kt_room_1", maxParticipants = 99).sid, "a live room comes back unchanged")
        theirs.createRoom("kt_room_2", null, 3).execute()
        val mine = ours.listRooms().map { it.name to it.sid }.sortedBy { it.first }
        val sdk = theirs.listRooms().execute().body()!!.map { it.name to it.sid }.sortedBy { it.first }
        assertEquals(sdk, mine)
        assertEquals(listOf("kt_room_2"), ours.listRooms(listOf("kt_room_2", "nope")).map { it.name })
        assertEquals("topic: graphs", ours.updateRoomMetadata("kt_room_2", "topic: graphs").metadata)
        assertEquals("topic: graphs", theirs.listRooms(listOf("kt_room_2")).execute().body()!![0].metadata)
        ours.deleteRoom("kt_room_2")
        assertEquals(0, theirs.listRooms(listOf("kt_room_2")).execute().body()!!.size)
        val e = assertThrows(LkStudyException::class.java) { ours.deleteRoomBlocking("kt_room_2") }
        assertEquals(LkStudyException.Code.NOT_FOUND, e.code)
        assertEquals(404, e.httpStatus)
        assertEquals(emptyList<ParticipantInfo>(), ours.listParticipants("never_created"))
    }

    @Test
    fun `a wrong secret is unauthenticated 401 and never echoes the secret`() {
        RoomServiceClient(server.url, key, "wrong-secret-0123456789-abcdefghij").use { c ->
            val e = assertThrows(LkStudyException::class.java) { c.listRoomsBlocking() }
            assertEquals(LkStudyException.Code.UNAUTHENTICATED, e.code)
            assertEquals(401, e.httpStatus)
            assertTrue(!e.message!!.contains("wrong-secret"))
        }
        val bad = assertThrows(LkStudyException::class.java) { RoomServiceClient("ftp://x", key, secret) }
        assertTrue(bad.message!!.startsWith("url"), bad.message)
    }

    @Test
    fun `16 threads share one client`() {
        ours.createRoomBlocking("kt_room_threads")
        val pool = Executors.newFixedThreadPool(16)
        try {
            val futures = (1..16).map { pool.submit<Int> { (1..5).sumOf { ours.listRoomsBlocking(listOf("kt_room_threads")).size } } }
            assertEquals(16 * 5, futures.sumOf { it.get(60, TimeUnit.SECONDS) })
        } finally {
            pool.shutdownNow()
        }
        runBlocking { assertEquals(16, (1..16).map { async { ours.listRooms(listOf("kt_room_threads")).size } }.awaitAll().sum()) }
    }

    @Test
    fun `a real participant is listed, updated, muted and removed`() = runBlocking {
        assumeTrue(Deps.inNetworkNamespace, "needs the test's network namespace (tests/integration/run_in_netns.sh)")
        val roomName = "kt_room_live"
        ours.createRoom(roomName)
        val token = AccessToken(key, secret).apply {
            identity = "alice"
            name = "Alice"
            addGrants(RoomJoin(true), RoomName(roomName), CanUpdateOwnMetadata(true))
        }.toJwt()
        Participant.join(server.wsUrl, token, publish = true).use { p ->
            assertNotNull(p.waitFor("JOINED"), "participant did not join")
            val published = p.waitFor("PUBLISHED")
            assertNotNull(published, "participant did not publish")
            val trackSid = published!!.substringAfter("PUBLISHED ").trim()
            val listed = ours.listParticipants(roomName)
            assertEquals(listOf("alice"), listed.map { it.identity })
            assertEquals(theirs.listParticipants(roomName).execute().body()!!.map { it.sid }, listed.map { it.sid })
            // The server adds the track to the participant's info shortly after the publication.
            var info = ours.getParticipant(roomName, "alice")
            val deadline = System.currentTimeMillis() + 10_000
            while (info.tracks.none { it.sid == trackSid } && System.currentTimeMillis() < deadline) {
                Thread.sleep(100)
                info = ours.getParticipant(roomName, "alice")
            }
            assertEquals("Alice", info.name)
            assertTrue(info.tracks.any { it.sid == trackSid }, "tracks: ${info.tracks.map { it.sid }}, published $trackSid")
            val updated = ours.updateParticipant(roomName, "alice", metadata = "m1", attributes = mapOf("role" to "host"))
            assertEquals("m1", updated.metadata)
            assertEquals("host", updated.attributes["role"])
            val muted = ours.mutePublishedTrack(roomName, "alice", trackSid, true)
            assertEquals(trackSid, muted.sid)
            assertEquals(true, muted.muted)
            ours.sendData(roomName, "hello".toByteArray(), topic = "chat")
            ours.removeParticipant(roomName, "alice")
            assertNotNull(p.waitFor("DISCONNECTED"), "participant was not disconnected")
            assertEquals(LkStudyException.Code.NOT_FOUND, assertThrows(LkStudyException::class.java) { ours.getParticipantBlocking(roomName, "alice") }.code)
        }
    }
}
