package io.lkstudy

/** One HTTP response of the REST API: send [status], [headers] and [body] as they are. */
class RestResponse(val status: Int, val headers: List<Pair<String, String>>, val body: ByteArray) {
    val bodyText: String get() = String(body, Charsets.UTF_8)
    val contentType: String? get() = headers.firstOrNull { it.first.equals("content-type", true) }?.second
}

/**
 * The seed's REST API as a function from request to response, to mount in any web framework
 * (Ktor, Spring, the JDK's HttpServer): pass the method, the target (path and query as in the
 * request line), the headers and the body bytes exactly as received; API errors are responses
 * (401, 403, 404, ...), not exceptions. Without an [AppUser] the caller is authenticated from its
 * `Authorization: Bearer <app JWT>` header (StudyGroupsOptions.appJwtSecret). Thread-safe.
 * Blocking (LiveKit and database calls): call [handle] from a blocking-capable thread, or the
 * suspend [handleAsync].
 */
class RestHandler(private val service: StudyGroups) {
    @JvmOverloads
    fun handle(method: String, target: String, headers: Map<String, String>, body: ByteArray, user: AppUser? = null): RestResponse =
        handlePairs(method, target, headers.entries.map { it.key to it.value }, body, user)

    /** The same with repeated headers kept as pairs. */
    @JvmOverloads
    fun handlePairs(method: String, target: String, headers: List<Pair<String, String>>, body: ByteArray, user: AppUser? = null): RestResponse {
        val flat = Array(headers.size * 2) { i -> if (i % 2 == 0) headers[i / 2].first else headers[i / 2].second }
        val out = service.withHandle { Native.serviceHandleRest(it, method, target, flat, body, user?.fields()) }
        val status = (out[0] as IntArray)[0]
        @Suppress("UNCHECKED_CAST")
        val h = out[1] as Array<String>
        val pairs = (h.indices step 2).map { h[it] to h[it + 1] }
        return RestResponse(status, pairs, out[2] as ByteArray)
    }

    suspend fun handleAsync(method: String, target: String, headers: Map<String, String>, body: ByteArray, user: AppUser? = null): RestResponse =
        io { handle(method, target, headers, body, user) }
}
