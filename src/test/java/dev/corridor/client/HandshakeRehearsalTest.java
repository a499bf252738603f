package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandshakeRehearsalTest {

    @Test
    void rehearsesTheAskedNumberOfHandshakesToTheEnd() throws Exception {
        HandshakeRehearsal rehearsal = HandshakeRehearsal.begin(3, Clock.systemUTC(), new SecureRandom());

        assertThat(rehearsal.awaitEnd(Duration.ofMinutes(2))).isTrue();
        // Each counted round ran a whole control session to data packets opened both ways
        // (RehearsedSession.Outcome.whole); a failure would have ended the rehearsal short of 3.
        assertThat(rehearsal.completed()).isEqualTo(3);
        HandshakeRehearsal.Summary summary = rehearsal.ended().get(1, TimeUnit.MINUTES);
        assertThat(summary.rounds()).isEqualTo(3);
        assertThat(summary.stopped()).isFalse();
        assertThat(summary.describe()).startsWith("handshake rehearsal: 3 handshake(s) in ").endsWith(" ms");
    }

    @Test
    void eachRoundRunsAWholeControlSessionThroughPushKeysAndData() throws Exception {
        HandshakeRehearsal rehearsal = HandshakeRehearsal.begin(2, Clock.systemUTC(), new SecureRandom());

        assertThat(rehearsal.awaitEnd(Duration.ofMinutes(2))).isTrue();
        assertThat(rehearsal.completed()).isEqualTo(2);
        RehearsedSession.Outcome last = rehearsal.lastOutcome().orElseThrow();
        // the client asked for and parsed the push, both sessions derived data keys (tls-ekm: the client
        // offers it, TLS 1.3 exports), and every data packet sealed on one side opened on the other
        assertThat(last.problem()).isEmpty();
        assertThat(last.pushed()).contains("ifconfig 10.8.0.2 255.255.255.0", "peer-id 0", "cipher AES-256-GCM",
                "protocol-flags tls-ekm");
        assertThat(last.derivation()).isEqualTo(dev.corridor.protocol.session.KeyDerivation.TLS_EKM);
        assertThat(last.clientKeys()).isTrue();
        assertThat(last.serverKeys()).isTrue();
        assertThat(last.packetsOpened()).isEqualTo(2 * RehearsedSession.PACKETS);
        assertThat(last.whole()).isTrue();
    }

    @Test
    void anAdaptivePaceEndsWhenTheRoundsStopGettingCheaper() throws Exception {
        // 3 rounds at least; then one-round blocks that must cost under a thousandth of the lowest before
        // them, which no handshake does, so the fourth round ends it (the maximum of 50 is never reached)
        HandshakeRehearsal rehearsal = HandshakeRehearsal.begin(new RehearsalPace(3, 50, 1, 0.999, 1,
                Long.MAX_VALUE), Clock.systemUTC(), new SecureRandom());

        HandshakeRehearsal.Summary summary = rehearsal.ended().get(2, TimeUnit.MINUTES);
        assertThat(summary.rounds()).isEqualTo(4);
        assertThat(summary.stopped()).isFalse();
    }

    @Test
    void stopEndsItAfterTheHandshakeInProgress() throws Exception {
        HandshakeRehearsal rehearsal = HandshakeRehearsal.begin(100_000, Clock.systemUTC(), new SecureRandom());
        rehearsal.stop();

        assertThat(rehearsal.awaitEnd(Duration.ofMinutes(2))).isTrue();
        assertThat(rehearsal.completed()).isLessThan(100_000);
        assertThat(rehearsal.ended().get(1, TimeUnit.MINUTES).stopped()).isTrue();
        assertThat(rehearsal.ended().get(1, TimeUnit.MINUTES).describe()).endsWith(", stopped early");
        rehearsal.stop(); // again: nothing happens
    }

    @Test
    void refusesToRehearseNothing() {
        assertThatThrownBy(() -> HandshakeRehearsal.begin(0, Clock.systemUTC(), new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }
}
