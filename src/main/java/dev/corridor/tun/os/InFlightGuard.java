package dev.corridor.tun.os;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets a device free its native handles only after the reader and writer threads have left their
 * native calls, so that a file descriptor or session handle is never closed (and reused by the OS)
 * under a call still using it. Allocation-free on the packet path.
 *
 * <pre>
 *  reader / writer                         closer
 *  enter(): inFlight++ ; closed? -> leave  closed = true            (1)
 *           ... native call ...            wake the waiting reader  (2)
 *  leave(): inFlight--                     wait until inFlight == 0 (3), then free handles
 * </pre>
 *
 * Both sides write their own variable before reading the other's (sequentially consistent atomics),
 * so either the closer sees the call in flight and waits, or the caller sees {@code closed} and backs
 * out before touching a handle.
 */
final class InFlightGuard {
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Starts a native call; false (and nothing to leave) once the device is closing. */
    boolean enter() {
        inFlight.incrementAndGet();
        if (closed.get()) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Ends a call started by a successful {@link #enter}. */
    void leave() {
        inFlight.decrementAndGet();
    }

    /** Whether {@link #beginClose} has run. */
    boolean isClosed() {
        return closed.get();
    }

    /** Marks the device closing; true only for the first caller, who then wakes waiters and calls {@link #awaitIdle}. */
    boolean beginClose() {
        return closed.compareAndSet(false, true);
    }

    /**
     * Waits until no call is in flight, at most {@code timeoutMillis}; returns whether that happened.
     * Waiting calls have been woken by then, so this is normally a few microseconds.
     */
    boolean awaitIdle(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (inFlight.get() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return inFlight.get() == 0;
            }
        }
        return true;
    }
}
