package dev.corridor.protocol.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The ring-buffer window agrees with a naive model that remembers every accepted id and its time,
 * written straight from protocol.md §5.6, for arbitrary sequences of ids and clock steps.
 */
class ReplayWindowModelTest {

    /**
     * One packet: the sender's counter moves on by {@code advance}, and this packet carries the id
     * {@code back} below it (0 = in order), arriving {@code clockStep} ms after the previous one.
     */
    record Arrival(int advance, int back, long clockStep) {
    }

    /** The rules, with no ring buffer and no cleverness. */
    static final class NaiveWindow {
        private final int size;
        private final long backtrackMillis;
        private final Map<Long, Long> accepted = new HashMap<>();
        private long highest;

        NaiveWindow(int size, long backtrackMillis) {
            this.size = size;
            this.backtrackMillis = backtrackMillis;
        }

        ReplayVerdict checkAndCommit(long id, long now) {
            ReplayVerdict verdict;
            if (id <= 0) {
                verdict = ReplayVerdict.INVALID_ID;
            } else if (id > highest) {
                verdict = ReplayVerdict.ACCEPTABLE;
            } else if (highest - id >= size) {
                verdict = ReplayVerdict.OUTSIDE_WINDOW;
            } else if (accepted.containsKey(id)) {
                verdict = ReplayVerdict.REPLAYED;
            } else {
                boolean expired = false;
                for (Map.Entry<Long, Long> entry : accepted.entrySet()) {
                    boolean newerInWindow = entry.getKey() > id && highest - entry.getKey() < size;
                    if (backtrackMillis > 0 && newerInWindow && entry.getValue() + backtrackMillis < now) {
                        expired = true;
                    }
                }
                verdict = expired ? ReplayVerdict.EXPIRED : ReplayVerdict.ACCEPTABLE;
            }
            if (verdict == ReplayVerdict.ACCEPTABLE) {
                accepted.put(id, now);
                highest = Math.max(highest, id);
            }
            return verdict;
        }
    }

    @Provide
    Arbitrary<List<Arrival>> arrivals() {
        Arbitrary<Integer> advances = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 3)),
                Tuple.of(2, Arbitraries.integers().between(4, 90)),
                Tuple.of(1, Arbitraries.integers().between(91, 400)));
        Arbitrary<Integer> backs = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(0)),
                Tuple.of(4, Arbitraries.integers().between(1, 90)),
                Tuple.of(1, Arbitraries.integers().between(-5, 0)));
        Arbitrary<Long> steps = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(0L)),
                Tuple.of(3, Arbitraries.longs().between(1, 3_000)),
                Tuple.of(1, Arbitraries.longs().between(10_000, 40_000)));
        return Combinators.combine(advances, backs, steps).as(Arrival::new).list().ofMaxSize(300);
    }

    @Property(tries = 300)
    void ringAgreesWithTheNaiveModel(@ForAll("arrivals") List<Arrival> arrivals,
            @ForAll @IntRange(min = 1, max = 80) int size, @ForAll @IntRange(min = 0, max = 20) int seconds) {
        ReplayWindow window = new ReplayWindow(size, Duration.ofSeconds(seconds));
        NaiveWindow model = new NaiveWindow(size, seconds * 1000L);
        long now = 1_000;
        long counter = 0;
        for (Arrival arrival : arrivals) {
            now += arrival.clockStep();
            counter += arrival.advance();
            long id = Math.max(counter - arrival.back(), 0);
            ReplayVerdict expected = model.checkAndCommit(id, now);
            assertThat(window.check(id, now)).as("check id %d at %d", id, now).isEqualTo(expected);
            assertThat(window.checkAndCommit(id, now)).isEqualTo(expected);
        }
    }
}
