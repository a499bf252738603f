package dev.corridor.bench.load;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state every load loop shares: how many handshakes may be in flight at once, how many
 * clients have settled (connected or failed), and when the clients are told to leave.
 *
 * <pre>
 *   clients: waiting ─(permit)─► handshaking ─► connected ─┬─ (all settled, sampled) full-load pings ─(leave)─► EXIT ─► done
 *                                            └─► failed ───┴──────────────────────────────────────────────────► done
 * </pre>
 */
final class LoadRun {
    private final int clients;
    private final int inFlightLimit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger settled = new AtomicInteger();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private volatile long allSettledNanos;
    private volatile boolean secondPingRound;
    private volatile boolean leave;

    LoadRun(int clients, int inFlightLimit) {
        this.clients = clients;
        this.inFlightLimit = inFlightLimit;
    }

    int clients() {
        return clients;
    }

    /** Takes a permit to start a handshake; false when {@code inFlightLimit} are already under way. */
    boolean tryStart() {
        while (true) {
            int current = inFlight.get();
            if (current >= inFlightLimit) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** A handshake ended, connected or not; gives the permit back. */
    void settled(boolean wasConnected) {
        inFlight.decrementAndGet();
        if (wasConnected) {
            connected.incrementAndGet();
        }
        if (settled.incrementAndGet() == clients) {
            allSettledNanos = System.nanoTime();
        }
    }

    /** A client has closed its socket. */
    void done() {
        done.incrementAndGet();
    }

    boolean allSettled() {
        return allSettledNanos != 0;
    }

    /** When the last client settled (System.nanoTime), 0 before. */
    long allSettledNanos() {
        return allSettledNanos;
    }

    int connected() {
        return connected.get();
    }

    int settledCount() {
        return settled.get();
    }

    boolean allDone() {
        return done.get() == clients;
    }

    /** Every connected client sends its second round of pings (all clients are up by then). */
    void startSecondPingRound() {
        secondPingRound = true;
    }

    boolean secondPingRound() {
        return secondPingRound;
    }

    void leave() {
        leave = true;
    }

    boolean leaving() {
        return leave;
    }
}
