package dev.corridor.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Throughput and round-trip time over the last minutes, from the statistics sampled about once a
 * second: each new sample becomes a rate (bits per second in and out) over the time since the
 * previous one, with the round trip measured then (NaN when there was none).
 *
 * <pre>
 *   add(t0, in0, out0)   add(t1, in1, out1) ─► Rate(t1, (in1-in0)*8/(t1-t0), (out1-out0)*8/(t1-t0))
 *   rates older than the window fall off the front; a counter that went down (new tunnel) starts over
 * </pre>
 */
final class TrafficHistory {
    /** Bits per second in and out over the second before {@code at}, and the round trip then (ms, or NaN). */
    record Rate(Instant at, double bitsInPerSecond, double bitsOutPerSecond, double roundTripMillis) {}

    private final Duration window;
    private final Deque<Rate> rates = new ArrayDeque<>();
    private Instant lastAt;
    private long lastIn;
    private long lastOut;

    TrafficHistory(Duration window) {
        this.window = window;
    }

    /** Records the counters as they were at {@code at}. */
    void add(Instant at, long bytesIn, long bytesOut, Optional<Duration> roundTrip) {
        if (lastAt != null && bytesIn >= lastIn && bytesOut >= lastOut && at.isAfter(lastAt)) {
            double seconds = Duration.between(lastAt, at).toNanos() / 1e9;
            rates.addLast(new Rate(at, (bytesIn - lastIn) * 8 / seconds, (bytesOut - lastOut) * 8 / seconds,
                    roundTrip.map(d -> d.toNanos() / 1e6).orElse(Double.NaN)));
        }
        lastAt = at;
        lastIn = bytesIn;
        lastOut = bytesOut;
        Instant oldest = at.minus(window);
        while (!rates.isEmpty() && rates.peekFirst().at().isBefore(oldest)) {
            rates.removeFirst();
        }
    }

    /** The rates in the window, oldest first. */
    List<Rate> rates() {
        return List.copyOf(rates);
    }

    Duration window() {
        return window;
    }

    /** Forgets everything (a new connection). */
    void clear() {
        rates.clear();
        lastAt = null;
        lastIn = 0;
        lastOut = 0;
    }
}
