package dev.corridor.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.protocol.keys.KeyMethod2Framing;
import dev.corridor.protocol.session.SessionHarness.LinkQuality;
import dev.corridor.protocol.session.SessionHarness.Setup;
import dev.corridor.protocol.session.SessionHarness.WrapKind;
import dev.corridor.protocol.tls.TlsVersion;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client and server sessions over a link that loses 10% of all datagrams (control and data),
 * duplicates 5% and delays each by 5..120 ms, which reorders them; seeded random source, simulated
 * clock, no sleeps. They must complete the handshake and the push, carry data both ways (one
 * packet every 5 ms each way), and renegotiate twice in the middle, once at the server's reneg-sec
 * and once because the client asks, without losing a single data packet to the key switch: every
 * data packet the link delivers must open (only the link's own duplicates are refused, by the
 * replay window), including those sealed with the old key that arrive after the new one took over.
 *
 * <pre>
 *   t0 ─ handshake + push ─ connected ─ data ──────────────────────────────────────────► end
 *                                  └ +30 s server reneg-sec: key 1 ┘   └ +50 s client: key 2 ┘
 * </pre>
 */
class ControlSessionLossyLinkTest {
    private static final long SERVER_RENEG_MILLIS = 30_000;

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of(Setup.of(WrapKind.TLS_CRYPT, TlsVersion.TLS_1_3, true), 1L),
                Arguments.of(Setup.of(WrapKind.TLS_CRYPT, TlsVersion.TLS_1_2, false), 2L),
                Arguments.of(Setup.of(WrapKind.TLS_AUTH, TlsVersion.TLS_1_3, false), 3L),
                Arguments.of(new Setup(WrapKind.TLS_AUTH, TlsVersion.TLS_1_2, true, true, KeyMethod2Framing.STOCK,
                        true), 4L),
                Arguments.of(Setup.of(WrapKind.PLAIN, TlsVersion.TLS_1_3, false), 5L),
                Arguments.of(new Setup(WrapKind.PLAIN, TlsVersion.TLS_1_2, true, false, KeyMethod2Framing.AWS, false),
                        6L));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("runs")
    void handshakePushDataAndTwoRenegotiationsSurviveLossDuplicationAndReordering(Setup setup, long seed) {
        SessionHarness h = new SessionHarness(setup, LinkQuality.LOSSY, seed, 0, SERVER_RENEG_MILLIS);
        h.dataIntervalMillis = 5;
        h.start();
        long started = h.now;
        assertThat(h.runUntil(h::connected, 90_000)).as("connected within 90 simulated seconds").isTrue();
        long connectedAfter = h.now - started;

        assertThat(h.runUntil(() -> h.server.confirmed.contains(1) && h.client.key(1).isPresent(), 60_000))
                .as("server-initiated renegotiation done").isTrue();
        h.runFor(20_000);
        h.client.session.renegotiate(h.now);
        assertThat(h.runUntil(() -> h.server.confirmed.contains(2) && h.client.key(2).isPresent(), 60_000))
                .as("client-initiated renegotiation done").isTrue();
        h.runFor(10_000);
        h.dataIntervalMillis = 0;
        h.runFor(2_000);

        KeyDerivation expected = setup.ekm() ? KeyDerivation.TLS_EKM : KeyDerivation.PRF;
        for (int keyId = 0; keyId <= 2; keyId++) {
            ControlSessionEndToEndTest.assertSameKeys(h, keyId, expected);
        }
        assertThat(h.client.failure).isNull();
        assertThat(h.server.failure).isNull();
        assertThat(h.server.confirmed).containsExactly(0, 1, 2);
        assertThat(h.server.events).filteredOn(e -> e instanceof ServerSessionEvent.RenegotiationStarted)
                .first().isEqualTo(new ServerSessionEvent.RenegotiationStarted(1, false));
        // key 2 is the client's; when its soft resets are all lost until the server's own reneg-sec
        // fires, both start key 2 at once, and the collision must resolve just as well
        assertThat(h.client.events).contains(new SessionEvent.RenegotiationStarted(2, false));
        assertThat(h.server.pushRequests).isEqualTo(1);
        assertThat(h.client.pushedOptions).isNotNull();

        for (SessionHarness.DataPlaneModel plane : new SessionHarness.DataPlaneModel[] {h.client.plane,
                h.server.plane}) {
            assertThat(plane.dropsOtherThanReplays()).as(plane.role + " drops: " + plane.drops).isZero();
            assertThat(plane.opened).as(plane.role + ": every data packet that arrived opened")
                    .isEqualTo(plane.arrived);
            assertThat(plane.openedPerKey).as(plane.role + " opened per key").containsKeys(0, 1, 2);
        }
        // the lame duck was needed: packets sealed with the old key arrived after newer-key ones and still opened
        // (each side sees some in most runs; one side alone can miss out, as seed 1214 of a 400-seed sweep did)
        assertThat(h.client.plane.openedAfterNewerKey + h.server.plane.openedAfterNewerKey)
                .as("late packets on the old key opened").isPositive();
        assertThat(h.client.plane.sentIds.size()).isGreaterThan(2_000);
        assertThat(h.server.plane.sentIds.size()).isGreaterThan(2_000);
        assertThat(h.datagramsLost).isPositive();
        assertThat(h.datagramsDuplicated).isPositive();
        System.out.printf("lossy %s seed %d: connected after %d ms; datagrams %d, lost %d, duplicated %d;"
                + " data c->s %d sent / %d opened, s->c %d sent / %d opened; late old-key opens %d/%d;"
                + " replays refused %d/%d; control drops c=%d s=%d; server open refusals %d%n",
                setup, seed, connectedAfter, h.datagramsSent, h.datagramsLost, h.datagramsDuplicated,
                h.client.plane.sentIds.size(), h.server.plane.opened.size(), h.server.plane.sentIds.size(),
                h.client.plane.opened.size(), h.client.plane.openedAfterNewerKey, h.server.plane.openedAfterNewerKey,
                h.client.plane.drops.total(), h.server.plane.drops.total(), h.client.session.counters().total(),
                h.server.session.counters().total(), h.serverOpenRefusals);
    }
}
