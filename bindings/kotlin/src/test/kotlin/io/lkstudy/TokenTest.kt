package io.lkstudy

import com.auth0.jwt.JWT
import com.auth0.jwt.algorithms.Algorithm
import io.lkstudy.support.LiveKitServer
import io.lkstudy.support.httpGet
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import java.net.URLEncoder
import java.util.Date
import io.livekit.server.AccessToken as TheirToken

/**
 * Tokens: every claim and grant through our verifier; ours accepted by LiveKit's Kotlin SDK (its
 * JWT library with the SDK's key, and its WebhookReceiver for a sha256 token) and by the real
 * livekit-server's /rtc/validate; the SDK's tokens verify here with equal claims.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenTest {
    private val key = "APIkotlinTokens"
    private val secret = "kotlin-token-secret-0123456789-abcdefghij"
    private lateinit var server: LiveKitServer
    private val verifier by lazy { TokenVerifier(key, secret) }

    @BeforeAll
    fun start() {
        server = LiveKitServer.start(key, secret)
    }

    @AfterAll
    fun stop() {
        server.close()
        verifier.close()
    }

    private fun seedToken(identity: String = "user_15", room: String = "study_group_1_a") = AccessToken(key, secret).apply {
        this.identity = identity
        name = "John Doe"
        metadata = """{"userId":15,"email":"john@example.com"}"""
        addGrants(RoomJoin(true), RoomName(room), CanPublish(true), CanSubscribe(true), CanPublishData(true), CanUpdateOwnMetadata(true))
    }

    @Test
    fun `every claim and grant round-trips through the verifier`() {
        val t = AccessToken(key, secret).apply {
            identity = "id-\u4e2d\u6587-\ud83d\ude00"
            name = "N\u00e4me \"quoted\""
            metadata = "x".repeat(100_000)
            kind = "agent"
            sha256 = "CoEQz1chqJ9bnZRcORddjplkvpjmPujmLTR42DbefYI="
            roomPreset = "preset1"
            roomConfiguration = """{"name":"cfg","maxParticipants":3}"""
            attributes["a"] = ""
            attributes["b"] = "x=y"
            ttl = 120_000
            agentAdmin = true
            inferencePerform = true
            observabilityWrite = true
            addGrants(
                RoomCreate(true), RoomList(true), RoomRecord(true), RoomAdmin(true), RoomJoin(true), RoomName("r1"),
                CanPublish(false), CanSubscribe(true), CanPublishData(false), CanPublishSources(listOf("camera", "screen_share")),
                CanUpdateOwnMetadata(true), IngressAdmin(true), Hidden(true), Recorder(true), Agent(true),
                CanSubscribeMetrics(true), CanManageAgentSession(true), DestinationRoom("r2"),
            )
            addSIPGrants(SIPAdmin(true), SIPCall(false))
        }
        val c = verifier.verify(t.toJwt())
        assertEquals(key, c.iss)
        assertEquals("id-\u4e2d\u6587-\ud83d\ude00", c.identity)
        assertEquals("N\u00e4me \"quoted\"", c.name)
        assertEquals(100_000, c.metadata!!.length)
        assertEquals("agent", c.kind)
        assertEquals("CoEQz1chqJ9bnZRcORddjplkvpjmPujmLTR42DbefYI=", c.sha256)
        assertEquals("preset1", c.roomPreset)
        assertEquals(3, c.roomConfig!!.get("maxParticipants").asInt())
        assertEquals(mapOf("a" to "", "b" to "x=y"), c.attributes)
        assertEquals(120, c.exp - c.nbf!!)
        assertEquals(true, c.agent?.admin)
        assertEquals(true, c.inference?.perform)
        assertEquals(true, c.observability?.write)
        assertEquals(SipClaims(admin = true, call = null), c.sip.let { SipClaims(it?.admin, it?.call?.takeIf { v -> v }) })
        val v = c.video!!
        assertEquals(listOf(true, true, true, true, true), listOf(v.roomCreate, v.roomList, v.roomRecord, v.roomAdmin, v.roomJoin))
        assertEquals("r1", v.room)
        assertEquals(false, v.canPublish)
        assertEquals(true, v.canSubscribe)
        assertEquals(false, v.canPublishData)
        assertEquals(listOf("camera", "screen_share"), v.canPublishSources)
        assertEquals(listOf(true, true, true, true, true, true, true), listOf(v.canUpdateOwnMetadata, v.ingressAdmin, v.hidden, v.recorder, v.agent, v.canSubscribeMetrics, v.canManageAgentSession))
        assertEquals("r2", v.destinationRoom)
    }

    @Test
    fun `defaults - 6 h TTL, nbf now, tri-states absent, template reuse clears claims`() {
        val now = System.currentTimeMillis() / 1000
        val a = verifier.verify(seedToken().toJwt())
        assertTrue(a.nbf!! in now - 2..now + 2)
        assertEquals(6 * 3600L, a.exp - a.nbf!!)
        // Same grant, fewer claims: nothing of the previous token may leak into this one.
        val b = AccessToken(key, secret).apply {
            identity = "other"
            addGrants(RoomJoin(true), RoomName("study_group_1_a"), CanPublish(true), CanSubscribe(true), CanPublishData(true), CanUpdateOwnMetadata(true))
        }
        val cb = verifier.verify(b.toJwt())
        assertNull(cb.name)
        assertNull(cb.metadata)
        assertEquals("other", cb.identity)
        val plain = verifier.verify(AccessToken(key, secret).apply { identity = "x"; addGrants(RoomList(true)) }.toJwt())
        assertNull(plain.video!!.canPublish)
        assertNull(plain.video!!.canSubscribe)
    }

    @Test
    fun `notBefore and expiration dates are honoured`() {
        val nbf = Date((System.currentTimeMillis() / 1000 - 30) * 1000)
        val c = verifier.verify(AccessToken(key, secret).apply { identity = "x"; notBefore = nbf; ttl = 60_000 }.toJwt())
        assertEquals(nbf.time / 1000, c.nbf)
        val exp = Date(System.currentTimeMillis() + 90_000)
        val d = verifier.verify(AccessToken(key, secret).apply { identity = "x"; expiration = exp }.toJwt())
        assertTrue(kotlin.math.abs(d.exp - exp.time / 1000) <= 1)
    }

    @Test
    fun `bad claims are refused naming the field`() {
        val e = assertThrows(LkStudyException::class.java) { AccessToken(key, secret).apply { identity = "x"; name = "n".repeat(257) }.toJwt() }
        assertTrue(e.message!!.startsWith("name:"), e.message)
        val r = assertThrows(LkStudyException::class.java) { AccessToken(key, secret).apply { addGrants(RoomJoin(true)); identity = "x" }.toJwt() }
        assertTrue(r.message!!.contains("room"), r.message)
        assertTrue(!r.message!!.contains(secret))
    }

    @Test
    fun `the verifier refuses wrong keys, tampering, expiry and other algorithms`() {
        val jwt = seedToken().toJwt()
        fun reason(t: String, v: TokenVerifier = verifier) = assertThrows(LkStudyException::class.java) { v.verify(t) }.also {
            assertEquals(LkStudyException.Code.UNAUTHENTICATED, it.code)
            assertEquals(401, it.httpStatus)
        }.reason
        TokenVerifier("otherKey", secret).use { assertEquals("unknown_key", reason(jwt, it)) }
        TokenVerifier(key, "wrong-secret-0123456789").use { assertEquals("bad_signature", reason(jwt, it)) }
        val parts = jwt.split('.')
        val sig = parts[2]
        val flipped = (if (sig[0] == 'A') 'B' else 'A') + sig.substring(1)
        assertEquals("bad_signature", reason(parts[0] + "." + parts[1] + "." + flipped))
        val old = TheirToken(key, secret).apply { identity = "x"; expiration = Date(System.currentTimeMillis() - 120_000) }.toJwt()
        assertEquals("expired", reason(old))
        val none = JWT.create().withIssuer(key).withExpiresAt(Date(System.currentTimeMillis() + 60_000)).sign(Algorithm.none())
        assertEquals("unsupported_alg", reason(none))
        TokenVerifier(key, secret).setLeewaySeconds(300).use { assertEquals(key, it.verify(old).iss) }
    }

    @Test
    fun `our tokens are accepted by the SDK's JWT verification and by livekit-server's rtc validate`() {
        val jwt = seedToken().toJwt()
        val decoded = JWT.require(Algorithm.HMAC256(secret)).withIssuer(key).build().verify(jwt)
        assertEquals("user_15", decoded.subject)
        assertEquals("John Doe", decoded.getClaim("name").asString())
        val video = decoded.getClaim("video").asMap()
        assertEquals(true, video["roomJoin"])
        assertEquals("study_group_1_a", video["room"])
        val (code, body) = httpGet("${server.url}/rtc/validate?access_token=" + URLEncoder.encode(jwt, "UTF-8"))
        assertEquals(200, code, body)
        val forged = AccessToken(key, "not-the-secret-0123456789").apply { identity = "x"; addGrants(RoomJoin(true), RoomName("r")) }.toJwt()
        assertEquals(401, httpGet("${server.url}/rtc/validate?access_token=$forged").first)
    }

    @Test
    fun `tokens minted by io_livekit livekit-server verify here with equal claims`() {
        val theirs = TheirToken(key, secret).apply {
            identity = "id-\ud83d\ude00"
            name = "John Doe"
            metadata = """{"userId":15}"""
            attributes["k"] = "v=1"
            ttl = 3_600_000
            addGrants(io.livekit.server.RoomJoin(true), io.livekit.server.RoomName("r9"), io.livekit.server.CanPublish(false),
                io.livekit.server.CanPublishSources(listOf("microphone")))
            addSIPGrants(io.livekit.server.SIPCall(true))
        }.toJwt()
        val ours = AccessToken(key, secret).apply {
            identity = "id-\ud83d\ude00"
            name = "John Doe"
            metadata = """{"userId":15}"""
            attributes["k"] = "v=1"
            ttl = 3_600_000
            addGrants(RoomJoin(true), RoomName("r9"), CanPublish(false), CanPublishSources(listOf("microphone")))
            addSIPGrants(SIPCall(true))
        }.toJwt()
        val a = verifier.verify(theirs)
        val b = verifier.verify(ours)
        // The SDK sets nbf only when given; exp is an hour ahead in both.
        assertEquals(a.copy(nbf = null, exp = 0), b.copy(nbf = null, exp = 0))
        assertTrue(kotlin.math.abs(a.exp - b.exp) <= 2, "exp ${a.exp} vs ${b.exp}")
    }

    @Test
    fun `a token with our sha256 claim passes the SDK's WebhookReceiver`() {
        val body = """{"event":"room_started","room":{"name":"r"},"id":"EV_1","createdAt":"1700000000"}"""
        val hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(body.toByteArray()))
        val jwt = AccessToken(key, secret).apply { sha256 = hash; ttl = 300_000 }.toJwt()
        val event = io.livekit.server.WebhookReceiver(key, secret).receive(body, jwt)
        assertEquals("room_started", event.event)
        assertEquals("r", event.room.name)
    }

    @Test
    fun `packed claims - UTF-8 of every width, U+0000, lone surrogates, grant order and memo reuse`() {
        // toJwt() writes the strings as UTF-8 itself (AccessToken.pack): every width and the
        // JNI path's old cases must reach the token unchanged.
        val texts = listOf("", "a", "\u0000", "x\u0000y", "\u00e9\u00ff", "\u07ff\u0800", "\uffff",
            "\ud83d\ude00\ud83d\ude01", "mix \u00e4 \u4e2d \ud83d\ude00 end", "\u00e4".repeat(300))
        for (text in texts) {
            val c = verifier.verify(AccessToken(key, secret).apply {
                identity = "id" + text.take(100); name = text.take(100); metadata = text; attributes["k$text"] = "v$text"
            }.toJwt())
            assertEquals("id" + text.take(100), c.identity)
            assertEquals(text.take(100), c.name ?: "")
            assertEquals(text, c.metadata ?: "")
            assertEquals(mapOf("k$text" to "v$text"), c.attributes)
        }
        // A lone surrogate is not UTF-8: refused naming the field, as through GetStringUTFRegion.
        for (bad in listOf("a\ud800", "\udc00b", "\ud800\ud800")) {
            val e = assertThrows(LkStudyException::class.java) { AccessToken(key, secret).apply { identity = bad }.toJwt() }
            assertTrue(e.message!!.startsWith("identity:"), e.message)
        }
        // A key added again takes the new value; the SIP grant's latest wins.
        val t = AccessToken(key, secret).apply {
            identity = "x"
            addGrants(RoomJoin(true), RoomName("r1"), CanPublish(true))
            addGrants(RoomJoin(false), RoomName("r2"))
            addSIPGrants(SIPAdmin(true), SIPCall(true))
            addSIPGrants(SIPAdmin(false))
        }
        val jwt = t.toJwt()
        val v = verifier.verify(jwt).video!!
        assertEquals(listOf(false, "r2", true), listOf(v.roomJoin ?: false, v.room, v.canPublish))
        val sip = verifier.verify(jwt).sip!!
        assertEquals(false, sip.admin ?: false)
        assertEquals(true, sip.call)
        t.clearSIPGrants()
        assertNull(verifier.verify(t.toJwt()).sip)
        // More grant sets than the memo keeps, in turns: each token has its own room and grants.
        repeat(3) {
            for (i in 0 until 7) {
                val c = verifier.verify(AccessToken(key, secret).apply {
                    identity = "u$i"
                    if (i % 2 == 0) name = "n$i"
                    addGrants(RoomJoin(true), RoomName("room$i"), CanPublish(i % 3 == 0))
                }.toJwt())
                assertEquals("u$i", c.identity)
                assertEquals(if (i % 2 == 0) "n$i" else null, c.name)
                assertEquals("room$i", c.video!!.room)
                assertEquals(i % 3 == 0, c.video!!.canPublish)
            }
        }
        // From other threads: each has its own memo and templates.
        val pool = java.util.concurrent.Executors.newFixedThreadPool(4)
        try {
            val rooms = (0 until 64).map { i -> pool.submit<String> { verifier.verify(seedToken("u$i", "r${i % 5}").toJwt()).video!!.room!! } }
            rooms.forEachIndexed { i, f -> assertEquals("r${i % 5}", f.get()) }
        } finally {
            pool.shutdown()
        }
    }
}
