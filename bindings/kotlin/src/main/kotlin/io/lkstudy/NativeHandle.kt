package io.lkstudy

import java.lang.ref.Cleaner
import java.util.concurrent.atomic.AtomicLong

/**
 * The one owner of one C handle (libsignal's habit). [close] frees it exactly once; a
 * [java.lang.ref.Cleaner] frees it if the owner is dropped unclosed. A call holds the handle for
 * its whole duration through [borrow]: `close()` from another thread then waits for no one but frees
 * the handle only when the last call in flight returns, so a native call never sees freed memory.
 * A call after `close()` throws [IllegalStateException].
 */
abstract class NativeHandle internal constructor(handle: Long, free: (Long) -> Unit, @PublishedApi internal val what: String) : AutoCloseable {
    @PublishedApi internal val state = State(handle, free)
    private val cleanable: Cleaner.Cleanable = CLEANER.register(this, state)

    /** Runs [block] with the live handle; throws IllegalStateException once closed. */
    internal inline fun <T> borrow(block: (Long) -> T): T {
        val h = state.acquire(what)
        try {
            return block(h)
        } finally {
            state.release()
            java.lang.ref.Reference.reachabilityFence(this)
        }
    }

    /** True once [close] was called. */
    val isClosed: Boolean get() = state.closed

    /** Frees the native handle (after the calls in flight return). Calling it again is harmless. */
    override fun close() {
        if (state.markClosed()) cleanable.clean()
    }

    // Shared between the owner and the Cleaner; must not reference the owner.
    @PublishedApi internal class State(private val handle: Long, private val free: (Long) -> Unit) : Runnable {
        // Bit 0: closed. Bits 1..: calls in flight (x2).
        private val word = AtomicLong(0)
        private val freed = java.util.concurrent.atomic.AtomicBoolean(false)

        val closed: Boolean get() = (word.get() and 1L) != 0L

        fun acquire(what: String): Long {
            while (true) {
                val w = word.get()
                if ((w and 1L) != 0L) throw IllegalStateException("$what: used after close()")
                if (word.compareAndSet(w, w + 2)) return handle
            }
        }

        fun release() {
            if (word.addAndGet(-2) == 1L) freeOnce()
        }

        /** Sets the closed bit; true when this call set it. */
        fun markClosed(): Boolean {
            while (true) {
                val w = word.get()
                if ((w and 1L) != 0L) return false
                if (word.compareAndSet(w, w or 1L)) return true
            }
        }

        // From close() (via clean()) or the Cleaner: frees now unless calls are in flight, in which
        // case the last release() frees.
        override fun run() {
            markClosed()
            if (word.get() == 1L) freeOnce()
        }

        private fun freeOnce() {
            if (freed.compareAndSet(false, true)) {
                free(handle)
                LIVE.decrementAndGet()
            }
        }

        init {
            LIVE.incrementAndGet()
        }
    }

    internal companion object {
        val CLEANER: Cleaner = Cleaner.create()
        /** Handles made and not yet freed (for the lifetime tests). */
        val LIVE = AtomicLong(0)
    }
}
