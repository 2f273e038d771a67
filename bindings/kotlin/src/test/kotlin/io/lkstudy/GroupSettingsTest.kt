package io.lkstudy

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * StudyGroups.updateGroup (PATCH /api/study-groups/:id) and the publicUrl option, over SQLite (no
 * LiveKit call is made: settings and calendars are the store's).
 */
class GroupSettingsTest {
    private val owner = AppUser("15", "john@example.com", "John Doe")
    private val member = AppUser("16", "jane@example.com", "Jane")

    private fun <T> withService(options: StudyGroupsOptions = StudyGroupsOptions(), block: (StudyGroups) -> T): T =
        StudyGroupStore.open("sqlite::memory:").use { store -> StudyGroups(store, options).use(block) }

    @Test
    fun `updateGroup changes only the given settings and answers the updated group`() = withService { svc ->
        runBlocking {
            val g = svc.createGroup(owner, NewStudyGroup("Graphs", description = "d", maxParticipants = 5, transcriptionAgent = "scribe"))
            Thread.sleep(5) // updatedAt is the store's clock, in milliseconds
            val u = svc.updateGroup(owner, g.id, GroupSettings(title = "Graph theory", maxParticipants = 8, admission = "approval", recordingConsent = true))
            assertEquals("Graph theory", u.title)
            assertEquals("d", u.description)
            assertEquals(8, u.maxParticipants)
            assertEquals("approval", u.admission)
            assertTrue(u.recordingConsent)
            assertEquals("scribe", u.transcriptionAgent)
            assertEquals(g.livekitRoomName, u.livekitRoomName)
            assertTrue(u.updatedAt!! > g.updatedAt!!, "${u.updatedAt} after ${g.updatedAt}")
            assertEquals(u, svc.getGroup(owner, g.id))

            val weekly = svc.updateGroup(owner, g.id, GroupSettings(scheduledTime = "2026-03-03T23:00:00Z", timeZone = "America/New_York", recurrence = "FREQ=WEEKLY;BYDAY=TU"))
            assertEquals("FREQ=WEEKLY;BYDAY=TU", weekly.recurrence)
            val cleared = svc.updateGroup(owner, g.id, GroupSettings(recurrence = "", timeZone = "", transcriptionAgent = ""))
            assertNull(cleared.recurrence)
            assertNull(cleared.timeZone)
            assertNull(cleared.transcriptionAgent)
        }
    }

    @Test
    fun `updateGroup fails as the REST API does`() = withService { svc ->
        val g = svc.createGroupBlocking(owner, NewStudyGroup("Graphs"))
        svc.joinGroupBlocking(member, g.id)
        val bad = assertThrows(LkStudyException::class.java) { svc.updateGroupBlocking(owner, g.id, GroupSettings(graceMinutes = -1)) }
        assertEquals(LkStudyException.Code.INVALID_ARGUMENT, bad.code)
        assertEquals(400, bad.httpStatus)
        assertTrue(bad.message!!.startsWith("graceMinutes: "), bad.message)
        val none = assertThrows(LkStudyException::class.java) { svc.updateGroupBlocking(owner, g.id, GroupSettings()) }
        assertTrue(none.message!!.startsWith("body: "), none.message)
        val notOwner = assertThrows(LkStudyException::class.java) { svc.updateGroupBlocking(member, g.id, GroupSettings(title = "Mine")) }
        assertEquals(LkStudyException.Code.PERMISSION_DENIED, notOwner.code)
        assertEquals("not_an_owner", notOwner.reason)
        assertEquals(403, notOwner.httpStatus)
        val missing = assertThrows(LkStudyException::class.java) { svc.updateGroupBlocking(owner, g.id + 100, GroupSettings(title = "x")) }
        assertEquals(LkStudyException.Code.NOT_FOUND, missing.code)
        assertEquals(404, missing.httpStatus)
        val full = assertThrows(LkStudyException::class.java) { svc.updateGroupBlocking(owner, g.id, GroupSettings(maxParticipants = 1)) }
        assertEquals(LkStudyException.Code.FAILED_PRECONDITION, full.code)
        assertEquals("Graphs", svc.getGroupBlocking(owner, g.id).title)
    }

    private fun calendar(svc: StudyGroups, id: Long): String {
        val r = RestHandler(svc).handle("GET", "/api/study-groups/$id/calendar.ics", emptyMap(), ByteArray(0), owner)
        assertEquals(200, r.status, r.bodyText)
        return r.bodyText
    }

    @Test
    fun `the calendar's join link uses publicUrl`() {
        withService(StudyGroupsOptions(publicUrl = "https://study.example.org/")) { svc ->
            val g = svc.createGroupBlocking(owner, NewStudyGroup("Weekly", scheduledTime = "2026-03-03T23:00:00Z", recurrence = "FREQ=WEEKLY;BYDAY=TU"))
            val ics = calendar(svc, g.id)
            assertTrue(ics.contains("URL:https://study.example.org/#/group/${g.id}/call\r\n"), ics)
            assertTrue(StudyGroupsOptions(publicUrl = "https://x.example").toString().contains("publicUrl=https://x.example"))
        }
        withService { svc ->
            val g = svc.createGroupBlocking(owner, NewStudyGroup("Weekly", scheduledTime = "2026-03-03T23:00:00Z"))
            assertTrue(!calendar(svc, g.id).contains("\nURL:"), "no publicUrl: no join link")
        }
    }
}
