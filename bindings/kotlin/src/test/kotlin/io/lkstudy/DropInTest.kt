package io.lkstudy

import io.lkstudy.support.LiveKitServer
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/**
 * Snippets from the README of LiveKit's Kotlin server SDK with only the imports changed
 * (`io.livekit.server.*` -> `io.lkstudy.*`). Where the shapes differ (bindings/kotlin/README.md):
 * RoomServiceClient methods are suspend functions or `...Blocking` returning the value, not a
 * retrofit `Call` with `execute().body()`.
 */
class DropInTest {
    @Test
    fun `the README's token snippet`() {
        // --- from the SDK's README ---
        val token = AccessToken("apiKey", "secret")
        token.name = "participant-name"
        token.identity = "participant-identity"
        token.metadata = "metadata"
        token.addGrants(RoomJoin(true), RoomName("room-name"))
        val jwt = token.toJwt()
        // ---
        val c = TokenVerifier("apiKey", "secret").use { it.verify(jwt) }
        assertEquals("participant-identity", c.identity)
        assertEquals("room-name", c.video!!.room)
    }

    @Test
    fun `the README's room service snippet`() {
        LiveKitServer.start("apiKeyDropIn", "secret-dropin-0123456789-abcdefghij").use { server ->
            val host = server.url
            // --- from the SDK's README (blocking: execute().body() becomes the *Blocking call) ---
            val client = RoomServiceClient.createClient(host, "apiKeyDropIn", "secret-dropin-0123456789-abcdefghij")
            val room = client.createRoomBlocking("room_name")
            val rooms = client.listRoomsBlocking()
            // ---
            assertEquals("room_name", room.name)
            assertEquals(listOf("room_name"), rooms.map { it.name })
            runBlocking { client.deleteRoom("room_name") }
            client.close()
        }
    }
}
