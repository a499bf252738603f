package dev.corridor.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.protocol.keys.KeyMethod2Framing;
import dev.corridor.protocol.message.ControlMessage;
import dev.corridor.protocol.session.SessionHarness.DerivedKey;
import dev.corridor.protocol.session.SessionHarness.LinkQuality;
import dev.corridor.protocol.session.SessionHarness.Setup;
import dev.corridor.protocol.session.SessionHarness.WrapKind;
import dev.corridor.protocol.tls.TlsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ClientControlSession} against {@link ServerControlSession}, packet for packet over a
 * perfect simulated link: every wrap, TLS 1.2 and 1.3, PRF and TLS-EKM, with username and password
 * (and a client certificate, the AWS framing, a split PUSH_REPLY): both sides must derive the same
 * key2 for every key id, and data sealed by one side must open on the other.
 */
class ControlSessionEndToEndTest {

    static Stream<Setup> setups() {
        List<Setup> setups = new ArrayList<>();
        for (WrapKind wrap : WrapKind.values()) {
            for (TlsVersion version : TlsVersion.values()) {
                setups.add(Setup.of(wrap, version, false));
                setups.add(Setup.of(wrap, version, true));
            }
        }
        setups.add(new Setup(WrapKind.TLS_CRYPT, TlsVersion.TLS_1_3, true, true, KeyMethod2Framing.STOCK, false));
        setups.add(new Setup(WrapKind.TLS_AUTH, TlsVersion.TLS_1_2, false, true, KeyMethod2Framing.STOCK, true));
        setups.add(new Setup(WrapKind.PLAIN, TlsVersion.TLS_1_3, true, false, KeyMethod2Framing.AWS, true));
        return setups.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void bothSidesDeriveTheSameKeysAndDataFlowsThroughRenegotiations(Setup setup) {
        SessionHarness h = new SessionHarness(setup, LinkQuality.PERFECT, 11).start();
        assertThat(h.runUntil(h::connected, 30_000)).as("connected").isTrue();

        KeyDerivation expected = setup.ekm() ? KeyDerivation.TLS_EKM : KeyDerivation.PRF;
        assertSameKeys(h, 0, expected);
        exchangeData(h, 0);

        assertThat(h.server.session.renegotiate(h.now)).isTrue();
        assertThat(h.runUntil(() -> h.server.confirmed.contains(1) && h.client.key(1).isPresent(), 30_000)).isTrue();
        assertSameKeys(h, 1, expected);
        exchangeData(h, 1);

        h.client.session.renegotiate(h.now);
        assertThat(h.runUntil(() -> h.server.confirmed.contains(2) && h.client.key(2).isPresent(), 30_000)).isTrue();
        assertSameKeys(h, 2, expected);
        exchangeData(h, 2);

        assertThat(h.server.logins).extracting(l -> l.keyId()).containsExactly(0, 1, 2);
        assertThat(h.server.passwordsSeen).containsExactly(SessionHarness.PASSWORD, SessionHarness.AUTH_TOKEN,
                SessionHarness.AUTH_TOKEN);
        assertThat(h.server.logins.get(0).framing()).isEqualTo(setup.framing());
        assertThat(h.server.logins.get(0).clientCertificateCn())
                .isEqualTo(setup.clientCertificate() ? Optional.of("alice-laptop") : Optional.empty());
        assertThat(h.server.logins.get(0).peerInfo()).contains("IV_PLAT=linux");
        assertThat(h.server.logins.get(0).options()).endsWith("tls-client");
        assertThat(h.client.pushedOptions).contains("peer-id 7", "cipher AES-256-GCM");
        long pushParts = h.client.messages.stream().filter(m -> m instanceof ControlMessage.PushReply).count();
        assertThat(pushParts).isEqualTo(setup.manyRoutes() ? 4 : 1);
        assertThat(h.server.pushRequests).isEqualTo(1);
        assertThat(h.client.tls.get(0).version()).isEqualTo(setup.tls());
        assertThat(h.client.failure).isNull();
        assertThat(h.server.failure).isNull();
        assertThat(h.client.session.counters().total()).isZero();
        assertThat(h.server.session.counters().total()).isZero();
        assertThat(h.serverOpenRefusals).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samlLinks")
    void awsFramedLoginWithASamlSizedPasswordIsReassembledAcrossManyRecordsAndPackets(LinkQuality quality) {
        Setup setup = new Setup(WrapKind.TLS_CRYPT, TlsVersion.TLS_1_3, true, false, KeyMethod2Framing.AWS, false);
        SessionHarness h = new SessionHarness(setup, quality, 12);
        StringBuilder saml = new StringBuilder("CRV1::instance-1/1234/5f0e-uuid::");
        java.util.Random random = new java.util.Random(3);
        while (saml.length() < 100_000) {
            saml.append((char) ('A' + random.nextInt(26)));
        }
        h.clientPassword = saml.toString();
        h.start();
        assertThat(h.runUntil(h::connected, 120_000)).isTrue();
        assertThat(h.server.passwordsSeen).containsExactly(h.clientPassword);
        assertThat(h.server.logins.get(0).framing()).isEqualTo(KeyMethod2Framing.AWS);
        assertSameKeys(h, 0, KeyDerivation.TLS_EKM);
    }

    static Stream<LinkQuality> samlLinks() {
        return Stream.of(LinkQuality.PERFECT, LinkQuality.LOSSY);
    }

    @Test
    void keyIdsRunFromOneToSevenAndWrapToOneWhileOldKeysRetire() {
        Setup setup = Setup.of(WrapKind.TLS_CRYPT, TlsVersion.TLS_1_3, false);
        SessionHarness h = new SessionHarness(setup, LinkQuality.PERFECT, 5).start();
        assertThat(h.runUntil(h::connected, 30_000)).isTrue();
        List<Integer> ids = new ArrayList<>();
        for (int round = 1; round <= 9; round++) {
            int before = h.server.confirmed.size();
            if (round % 2 == 0) {
                h.client.session.renegotiate(h.now);
            } else {
                assertThat(h.server.session.renegotiate(h.now)).isTrue();
            }
            assertThat(h.runUntil(() -> h.server.confirmed.size() > before, 30_000)).as("round " + round).isTrue();
            int id = h.server.confirmed.get(h.server.confirmed.size() - 1);
            ids.add(id);
            h.runUntil(() -> h.client.key(id).isPresent(), 5_000);
            assertSameKeys(h, id, KeyDerivation.PRF);
            exchangeData(h, id);
            h.runFor(10_000);
        }
        assertThat(ids).containsExactly(1, 2, 3, 4, 5, 6, 7, 1, 2);
        h.runFor(70_000);
        assertThat(h.server.retired).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 1);
        assertThat(h.client.failure).isNull();
        assertThat(h.server.failure).isNull();
    }

    @Test
    void serverRenegotiatesOnItsOwnAfterRenegSec() {
        Setup setup = Setup.of(WrapKind.TLS_AUTH, TlsVersion.TLS_1_2, false);
        SessionHarness h = new SessionHarness(setup, LinkQuality.PERFECT, 3, 0, 20_000).start();
        assertThat(h.runUntil(h::connected, 30_000)).isTrue();
        long connectedAt = h.now;
        h.runFor(45_000);
        assertThat(h.server.confirmed).containsExactly(0, 1, 2);
        assertThat(h.server.events).filteredOn(e -> e instanceof ServerSessionEvent.RenegotiationStarted)
                .extracting(e -> ((ServerSessionEvent.RenegotiationStarted) e).byPeer()).containsExactly(false, false);
        assertThat(h.client.events).filteredOn(e -> e instanceof SessionEvent.RenegotiationStarted)
                .extracting(e -> ((SessionEvent.RenegotiationStarted) e).byPeer()).containsExactly(true, true);
        assertSameKeys(h, 2, KeyDerivation.PRF);
        assertThat(h.now - connectedAt).isGreaterThanOrEqualTo(45_000);
    }

    @Test
    void clientRenegotiatesOnItsOwnAfterRenegSec() {
        Setup setup = Setup.of(WrapKind.PLAIN, TlsVersion.TLS_1_3, true);
        SessionHarness h = new SessionHarness(setup, LinkQuality.PERFECT, 4, 15_000, 0).start();
        assertThat(h.runUntil(h::connected, 30_000)).isTrue();
        h.runFor(20_000);
        assertThat(h.server.confirmed).containsExactly(0, 1);
        assertThat(h.server.events).filteredOn(e -> e instanceof ServerSessionEvent.RenegotiationStarted)
                .extracting(e -> ((ServerSessionEvent.RenegotiationStarted) e).byPeer()).containsExactly(true);
        assertSameKeys(h, 1, KeyDerivation.TLS_EKM);
    }

    static void assertSameKeys(SessionHarness h, int keyId, KeyDerivation derivation) {
        DerivedKey client = h.client.key(keyId).orElseThrow(() -> new AssertionError("client has no key " + keyId));
        DerivedKey server = h.server.key(keyId).orElseThrow(() -> new AssertionError("server has no key " + keyId));
        assertThat(client.derivation()).isEqualTo(derivation);
        assertThat(server.derivation()).isEqualTo(derivation);
        assertThat(server.key2()).as("key2 of key " + keyId).isEqualTo(client.key2());
        assertThat(client.key2()).isNotEqualTo(new byte[256]);
        for (DerivedKey other : h.client.keys) {
            if (other != client) {
                assertThat(other.key2()).as("key " + other.keyId() + " differs from key " + keyId)
                        .isNotEqualTo(client.key2());
            }
        }
    }

    /** One packet each way on the current keys: each must open on the other side, with key {@code keyId}. */
    static void exchangeData(SessionHarness h, int keyId) {
        assertThat(h.client.plane.sending.keyId()).isEqualTo(keyId);
        assertThat(h.server.plane.sending.keyId()).isEqualTo(keyId);
        long fromClient = h.client.plane.nextDataId;
        long fromServer = h.server.plane.nextDataId;
        h.client.plane.sendOne(true);
        h.server.plane.sendOne(false);
        h.runFor(100);
        assertThat(h.server.plane.opened).contains(fromClient);
        assertThat(h.client.plane.opened).contains(fromServer);
        assertThat(h.server.plane.drops.total()).isZero();
        assertThat(h.client.plane.drops.total()).isZero();
    }
}
