package dev.corridor.protocol.data;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Live counts of dropped data packets by reason: written by the data loop that opens packets,
 * readable at any time from any thread (statistics, logs). Recording allocates nothing.
 */
public final class DropCounters {
    private static final DropReason[] REASONS = DropReason.values();

    private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

    /** Counts one dropped packet. */
    public void record(DropReason reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    /** How many packets were dropped for this reason so far. */
    public long count(DropReason reason) {
        return counts.get(reason.ordinal());
    }

    /** How many packets were dropped for any reason. */
    public long total() {
        long sum = 0;
        for (int i = 0; i < REASONS.length; i++) {
            sum += counts.get(i);
        }
        return sum;
    }

    /** An unmodifiable copy of the non-zero counts, in reason order. */
    public Map<DropReason, Long> snapshot() {
        Map<DropReason, Long> copy = new EnumMap<>(DropReason.class);
        for (DropReason reason : REASONS) {
            long value = count(reason);
            if (value != 0) {
                copy.put(reason, value);
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return "DropCounters" + snapshot();
    }
}
