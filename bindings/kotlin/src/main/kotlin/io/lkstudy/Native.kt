package io.lkstudy

import java.io.File
import java.io.IOException
import java.nio.file.Files
import java.nio.file.StandardCopyOption

/**
 * The JNI functions of liblkstudy_jni (bindings/kotlin/jni). Internal: the public classes own the
 * handles these take and return. Strings cross as Java Strings (converted to standard UTF-8 in the
 * glue), bytes and JSON results as ByteArray; failures arrive as [LkStudyException].
 *
 * The library is loaded at first use: `System.loadLibrary("lkstudy_jni")` first (Android, and JVM
 * users with `-Djava.library.path`), then the copy inside the jar (`native/<os>-<arch>/`),
 * extracted once per process into a temporary file, as sqlite-jdbc does.
 */
internal object Native {
    /** How the library was found: "loadLibrary" or "jar:<resource>". */
    @JvmStatic
    val source: String = load()

    private fun platform(): String {
        val os = System.getProperty("os.name").lowercase().let { if (it.contains("linux")) "linux" else it.replace(' ', '_') }
        val arch = when (val a = System.getProperty("os.arch").lowercase()) {
            "amd64", "x86_64" -> "x86_64"
            "aarch64", "arm64" -> "aarch64"
            else -> a
        }
        return "$os-$arch"
    }

    private fun load(): String {
        val tried = mutableListOf<String>()
        try {
            System.loadLibrary("lkstudy_jni")
            return "loadLibrary"
        } catch (e: UnsatisfiedLinkError) {
            tried += "System.loadLibrary(\"lkstudy_jni\") with java.library.path=" +
                "${System.getProperty("java.library.path")}: ${e.message}"
        }
        val resource = "native/${platform()}/liblkstudy_jni.so"
        val stream = Native::class.java.classLoader?.getResourceAsStream(resource)
        if (stream == null) {
            tried += "the jar's $resource: not in the jar (a jar built for another platform?)"
        } else {
            try {
                val file = File.createTempFile("liblkstudy_jni-", ".so")
                file.deleteOnExit()
                stream.use { Files.copy(it, file.toPath(), StandardCopyOption.REPLACE_EXISTING) }
                System.load(file.absolutePath)
                return "jar:$resource"
            } catch (e: IOException) {
                tried += "the jar's $resource: extracting failed: ${e.message}"
            } catch (e: UnsatisfiedLinkError) {
                tried += "the jar's $resource: ${e.message}"
            }
        }
        throw UnsatisfiedLinkError("lkstudy: cannot load liblkstudy_jni; tried " + tried.joinToString("; "))
    }

    @JvmStatic external fun versionString(): String
    @JvmStatic external fun versionNumber(): Long
    @JvmStatic external fun statusName(code: Int): String
    @JvmStatic external fun statusHttpStatus(code: Int): Long

    @JvmStatic external fun signerNew(key: String, secret: String): Long
    @JvmStatic external fun signerFree(h: Long)
    @JvmStatic external fun mint(
        signer: Long, flags: Int, grantId: Long, video: String?, attributeCount: Int, ttlSeconds: Long,
        notBefore: Long, buf: ByteArray, inputLength: Int, capacity: Int,
    ): Int
    @JvmStatic external fun verifierNew(): Long
    @JvmStatic external fun verifierFree(h: Long)
    @JvmStatic external fun verifierAddKey(h: Long, key: String, secret: String)
    @JvmStatic external fun verifierSetLeeway(h: Long, seconds: Long)
    @JvmStatic external fun verifierVerify(h: Long, token: String): ByteArray
    @JvmStatic external fun appTokenMint(secret: String, userId: String, email: String?, name: String?, role: String?, ttl: Long): String

    @JvmStatic external fun receiverNew(): Long
    @JvmStatic external fun receiverFree(h: Long)
    @JvmStatic external fun receiverAddKey(h: Long, key: String, secret: String)
    @JvmStatic external fun receiverSetLeeway(h: Long, seconds: Long)
    @JvmStatic external fun receiverReceive(h: Long, body: ByteArray, auth: String, output: Int): ByteArray
    @JvmStatic external fun receiverVerify(h: Long, body: ByteArray, auth: String)
    @JvmStatic external fun webhookSign(key: String, secret: String, body: ByteArray, ttl: Long): String

    @JvmStatic external fun roomClientNew(
        url: String, key: String?, secret: String?, token: String?, timeoutMs: Long, maxAttempts: Long,
        fallbackUrls: Array<String>?, failover: Int, tlsVerify: Boolean, caFile: String?, proxy: String?,
        headers: Array<String>?,
    ): Long
    @JvmStatic external fun roomClientFree(h: Long)
    @JvmStatic external fun roomCreateRoom(h: Long, request: ByteArray): ByteArray
    @JvmStatic external fun roomListRooms(h: Long, names: ByteArray?): ByteArray
    @JvmStatic external fun roomDeleteRoom(h: Long, room: String)
    @JvmStatic external fun roomListParticipants(h: Long, room: String): ByteArray
    @JvmStatic external fun roomGetParticipant(h: Long, room: String, identity: String): ByteArray
    @JvmStatic external fun roomRemoveParticipant(h: Long, room: String, identity: String)
    @JvmStatic external fun roomMutePublishedTrack(h: Long, room: String, identity: String, track: String, muted: Boolean): ByteArray
    @JvmStatic external fun roomUpdateParticipant(h: Long, request: ByteArray): ByteArray
    @JvmStatic external fun roomUpdateSubscriptions(h: Long, request: ByteArray)
    @JvmStatic external fun roomSendData(h: Long, room: String, data: ByteArray, topic: String?, destinations: ByteArray?, lossy: Boolean)
    @JvmStatic external fun roomUpdateRoomMetadata(h: Long, room: String, metadata: String): ByteArray
    @JvmStatic external fun roomForwardOrMove(h: Long, forward: Boolean, room: String, identity: String, destination: String)
    @JvmStatic external fun roomPerformRpc(h: Long, room: String, destination: String, method: String, payload: String, timeoutMs: Long): ByteArray
    @JvmStatic external fun roomCallJson(h: Long, method: String, request: ByteArray): ByteArray

    /** An Egress ([dispatch] false) or agent dispatch client; the room client's options. */
    @JvmStatic external fun serverClientNew(
        dispatch: Boolean, url: String, key: String?, secret: String?, token: String?, timeoutMs: Long, maxAttempts: Long,
        fallbackUrls: Array<String>?, failover: Int, tlsVerify: Boolean, caFile: String?, proxy: String?,
        headers: Array<String>?,
    ): Long
    @JvmStatic external fun egressClientFree(h: Long)
    @JvmStatic external fun egressStart(h: Long, kind: Int, request: ByteArray): ByteArray
    @JvmStatic external fun egressUpdateLayout(h: Long, egressId: String, layout: String): ByteArray
    @JvmStatic external fun egressUpdateStream(h: Long, egressId: String, add: ByteArray?, remove: ByteArray?): ByteArray
    @JvmStatic external fun egressList(h: Long, room: String?, active: Boolean): ByteArray
    @JvmStatic external fun egressStop(h: Long, egressId: String): ByteArray
    @JvmStatic external fun egressCallJson(h: Long, method: String, request: ByteArray): ByteArray
    @JvmStatic external fun dispatchClientFree(h: Long)
    @JvmStatic external fun dispatchCreate(h: Long, room: String, agentName: String, metadata: String?): ByteArray
    @JvmStatic external fun dispatchDelete(h: Long, room: String, dispatchId: String): ByteArray
    @JvmStatic external fun dispatchList(h: Long, room: String, dispatchId: String?): ByteArray

    @JvmStatic external fun storeOpen(url: String): Long
    @JvmStatic external fun storeFree(h: Long)
    @JvmStatic external fun storeExecute(h: Long, op: String, request: ByteArray): ByteArray
    @JvmStatic external fun storeSchemaVersion(): Long

    @JvmStatic external fun serviceNew(
        store: Long, url: String?, key: String?, secret: String?, appSecret: String?, cost: Double,
        ttl: Long, moderatorsGetRoomAdmin: Boolean, liveRoomCacheSeconds: Long, e2eeMasterSecret: String?,
        publicUrl: String?,
    ): Long
    @JvmStatic external fun serviceFree(h: Long)
    @JvmStatic external fun serviceCall(
        h: Long, op: Int, who: Array<String?>?, s1: String?, s2: String?, s3: String?, n1: Long, n2: Long, flag: Boolean,
    ): ByteArray
    @JvmStatic external fun serviceReceiveWebhook(h: Long, body: ByteArray, auth: String): ByteArray
    @JvmStatic external fun serviceHandleRest(
        h: Long, method: String, target: String, headers: Array<String>?, body: ByteArray, who: Array<String?>?,
    ): Array<Any>
}

/** The version of the native library linked into the binding ("MAJOR.MINOR.PATCH"). */
object LkStudy {
    @JvmStatic
    val version: String get() = Native.versionString()

    /** How the native library was loaded: "loadLibrary" or "jar:native/<platform>/liblkstudy_jni.so". */
    @JvmStatic
    val nativeSource: String get() = Native.source
}
