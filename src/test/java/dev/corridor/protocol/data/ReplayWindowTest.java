package dev.corridor.protocol.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** OpenVPN's replay window semantics (protocol.md §5.6; packet_id.c), edge by edge. */
class ReplayWindowTest {

    private static final long NOW = 1_000_000;

    private static ReplayWindow window(int size, int seconds) {
        return new ReplayWindow(size, Duration.ofSeconds(seconds));
    }

    @Test
    void packetIdZeroIsNeverAcceptable() {
        ReplayWindow window = ReplayWindow.withDefaults();
        assertThat(window.check(0, NOW)).isEqualTo(ReplayVerdict.INVALID_ID);
        window.commit(5, NOW);
        assertThat(window.checkAndCommit(0, NOW)).isEqualTo(ReplayVerdict.INVALID_ID);
        assertThat(window.check(-1, NOW)).isEqualTo(ReplayVerdict.INVALID_ID);
        assertThat(window.check(0x1_0000_0000L, NOW)).isEqualTo(ReplayVerdict.INVALID_ID);
        assertThat(window.check(0xFFFF_FFFFL, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
    }

    @Test
    void checkChangesNothingUntilCommit() {
        ReplayWindow window = ReplayWindow.withDefaults();
        assertThat(window.check(1, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        assertThat(window.check(1, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        assertThat(window.highestId()).isZero();
        window.commit(1, NOW);
        assertThat(window.check(1, NOW)).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(window.highestId()).isEqualTo(1);
    }

    @Test
    void inOrderStreamIsAcceptedOnce() {
        ReplayWindow window = ReplayWindow.withDefaults();
        for (long id = 1; id <= 1000; id++) {
            assertThat(window.checkAndCommit(id, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
            assertThat(window.checkAndCommit(id, NOW)).isEqualTo(ReplayVerdict.REPLAYED);
        }
    }

    @Test
    void windowEdgesAreExact() {
        ReplayWindow window = window(64, 15);
        window.commit(100, NOW);
        assertThat(window.check(100 - 63, NOW)).as("63 behind: last slot").isEqualTo(ReplayVerdict.ACCEPTABLE);
        assertThat(window.check(100 - 64, NOW)).as("64 behind").isEqualTo(ReplayVerdict.OUTSIDE_WINDOW);
        assertThat(window.check(1, NOW)).isEqualTo(ReplayVerdict.OUTSIDE_WINDOW);
        assertThat(window.check(101, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        window.commit(37, NOW);
        assertThat(window.check(37, NOW)).isEqualTo(ReplayVerdict.REPLAYED);
    }

    @Test
    void aWindowOfOneAcceptsOnlyHigherIds() {
        ReplayWindow window = window(1, 0);
        window.commit(10, NOW);
        assertThat(window.check(10, NOW)).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(window.check(9, NOW)).isEqualTo(ReplayVerdict.OUTSIDE_WINDOW);
        assertThat(window.check(11, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
    }

    @Test
    void slotsAreClearedWhenTheWindowSlidesSoRingReuseDoesNotLookLikeReplay() {
        ReplayWindow window = window(64, 15);
        for (long id = 1; id <= 64; id++) {
            window.commit(id, NOW);
        }
        // 65 maps to the slot of 1, 128 to the slot of 64: all fresh after sliding.
        window.commit(130, NOW);
        for (long id = 67; id < 130; id++) {
            assertThat(window.check(id, NOW)).as("id %d", id).isEqualTo(ReplayVerdict.ACCEPTABLE);
        }
        assertThat(window.check(66, NOW)).isEqualTo(ReplayVerdict.OUTSIDE_WINDOW);
        assertThat(window.check(130, NOW)).isEqualTo(ReplayVerdict.REPLAYED);
    }

    @Test
    void aSmallSlideKeepsWhatIsStillInside() {
        ReplayWindow window = window(8, 15);
        window.commit(5, NOW);
        window.commit(7, NOW);
        window.commit(10, NOW); // window now 3..10; 5 and 7 seen
        assertThat(window.check(5, NOW)).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(window.check(7, NOW)).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(window.check(6, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        assertThat(window.check(8, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        assertThat(window.check(3, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        assertThat(window.check(2, NOW)).isEqualTo(ReplayVerdict.OUTSIDE_WINDOW);
        window.commit(12, NOW); // window 5..12: 5 and 7 still seen
        assertThat(window.check(5, NOW)).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(window.check(4, NOW)).isEqualTo(ReplayVerdict.OUTSIDE_WINDOW);
        assertThat(window.check(11, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
    }

    @Test
    void aPartialSlideClearsTheSlotsOfSkippedIds() {
        ReplayWindow window = window(64, 15);
        for (long id = 1; id <= 64; id++) {
            window.commit(id, NOW);
        }
        window.commit(100, NOW); // skipped 65..99 reuse the slots of 1..35, which were seen
        for (long id = 65; id < 100; id++) {
            assertThat(window.check(id, NOW)).as("id %d", id).isEqualTo(ReplayVerdict.ACCEPTABLE);
        }
        for (long id = 37; id <= 64; id++) {
            assertThat(window.check(id, NOW)).as("id %d", id).isEqualTo(ReplayVerdict.REPLAYED);
        }
        assertThat(window.check(36, NOW)).isEqualTo(ReplayVerdict.OUTSIDE_WINDOW);
    }

    @Test
    void idsUpToTheLast32BitValueWork() {
        ReplayWindow window = window(64, 15);
        for (long id = 0xFFFF_FFF0L; id <= 0xFFFF_FFFFL; id += 2) {
            assertThat(window.checkAndCommit(id, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        }
        for (long id = 0xFFFF_FFF1L; id <= 0xFFFF_FFFFL; id += 2) {
            assertThat(window.checkAndCommit(id, NOW)).as("id %x", id).isEqualTo(ReplayVerdict.ACCEPTABLE);
            assertThat(window.check(id, NOW)).isEqualTo(ReplayVerdict.REPLAYED);
        }
        assertThat(window.highestId()).isEqualTo(0xFFFF_FFFFL);
        assertThat(window.check(0xFFFF_FFFFL - 64, NOW)).isEqualTo(ReplayVerdict.OUTSIDE_WINDOW);
    }

    @Test
    void aJumpBeyondTheWholeWindowForgetsEverything() {
        ReplayWindow window = window(64, 15);
        window.commit(10, NOW);
        window.commit(10_000, NOW);
        assertThat(window.check(10_000 - 63, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        assertThat(window.check(10, NOW)).isEqualTo(ReplayVerdict.OUTSIDE_WINDOW);
    }

    @Test
    void unseenIdsExpireOnceANewerPacketIsOlderThanTheBacktrack() {
        ReplayWindow window = window(64, 15);
        window.commit(50, NOW);
        window.commit(60, NOW + 10_000);
        // 55 lies between: 60 was accepted 10 s ago at check time NOW+20 s, 50 20 s ago.
        assertThat(window.check(55, NOW + 20_000)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        assertThat(window.check(45, NOW + 15_000)).as("50 accepted exactly 15 s ago").isEqualTo(ReplayVerdict.ACCEPTABLE);
        assertThat(window.check(45, NOW + 15_001)).as("50 accepted 15.001 s ago").isEqualTo(ReplayVerdict.EXPIRED);
        assertThat(window.check(59, NOW + 25_000)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        assertThat(window.check(59, NOW + 25_001)).isEqualTo(ReplayVerdict.EXPIRED);
        assertThat(window.check(61, NOW + 1_000_000)).as("newer ids never expire").isEqualTo(ReplayVerdict.ACCEPTABLE);
    }

    @Test
    void aLateButRecentlyNeighbouredIdIsStillFine() {
        ReplayWindow window = window(64, 15);
        window.commit(10, NOW);
        window.commit(12, NOW + 100_000);
        // 11: only 12 is newer and it is fresh
        assertThat(window.check(11, NOW + 100_500)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        // 9: 10 is newer and was accepted 100 s ago
        assertThat(window.check(9, NOW + 100_500)).isEqualTo(ReplayVerdict.EXPIRED);
    }

    @Test
    void zeroBacktrackTurnsExpiryOff() {
        ReplayWindow window = window(64, 0);
        window.commit(50, 0);
        window.commit(60, 0);
        assertThat(window.check(55, Long.MAX_VALUE / 2)).isEqualTo(ReplayVerdict.ACCEPTABLE);
    }

    @Test
    void longFormTimeMovesTheWindow() {
        ReplayWindow window = ReplayWindow.withDefaults();
        assertThat(window.checkAndCommit(5, 1000, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        assertThat(window.check(5, 1000, NOW)).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(window.check(4, 1000, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        assertThat(window.check(100, 999, NOW)).as("an older time is refused").isEqualTo(ReplayVerdict.TIME_BACKTRACK);
        assertThat(window.check(1, 1001, NOW)).as("a newer time accepts any id").isEqualTo(ReplayVerdict.ACCEPTABLE);
        window.commit(1, 1001, NOW);
        assertThat(window.check(5, 1001, NOW)).as("the new window forgot id 5").isEqualTo(ReplayVerdict.ACCEPTABLE);
        assertThat(window.check(1, 1001, NOW)).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(window.check(7, 1000, NOW)).isEqualTo(ReplayVerdict.TIME_BACKTRACK);
        window.commit(7, 1000, NOW);
        assertThat(window.check(7, 1001, NOW)).as("a commit with an old time is ignored").isEqualTo(ReplayVerdict.ACCEPTABLE);
    }

    @Test
    void longFormStartsAtAnyTime() {
        ReplayWindow window = ReplayWindow.withDefaults();
        assertThat(window.check(3, 0, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        window.commit(3, 0, NOW);
        assertThat(window.check(3, 0, NOW)).isEqualTo(ReplayVerdict.REPLAYED);
    }

    @Test
    void resetForgetsEverything() {
        ReplayWindow window = ReplayWindow.withDefaults();
        window.commit(9, 77, NOW);
        window.reset();
        assertThat(window.highestId()).isZero();
        assertThat(window.check(9, 1, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
    }

    @Test
    void commitOfAnIdOutsideTheWindowIsIgnored() {
        ReplayWindow window = window(8, 15);
        window.commit(100, NOW);
        window.commit(50, NOW); // would map onto the slot of 98 if not ignored
        assertThat(window.check(98, NOW)).isEqualTo(ReplayVerdict.ACCEPTABLE);
        assertThat(window.highestId()).isEqualTo(100);
    }

    @Test
    void refusesImpossibleSettings() {
        assertThatThrownBy(() -> window(0, 15)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> window(65537, 15)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> window(64, 601)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplayWindow(64, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(window(65536, 600).size()).isEqualTo(65536);
        assertThat(ReplayWindow.withDefaults().timeBacktrack()).isEqualTo(Duration.ofSeconds(15));
    }
}
