package io.lkstudy

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test
import java.io.File
import java.security.MessageDigest
import java.util.Base64
import java.util.Date
import io.livekit.server.AccessToken as TheirToken
import io.livekit.server.WebhookReceiver as TheirReceiver

/** Webhooks signed by LiveKit's SDK (its AccessToken with sha256, as livekit-server signs) or ours. */
class WebhookTest {
    private val key = "abcdefg"
    private val secret = "abababa"
    // design.md's vector: 253 bytes, sha256 CoEQz1chqJ9bnZRcORddjplkvpjmPujmLTR42DbefYI=
    private val body = """{"event":"room_started", "room":{"sid":"RM_TkVjUvAqgzKz", "name":"mytestroom", "emptyTimeout":300, "creationTime":"1628545903", "turnPassword":"ICkSr2rEeslkN6e9bXL4Ji5zzMD5Z7zzr6ulOaxMj6N", "enabledCodecs":[{"mime":"audio/opus"}, {"mime":"video/VP8"}]}}""".toByteArray()

    private fun theirAuth(b: ByteArray, k: String = key, s: String = secret, exp: Date? = null): String = TheirToken(k, s).apply {
        sha256 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(b))
        ttl = 300_000
        if (exp != null) expiration = exp
    }.toJwt()

    @Test
    fun `the vector's body hashes as design_md says`() {
        assertEquals(253, body.size)
        assertEquals("CoEQz1chqJ9bnZRcORddjplkvpjmPujmLTR42DbefYI=", Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body)))
    }

    @Test
    fun `a delivery signed by the SDK is received with typed fields`() {
        WebhookReceiver(key, secret).use { r ->
            val e = r.receive(body, theirAuth(body))
            assertEquals("room_started", e.event)
            assertEquals("RM_TkVjUvAqgzKz", e.room!!.sid)
            assertEquals("mytestroom", e.room!!.name)
            assertEquals(300, e.room!!.emptyTimeout)
            assertEquals(1628545903L, e.room!!.creationTime)
            assertEquals(listOf("audio/opus", "video/VP8"), e.room!!.enabledCodecs.map { it.mime })
            // "Bearer " accepted; the raw form is the body itself.
            assertArrayEquals(body, r.receiveJson(body, "Bearer " + theirAuth(body)))
        }
    }

    @Test
    fun `our signer's deliveries pass the SDK's receiver and ours`() {
        val auth = WebhookReceiver.sign(key, secret, body)
        assertEquals("room_started", TheirReceiver(key, secret).receive(String(body), auth).event)
        WebhookReceiver(key, secret).use { assertEquals("mytestroom", it.receive(body, auth).room!!.name) }
    }

    @Test
    fun `the recorded deliveries of livekit-server all parse`() {
        val dir = File("../../tests/data/webhooks")
        val files = dir.listFiles { f -> f.name.endsWith(".json") }.orEmpty()
        WebhookReceiver(key, secret).use { r ->
            for (f in files) {
                val b = f.readBytes()
                val e = r.receive(b, WebhookReceiver.sign(key, secret, b))
                assertEquals(true, e.event.isNotEmpty(), f.name)
            }
        }
    }

    @Test
    fun `tampered body, wrong key, expired and missing header are refused`() {
        WebhookReceiver(key, secret).use { r ->
            fun reason(b: ByteArray, auth: String) = assertThrows(LkStudyException::class.java) { r.receive(b, auth) }.also {
                assertEquals(LkStudyException.Code.UNAUTHENTICATED, it.code)
                assertEquals(401, it.httpStatus)
                assertEquals(false, it.message!!.contains(secret))
            }.reason
            val tampered = body.copyOf().also { it[20] = 'X'.code.toByte() }
            assertEquals("body_mismatch", reason(tampered, theirAuth(body)))
            assertEquals("unknown_key", reason(body, theirAuth(body, k = "otherkey")))
            assertEquals("bad_signature", reason(body, theirAuth(body, s = "wrongsecret")))
            assertEquals("expired", reason(body, theirAuth(body, exp = Date(System.currentTimeMillis() - 120_000))))
            assertEquals("missing_authorization", reason(body, ""))
        }
    }

    @Test
    fun `an authentic body that is not JSON is invalid_argument`() {
        val junk = "not json".toByteArray()
        WebhookReceiver(key, secret).use { r ->
            val e = assertThrows(LkStudyException::class.java) { r.receive(junk, WebhookReceiver.sign(key, secret, junk)) }
            assertEquals(LkStudyException.Code.INVALID_ARGUMENT, e.code)
            assertEquals("body_not_json", e.reason)
            val wrong = """{"event":"room_started","room":{"name":"r","maxParticipants":"many"}}""".toByteArray()
            val b = assertThrows(LkStudyException::class.java) { r.receive(wrong, WebhookReceiver.sign(key, secret, wrong)) }
            assertEquals("bad_event", b.reason)
            assertEquals(true, b.message!!.startsWith("room.maxParticipants"), b.message)
        }
    }
}
