package dev.corridor.client;

import java.util.Arrays;
import java.util.List;

/**
 * When a {@link HandshakeRehearsal} has done enough: while the JIT compiles the handshake's code, each
 * rehearsed round costs less than the ones before; once a round costs about what the last ones cost,
 * more rounds only burn a core the user may want.
 *
 * <pre>
 *   costs:  r1 r2 … [last `window` of the minimum] │ block of `window` │ block │ block │ …
 *   after each full block past the minimum, walking the blocks from the first:
 *     median(block) < (1 − gain) × lowest median before it (the minimum's last rounds included)?
 *                                                                        ─► it still falls: go on
 *     otherwise a block without gain; `patience` of them in a row       ─► enough
 *   always enough at `maximum` rounds, or once the costs add up to `budgetNanos`
 * </pre>
 *
 * @param minimum     rounds always rehearsed (unless the budget runs out first); at least 1
 * @param maximum     rounds never exceeded; at least {@code minimum}
 * @param window      rounds per block whose median is compared; at least 1
 * @param gain        the fraction by which a block's median must undercut the lowest before it, in [0, 1)
 * @param patience    blocks in a row without that gain that end the rehearsal; at least 1
 * @param budgetNanos the most time all rounds together may cost
 */
public record RehearsalPace(int minimum, int maximum, int window, double gain, int patience, long budgetNanos) {

    /**
     * The desktop app's and the server's: 200 rounds at least (the first costs ~0.8 s; per-round CPU time
     * still falls by a quarter between rounds 60–120 and 200–300 on this two-core machine, and 20-round
     * medians scatter by ±20 % under load), then on in blocks of 50 while a block's median undercuts the
     * lowest before it by 5 %, two blocks of patience; at most 1,000 rounds or 12 s of one core
     * (docs/benchmarks.md, "Warm connect, 2026-11-29 (second look)").
     */
    public static final RehearsalPace ADAPTIVE = new RehearsalPace(200, 1_000, 50, 0.05, 2, 12_000_000_000L);

    public RehearsalPace {
        if (minimum < 1 || maximum < minimum) {
            throw new IllegalArgumentException("rehearse at least one round and no fewer at most than at least, not "
                    + minimum + ".." + maximum);
        }
        if (window < 1 || patience < 1) {
            throw new IllegalArgumentException("window and patience must be positive");
        }
        if (!(gain >= 0 && gain < 1)) {
            throw new IllegalArgumentException("gain must lie in [0, 1), not " + gain);
        }
        if (budgetNanos < 1) {
            throw new IllegalArgumentException("the budget must be positive");
        }
    }

    /** Exactly {@code rounds} rounds, whatever they cost. */
    public static RehearsalPace exactly(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rehearse at least one handshake, not " + rounds);
        }
        return new RehearsalPace(rounds, rounds, 1, 0, 1, Long.MAX_VALUE);
    }

    /**
     * Whether the rounds so far are enough.
     *
     * @param costs what each round cost so far, in nanoseconds, oldest first
     */
    public boolean enough(List<Long> costs) {
        int done = costs.size();
        if (done >= maximum || costs.stream().mapToLong(Long::longValue).sum() >= budgetNanos) {
            return true;
        }
        if (done < minimum) {
            return false;
        }
        int blocks = (done - minimum) / window;
        if (blocks < 1 || (done - minimum) % window != 0) {
            return false; // judged only when a block has just filled
        }
        double lowest = median(costs, minimum - window, minimum); // the last rounds of the minimum
        int withoutGain = 0;
        for (int block = 0; block < blocks; block++) {
            int from = minimum + block * window;
            double median = median(costs, from, from + window);
            if (median < (1 - gain) * lowest) {
                withoutGain = 0;
            } else {
                withoutGain++;
            }
            lowest = Math.min(lowest, median);
        }
        return withoutGain >= patience;
    }

    private static double median(List<Long> costs, int from, int to) {
        long[] sorted = costs.subList(Math.max(0, from), to).stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
