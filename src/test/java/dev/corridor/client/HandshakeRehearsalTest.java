package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HandshakeRehearsalTest {

    @Test
    void rehearsesTheAskedNumberOfHandshakesToTheEnd() throws Exception {
        HandshakeRehearsal rehearsal = HandshakeRehearsal.begin(3, Clock.systemUTC(), new SecureRandom());

        assertThat(rehearsal.awaitEnd(Duration.ofMinutes(2))).isTrue();
        // Each counted handshake completed both ways, carried a message each way and exported the same
        // keying material on both ends; a failure would have ended the rehearsal short of 3.
        assertThat(rehearsal.completed()).isEqualTo(3);
    }

    @Test
    void stopEndsItAfterTheHandshakeInProgress() throws Exception {
        HandshakeRehearsal rehearsal = HandshakeRehearsal.begin(100_000, Clock.systemUTC(), new SecureRandom());
        rehearsal.stop();

        assertThat(rehearsal.awaitEnd(Duration.ofMinutes(2))).isTrue();
        assertThat(rehearsal.completed()).isLessThan(100_000);
        rehearsal.stop(); // again: nothing happens
    }

    @Test
    void refusesToRehearseNothing() {
        assertThatThrownBy(() -> HandshakeRehearsal.begin(0, Clock.systemUTC(), new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }
}
