package dev.corridor.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Owed acks and the most-recently-used list repeated in later ack records. */
class OutgoingAcksTest {

    @Test
    void owedIdsGoFirstThenRecentOnesFillUp() {
        OutgoingAcks acks = new OutgoingAcks();
        acks.add(1);
        acks.add(2);
        acks.add(3);
        assertThat(acks.take(8)).containsExactly(1L, 2L, 3L);
        assertThat(acks.hasPending()).isFalse();
        acks.add(4);
        assertThat(acks.take(2)).containsExactly(4L, 1L);
        assertThat(acks.take(8)).containsExactly(4L, 1L, 2L, 3L);
    }

    @Test
    void onlyAsManyOwedAsFitLeavePending() {
        OutgoingAcks acks = new OutgoingAcks();
        for (long id = 10; id < 16; id++) {
            acks.add(id);
        }
        assertThat(acks.take(4)).containsExactly(10L, 11L, 12L, 13L);
        assertThat(acks.pending()).containsExactly(14L, 15L);
        assertThat(acks.take(4)).containsExactly(14L, 15L, 10L, 11L);
    }

    @Test
    void aRepeatedIdMovesToTheFrontOnce() {
        OutgoingAcks acks = new OutgoingAcks();
        acks.add(1);
        acks.add(2);
        acks.take(8);
        acks.add(2);
        assertThat(acks.take(8)).containsExactly(2L, 1L);
    }

    @Test
    void recentListKeepsEight() {
        OutgoingAcks acks = new OutgoingAcks();
        for (long id = 0; id < 12; id++) {
            acks.add(id);
            acks.take(1);
        }
        assertThat(acks.take(8)).containsExactly(11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L);
    }

    @Test
    void atMostEightOwedAndNoDuplicates() {
        OutgoingAcks acks = new OutgoingAcks();
        for (long id = 0; id < 8; id++) {
            assertThat(acks.add(id)).isTrue();
        }
        assertThat(acks.add(3)).isTrue();
        assertThat(acks.add(8)).isFalse();
        assertThat(acks.pending()).hasSize(8);
    }

    @Test
    void nothingOwedNothingRecentGivesNothing() {
        assertThat(new OutgoingAcks().take(4)).isEmpty();
    }
}
