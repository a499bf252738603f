package dev.corridor.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a load run measured, collected from every load loop thread: handshake times, ping round
 * trips before and after all clients were up, and failures counted by reason.
 */
final class LoadFigures {
    private final List<Double> handshakeMillis = new ArrayList<>();
    private final List<Double> tlsMillis = new ArrayList<>();
    private final List<Double> rampRttMillis = new ArrayList<>();
    private final List<Double> fullRttMillis = new ArrayList<>();
    private final Map<String, Integer> failures = new TreeMap<>();
    private int lostPings;
    private int lostFirstPings;
    private int exitsAcknowledged;

    synchronized void handshake(double tlsDoneMillis, double keysMillis) {
        tlsMillis.add(tlsDoneMillis);
        handshakeMillis.add(keysMillis);
    }

    /** A ping answered; {@code allConnected} says whether every client was up when it was sent. */
    synchronized void rtt(double millis, boolean allConnected) {
        (allConnected ? fullRttMillis : rampRttMillis).add(millis);
    }

    /** A ping went unanswered; {@code first} when it was the client's first packet after connecting. */
    synchronized void lostPing(boolean first) {
        lostPings++;
        if (first) {
            lostFirstPings++;
        }
    }

    synchronized void exitAcknowledged() {
        exitsAcknowledged++;
    }

    synchronized void failure(String reason) {
        failures.merge(reason, 1, Integer::sum);
    }

    synchronized int handshakes() {
        return handshakeMillis.size();
    }

    synchronized Distribution handshakeTimes() {
        return Distribution.of(handshakeMillis);
    }

    synchronized Distribution tlsTimes() {
        return Distribution.of(tlsMillis);
    }

    synchronized Distribution rampRtt() {
        return Distribution.of(rampRttMillis);
    }

    synchronized Distribution fullRtt() {
        return Distribution.of(fullRttMillis);
    }

    synchronized int lostPings() {
        return lostPings;
    }

    synchronized int lostFirstPings() {
        return lostFirstPings;
    }

    synchronized int exitsAcknowledged() {
        return exitsAcknowledged;
    }

    synchronized Map<String, Integer> failures() {
        return new TreeMap<>(failures);
    }

    /** Count, median, 95th percentile and maximum of some samples in milliseconds (nearest rank). */
    record Distribution(int count, double median, double p95, double max) {
        static Distribution of(List<Double> samples) {
            if (samples.isEmpty()) {
                return new Distribution(0, Double.NaN, Double.NaN, Double.NaN);
            }
            List<Double> sorted = new ArrayList<>(samples);
            Collections.sort(sorted);
            return new Distribution(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.95), sorted.get(sorted.size() - 1));
        }

        private static double rank(List<Double> sorted, double quantile) {
            int index = (int) Math.ceil(quantile * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }

        @Override
        public String toString() {
            return count == 0 ? "no samples"
                    : String.format("n=%d median %.1f ms, p95 %.1f ms, max %.1f ms", count, median, p95, max);
        }
    }
}
