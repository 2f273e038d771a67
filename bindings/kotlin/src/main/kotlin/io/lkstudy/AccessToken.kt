package io.lkstudy

import java.util.Date
import java.util.concurrent.ConcurrentHashMap

/**
 * An access token to mint, shaped like io.livekit:livekit-server's `AccessToken`: set the
 * properties, add grants, call [toJwt]. The claims are plain Kotlin values; `toJwt()` hands them
 * to the native signer in one JNI call (the signer of each key pair is made once and shared).
 *
 * Thread-safety: like the SDK's, one token is not for concurrent mutation; any number of tokens
 * may be minted on any threads at once.
 */
class AccessToken(private val apiKey: String, private val apiSecret: String) {
    /** Lifetime in milliseconds (default 6 h), as in io.livekit:livekit-server. */
    var ttl: Long = DEFAULT_TTL_MS
    /** An absolute expiry; wins over [ttl] when set. */
    var expiration: Date? = null
    /** nbf; default: the time of minting. */
    var notBefore: Date? = null
    var name: String? = null
    var identity: String? = null
    var metadata: String? = null
    var sha256: String? = null
    /** Participant attributes (the `attributes` claim). */
    val attributes: MutableMap<String, String> = LinkedHashMap()
    var roomPreset: String? = null
    /** A RoomConfiguration as camelCase JSON (the SDK takes its protobuf class). */
    var roomConfiguration: String? = null
    /** "standard", "egress", "ingress", "sip" or "agent"; null: not in the token. */
    var kind: String? = null
    /** The `agent` claim's admin grant; null: not in the token. */
    var agentAdmin: Boolean? = null
    /** The `inference` claim's perform grant; null: not in the token. */
    var inferencePerform: Boolean? = null
    /** The `observability` claim's write grant; null: not in the token. */
    var observabilityWrite: Boolean? = null

    private val videoGrants = LinkedHashMap<String, VideoGrant>()
    private val sipGrants = LinkedHashMap<String, SIPGrant>()
    private var videoJson: String? = null

    fun addGrants(vararg grants: VideoGrant) = addGrants(grants.asIterable())

    fun addGrants(grants: Iterable<VideoGrant>) {
        for (g in grants) videoGrants[g.key] = g
        videoJson = null
    }

    fun clearGrants() {
        videoGrants.clear()
        videoJson = null
    }

    fun addSIPGrants(vararg grants: SIPGrant) = addSIPGrants(grants.asIterable())

    fun addSIPGrants(grants: Iterable<SIPGrant>) {
        for (g in grants) sipGrants[g.key] = g
    }

    fun clearSIPGrants() = sipGrants.clear()

    /**
     * Mints the JWT (HS256). Throws [LkStudyException] INVALID_ARGUMENT naming the field for a
     * token LiveKit would refuse (roomJoin without identity or room, a name over 256 bytes, ...).
     */
    fun toJwt(): String {
        var flags = 0
        if (identity != null) flags = flags or IDENTITY
        if (name != null) flags = flags or NAME
        if (metadata != null) flags = flags or METADATA
        if (kind != null) flags = flags or KIND
        if (sha256 != null) flags = flags or SHA256
        if (roomPreset != null) flags = flags or ROOM_PRESET
        if (roomConfiguration != null) flags = flags or ROOM_CONFIG
        val nbf = notBefore
        if (nbf != null) flags = flags or NOT_BEFORE
        if (sipGrants.isNotEmpty()) {
            flags = flags or SIP
            if (sipGrants["admin"]?.value == true) flags = flags or SIP_ADMIN
            if (sipGrants["call"]?.value == true) flags = flags or SIP_CALL
        }
        agentAdmin?.let { flags = flags or AGENT or (if (it) AGENT_ADMIN else 0) }
        inferencePerform?.let { flags = flags or INFERENCE or (if (it) INFERENCE_PERFORM else 0) }
        observabilityWrite?.let { flags = flags or OBSERVABILITY or (if (it) OBSERVABILITY_WRITE else 0) }
        val now = System.currentTimeMillis()
        val exp = expiration
        val ttlMs = if (exp != null) exp.time - now else ttl
        val ttlSeconds = if (ttlMs <= 0) 0 else (ttlMs + 999) / 1000
        val attrs = if (attributes.isEmpty()) null else Array(attributes.size * 2) { "" }.also { a ->
            var i = 0
            for ((k, v) in attributes) {
                a[i++] = k
                a[i++] = v
            }
        }
        val signer = signerFor(apiKey, apiSecret)
        val video = grantJson()
        val nbfSeconds = if (nbf != null) nbf.time / 1000 else 0
        // The JWT is written into this thread's buffer (ASCII), then copied once into the String.
        var out = JWT_BUFFER.get()
        while (true) {
            val n = signer.borrow { h ->
                Native.mint(
                    h, flags, identity, name, metadata, kind, sha256, roomPreset, roomConfiguration,
                    video, attrs, ttlSeconds, nbfSeconds, out,
                )
            }
            if (n >= 0) return String(out, 0, n, Charsets.ISO_8859_1)
            out = ByteArray(-n) // a token longer than the buffer: mint again into one that fits
            if (out.size <= MAX_KEPT_BUFFER) JWT_BUFFER.set(out)
        }
    }

    private fun grantJson(): String? {
        if (videoGrants.isEmpty()) return null
        videoJson?.let { return it }
        // The usual grant set (booleans and a room name) is looked up by value in this thread's
        // few recent sets, so a new AccessToken per request does not rebuild its JSON.
        var present = 0
        var values = 0
        var room: String? = null
        var simple = true
        for (g in videoGrants.values) {
            if (g is BooleanVideoGrant) {
                val bit = BOOLEAN_GRANT_BITS[g.key]
                if (bit == null) simple = false else {
                    present = present or bit
                    if (g.flag) values = values or bit
                }
            } else if (g is RoomName) {
                room = g.text
            } else {
                simple = false
            }
        }
        if (!simple) return buildGrantJson().also { videoJson = it }
        val memo = GRANT_JSON.get()
        for (i in 0 until GRANT_MEMO_SLOTS) {
            if (memo.present[i] == present && memo.values[i] == values && memo.room[i] == room) {
                memo.json[i]?.let { videoJson = it; return it }
            }
        }
        val json = buildGrantJson()
        val i = memo.next
        memo.next = (i + 1) % GRANT_MEMO_SLOTS
        memo.present[i] = present
        memo.values[i] = values
        memo.room[i] = room
        memo.json[i] = json
        videoJson = json
        return json
    }

    // The video grant's JSON from the grants in the order they were added.
    private fun buildGrantJson(): String {
        val sb = StringBuilder(128).append('{')
        var first = true
        for (g in videoGrants.values) {
            if (!first) sb.append(',')
            first = false
            g.appendJson(sb)
        }
        return sb.append('}').toString()
    }

    // A thread's recent grant sets: which boolean grants are present, their values, the room,
    // and the JSON made for them.
    private class GrantMemo {
        val present = IntArray(GRANT_MEMO_SLOTS) { -1 }
        val values = IntArray(GRANT_MEMO_SLOTS)
        val room = arrayOfNulls<String>(GRANT_MEMO_SLOTS)
        val json = arrayOfNulls<String>(GRANT_MEMO_SLOTS)
        var next = 0
    }

    /** The native key state of one API key and secret (HMAC key schedule done once). */
    internal class Signer(key: String, secret: String) : NativeHandle(Native.signerNew(key, secret), Native::signerFree, "AccessToken signer")

    companion object {
        /** 6 hours, in milliseconds. */
        const val DEFAULT_TTL_MS: Long = 6L * 3600 * 1000

        private const val IDENTITY = 1 shl 0
        private const val NAME = 1 shl 1
        private const val METADATA = 1 shl 2
        private const val KIND = 1 shl 3
        private const val SHA256 = 1 shl 4
        private const val ROOM_PRESET = 1 shl 5
        private const val ROOM_CONFIG = 1 shl 6
        private const val NOT_BEFORE = 1 shl 7
        private const val SIP = 1 shl 8
        private const val SIP_ADMIN = 1 shl 9
        private const val SIP_CALL = 1 shl 10
        private const val AGENT = 1 shl 11
        private const val AGENT_ADMIN = 1 shl 12
        private const val INFERENCE = 1 shl 13
        private const val INFERENCE_PERFORM = 1 shl 14
        private const val OBSERVABILITY = 1 shl 15
        private const val OBSERVABILITY_WRITE = 1 shl 16

        private const val GRANT_MEMO_SLOTS = 4
        private val GRANT_JSON: ThreadLocal<GrantMemo> = ThreadLocal.withInitial { GrantMemo() }
        // Each boolean VideoGrant key's bit in GrantMemo's masks.
        private val BOOLEAN_GRANT_BITS: Map<String, Int> = listOf(
            "roomCreate", "roomList", "roomRecord", "roomAdmin", "roomJoin", "canPublish",
            "canSubscribe", "canPublishData", "canUpdateOwnMetadata", "ingressAdmin", "hidden",
            "recorder", "agent", "canSubscribeMetrics", "canManageAgentSession",
        ).withIndex().associate { (i, k) -> k to (1 shl i) }

        // Per thread: the buffer toJwt() mints into (a seed token is ~500 bytes; grown on demand).
        private val JWT_BUFFER: ThreadLocal<ByteArray> = ThreadLocal.withInitial { ByteArray(2048) }
        private const val MAX_KEPT_BUFFER = 64 * 1024

        // A bounded cache of signers by key pair (the secret is in memory anyway: the SDK keeps it
        // in every AccessToken). Evicted signers are freed by the Cleaner once no mint uses them.
        private const val MAX_SIGNERS = 64
        private val signers = ConcurrentHashMap<String, Signer>()

        // The last pair used, checked first (most apps have one key pair).
        @Volatile private var last: Triple<String, String, Signer>? = null

        internal fun signerFor(key: String, secret: String): Signer {
            val l = last
            if (l != null && l.first == key && l.second == secret && !l.third.isClosed) return l.third
            val id = key + '\u0000' + secret
            signers[id]?.let { return it }
            if (signers.size >= MAX_SIGNERS) signers.clear()
            return signers.computeIfAbsent(id) { Signer(key, secret) }.also { last = Triple(key, secret, it) }
        }
    }
}
