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

    // The video grants in the order they were first added (a key added again keeps its place and
    // takes the new value, as in a LinkedHashMap), with what the grant-set memo compares: which
    // boolean grants are present, their values, the room, and whether only those kinds are there.
    private var videoGrants: Array<VideoGrant?> = NO_GRANTS
    private var videoCount = 0
    private var grantPresent = 0
    private var grantValues = 0
    private var grantRoom: String? = null
    private var grantsSimple = true
    private var videoJson: String? = null
    private var videoId = 0L // the memo's id of videoJson's grant set; 0: none
    // The SIP grant: null until a SIPAdmin/SIPCall is added (the latest of each wins).
    private var sipAdmin: Boolean? = null
    private var sipCall: Boolean? = null

    fun addGrants(vararg grants: VideoGrant) {
        for (g in grants) addGrant(g)
        videoJson = null
        videoId = 0L
    }

    fun addGrants(grants: Iterable<VideoGrant>) {
        for (g in grants) addGrant(g)
        videoJson = null
        videoId = 0L
    }

    private fun addGrant(g: VideoGrant) {
        // Keys are compared by reference: each VideoGrant subclass passes its key as a literal
        // (Grants.kt; the class is sealed), so equal keys are the same interned String.
        var i = 0
        while (i < videoCount && videoGrants[i]!!.key !== g.key) i++
        if (i == videoCount) {
            if (i == videoGrants.size) videoGrants = videoGrants.copyOf(maxOf(8, i * 2))
            videoCount++
        }
        videoGrants[i] = g
        when (g) {
            is BooleanVideoGrant -> {
                grantPresent = grantPresent or g.bit
                grantValues = if (g.flag) grantValues or g.bit else grantValues and g.bit.inv()
            }
            is RoomName -> grantRoom = g.text
            else -> grantsSimple = false
        }
    }

    fun clearGrants() {
        videoGrants = NO_GRANTS
        videoCount = 0
        grantPresent = 0
        grantValues = 0
        grantRoom = null
        grantsSimple = true
        videoJson = null
        videoId = 0L
    }

    fun addSIPGrants(vararg grants: SIPGrant) = addSIPGrants(grants.asIterable())

    fun addSIPGrants(grants: Iterable<SIPGrant>) {
        for (g in grants) {
            when (g) {
                is SIPAdmin -> sipAdmin = g.value
                is SIPCall -> sipCall = g.value
            }
        }
    }

    fun clearSIPGrants() {
        sipAdmin = null
        sipCall = null
    }

    /**
     * Mints the JWT (HS256). Throws [LkStudyException] INVALID_ARGUMENT naming the field for a
     * token LiveKit would refuse (roomJoin without identity or room, a name over 256 bytes, ...).
     */
    fun toJwt(): String {
        // Each property is read once: the flags, the sizes and the packed bytes agree.
        val identity = identity
        val name = name
        val metadata = metadata
        val kind = kind
        val sha256 = sha256
        val roomPreset = roomPreset
        val roomConfiguration = roomConfiguration
        var flags = 0
        var need = 0 // an upper bound of the packed input: 4 bytes of length + 3 per UTF-16 unit
        if (identity != null) { flags = flags or IDENTITY; need += 4 + 3 * identity.length }
        if (name != null) { flags = flags or NAME; need += 4 + 3 * name.length }
        if (metadata != null) { flags = flags or METADATA; need += 4 + 3 * metadata.length }
        if (kind != null) { flags = flags or KIND; need += 4 + 3 * kind.length }
        if (sha256 != null) { flags = flags or SHA256; need += 4 + 3 * sha256.length }
        if (roomPreset != null) { flags = flags or ROOM_PRESET; need += 4 + 3 * roomPreset.length }
        if (roomConfiguration != null) { flags = flags or ROOM_CONFIG; need += 4 + 3 * roomConfiguration.length }
        val nbf = notBefore
        if (nbf != null) flags = flags or NOT_BEFORE
        val admin = sipAdmin
        val call = sipCall
        if (admin != null || call != null) {
            flags = flags or SIP
            if (admin == true) flags = flags or SIP_ADMIN
            if (call == true) flags = flags or SIP_CALL
        }
        agentAdmin?.let { flags = flags or AGENT or (if (it) AGENT_ADMIN else 0) }
        inferencePerform?.let { flags = flags or INFERENCE or (if (it) INFERENCE_PERFORM else 0) }
        observabilityWrite?.let { flags = flags or OBSERVABILITY or (if (it) OBSERVABILITY_WRITE else 0) }
        val exp = expiration
        val ttlMs = if (exp != null) exp.time - System.currentTimeMillis() else ttl
        val ttlSeconds = if (ttlMs <= 0) 0 else (ttlMs + 999) / 1000
        val attributeCount = attributes.size
        if (attributeCount > 0) for ((k, v) in attributes) need += 8 + 3 * (k.length + v.length)
        val signer = signerFor(apiKey, apiSecret)
        val video = grantJson()
        val nbfSeconds = if (nbf != null) nbf.time / 1000 else 0
        // The claims are packed into this thread's buffer, and the JWT (ASCII) is minted into the
        // same buffer, then copied once into the String.
        var buf = JWT_BUFFER.get()
        if (buf.size < need + MIN_JWT_ROOM) buf = keepBuffer(ByteArray(need + MIN_JWT_ROOM))
        while (true) {
            var p = 0
            if (identity != null) p = pack(buf, p, identity)
            if (name != null) p = pack(buf, p, name)
            if (metadata != null) p = pack(buf, p, metadata)
            if (kind != null) p = pack(buf, p, kind)
            if (sha256 != null) p = pack(buf, p, sha256)
            if (roomPreset != null) p = pack(buf, p, roomPreset)
            if (roomConfiguration != null) p = pack(buf, p, roomConfiguration)
            if (attributeCount > 0) {
                for ((k, v) in attributes) {
                    p = pack(buf, p, k)
                    p = pack(buf, p, v)
                }
            }
            // The signer is never closed (only freed by its Cleaner once unreachable): keeping it
            // reachable for the call is all its handle needs, without borrow()'s atomics.
            val n = try {
                Native.mint(
                    signer.raw, flags, videoId, video, attributeCount, ttlSeconds, nbfSeconds, buf, p,
                    buf.size,
                )
            } finally {
                java.lang.ref.Reference.reachabilityFence(signer)
            }
            if (n >= 0) return String(buf, 0, n, Charsets.ISO_8859_1)
            buf = keepBuffer(ByteArray(maxOf(-n, need + MIN_JWT_ROOM))) // a longer token: again
        }
    }

    private fun grantJson(): String? {
        if (videoCount == 0) return null
        videoJson?.let { return it }
        // The usual grant set (booleans and a room name) is looked up by value in this thread's
        // few recent sets, so a new AccessToken per request does not rebuild its JSON.
        if (!grantsSimple) return buildGrantJson().also { videoJson = it }
        val present = grantPresent
        val values = grantValues
        val room = grantRoom
        val memo = GRANT_JSON.get()
        for (i in 0 until GRANT_MEMO_SLOTS) {
            if (memo.present[i] == present && memo.values[i] == values && memo.room[i] == room) {
                memo.json[i]?.let { videoJson = it; videoId = memo.ids[i]; return it }
            }
        }
        val json = buildGrantJson()
        val i = memo.next
        memo.next = (i + 1) % GRANT_MEMO_SLOTS
        memo.present[i] = present
        memo.values[i] = values
        memo.room[i] = room
        memo.json[i] = json
        memo.ids[i] = GRANT_IDS.incrementAndGet()
        videoJson = json
        videoId = memo.ids[i]
        return json
    }

    // The video grant's JSON from the grants in the order they were added.
    private fun buildGrantJson(): String {
        val sb = StringBuilder(128).append('{')
        var first = true
        for (j in 0 until videoCount) {
            val g = videoGrants[j]!!
            if (!first) sb.append(',')
            first = false
            g.appendJson(sb)
        }
        return sb.append('}').toString()
    }

    // A thread's recent grant sets: which boolean grants are present, their values, the room,
    // the JSON made for them and its id (what the JNI side finds its template by).
    private class GrantMemo {
        val present = IntArray(GRANT_MEMO_SLOTS) { -1 }
        val values = IntArray(GRANT_MEMO_SLOTS)
        val room = arrayOfNulls<String>(GRANT_MEMO_SLOTS)
        val json = arrayOfNulls<String>(GRANT_MEMO_SLOTS)
        val ids = LongArray(GRANT_MEMO_SLOTS)
        var next = 0
    }

    /**
     * The native key state of one API key and secret (HMAC key schedule done once). Never closed:
     * its Cleaner frees it once no cache or mint holds it, so [raw] is valid while it is reachable.
     */
    internal class Signer private constructor(internal val raw: Long) : NativeHandle(raw, Native::signerFree, "AccessToken signer") {
        constructor(key: String, secret: String) : this(Native.signerNew(key, secret))
    }

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
        // Process-wide ids of the memo's grant sets (one per JSON made; never 0).
        private val GRANT_IDS = java.util.concurrent.atomic.AtomicLong(0)
        private val NO_GRANTS = arrayOfNulls<VideoGrant>(0)

        // Per thread: the buffer toJwt() packs the claims into and mints into (a seed token is ~500
        // bytes; grown on demand).
        private val JWT_BUFFER: ThreadLocal<ByteArray> = ThreadLocal.withInitial { ByteArray(2048) }
        private const val MAX_KEPT_BUFFER = 64 * 1024
        private const val MIN_JWT_ROOM = 1024 // what a new buffer has beyond the packed claims

        private fun keepBuffer(b: ByteArray): ByteArray {
            if (b.size <= MAX_KEPT_BUFFER) JWT_BUFFER.set(b)
            return b
        }

        /**
         * Writes [s] at buf[pos] as a 4-byte little-endian length and its UTF-8 bytes (what the
         * JNI side used to get from GetStringUTFRegion and fix: a surrogate pair as 4 bytes, U+0000
         * as 0x00, a lone surrogate as its 3-byte form, which the core refuses as not UTF-8).
         * buf has room for 4 + 3 * s.length bytes. Returns the offset after it.
         */
        internal fun pack(buf: ByteArray, pos: Int, s: String): Int {
            var p = pos + 4
            val n = s.length
            var i = 0
            while (i < n) { // ASCII: one byte each
                val c = s[i].code
                if (c >= 0x80) break
                buf[p++] = c.toByte()
                i++
            }
            while (i < n) {
                val c = s[i].code
                i++
                when {
                    c < 0x80 -> buf[p++] = c.toByte()
                    c < 0x800 -> {
                        buf[p++] = (0xC0 or (c shr 6)).toByte()
                        buf[p++] = (0x80 or (c and 0x3F)).toByte()
                    }
                    c in 0xD800..0xDBFF && i < n && s[i].code in 0xDC00..0xDFFF -> {
                        val cp = 0x10000 + ((c - 0xD800) shl 10) + (s[i].code - 0xDC00)
                        i++
                        buf[p++] = (0xF0 or (cp shr 18)).toByte()
                        buf[p++] = (0x80 or ((cp shr 12) and 0x3F)).toByte()
                        buf[p++] = (0x80 or ((cp shr 6) and 0x3F)).toByte()
                        buf[p++] = (0x80 or (cp and 0x3F)).toByte()
                    }
                    else -> {
                        buf[p++] = (0xE0 or (c shr 12)).toByte()
                        buf[p++] = (0x80 or ((c shr 6) and 0x3F)).toByte()
                        buf[p++] = (0x80 or (c and 0x3F)).toByte()
                    }
                }
            }
            val len = p - pos - 4
            buf[pos] = len.toByte()
            buf[pos + 1] = (len shr 8).toByte()
            buf[pos + 2] = (len shr 16).toByte()
            buf[pos + 3] = (len shr 24).toByte()
            return p
        }

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
