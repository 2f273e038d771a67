package io.lkstudy

import io.lkstudy.support.LiveKitServer
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance

/**
 * StudyGroups' breakout calls (docs/breakouts.md) against the real livekit-server: explicit
 * assignments (the auto mode deals the participants present in the call, which needs WebRTC
 * participants: the C++ BreakoutsE2e covers it), tokens that lead to the assigned breakout and
 * only it, the moderator's visit, closing, and the errors as the REST API answers them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BreakoutsTest {
    private val key = "APIkotlinBreakouts"
    private val secret = "kotlin-breakouts-secret-0123456789-abcdefghij"
    private val owner = AppUser("15", "john@example.com", "John Doe")
    private val jane = AppUser("16", "jane@example.com", "Jane")
    private val mark = AppUser("17", "mark@example.com", "Mark")
    private lateinit var livekit: LiveKitServer

    @BeforeAll
    fun start() {
        livekit = LiveKitServer.start(key, secret)
    }

    @AfterAll
    fun stop() = livekit.close()

    private fun <T> withService(block: suspend (StudyGroups) -> T): T =
        StudyGroupStore.open("sqlite::memory:").use { store ->
            StudyGroups(store, StudyGroupsOptions(livekitUrl = livekit.wsUrl, apiKey = key, apiSecret = secret)).use { svc ->
                runBlocking { block(svc) }
            }
        }

    private fun failure(block: () -> Unit): LkStudyException = assertThrows(LkStudyException::class.java) { block() }

    @Test
    fun `members get their own breakout until the moderator closes the set`() = withService { svc ->
        val g = svc.createGroup(owner, NewStudyGroup("Romans", maxParticipants = 10, useLiveKit = true))
        val main = g.livekitRoomName!!
        svc.joinGroup(jane, g.id)
        svc.joinGroup(mark, g.id)
        // No live session yet: nothing to split.
        val early = failure { svc.openBreakoutsBlocking(owner, g.id, BreakoutRequest.assign(listOf(listOf("16")))) }
        assertEquals("room_not_active", early.reason)
        assertEquals(409, early.httpStatus)
        svc.issueToken(owner, main) // creates the room: the session is live

        val notMod = failure { svc.openBreakoutsBlocking(jane, g.id, BreakoutRequest.assign(listOf(listOf("16")))) }
        assertEquals("not_a_moderator", notMod.reason)
        assertEquals(403, notMod.httpStatus)
        val twice = failure { svc.openBreakoutsBlocking(owner, g.id, BreakoutRequest.assign(listOf(listOf("16"), listOf("16", "17")))) }
        assertEquals(LkStudyException.Code.INVALID_ARGUMENT, twice.code)
        assertTrue(twice.message!!.startsWith("assignments[1].members: "), twice.message)
        assertTrue(twice.message!!.contains("'16' is in more than one room"), twice.message)
        val tooMany = failure { svc.openBreakoutsBlocking(owner, g.id, BreakoutRequest.auto(0)) }
        assertTrue(tooMany.message!!.startsWith("count: "), tooMany.message)

        val opened = svc.openBreakouts(owner, g.id, BreakoutRequest.assign(listOf(listOf("16"), listOf("17"))))
        assertTrue(opened.open)
        assertEquals(main, opened.mainRoomName)
        assertTrue(opened.sessionSid.startsWith("RM_"), opened.sessionSid)
        assertEquals(listOf(1, 2), opened.rooms.map { it.number })
        assertEquals(listOf(listOf("16"), listOf("17")), opened.rooms.map { it.members })
        assertTrue(opened.rooms.all { it.roomName.startsWith("$main-${opened.sessionSid}-") && it.closedAt == null })
        assertNull(opened.assignment) // the owner stays in the main room
        val (room1, room2) = opened.rooms.map { it.roomName }
        assertEquals("breakouts_open", failure { svc.openBreakoutsBlocking(owner, g.id, BreakoutRequest.assign(listOf(listOf("16")))) }.reason)

        // Asking for the group's room leads Jane to her breakout; another one is refused.
        val t = svc.issueToken(jane, main)
        assertEquals(room1, t.roomName)
        assertEquals(TokenBreakout(room1, 1, main, opened.sessionSid), t.breakout)
        TokenVerifier(key, secret).use { assertEquals(room1, it.verify(t.token).video!!.room) }
        val wrong = failure { svc.issueTokenBlocking(jane, room2) }
        assertEquals("not_assigned", wrong.reason)
        assertEquals(403, wrong.httpStatus)
        assertEquals(room2, svc.getBreakouts(mark, g.id).assignment!!.roomName)
        // The owner may visit any breakout.
        assertEquals(room2, svc.issueToken(owner, room2).roomName)

        val closed = svc.closeBreakouts(owner, g.id)
        assertEquals(listOf(room1, room2), closed.rooms.map { it.roomName })
        assertTrue(closed.rooms.all { it.closedAt != null })
        assertFalse(svc.getBreakouts(jane, g.id).open)
        val back = svc.issueToken(jane, main)
        assertEquals(main, back.roomName)
        assertNull(back.breakout)
        assertEquals("breakouts_closed", failure { svc.issueTokenBlocking(jane, room1) }.reason)
        val again = failure { svc.closeBreakoutsBlocking(owner, g.id) }
        assertEquals("breakouts_not_open", again.reason)
        assertEquals(409, again.httpStatus)
        // The breakout rooms are gone from LiveKit.
        val live = svc.listRooms(owner).rooms.map { it.name }
        assertFalse(live.contains(room1) || live.contains(room2), live.toString())
    }
}
