package io.lkstudy

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** One owner per handle: freed once, by close() or the Cleaner; never used after being freed. */
class LifetimeTest {
    private fun rssKb(): Long = java.io.File("/proc/self/status").readLines().first { it.startsWith("VmRSS:") }
        .split(Regex("\\s+"))[1].toLong()

    private fun awaitLive(max: Long) {
        val deadline = System.currentTimeMillis() + 20_000
        while (NativeHandle.LIVE.get() > max && System.currentTimeMillis() < deadline) {
            System.gc()
            Thread.sleep(50)
        }
    }

    @Test
    fun `a million short-lived tokens and a million handles keep memory flat`() {
        val before = NativeHandle.LIVE.get()
        repeat(1_000_000) { i ->
            AccessToken("k", "s").apply { identity = "u$i"; addGrants(RoomJoin(true), RoomName("r")) }.toJwt()
        }
        // Half closed by hand, half left to the Cleaner. A first round warms up the JIT and the
        // allocator; the second, measured one must then leave RSS where it was (the heap is fixed
        // and pre-touched by the pom's argLine, so RSS moves only with native memory).
        fun churn(n: Int) = repeat(n) { i ->
            val v = TokenVerifier()
            if (i % 2 == 0) v.close()
        }
        churn(300_000)
        awaitLive(before + 1000)
        val rssStart = rssKb()
        churn(1_000_000)
        awaitLive(before + 1000)
        val grown = rssKb() - rssStart
        println("LifetimeTest: RSS moved by $grown KiB over a million handles")
        assertTrue(NativeHandle.LIVE.get() <= before + 1000, "live handles: ${NativeHandle.LIVE.get() - before}")
        // A leak of even 64 bytes a handle would be 64 MB here; allocator arenas (the Cleaner frees
        // on its own thread) and the JIT move RSS by up to ~25 MB on their own.
        assertTrue(grown < 48 * 1024, "RSS grew by $grown KiB over a million handles")
    }

    @Test
    fun `close twice is harmless and use after close throws IllegalStateException`() {
        val v = TokenVerifier("k", "s")
        v.close()
        v.close()
        assertTrue(v.isClosed)
        val e = assertThrows(IllegalStateException::class.java) { v.verify("a.b.c") }
        assertTrue(e.message!!.contains("TokenVerifier"))
        val r = WebhookReceiver("k", "s").also { it.close() }
        assertThrows(IllegalStateException::class.java) { r.verify(ByteArray(0), "x") }
        val s = StudyGroupStore.open("sqlite::memory:").also { it.close() }
        assertThrows(IllegalStateException::class.java) { s.executeJson("getGroup", """{"groupId":1}""") }
        assertThrows(IllegalStateException::class.java) { StudyGroups(s) }
    }

    @Test
    fun `closing while 16 threads verify frees only after the calls in flight`() {
        val jwt = AccessToken("k", "s").apply { identity = "x" }.toJwt()
        repeat(20) {
            val v = TokenVerifier("k", "s")
            val pool = Executors.newFixedThreadPool(16)
            val futures = (1..16).map {
                pool.submit<Int> {
                    var ok = 0
                    try {
                        repeat(2000) { v.verify(jwt); ok++ }
                    } catch (_: IllegalStateException) {
                    }
                    ok
                }
            }
            Thread.sleep(2)
            v.close()
            futures.forEach { it.get(60, TimeUnit.SECONDS) }
            pool.shutdown()
        }
    }

    @Test
    fun `16 threads mint with one key pair and get equal claims`() {
        val pool = Executors.newFixedThreadPool(16)
        val verifier = TokenVerifier("k16", "s16")
        try {
            val ids = (0 until 16).map { t ->
                pool.submit<List<String>> {
                    (0 until 500).map { i ->
                        verifier.verify(AccessToken("k16", "s16").apply { identity = "t$t-$i"; addGrants(RoomJoin(true), RoomName("r$t")) }.toJwt()).identity!!
                    }
                }
            }.flatMap { it.get(60, TimeUnit.SECONDS) }
            assertEquals(16 * 500, ids.toSet().size)
        } finally {
            pool.shutdown()
            verifier.close()
        }
    }
}
