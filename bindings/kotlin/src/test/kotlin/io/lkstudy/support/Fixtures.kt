package io.lkstudy.support

import java.io.File
import java.net.DatagramSocket
import java.net.HttpURLConnection
import java.net.InetAddress
import java.net.ServerSocket
import java.net.URI
import java.nio.file.Files
import java.util.concurrent.TimeUnit

/** Where scripts/setup.sh put the test binaries ($LKS_DEPS_DIR, passed by Maven as lks.deps.dir). */
object Deps {
    val dir: File by lazy {
        val p = System.getenv("LKS_DEPS_DIR")?.takeIf { it.isNotEmpty() } ?: System.getProperty("lks.deps.dir") ?: "../../.deps"
        File(p)
    }
    fun bin(name: String): File = File(dir, "bin/$name")

    /** Set by tests/integration/run_in_netns.sh: a private network namespace, so WebRTC may run. */
    val inNetworkNamespace: Boolean get() = System.getenv("LKS_IN_NETNS") == "1"
}

/**
 * Loopback ports for test servers, as FreeLoopbackPort in tests/support/livekit_server.cc: from
 * below the kernel's ephemeral range, so no bind(0) or outgoing connection of another process takes
 * one before its user binds it; never the same twice in a JVM; free for TCP and UDP when handed out.
 */
object TestPorts {
    private const val FIRST = 10000
    private val span: Int by lazy {
        val low = runCatching {
            File("/proc/sys/net/ipv4/ip_local_port_range").readText().trim().split(Regex("\\s+"))[0].toInt()
        }.getOrDefault(32768)
        low - FIRST
    }
    private var next = -1

    @Synchronized
    fun next(): Int {
        check(span >= 1000) { "no room for test ports below the ephemeral range" }
        if (next < 0) next = java.util.Random().nextInt(span)
        repeat(span) {
            val port = FIRST + next
            next = (next + 1) % span
            if (canBind { ServerSocket(port, 1, InetAddress.getLoopbackAddress()) } &&
                canBind { DatagramSocket(port, InetAddress.getLoopbackAddress()) }
            ) return port
        }
        error("no free loopback port below the ephemeral range")
    }

    private fun canBind(open: () -> AutoCloseable): Boolean =
        runCatching { open().close() }.isSuccess
}

fun freeTcpPort(): Int = TestPorts.next()
fun freeUdpPort(): Int = TestPorts.next()

/** GET on loopback without an Authorization header; (status, body). */
fun httpGet(url: String): Pair<Int, String> {
    val c = URI(url).toURL().openConnection() as HttpURLConnection
    c.connectTimeout = 2000
    c.readTimeout = 5000
    return try {
        val code = c.responseCode
        val stream = if (code >= 400) c.errorStream else c.inputStream
        code to (stream?.use { String(it.readAllBytes()) } ?: "")
    } finally {
        c.disconnect()
    }
}

/**
 * A real livekit-server (v1.13.5, the binary the C++ tests use) on free loopback ports with a
 * generated strict-YAML config; waits for `GET /` = `OK` (an early exit is a failure shown with its
 * log: the server exits 0 on a bad config); [close] sends SIGTERM, then SIGKILL.
 */
class LiveKitServer private constructor(
    val port: Int,
    val key: String,
    val secret: String,
    private val process: Process,
    private val dir: File,
) : AutoCloseable {
    val url: String get() = "http://127.0.0.1:$port"
    val wsUrl: String get() = "ws://127.0.0.1:$port"
    fun log(): String = File(dir, "server.log").takeIf { it.exists() }?.readText() ?: ""

    override fun close() {
        if (process.isAlive) {
            process.destroy()
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly()
                process.waitFor(5, TimeUnit.SECONDS)
            }
        }
        if (System.getenv("LKS_KEEP_TEST_DIRS") == null) dir.deleteRecursively()
    }

    companion object {
        fun start(key: String, secret: String, webhookUrls: List<String> = emptyList(), emptyTimeout: Int = 300): LiveKitServer {
            val binary = System.getenv("LKS_LIVEKIT_SERVER")?.let(::File) ?: Deps.bin("server")
            check(binary.canExecute()) { "livekit-server not found at $binary (run scripts/setup.sh)" }
            var last: String? = null
            repeat(3) {
                val dir = Files.createTempDirectory("lks-kotlin-livekit-").toFile()
                val port = freeTcpPort()
                val q = { s: String -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" }
                val yaml = buildString {
                    appendLine("port: $port")
                    appendLine("bind_addresses: [\"127.0.0.1\"]")
                    appendLine("keys:")
                    appendLine("  ${q(key)}: ${q(secret)}")
                    appendLine("rtc:")
                    appendLine("  tcp_port: ${freeTcpPort()}")
                    appendLine("  udp_port: ${freeUdpPort()}")
                    appendLine("  node_ip: 127.0.0.1")
                    appendLine("  use_external_ip: false")
                    appendLine("  enable_loopback_candidate: true")
                    appendLine("room:")
                    appendLine("  empty_timeout: $emptyTimeout")
                    appendLine("  departure_timeout: 20")
                    if (webhookUrls.isNotEmpty()) {
                        appendLine("webhook:")
                        appendLine("  api_key: ${q(key)}")
                        appendLine("  urls:")
                        webhookUrls.forEach { appendLine("    - ${q(it)}") }
                    }
                    appendLine("logging:")
                    appendLine("  level: info")
                }
                val config = File(dir, "livekit.yaml").apply { writeText(yaml) }
                val log = File(dir, "server.log")
                val p = ProcessBuilder(binary.path, "--config", config.path)
                    .redirectErrorStream(true).redirectOutput(log).start()
                val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
                while (System.nanoTime() < deadline && p.isAlive) {
                    val ok = runCatching { httpGet("http://127.0.0.1:$port/") }.getOrNull()
                    if (ok != null && ok.first == 200 && ok.second.trim() == "OK") return LiveKitServer(port, key, secret, p, dir)
                    Thread.sleep(100)
                }
                last = "livekit-server ${if (p.isAlive) "did not answer" else "exited"} before GET / answered OK:\n${log.readText()}"
                p.destroyForcibly()
                dir.deleteRecursively()
                // A port taken meanwhile by a parallel test: try again on new ones.
            }
            throw IllegalStateException(last)
        }
    }
}

/**
 * A real WebRTC participant (tests/participant, server-sdk-go) that prints JOINED, PUBLISHED <sid>,
 * DISCONNECTED <reason>, ... on stdout. Only inside the test's network namespace.
 */
class Participant private constructor(private val process: Process) : AutoCloseable {
    private val lines = java.util.concurrent.LinkedBlockingQueue<String>()

    init {
        Thread {
            process.inputStream.bufferedReader().forEachLine { lines.put(it) }
        }.apply { isDaemon = true }.start()
    }

    /** The first line starting with [prefix] within [timeoutMs]; null if none. */
    fun waitFor(prefix: String, timeoutMs: Long = 30_000): String? {
        val deadline = System.currentTimeMillis() + timeoutMs
        while (true) {
            val left = deadline - System.currentTimeMillis()
            if (left <= 0) return null
            val line = lines.poll(left, TimeUnit.MILLISECONDS) ?: return null
            if (line.startsWith(prefix)) return line
        }
    }

    override fun close() {
        runCatching { process.outputStream.close() }
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly()
    }

    companion object {
        fun join(wsUrl: String, token: String, publish: Boolean): Participant {
            val bin = System.getenv("LKS_TEST_PARTICIPANT")?.let(::File) ?: Deps.bin("lks-participant")
            check(bin.canExecute()) { "lks-participant not found at $bin (run scripts/setup.sh)" }
            val args = mutableListOf(bin.path, "-url", wsUrl, "-token", token)
            if (publish) args += "-publish"
            return Participant(ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start())
        }
    }
}

/**
 * A real PostgreSQL (Debian's) in a temp folder on a free port, run as the postgres user when we
 * are root (it refuses root); fsync off. [url] is a libpq URI over its socket folder.
 */
class Postgres private constructor(private val bin: String, private val dir: File, val port: Int) : AutoCloseable {
    val url: String get() = "postgresql:///postgres?host=${dir.path}&port=$port&user=postgres"

    override fun close() {
        run(listOf("$bin/pg_ctl", "-D", "${dir.path}/data", "-m", "immediate", "stop"), asPostgres = true)
        dir.deleteRecursively()
    }

    companion object {
        private val root = System.getProperty("user.name") == "root"

        private fun run(cmd: List<String>, asPostgres: Boolean): Pair<Int, String> {
            val full = if (asPostgres && root) listOf("runuser", "-u", "postgres", "--") + cmd else cmd
            val p = ProcessBuilder(full).redirectErrorStream(true).start()
            val out = p.inputStream.bufferedReader().readText()
            return p.waitFor() to out
        }

        fun start(): Postgres {
            val bin = File("/usr/lib/postgresql").listFiles()?.sortedBy { it.name.toIntOrNull() ?: 0 }
                ?.map { File(it, "bin") }?.lastOrNull { File(it, "initdb").exists() }
                ?: error("no /usr/lib/postgresql/*/bin/initdb: install the postgresql package (scripts/setup.sh)")
            val dir = Files.createTempDirectory("lks-kotlin-pg-").toFile()
            if (root) run(listOf("chown", "postgres:postgres", dir.path), asPostgres = false)
            val (rc, out) = run(listOf("${bin.path}/initdb", "-D", "${dir.path}/data", "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"), true)
            check(rc == 0) { "initdb failed:\n$out" }
            var last = ""
            repeat(5) {
                val port = freeTcpPort()
                val opts = "-p $port -k ${dir.path} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                val (code, text) = run(listOf("${bin.path}/pg_ctl", "-D", "${dir.path}/data", "-l", "${dir.path}/server.log", "-w", "-t", "60", "-o", opts, "start"), true)
                if (code == 0) return Postgres(bin.path, dir, port)
                last = text + File(dir, "server.log").let { if (it.exists()) it.readText() else "" }
            }
            dir.deleteRecursively()
            error("pg_ctl start failed:\n$last")
        }
    }
}

/**
 * LiveKit's test-server (`.deps/bin/test-server`, from livekit/server-sdk-go, as
 * tests/support/livekit_test_server.cc starts it) on a free loopback port: it answers every
 * Twirp method with a populated message (ids MOCK_*, scalars echoed from the request), so the
 * success shapes of Egress can be checked without an egress worker. Null from [startOrNull] when
 * the binary is missing (the caller prints SKIPPED with the reason).
 */
class LiveKitTestServer private constructor(val port: Int, private val process: Process, private val dir: File) : AutoCloseable {
    val url: String get() = "http://127.0.0.1:$port"

    override fun close() {
        process.destroy()
        if (!process.waitFor(3, TimeUnit.SECONDS)) process.destroyForcibly()
        dir.deleteRecursively()
    }

    companion object {
        val binary: File get() = System.getenv("LKS_LIVEKIT_TEST_SERVER")?.takeIf { it.isNotEmpty() }?.let(::File) ?: Deps.bin("test-server")

        fun startOrNull(apiSecret: String): LiveKitTestServer? {
            if (!binary.canExecute()) return null
            val dir = Files.createTempDirectory("lks-kotlin-test-server-").toFile()
            val port = freeTcpPort()
            val log = File(dir, "test-server.log")
            val p = ProcessBuilder(binary.path, "--ports", "$port", "--bind", "127.0.0.1", "--advertise-host", "http://127.0.0.1", "--api-secret", apiSecret)
                .redirectErrorStream(true).redirectOutput(log).start()
            val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
            while (System.nanoTime() < deadline && p.isAlive) {
                if (runCatching { httpGet("http://127.0.0.1:$port/").first }.getOrNull() == 200) return LiveKitTestServer(port, p, dir)
                Thread.sleep(100)
            }
            val what = if (p.isAlive) "did not answer" else "exited"
            val text = log.readText()
            p.destroyForcibly()
            dir.deleteRecursively()
            throw IllegalStateException("test-server $what:\n$text")
        }
    }
}
