package io.lkstudy

import com.sun.net.httpserver.HttpServer
import io.lkstudy.support.LiveKitServer
import io.lkstudy.support.Postgres
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import java.net.InetSocketAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/**
 * The store over SQLite and the real PostgreSQL, the service's typed calls, and the REST handler
 * mounted in the JDK's HttpServer answering the seed's requests over real HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreAndServiceTest {
    private val key = "APIkotlinService"
    private val secret = "kotlin-service-secret-0123456789-abcdefghij"
    private val appSecret = "kotlin-app-secret-0123456789"
    private lateinit var livekit: LiveKitServer
    private lateinit var postgres: Postgres

    @BeforeAll
    fun start() {
        livekit = LiveKitServer.start(key, secret)
        postgres = Postgres.start()
    }

    @AfterAll
    fun stop() {
        livekit.close()
        postgres.close()
    }

    private fun storeRoundTrip(url: String) {
        StudyGroupStore.open(url).use { store ->
            val g = store.execute("createGroup", mapOf("group" to mapOf("title" to "Graphs", "maxParticipants" to 2, "livekitRoomName" to "study_group_1_x"), "ownerUserId" to "15"))
            val id = g["id"].asLong()
            assertEquals("Graphs", store.getGroup(id).title)
            assertEquals(2, store.getGroup(id).maxParticipants)
            store.execute("addMember", mapOf("groupId" to id, "userId" to "16"))
            val full = assertThrows(LkStudyException::class.java) { store.execute("addMember", mapOf("groupId" to id, "userId" to "17")) }
            assertEquals(LkStudyException.Code.RESOURCE_EXHAUSTED, full.code)
            assertEquals("group_full", full.reason)
            assertEquals(2, store.execute("listMembers", mapOf("groupId" to id))["members"].size())
            val missing = assertThrows(LkStudyException::class.java) { store.getGroup(id + 1000) }
            assertEquals(LkStudyException.Code.NOT_FOUND, missing.code)
            val bad = assertThrows(LkStudyException::class.java) { store.execute("createGroup", mapOf("group" to mapOf("title" to ""), "ownerUserId" to "1")) }
            assertEquals(LkStudyException.Code.INVALID_ARGUMENT, bad.code)
            assertTrue(bad.message!!.contains("title"), bad.message)
            assertEquals(false, store.execute("markEventSeen", mapOf("eventId" to "EV_1", "receivedAt" to 1700000000000))["alreadySeen"].asBoolean())
            assertEquals(true, store.execute("markEventSeen", mapOf("eventId" to "EV_1", "receivedAt" to 1700000000000))["alreadySeen"].asBoolean())
        }
    }

    @Test
    fun `the store works over SQLite`() = storeRoundTrip("sqlite::memory:")

    @Test
    fun `the store works over the real PostgreSQL`() = storeRoundTrip(postgres.url)

    @Test
    fun `an unknown scheme is invalid_argument naming url`() {
        val e = assertThrows(LkStudyException::class.java) { StudyGroupStore.open("mysql://x") }
        assertEquals(LkStudyException.Code.INVALID_ARGUMENT, e.code)
        assertTrue(e.message!!.startsWith("url"), e.message)
    }

    private fun service(store: StudyGroupStore) = StudyGroups(store, StudyGroupsOptions(livekitUrl = livekit.wsUrl, apiKey = key, apiSecret = secret, appJwtSecret = appSecret))

    @Test
    fun `the service's typed calls enforce the policy`() = runBlocking {
        StudyGroupStore.open(postgres.url).use { store ->
            service(store).use { svc ->
                val owner = AppUser("15", "john@example.com", "John Doe")
                val other = AppUser("16", "jane@example.com", "Jane")
                val g = svc.createGroup(owner, NewStudyGroup("Bible Study - Gospel of John", maxParticipants = 15, videoProvider = "livekit", useLiveKit = true))
                assertTrue(g.livekitRoomName!!.startsWith("study_group_"))
                val denied = assertThrows(LkStudyException::class.java) { svc.issueTokenBlocking(other, g.livekitRoomName!!) }
                assertEquals("not_a_member", denied.reason)
                assertEquals(403, denied.httpStatus)
                svc.joinGroup(other, g.id)
                val t = svc.issueToken(other, g.livekitRoomName!!, "Jane D")
                assertEquals("user_16", t.identity)
                val claims = TokenVerifier(key, secret).use { it.verify(t.token) }
                assertEquals(g.livekitRoomName, claims.video!!.room)
                assertEquals(2L, svc.members(owner, g.id).total)
                assertEquals(listOf(g.id), svc.listGroups(other).groups.map { it.id })
                assertEquals(0.0, svc.usage(owner, g.id).participantMinutes)
                assertEquals(true, svc.liveKitStatus().configured)

                // An approval group: the member waits, is admitted, then gets a token; a lock holds
                // members but not the owner.
                val w = svc.createGroup(owner, NewStudyGroup("Waiting room", admission = "approval"))
                assertEquals("approval", w.admission)
                svc.joinGroup(other, w.id)
                val wait = svc.issueToken(other, w.livekitRoomName!!)
                assertTrue(wait.waiting)
                assertEquals("", wait.token)
                assertTrue(wait.session!!.startsWith("RM_"))
                assertEquals(listOf("16" to "waiting"), svc.listKnocks(owner, w.id).knocks.map { it.userId to it.status })
                val notMod = assertThrows(LkStudyException::class.java) { svc.admitBlocking(other, w.id, "16") }
                assertEquals("not_a_moderator", notMod.reason)
                assertEquals("admitted", svc.admit(owner, w.id, "16").status)
                assertTrue(svc.issueToken(other, w.livekitRoomName!!).token.isNotEmpty())
                assertTrue(svc.lock(owner, w.id).locked)
                val locked = assertThrows(LkStudyException::class.java) { svc.issueTokenBlocking(other, w.livekitRoomName!!) }
                assertEquals("locked", locked.reason)
                assertFalse(svc.issueToken(owner, w.livekitRoomName!!).waiting)
                assertFalse(svc.unlock(owner, w.id).locked)
                assertEquals("denied", svc.deny(owner, w.id, "16").status)
                assertEquals("denied", assertThrows(LkStudyException::class.java) { svc.issueTokenBlocking(other, w.livekitRoomName!!) }.reason)
                // The token made the room: one live session to reconcile, nobody in it.
                val pass = svc.reconcile()
                assertTrue(pass.sessionsChecked >= 1, pass.toString())
                assertEquals(0L, pass.rowsOpened)
                // Recording (docs/recording.md): consent first, moderators only.
                assertEquals(false, g.recordingConsent)
                val refused = assertThrows(LkStudyException::class.java) { svc.startRecordingBlocking(owner, g.id) }
                assertEquals("recording_not_consented", refused.reason)
                assertEquals(409, refused.httpStatus)
                val rec = svc.createGroup(owner, NewStudyGroup("Recorded", recordingConsent = true, transcriptionAgent = "transcriber"))
                // A schedule: weekly in Berlin; the group answers its next occurrence.
                val weekly = svc.createGroup(
                    owner,
                    NewStudyGroup("Weekly", scheduledTime = "2026-01-06T18:00:00.000Z", timeZone = "Europe/Berlin",
                        recurrence = "FREQ=WEEKLY;BYDAY=TU", earlyJoinMinutes = 5),
                )
                assertEquals("Europe/Berlin", weekly.timeZone)
                assertEquals("FREQ=WEEKLY;BYDAY=TU", weekly.recurrence)
                assertEquals(5, weekly.earlyJoinMinutes)
                assertTrue(weekly.nextSession!!.start.endsWith("Z"), weekly.toString())
                assertEquals(true, rec.recordingConsent)
                assertEquals("transcriber", rec.transcriptionAgent)
                val notModerator = assertThrows(LkStudyException::class.java) { svc.stopRecordingBlocking(other, g.id) }
                assertEquals("not_a_moderator", notModerator.reason)
                assertEquals(emptyList<Recording>(), svc.recordings(other, g.id).recordings)
                // The service shares the store's state: closing the store first is fine.
            }
        }
    }

    @Test
    fun `the REST handler mounted in the JDK's HttpServer answers the seed's requests`() {
        val store = StudyGroupStore.open("sqlite::memory:")
        val svc = service(store)
        store.close()
        val handler = RestHandler(svc)
        val http = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        http.createContext("/") { ex ->
            val headers = ex.requestHeaders.flatMap { (k, vs) -> vs.map { k to it } }
            val res = handler.handlePairs(ex.requestMethod, ex.requestURI.toString(), headers, ex.requestBody.readAllBytes())
            res.headers.forEach { (k, v) -> ex.responseHeaders.add(k, v) }
            ex.sendResponseHeaders(res.status, if (res.body.isEmpty()) -1 else res.body.size.toLong())
            ex.responseBody.use { it.write(res.body) }
        }
        http.start()
        try {
            val base = "http://127.0.0.1:${http.address.port}"
            val client = HttpClient.newHttpClient()
            val jwt = AppUser("15", "john@example.com", "John Doe").mintAppToken(appSecret)
            fun send(method: String, path: String, body: String? = null, auth: String? = jwt): HttpResponse<String> {
                val b = HttpRequest.newBuilder(URI(base + path)).method(method, if (body == null) HttpRequest.BodyPublishers.noBody() else HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json")
                if (auth != null) b.header("Authorization", "Bearer $auth")
                return client.send(b.build(), HttpResponse.BodyHandlers.ofString())
            }
            val created = send("POST", "/api/study-groups/create", """{"title":"Bible Study - Gospel of John","description":"Weekly study of John's Gospel","maxParticipants":15,"scheduledTime":"2025-10-15T19:00:00.000Z","durationMinutes":60,"videoProvider":"livekit","useLiveKit":true}""")
            assertEquals(201, created.statusCode(), created.body())
            val data = Json.mapper.readTree(created.body())["data"]
            val room = data["livekitRoomName"].asText()
            assertEquals("Bible Study - Gospel of John", data["title"].asText())
            val got = send("GET", "/api/study-groups/${data["id"].asLong()}")
            assertEquals(200, got.statusCode())
            val token = send("POST", "/api/livekit/token", """{"roomName":"$room","participantName":"John Doe"}""")
            assertEquals(200, token.statusCode(), token.body())
            assertEquals("user_15", Json.mapper.readTree(token.body())["data"]["identity"].asText())
            val status = send("GET", "/api/livekit/status", auth = null)
            assertEquals(200, status.statusCode())
            assertTrue(!status.body().contains(secret))
            val noAuth = send("GET", "/api/study-groups/1", auth = null)
            assertEquals(401, noAuth.statusCode())
            assertEquals(false, Json.mapper.readTree(noAuth.body())["success"].asBoolean())
            val missing = send("GET", "/api/study-groups/999")
            assertEquals(404, missing.statusCode())
            val rooms = send("GET", "/api/livekit/rooms")
            assertEquals(200, rooms.statusCode(), rooms.body())
        } finally {
            http.stop(0)
            svc.close()
        }
    }
}
