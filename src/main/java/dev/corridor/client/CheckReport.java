package dev.corridor.client;

import java.util.List;
import java.util.Optional;

/**
 * What {@code corridor check} found: whether the tunnel came up, how, and whether pings came back.
 *
 * @param connected     the tunnel came up
 * @param settings      what the server pushed, when connected
 * @param statistics    counters at the end
 * @param target        the address pinged
 * @param sent          echo requests sent
 * @param rttMillis     round-trip times of the replies received
 * @param events        state changes and messages in order, for the text output
 * @param error         why it failed, if it did
 */
public record CheckReport(boolean connected, Optional<TunnelSettings> settings, TunnelStatistics statistics,
        Optional<String> target, int sent, List<Double> rttMillis, List<String> events, Optional<String> error) {
    public CheckReport {
        rttMillis = List.copyOf(rttMillis);
        events = List.copyOf(events);
    }

    public int received() {
        return rttMillis.size();
    }

    /** Connected, at least one reply came back, and the connection did not end with an error (exit code 0). */
    public boolean success() {
        return connected && !rttMillis.isEmpty() && error.isEmpty();
    }
}
