package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

class RehearsalPaceTest {
    private static final long MS = 1_000_000;
    /** 4 rounds at least, blocks of 2, 10 % gain, patience 2, at most 40 rounds, a budget out of reach. */
    private static final RehearsalPace SMALL = new RehearsalPace(4, 40, 2, 0.10, 2, Long.MAX_VALUE);

    /** The number of rounds after which {@code pace} has enough, rounds costing {@code cost(i)} (0-based). */
    private static int roundsUntilEnough(RehearsalPace pace, IntToLongFunction cost) {
        List<Long> costs = new ArrayList<>();
        while (!pace.enough(costs)) {
            costs.add(cost.applyAsLong(costs.size()));
            if (costs.size() > 100_000) {
                throw new AssertionError("never enough");
            }
        }
        return costs.size();
    }

    @Test
    void exactlyIsEnoughAtTheCountAndNotBefore() {
        RehearsalPace five = RehearsalPace.exactly(5);

        assertThat(roundsUntilEnough(five, i -> 10 * MS)).isEqualTo(5);
        assertThat(roundsUntilEnough(five, i -> 1_000 * MS - i * MS)).isEqualTo(5);
        assertThat(roundsUntilEnough(RehearsalPace.exactly(1), i -> MS)).isEqualTo(1);
    }

    @Test
    void flatCostsStopAfterTheMinimumAndThePatienceInBlocks() {
        // the minimum's last block is the reference; two blocks without 10 % gain end it
        assertThat(roundsUntilEnough(SMALL, i -> 10 * MS)).isEqualTo(4 + 2 * 2);
    }

    @Test
    void fallingCostsKeepItGoingUntilTheyLevelOff() {
        // halves each round up to round 12 (from 0), then flat: blocks 4-5 … 12-13 gain on the lowest before
        // them, 14-15 and 16-17 do not
        assertThat(roundsUntilEnough(SMALL, i -> (1L << 20) >> Math.min(i, 12))).isEqualTo(18);
    }

    @Test
    void aBlockWithGainStartsThePatienceAgain() {
        // flat, one drop in the block 8-9, flat again: 4-5 no gain, 6-7 no gain would end at 8 ...
        RehearsalPace patient = new RehearsalPace(4, 40, 2, 0.10, 3, Long.MAX_VALUE);
        assertThat(roundsUntilEnough(patient, i -> i < 8 ? 10 * MS : 5 * MS)).isEqualTo(8 + 2 + 3 * 2);
    }

    @Test
    void neverLessThanTheMinimumEvenWhenFlat() {
        RehearsalPace pace = new RehearsalPace(60, 800, 20, 0.05, 2, Long.MAX_VALUE);
        assertThat(roundsUntilEnough(pace, i -> 7 * MS)).isEqualTo(60 + 2 * 20);
    }

    @Test
    void theMaximumAndTheBudgetEndItWhileCostsStillFall() {
        IntToLongFunction falling = i -> 1_000 * MS - i * MS; // falls every round: with no gain asked, each block gains
        RehearsalPace steep = new RehearsalPace(4, 9, 1, 0.0, 100, Long.MAX_VALUE);
        assertThat(roundsUntilEnough(steep, falling)).isEqualTo(9);

        RehearsalPace budget = new RehearsalPace(4, 100, 1, 0.0, 100, 3_000 * MS);
        assertThat(roundsUntilEnough(budget, i -> 1_000 * MS + i)).isEqualTo(3); // even before the minimum
    }

    @Test
    void isJudgedOnlyWhenABlockHasJustFilled() {
        List<Long> costs = new ArrayList<>(Collections.nCopies(4 + 2 * 2, 10 * MS));
        assertThat(SMALL.enough(costs)).isTrue();
        costs.add(10 * MS);
        assertThat(SMALL.enough(costs)).as("half a block after enough: no judgement").isFalse();
        assertThat(SMALL.enough(List.of())).isFalse();
    }

    @Test
    void theAdaptivePaceRehearsesAtLeastTwoHundredAndAtMostOneThousand() {
        assertThat(RehearsalPace.ADAPTIVE.minimum()).isEqualTo(200);
        assertThat(roundsUntilEnough(RehearsalPace.ADAPTIVE, i -> 10 * MS)).isEqualTo(300);
        // a cost that falls by a fifth every 50 rounds keeps it going to the maximum (under 5 s of the 12 s budget)
        assertThat(roundsUntilEnough(RehearsalPace.ADAPTIVE,
                i -> (long) (20 * MS * Math.pow(0.8, i / 50)))).isEqualTo(1_000);
        // … unless the rounds cost more than the budget allows
        assertThat(roundsUntilEnough(RehearsalPace.ADAPTIVE, i -> 50 * MS)).isEqualTo(240);
        assertThat(roundsUntilEnough(RehearsalPace.ADAPTIVE, i -> 100 * MS)).isEqualTo(120);
    }

    @Test
    void refusesPacesThatCannotWork() {
        assertThatThrownBy(() -> RehearsalPace.exactly(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new RehearsalPace(5, 4, 1, 0.1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RehearsalPace(1, 4, 0, 0.1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RehearsalPace(1, 4, 1, 1.0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RehearsalPace(1, 4, 1, Double.NaN, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RehearsalPace(1, 4, 1, 0.1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RehearsalPace(1, 4, 1, 0.1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
