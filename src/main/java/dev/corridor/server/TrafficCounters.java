package dev.corridor.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes and packets of one connection's data channel as the endpoint sees them: ingress is what
 * the client sent to the endpoint, egress what the endpoint sent to the client (wire sizes).
 * Updated by reader threads without locks, read by the event loop, the log and the metrics.
 */
final class TrafficCounters {
    private final LongAdder ingressBytes = new LongAdder();
    private final LongAdder ingressPackets = new LongAdder();
    private final LongAdder egressBytes = new LongAdder();
    private final LongAdder egressPackets = new LongAdder();

    /** A snapshot of the four counters. */
    record Snapshot(long ingressBytes, long egressBytes, long ingressPackets, long egressPackets) {
        static final Snapshot ZERO = new Snapshot(0, 0, 0, 0);

        /** What was counted since {@code earlier}. */
        Snapshot minus(Snapshot earlier) {
            return new Snapshot(ingressBytes - earlier.ingressBytes, egressBytes - earlier.egressBytes,
                    ingressPackets - earlier.ingressPackets, egressPackets - earlier.egressPackets);
        }
    }

    void received(int bytes) {
        ingressBytes.add(bytes);
        ingressPackets.increment();
    }

    void sent(int bytes) {
        egressBytes.add(bytes);
        egressPackets.increment();
    }

    Snapshot snapshot() {
        return new Snapshot(ingressBytes.sum(), egressBytes.sum(), ingressPackets.sum(), egressPackets.sum());
    }
}
