package io.lkstudy

import com.fasterxml.jackson.databind.JsonNode

/**
 * The study-group store (groups, memberships, room sessions, attendance, webhook ids, removals):
 * SQLite (`sqlite:PATH`, `sqlite::memory:`) or PostgreSQL (`postgresql://...`), migrated on open.
 * Operations are named as in docs/storage.md and take and return JSON objects. Thread-safe: any
 * number of threads may call [execute] at once; [close] frees the store after the calls in flight.
 */
class StudyGroupStore private constructor(handle: Long) : NativeHandle(handle, Native::storeFree, "StudyGroupStore") {

    /** Runs operation [op] ("createGroup", "addMember", ...) with a JSON request; the JSON result. */
    fun executeJson(op: String, requestJson: String = "{}"): String =
        String(borrow { Native.storeExecute(it, op, requestJson.toByteArray(Charsets.UTF_8)) }, Charsets.UTF_8)

    /** The same with the request as a value Jackson can write (a Map, a data class). */
    fun execute(op: String, request: Any = emptyMap<String, Any>()): JsonNode =
        Json.tree(borrow { Native.storeExecute(it, op, Json.encode(request)) })

    /** A group by id; NOT_FOUND when there is none. */
    fun getGroup(groupId: Long): StudyGroup =
        Json.decode(borrow { Native.storeExecute(it, "getGroup", Json.encode(mapOf("groupId" to groupId))) })

    internal fun <T> withHandle(block: (Long) -> T): T = borrow(block)

    companion object {
        /**
         * Opens a store and runs its migrations. Blocking (a network round trip for PostgreSQL);
         * see [openAsync]. Errors: INVALID_ARGUMENT (unknown scheme), UNAVAILABLE (cannot reach
         * the database), FAILED_PRECONDITION (schema newer than this library).
         */
        @JvmStatic
        fun open(url: String): StudyGroupStore = StudyGroupStore(Native.storeOpen(url))

        suspend fun openAsync(url: String): StudyGroupStore = io { open(url) }

        /** The schema version this library migrates stores to. */
        @JvmStatic
        val schemaVersion: Long get() = Native.storeSchemaVersion()
    }
}
