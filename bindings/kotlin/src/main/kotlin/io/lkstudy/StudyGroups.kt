package io.lkstudy

/** A user of the host app as the service sees it (the host authenticated them). */
data class AppUser(
    val userId: String,
    val email: String? = null,
    val name: String? = null,
    /** "admin" may moderate every group; null or "" for a plain user. */
    val role: String? = null,
) {
    internal fun fields(): Array<String?> = arrayOf(userId, email, name, role)

    /** An app JWT for this user, signed with the app's secret (what a login would issue; for tests). */
    @JvmOverloads
    fun mintAppToken(appJwtSecret: String, ttlSeconds: Long = 3600): String =
        Native.appTokenMint(appJwtSecret, userId, email, name, role, ttlSeconds)
}

/** Configuration of a [StudyGroups] service (null / negative: the library's defaults). */
data class StudyGroupsOptions(
    val livekitUrl: String? = null,
    val apiKey: String? = null,
    val apiSecret: String? = null,
    /** The secret the app signs its users' JWTs with (APP_JWT_SECRET), for [RestHandler]. */
    val appJwtSecret: String? = null,
    val costPerParticipantMinute: Double = -1.0,
    val tokenTtlSeconds: Long = 0,
    val moderatorsGetRoomAdmin: Boolean = false,
    val liveRoomCacheSeconds: Long = -1,
    /** Derives the session keys of groups with e2ee (at least 32 bytes; docs/e2ee.md). */
    val e2eeMasterSecret: String? = null,
    /**
     * The web client's public base URL (e.g. "https://study.example.org"): calendar invites link
     * to `<publicUrl>/#/group/<id>/call`. Null: invites carry no join link.
     */
    val publicUrl: String? = null,
) {
    /** Names which secrets are set, never their values (options end up in logs). */
    override fun toString(): String =
        "StudyGroupsOptions(livekitUrl=$livekitUrl, apiKey=$apiKey, apiSecret=${redact(apiSecret)}, " +
            "appJwtSecret=${redact(appJwtSecret)}, costPerParticipantMinute=$costPerParticipantMinute, " +
            "tokenTtlSeconds=$tokenTtlSeconds, moderatorsGetRoomAdmin=$moderatorsGetRoomAdmin, " +
            "liveRoomCacheSeconds=$liveRoomCacheSeconds, e2eeMasterSecret=${redact(e2eeMasterSecret)}, publicUrl=$publicUrl)"

    private fun redact(secret: String?) = if (secret == null) "null" else "<set>"
}

/**
 * The study-group service: policy (who gets which LiveKit token), moderation, webhook ingestion
 * and usage over a [StudyGroupStore] and LiveKit. Each call answers what the REST API answers as
 * `data` and fails with the same [LkStudyException] (code, reason such as `not_a_member` or
 * `group_full`, httpStatus). Suspend functions run on Dispatchers.IO; `...Blocking` twins for Java.
 * Thread-safe. The service shares the store's native state: either may be closed first.
 */
class StudyGroups(store: StudyGroupStore, options: StudyGroupsOptions = StudyGroupsOptions()) :
    NativeHandle(store.withHandle { h -> open(h, options) }, Native::serviceFree, "StudyGroups") {

    private inline fun <reified T> call(op: Op, who: AppUser?, s1: String? = null, s2: String? = null, s3: String? = null, n1: Long = 0, n2: Long = 0, flag: Boolean = false): T =
        Json.decode(borrow { Native.serviceCall(it, op.ordinal, who?.fields(), s1, s2, s3, n1, n2, flag) })

    fun createGroupBlocking(who: AppUser, group: NewStudyGroup): StudyGroup =
        call(Op.CREATE_GROUP, who, String(Json.encode(group.toMap()), Charsets.UTF_8))
    suspend fun createGroup(who: AppUser, group: NewStudyGroup) = io { createGroupBlocking(who, group) }

    fun getGroupBlocking(who: AppUser, groupId: Long): StudyGroup = call(Op.GET_GROUP, who, n1 = groupId)
    suspend fun getGroup(who: AppUser, groupId: Long) = io { getGroupBlocking(who, groupId) }

    /**
     * Changes the group's settings (PATCH /api/study-groups/:id): only the non-null fields of
     * [settings] change; "" removes scheduledTime, timeZone, recurrence or transcriptionAgent.
     * Owners and admins only (PERMISSION_DENIED `not_an_owner` for moderators and members);
     * INVALID_ARGUMENT naming the field as [createGroup]; FAILED_PRECONDITION (409) for a
     * maxParticipants below the member count. Returns the updated group (updatedAt bumped).
     */
    fun updateGroupBlocking(who: AppUser, groupId: Long, settings: GroupSettings): StudyGroup {
        val r = RestHandler(this).handle(
            "PATCH", "/api/study-groups/$groupId", mapOf("Content-Type" to "application/json"),
            Json.encode(settings.toMap()), who,
        )
        return restData(r)
    }
    suspend fun updateGroup(who: AppUser, groupId: Long, settings: GroupSettings) = io { updateGroupBlocking(who, groupId, settings) }

    @JvmOverloads
    fun listGroupsBlocking(who: AppUser, afterId: Long = 0, limit: Long = 0): GroupPage = call(Op.LIST_GROUPS, who, n1 = afterId, n2 = limit)
    suspend fun listGroups(who: AppUser, afterId: Long = 0, limit: Long = 0) = io { listGroupsBlocking(who, afterId, limit) }

    /** RESOURCE_EXHAUSTED, reason `group_full`, httpStatus 409 when the group is full. */
    fun joinGroupBlocking(who: AppUser, groupId: Long): Membership = call(Op.JOIN_GROUP, who, n1 = groupId)
    suspend fun joinGroup(who: AppUser, groupId: Long) = io { joinGroupBlocking(who, groupId) }

    fun leaveGroupBlocking(who: AppUser, groupId: Long): LeftGroup = call(Op.LEAVE_GROUP, who, n1 = groupId)
    suspend fun leaveGroup(who: AppUser, groupId: Long) = io { leaveGroupBlocking(who, groupId) }

    fun membersBlocking(who: AppUser, groupId: Long): Members = call(Op.LIST_MEMBERS, who, n1 = groupId)
    suspend fun members(who: AppUser, groupId: Long) = io { membersBlocking(who, groupId) }

    fun usageBlocking(who: AppUser, groupId: Long): Usage = call(Op.GET_USAGE, who, n1 = groupId)
    suspend fun usage(who: AppUser, groupId: Long) = io { usageBlocking(who, groupId) }

    /** The knocks on the current session of group [groupId] (owners, moderators and admins). */
    fun listKnocksBlocking(who: AppUser, groupId: Long): KnockList = call(Op.LIST_KNOCKS, who, n1 = groupId)
    suspend fun listKnocks(who: AppUser, groupId: Long) = io { listKnocksBlocking(who, groupId) }

    /** Admits [userId]'s knock on the current session; NOT_FOUND, reason `knock_not_found`, without one. */
    fun admitBlocking(who: AppUser, groupId: Long, userId: String): Knock = call(Op.ADMIT_KNOCK, who, userId, n1 = groupId)
    suspend fun admit(who: AppUser, groupId: Long, userId: String) = io { admitBlocking(who, groupId, userId) }

    /** Denies [userId] the current session: their token requests fail with reason `denied`. */
    fun denyBlocking(who: AppUser, groupId: Long, userId: String): Knock = call(Op.DENY_KNOCK, who, userId, n1 = groupId)
    suspend fun deny(who: AppUser, groupId: Long, userId: String) = io { denyBlocking(who, groupId, userId) }

    /** Locks the group: only owners, moderators and admins get tokens (others: reason `locked`). */
    fun lockBlocking(who: AppUser, groupId: Long): StudyGroup = call(Op.LOCK_GROUP, who, n1 = groupId)
    suspend fun lock(who: AppUser, groupId: Long) = io { lockBlocking(who, groupId) }

    fun unlockBlocking(who: AppUser, groupId: Long): StudyGroup = call(Op.UNLOCK_GROUP, who, n1 = groupId)
    suspend fun unlock(who: AppUser, groupId: Long) = io { unlockBlocking(who, groupId) }

    /**
     * A LiveKit token for a member of the group whose room is [roomName]; creates the room on demand.
     * In an approval group a member not yet admitted gets [IssuedToken.waiting] (no token): ask
     * again after [IssuedToken.retryAfterSeconds].
     */
    @JvmOverloads
    fun issueTokenBlocking(who: AppUser, roomName: String, participantName: String = ""): IssuedToken =
        call(Op.ISSUE_TOKEN, who, roomName, participantName)
    suspend fun issueToken(who: AppUser, roomName: String, participantName: String = "") = io { issueTokenBlocking(who, roomName, participantName) }

    @JvmOverloads
    fun createRoomBlocking(who: AppUser, name: String, emptyTimeout: Int? = null, maxParticipants: Int? = null): Room =
        call(Op.CREATE_ROOM, who, String(Json.encode(linkedMapOf("name" to name, "emptyTimeout" to emptyTimeout, "maxParticipants" to maxParticipants).filterValues { it != null }), Charsets.UTF_8))
    suspend fun createRoom(who: AppUser, name: String, emptyTimeout: Int? = null, maxParticipants: Int? = null) =
        io { createRoomBlocking(who, name, emptyTimeout, maxParticipants) }

    fun listRoomsBlocking(who: AppUser): RoomsPage = call(Op.LIST_ROOMS, who)
    suspend fun listRooms(who: AppUser) = io { listRoomsBlocking(who) }

    fun getRoomBlocking(who: AppUser, roomName: String): RoomWithParticipants = call(Op.GET_ROOM, who, roomName)
    suspend fun getRoom(who: AppUser, roomName: String) = io { getRoomBlocking(who, roomName) }

    fun deleteRoomBlocking(who: AppUser, roomName: String): DeletedRoom = call(Op.DELETE_ROOM, who, roomName)
    suspend fun deleteRoom(who: AppUser, roomName: String) = io { deleteRoomBlocking(who, roomName) }

    fun removeParticipantBlocking(who: AppUser, roomName: String, identity: String): RemovedParticipant =
        call(Op.REMOVE_PARTICIPANT, who, roomName, identity)
    suspend fun removeParticipant(who: AppUser, roomName: String, identity: String) = io { removeParticipantBlocking(who, roomName, identity) }

    fun muteTrackBlocking(who: AppUser, roomName: String, identity: String, trackSid: String, muted: Boolean): MutedTrack =
        call(Op.MUTE_TRACK, who, roomName, identity, trackSid, flag = muted)
    suspend fun muteTrack(who: AppUser, roomName: String, identity: String, trackSid: String, muted: Boolean) =
        io { muteTrackBlocking(who, roomName, identity, trackSid, muted) }

    fun liveKitStatus(): LiveKitStatus = call(Op.GET_LIVEKIT_STATUS, null)

    /**
     * One reconciliation pass against LiveKit's ListParticipants (lks_service_reconcile): repairs
     * the attendance lost webhook deliveries left wrong. Call it on your own timer (30-60 s).
     */
    fun reconcileBlocking(): ReconcileSummary = call(Op.RECONCILE, null)
    suspend fun reconcile() = io { reconcileBlocking() }

    /**
     * Starts recording the group's live session (moderators; needs the group's recordingConsent).
     * FAILED_PRECONDITION `recording_not_consented` (409); UNAVAILABLE `recording_unavailable`
     * (503) when LiveKit has no egress worker. docs/recording.md.
     */
    fun startRecordingBlocking(who: AppUser, groupId: Long): Recording = call(Op.START_RECORDING, who, n1 = groupId)
    suspend fun startRecording(who: AppUser, groupId: Long) = io { startRecordingBlocking(who, groupId) }

    /** Stops the group's running recordings (moderators); `not_recording` (409) when none runs. */
    fun stopRecordingBlocking(who: AppUser, groupId: Long): Recording = call(Op.STOP_RECORDING, who, n1 = groupId)
    suspend fun stopRecording(who: AppUser, groupId: Long) = io { stopRecordingBlocking(who, groupId) }

    /** The group's recordings, oldest first (members). */
    fun recordingsBlocking(who: AppUser, groupId: Long): Recordings = call(Op.LIST_RECORDINGS, who, n1 = groupId)
    suspend fun recordings(who: AppUser, groupId: Long) = io { recordingsBlocking(who, groupId) }

    /**
     * Splits the group's live session into breakout rooms (owners, moderators, admins;
     * docs/breakouts.md): [BreakoutRequest.auto] deals the members present in the call evenly at
     * random, [BreakoutRequest.assign] puts the given user ids in each room. Members then get a
     * token for their breakout from [issueToken] with the group's room ([IssuedToken.breakout]
     * says which). FAILED_PRECONDITION (409) `room_not_active` without a live session,
     * `breakouts_open` with a set open; INVALID_ARGUMENT naming the field (`count`,
     * `assignments[i].members`).
     */
    fun openBreakoutsBlocking(who: AppUser, groupId: Long, request: BreakoutRequest): BreakoutState =
        call(Op.OPEN_BREAKOUTS, who, String(Json.encode(request.toMap()), Charsets.UTF_8), n1 = groupId)
    suspend fun openBreakouts(who: AppUser, groupId: Long, request: BreakoutRequest) = io { openBreakoutsBlocking(who, groupId, request) }

    /** The open breakout set ([BreakoutState.open] false when none) and the caller's assignment (members). */
    fun getBreakoutsBlocking(who: AppUser, groupId: Long): BreakoutState = call(Op.GET_BREAKOUTS, who, n1 = groupId)
    suspend fun getBreakouts(who: AppUser, groupId: Long) = io { getBreakoutsBlocking(who, groupId) }

    /**
     * Closes the open set (moderators): its LiveKit rooms are deleted, so their participants ask
     * for a token for the main room again. Answers the closed set; FAILED_PRECONDITION (409)
     * `breakouts_not_open` when none is open.
     */
    fun closeBreakoutsBlocking(who: AppUser, groupId: Long): BreakoutState = call(Op.CLOSE_BREAKOUTS, who, n1 = groupId)
    suspend fun closeBreakouts(who: AppUser, groupId: Long) = io { closeBreakoutsBlocking(who, groupId) }

    /** Verifies a webhook delivery over its exact bytes and applies it once per event id. */
    fun receiveWebhookBlocking(body: ByteArray, authorization: String): WebhookOutcome =
        Json.decode(borrow { Native.serviceReceiveWebhook(it, body, authorization) })
    suspend fun receiveWebhook(body: ByteArray, authorization: String) = io { receiveWebhookBlocking(body, authorization) }

    internal fun <T> withHandle(block: (Long) -> T): T = borrow(block)

    // Keep the order equal to jni_service.cc's Op.
    private enum class Op {
        CREATE_GROUP, GET_GROUP, LIST_GROUPS, JOIN_GROUP, LEAVE_GROUP, LIST_MEMBERS, GET_USAGE, ISSUE_TOKEN,
        CREATE_ROOM, LIST_ROOMS, GET_ROOM, DELETE_ROOM, REMOVE_PARTICIPANT, MUTE_TRACK, GET_LIVEKIT_STATUS,
        LIST_KNOCKS, ADMIT_KNOCK, DENY_KNOCK, LOCK_GROUP, UNLOCK_GROUP,
        RECONCILE,
        START_RECORDING, STOP_RECORDING, LIST_RECORDINGS,
        OPEN_BREAKOUTS, GET_BREAKOUTS, CLOSE_BREAKOUTS,
    }

    private companion object {
        fun open(store: Long, o: StudyGroupsOptions): Long = Native.serviceNew(
            store, o.livekitUrl, o.apiKey, o.apiSecret, o.appJwtSecret, o.costPerParticipantMinute,
            o.tokenTtlSeconds, o.moderatorsGetRoomAdmin, o.liveRoomCacheSeconds, o.e2eeMasterSecret,
            o.publicUrl,
        )

        // The REST envelope's data, or its error as the LkStudyException the typed calls throw.
        inline fun <reified T> restData(r: RestResponse): T {
            val doc = Json.tree(r.body)
            if (doc.path("success").asBoolean(false)) return Json.mapper.treeToValue(doc.path("data"), T::class.java)
            val e = doc.path("error")
            val status = e.path("status").asText("unknown")
            val code = LkStudyException.Code.entries.firstOrNull { it.statusName == status } ?: LkStudyException.Code.UNKNOWN
            throw LkStudyException(code, e.path("reason").asText(""), r.status, e.path("message").asText("HTTP ${r.status}"))
        }

        fun BreakoutRequest.toMap(): Map<String, Any?> =
            if (assignments != null) linkedMapOf("assignments" to assignments.map { mapOf("members" to it) })
            else linkedMapOf("count" to count, "mode" to "auto")

        fun GroupSettings.toMap(): Map<String, Any?> = linkedMapOf<String, Any?>(
            "title" to title, "description" to description, "maxParticipants" to maxParticipants,
            "scheduledTime" to scheduledTime, "durationMinutes" to durationMinutes,
            "timeZone" to timeZone, "recurrence" to recurrence, "earlyJoinMinutes" to earlyJoinMinutes,
            "graceMinutes" to graceMinutes, "admission" to admission,
            "recordingConsent" to recordingConsent, "e2ee" to e2ee, "transcriptionAgent" to transcriptionAgent,
        ).filterValues { it != null }

        fun NewStudyGroup.toMap(): Map<String, Any?> = linkedMapOf<String, Any?>(
            "title" to title, "description" to description, "maxParticipants" to maxParticipants,
            "scheduledTime" to scheduledTime, "durationMinutes" to durationMinutes, "videoProvider" to videoProvider,
            "useLiveKit" to useLiveKit, "meetLink" to meetLink, "meetId" to meetId,
            "timeZone" to timeZone, "recurrence" to recurrence, "earlyJoinMinutes" to earlyJoinMinutes,
            "graceMinutes" to graceMinutes, "admission" to admission,
            "recordingConsent" to recordingConsent, "e2ee" to e2ee, "transcriptionAgent" to transcriptionAgent,
        ).filterValues { it != null }
    }
}
