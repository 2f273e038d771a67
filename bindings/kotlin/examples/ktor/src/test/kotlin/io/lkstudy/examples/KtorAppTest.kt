package io.lkstudy.examples

import io.lkstudy.AppUser
import io.lkstudy.StudyGroupsOptions
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.net.InetAddress
import java.net.ServerSocket
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.util.concurrent.TimeUnit

/**
 * A livekit-server child process that is always stopped: by close() (SIGTERM, then SIGKILL after 5 s),
 * and, should the JVM exit before close() (the run interrupted or terminated: SIGINT, SIGTERM), by a
 * shutdown hook. (Only SIGKILL of the JVM still leaves it; run_in_netns.sh-style namespaces end it then.)
 */
private class LiveKitChild(private val process: Process, val port: Int) : AutoCloseable {
    private val hook = Thread { process.destroyForcibly() }

    init {
        Runtime.getRuntime().addShutdownHook(hook)
    }

    override fun close() {
        process.destroy()
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor()
        runCatching { Runtime.getRuntime().removeShutdownHook(hook) } // fails only while exiting
    }
}

/** The Ktor app answers the seed's requests over real HTTP, with a real livekit-server behind it. */
class KtorAppTest {
    private val key = "APIktorExample"
    private val secret = "ktor-example-secret-0123456789-abcdefghij"
    private val appSecret = "ktor-app-secret-0123456789"

    // Ports from below the kernel's ephemeral range (no bind(0) or outgoing connection takes one
    // before its user binds it), each once: the binding's TestPorts in a line, as this example
    // does not see the binding's test classes.
    private var nextPort = 10000 + java.util.Random().nextInt(20000)
    private fun freePort(): Int {
        while (true) {
            val port = nextPort++
            if (runCatching { ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close() }.isSuccess) return port
        }
    }

    /** livekit-server from $LKS_DEPS_DIR/bin (scripts/setup.sh), as the binding's own tests start it. */
    private fun startLiveKit(): LiveKitChild {
        val deps = System.getenv("LKS_DEPS_DIR") ?: "../../../../.deps"
        val dir = Files.createTempDirectory("lks-ktor-livekit-").toFile().apply { deleteOnExit() }
        val port = freePort()
        File(dir, "livekit.yaml").writeText(
            "port: $port\nbind_addresses: [\"127.0.0.1\"]\nkeys:\n  $key: $secret\nrtc:\n  tcp_port: ${freePort()}\n" +
                "  udp_port: ${freePort()}\n  node_ip: 127.0.0.1\n  use_external_ip: false\nlogging:\n  level: warn\n",
        )
        val p = ProcessBuilder("$deps/bin/server", "--config", File(dir, "livekit.yaml").path)
            .redirectErrorStream(true).redirectOutput(File(dir, "server.log")).start()
        val child = LiveKitChild(p, port)
        try {
            val client = HttpClient.newHttpClient()
            val deadline = System.currentTimeMillis() + 30_000
            while (System.currentTimeMillis() < deadline && p.isAlive) {
                val ok = runCatching { client.send(HttpRequest.newBuilder(URI("http://127.0.0.1:$port/")).build(), HttpResponse.BodyHandlers.ofString()) }.getOrNull()
                if (ok?.statusCode() == 200 && ok.body().trim() == "OK") return child
                Thread.sleep(100)
            }
            error("livekit-server did not start:\n" + File(dir, "server.log").readText())
        } catch (t: Throwable) {
            child.close()
            throw t
        }
    }

    @Test
    fun `the seed's requests over real HTTP`(): Unit = startLiveKit().use { livekit ->
        val port = freePort()
        val (server, groups, store) = startServer(
            "sqlite::memory:",
            StudyGroupsOptions(livekitUrl = "ws://127.0.0.1:${livekit.port}", apiKey = key, apiSecret = secret, appJwtSecret = appSecret),
            port,
        )
        try {
            val client = HttpClient.newHttpClient()
            val jwt = AppUser("15", "john@example.com", "John Doe").mintAppToken(appSecret)
            fun send(method: String, path: String, body: String? = null, auth: Boolean = true): HttpResponse<String> {
                val b = HttpRequest.newBuilder(URI("http://127.0.0.1:$port$path"))
                    .method(method, if (body == null) HttpRequest.BodyPublishers.noBody() else HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json")
                if (auth) b.header("Authorization", "Bearer $jwt")
                return client.send(b.build(), HttpResponse.BodyHandlers.ofString())
            }
            val created = send("POST", "/api/study-groups/create", """{"title":"Bible Study - Gospel of John","description":"Weekly study of John's Gospel","maxParticipants":15,"scheduledTime":"2025-10-15T19:00:00.000Z","durationMinutes":60,"videoProvider":"livekit","useLiveKit":true}""")
            assertEquals(201, created.statusCode(), created.body())
            assertTrue(created.headers().firstValue("content-type").orElse("").startsWith("application/json"))
            val room = Regex("\"livekitRoomName\":\"([^\"]+)\"").find(created.body())!!.groupValues[1]
            val id = Regex("\"id\":(\\d+)").find(created.body())!!.groupValues[1]
            assertEquals(200, send("GET", "/api/study-groups/$id").statusCode())
            val token = send("POST", "/api/livekit/token", """{"roomName":"$room","participantName":"John Doe"}""")
            assertEquals(200, token.statusCode(), token.body())
            assertTrue(token.body().contains("\"identity\":\"user_15\""), token.body())
            val rooms = send("GET", "/api/livekit/rooms")
            assertEquals(200, rooms.statusCode(), rooms.body())
            assertTrue(rooms.body().contains(room), rooms.body())
            val status = send("GET", "/api/livekit/status", auth = false)
            assertEquals(200, status.statusCode())
            assertTrue(!status.body().contains(secret))
            assertEquals(401, send("GET", "/api/study-groups/$id", auth = false).statusCode())
            assertEquals(404, send("GET", "/api/study-groups/9999").statusCode())
        } finally {
            try {
                server.stop(100, 1000)
            } finally {
                store.use { groups.close() } // the store is closed even if closing groups throws
            }
        }
    }
}
