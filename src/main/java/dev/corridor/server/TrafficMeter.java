package dev.corridor.server;

import dev.corridor.server.log.TrafficCounters;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts bytes and packets of one connection's data channel as the endpoint sees them: ingress is what
 * the client sent to the endpoint, egress what the endpoint sent to the client (wire sizes).
 * Updated by reader threads without locks, read by the event loop, the log and the metrics.
 */
final class TrafficMeter {
    private final LongAdder ingressBytes = new LongAdder();
    private final LongAdder ingressPackets = new LongAdder();
    private final LongAdder egressBytes = new LongAdder();
    private final LongAdder egressPackets = new LongAdder();

    void received(int bytes) {
        ingressBytes.add(bytes);
        ingressPackets.increment();
    }

    void sent(int bytes) {
        egressBytes.add(bytes);
        egressPackets.increment();
    }

    /** The counts so far, in the shape the connection log and the connection list use. */
    TrafficCounters snapshot() {
        return new TrafficCounters(ingressBytes.sum(), egressBytes.sum(), ingressPackets.sum(), egressPackets.sum());
    }
}
