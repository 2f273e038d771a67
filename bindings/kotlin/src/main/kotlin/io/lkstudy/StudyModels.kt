package io.lkstudy

import com.fasterxml.jackson.databind.JsonNode

// The study-group models, as the store and the REST API's `data` give them (docs/rest-api.md,
// docs/storage.md). Times are ISO-8601 UTC strings.

data class StudyGroup(
    val id: Long = 0,
    val title: String = "",
    val description: String? = null,
    val maxParticipants: Int = 0,
    val scheduledTime: String? = null,
    val durationMinutes: Int? = null,
    val videoProvider: String = "",
    val useLiveKit: Boolean = false,
    val livekitRoomName: String? = null,
    val livekitRoomSid: String? = null,
    val meetLink: String? = null,
    val meetId: String? = null,
    val createdBy: String = "",
    val createdAt: String? = null,
    val updatedAt: String? = null,
    /** The schedule (docs/rest-api.md#schedules): an IANA time zone and an RFC 5545 RRULE. */
    val timeZone: String? = null,
    val recurrence: String? = null,
    /** Members may join this long before an occurrence and until this long after its end. */
    val earlyJoinMinutes: Int = 15,
    val graceMinutes: Int = 15,
    /** The running or next occurrence; null without a schedule or when none is left. */
    val nextSession: SessionWindow? = null,
    /** "open" or "approval" (a waiting room). */
    val admission: String = "open",
    /** While locked only owners, moderators and admins get tokens. */
    val locked: Boolean = false,
    /** Schema 3 (docs/recording.md): members agreed that sessions may be recorded. */
    val recordingConsent: Boolean = false,
    val e2ee: Boolean = false,
    val transcriptionAgent: String? = null,
)

/** One occurrence of a group's schedule (ISO-8601 UTC). */
data class SessionWindow(val start: String = "", val end: String = "")

/**
 * What [StudyGroups.updateGroup] changes: null fields stay as they are; "" removes
 * [scheduledTime], [timeZone], [recurrence] or [transcriptionAgent]. The provider, the LiveKit room
 * name and the Meet link are fixed at creation.
 */
data class GroupSettings(
    val title: String? = null,
    val description: String? = null,
    val maxParticipants: Int? = null,
    /** ISO 8601, e.g. "2026-03-03T23:00:00Z". */
    val scheduledTime: String? = null,
    val durationMinutes: Int? = null,
    val timeZone: String? = null,
    val recurrence: String? = null,
    val earlyJoinMinutes: Int? = null,
    val graceMinutes: Int? = null,
    /** "open" or "approval". */
    val admission: String? = null,
    val recordingConsent: Boolean? = null,
    val e2ee: Boolean? = null,
    val transcriptionAgent: String? = null,
)

/** What [StudyGroups.createGroup] takes (null fields: the API's defaults). */
data class NewStudyGroup(
    val title: String,
    val description: String? = null,
    val maxParticipants: Int? = null,
    val scheduledTime: String? = null,
    val durationMinutes: Int? = null,
    val videoProvider: String? = null,
    val useLiveKit: Boolean? = null,
    val meetLink: String? = null,
    val meetId: String? = null,
    val timeZone: String? = null,
    /** An RFC 5545 RRULE value, e.g. "FREQ=WEEKLY;BYDAY=TU"; needs scheduledTime. */
    val recurrence: String? = null,
    val earlyJoinMinutes: Int? = null,
    val graceMinutes: Int? = null,
    /** "open" (default) or "approval". */
    val admission: String? = null,
    val recordingConsent: Boolean? = null,
    val e2ee: Boolean? = null,
    val transcriptionAgent: String? = null,
)

data class Membership(
    val groupId: Long = 0,
    val userId: String = "",
    val role: String = "",
    val joinedAt: String? = null,
)

data class GroupPage(val groups: List<StudyGroup> = emptyList(), val total: Long = 0, val nextAfter: Long? = null)

data class Members(val members: List<Membership> = emptyList(), val total: Long = 0)

/** One recording (a LiveKit egress) of a group's session (docs/recording.md). */
data class Recording(
    val id: Long = 0,
    val groupId: Long = 0,
    val roomSid: String = "",
    val egressId: String = "",
    /** starting, active, ending, complete, failed, aborted or limit_reached */
    val status: String = "",
    val location: String? = null,
    val startedAt: String? = null,
    val endedAt: String? = null,
    val durationMs: Long = 0,
    val error: String? = null,
    val startedBy: String? = null,
)

data class Recordings(val groupId: Long = 0, val recordings: List<Recording> = emptyList(), val total: Long = 0)

data class SessionUsage(
    val roomSid: String = "",
    val participantMinutes: Double = 0.0,
    val participantSessions: Long = 0,
    val estimatedCost: Double = 0.0,
)

data class Usage(
    val groupId: Long = 0,
    val participantMinutes: Double = 0.0,
    val estimatedCost: Double = 0.0,
    val currency: String = "",
    val ratePerParticipantMinute: Double = 0.0,
    val sessions: List<SessionUsage> = emptyList(),
)

/** A LiveKit token issued to a member (POST /api/livekit/token's data). */
data class IssuedToken(
    val token: String = "",
    val serverUrl: String = "",
    val roomName: String = "",
    val identity: String = "",
    val participantName: String = "",
    /** The token's exp (ISO 8601 UTC); ask again for a new token after it (a call outlives it). */
    val expiresAt: String = "",
    /** Groups with e2ee: the session's 256-bit key (base64; pass it to the SDK's key provider). */
    val e2eeKey: String? = null,
    /** The key's index: raised by each removal from the session, which gives a new key. */
    val e2eeKeyIndex: Long = 0,
    /** "waiting" when the caller waits to be admitted (an approval group): no token then. */
    val status: String? = null,
    /** While waiting: the room session (room SID) knocked on, when, and when to ask again. */
    val session: String? = null,
    val knockedAt: String? = null,
    val retryAfterSeconds: Int = 0,
    /** While breakout rooms are open: the breakout this token is for (null: the main room). */
    val breakout: TokenBreakout? = null,
) {
    val waiting: Boolean get() = status == "waiting"
}

/** Which breakout room a token is for ([IssuedToken.breakout]). */
data class TokenBreakout(
    val roomName: String = "",
    val number: Int = 0,
    val mainRoomName: String = "",
    val sessionSid: String = "",
)

/**
 * How to open breakout rooms ([StudyGroups.openBreakouts]): [auto] for `count` even random rooms
 * of the members present in the call, [assign] for explicit rooms of user ids.
 */
class BreakoutRequest private constructor(val count: Int, val assignments: List<List<String>>?) {
    companion object {
        @JvmStatic fun auto(count: Int) = BreakoutRequest(count, null)
        @JvmStatic fun assign(rooms: List<List<String>>) = BreakoutRequest(0, rooms)
    }
}

/** One breakout room of a set (docs/breakouts.md). */
data class BreakoutRoom(
    val id: Long = 0,
    val groupId: Long = 0,
    /** The main room session (room SID) the set splits. */
    val sessionSid: String = "",
    /** Its LiveKit room: `<main room>-<session SID>-<set>-<number>`. */
    val roomName: String = "",
    val number: Int = 0,
    val openedBy: String = "",
    val openedAt: String? = null,
    /** Null while open. */
    val closedAt: String? = null,
    /** The user ids assigned to it. */
    val members: List<String> = emptyList(),
)

/** A group's breakout set: the open one (from open/get) or the one just closed (from close). */
data class BreakoutState(
    val groupId: Long = 0,
    val open: Boolean = false,
    val mainRoomName: String = "",
    val sessionSid: String = "",
    val rooms: List<BreakoutRoom> = emptyList(),
    /** The caller's room in the set; null for a moderator or a member in none. */
    val assignment: BreakoutRoom? = null,
)

/** A request to join one session of an approval group. */
data class Knock(
    val groupId: Long = 0,
    val session: String = "",
    val userId: String = "",
    val name: String = "",
    /** "waiting", "admitted" or "denied". */
    val status: String = "",
    val knockedAt: String? = null,
    val decidedAt: String? = null,
    val decidedBy: String? = null,
)

/** The knocks of a group's current session (`session` null when none is live). */
data class KnockList(val groupId: Long = 0, val session: String? = null, val knocks: List<Knock> = emptyList(), val total: Long = 0)

data class LeftGroup(val groupId: Long = 0, val userId: String = "")

data class RoomWithParticipants(val room: Room = Room(), val participants: List<ParticipantInfo> = emptyList())

data class RoomsPage(val rooms: List<Room> = emptyList(), val total: Long = 0)

data class DeletedRoom(val roomName: String = "", val deletedAt: String = "")

data class RemovedParticipant(val roomName: String = "", val participantIdentity: String = "", val removedAt: String = "")

data class MutedTrack(val trackSid: String = "", val muted: Boolean = false)

data class LiveKitStatus(
    val configured: Boolean = false,
    val serverUrl: String? = null,
    val hasApiKey: Boolean = false,
    val hasApiSecret: Boolean = false,
    val hasServerUrl: Boolean = false,
)

/** What one reconciliation pass did (docs/webhooks.md, "Reconciliation"). */
data class ReconcileSummary(
    val sessionsChecked: Long = 0,
    val rowsOpened: Long = 0,
    val rowsClosed: Long = 0,
    val sessionsClosed: Long = 0,
)

/** What the service did with a webhook delivery: outcome "applied", "duplicate" or "ignored". */
data class WebhookOutcome(val event: String = "", val id: String = "", val outcome: String = "")

/** Raw JSON for operations without a model of their own. */
typealias JsonTree = JsonNode
