package dev.corridor.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.protocol.session.SessionHarness.LinkQuality;
import dev.corridor.protocol.session.SessionHarness.Setup;
import dev.corridor.protocol.session.SessionHarness.WrapKind;
import dev.corridor.protocol.tls.TlsVersion;
import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.ControlPacketCodec;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.protocol.wire.SessionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever arrives from the network at whatever point of the handshake (or of a renegotiation),
 * neither session throws, and neither is knocked off course: junk is dropped and counted, and the
 * genuine packets that follow still complete the connection with the same keys on both sides.
 *
 * <pre>
 *   genuine control datagrams, numbered in delivery order:   0   1   2  ...  n  ...
 *                                                                        ▲
 *                 inject here (to the side the n-th one is going to): junk | replays | bit flips
 * </pre>
 *
 * Junk is either arbitrary bytes or well-formed plain control packets with random session ids, which
 * is what a blind off-path attacker can send without tls-auth / tls-crypt.
 */
class ControlSessionPropertiesTest {

    /** Control datagrams delivered in a clean run of {@link #connectAndRenegotiate}, per setup. */
    private static final Map<Setup, Integer> DELIVERIES = new ConcurrentHashMap<>();

    private static int deliveries(Setup setup) {
        return DELIVERIES.computeIfAbsent(setup, s -> {
            SessionHarness clean = new SessionHarness(s, LinkQuality.PERFECT, 0);
            connectAndRenegotiate(clean);
            return clean.controlDeliveries;
        });
    }

    @Property(tries = 150)
    void junkNeverThrowsAndNeverBreaksEitherSession(@ForAll("wraps") WrapKind wrap,
            @ForAll("points") int point, @ForAll("junk") List<byte[]> junk) {
        Setup setup = Setup.of(wrap, TlsVersion.TLS_1_3, false);
        int at = point % deliveries(setup);
        SessionHarness h = new SessionHarness(setup, LinkQuality.PERFECT, point);
        long[] fedToClient = {0};
        long[] fedToServer = {0};
        long[] refusedByOpen = {0};
        h.beforeControlDelivery = (toServer, index, bytes) -> {
            if (index != at) {
                return;
            }
            for (byte[] bytes1 : junk) {
                if (!toServer) {
                    h.client.session.receive(bytes1.clone(), h.now);
                    fedToClient[0]++;
                } else if (h.server == null) {
                    // a forged plain reset does open a session of its own (the owner keys sessions by the
                    // client's session id); it must not be, or disturb, the genuine one
                    Optional<ServerControlSession> forged = ServerControlSession.open(
                            SessionHarness.serverConfig(setup, SessionHarness.seededRandom(point), 0), bytes1.clone(),
                            h.now);
                    if (wrap != WrapKind.PLAIN) {
                        assertThat(forged).isEmpty();
                    }
                    refusedByOpen[0]++;
                } else {
                    h.server.session.receive(bytes1.clone(), h.now);
                    fedToServer[0]++;
                }
            }
        };
        connectAndRenegotiate(h);
        assertThat(fedToClient[0] + fedToServer[0] + refusedByOpen[0]).isEqualTo(junk.size());
        assertThat(h.client.session.counters().total()).as("client drops").isEqualTo(fedToClient[0]);
        assertThat(h.server.session.counters().total()).as("server drops").isEqualTo(fedToServer[0]);
    }

    @Property(tries = 60)
    void replayedGenuinePacketsNeverBreakEitherSession(@ForAll("wraps") WrapKind wrap,
            @ForAll @IntRange(min = 0, max = 1000) int point) {
        Setup setup = Setup.of(wrap, TlsVersion.TLS_1_2, false);
        int at = 1 + point % (deliveries(setup) - 1);
        SessionHarness h = new SessionHarness(setup, LinkQuality.PERFECT, point);
        boolean[] replayed = {false};
        List<byte[]> toClient = new ArrayList<>();
        List<byte[]> toServer = new ArrayList<>();
        h.beforeControlDelivery = (towardsServer, index, bytes) -> {
            if (index == at) {
                replayed[0] = true;
                for (byte[] old : towardsServer ? toServer : toClient) {
                    if (towardsServer) {
                        h.server.session.receive(old.clone(), h.now);
                    } else {
                        h.client.session.receive(old.clone(), h.now);
                    }
                }
            }
            (towardsServer ? toServer : toClient).add(bytes.clone());
        };
        connectAndRenegotiate(h);
        assertThat(replayed[0]).isTrue();
    }

    @Property(tries = 80)
    void damagedGenuinePacketsAreRefusedByTheAuthenticatingWraps(@ForAll("authenticatingWraps") WrapKind wrap,
            @ForAll @IntRange(min = 0, max = 1000) int point, @ForAll @IntRange(min = 0, max = 2000) int position,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        Setup setup = Setup.of(wrap, TlsVersion.TLS_1_3, true);
        int at = 1 + point % (deliveries(setup) - 1);
        SessionHarness h = new SessionHarness(setup, LinkQuality.PERFECT, point);
        long[] damaged = {0};
        h.beforeControlDelivery = (toServer, index, bytes) -> {
            if (index != at || (toServer && h.server == null)) {
                return;
            }
            byte[] copy = bytes.clone();
            copy[position % copy.length] ^= (byte) flip;
            if (toServer) {
                h.server.session.receive(copy, h.now);
            } else {
                h.client.session.receive(copy, h.now);
            }
            damaged[0]++;
        };
        connectAndRenegotiate(h);
        assertThat(damaged[0]).isEqualTo(1);
        assertThat(h.client.session.counters().total() + h.server.session.counters().total()).isEqualTo(damaged[0]);
    }

    /** Connects, renegotiates once from the server, and checks that nothing went wrong. */
    private static void connectAndRenegotiate(SessionHarness h) {
        h.start();
        assertThat(h.runUntil(h::connected, 60_000)).as("connected despite the injection").isTrue();
        assertThat(h.server.session.renegotiate(h.now)).isTrue();
        assertThat(h.runUntil(() -> h.server.confirmed.contains(1) && h.client.key(1).isPresent(), 60_000))
                .as("renegotiated despite the injection").isTrue();
        assertThat(h.client.failure).isNull();
        assertThat(h.server.failure).isNull();
        KeyDerivation expected = h.setup.ekm() ? KeyDerivation.TLS_EKM : KeyDerivation.PRF;
        ControlSessionEndToEndTest.assertSameKeys(h, 0, expected);
        ControlSessionEndToEndTest.assertSameKeys(h, 1, expected);
        ControlSessionEndToEndTest.exchangeData(h, 1);
    }

    @Provide
    Arbitrary<WrapKind> wraps() {
        return Arbitraries.of(WrapKind.class);
    }

    /** Where to inject; the first few deliveries (before the session ids are settled) get extra attention. */
    @Provide
    Arbitrary<Integer> points() {
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.integers().between(0, 3)),
                Tuple.of(3, Arbitraries.integers().between(0, 1000)));
    }

    @Provide
    Arbitrary<WrapKind> authenticatingWraps() {
        return Arbitraries.of(WrapKind.TLS_AUTH, WrapKind.TLS_CRYPT);
    }

    @Provide
    Arbitrary<List<byte[]>> junk() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Arbitraries.oneOf(raw, forgedPlainPackets()).list().ofMinSize(1).ofMaxSize(6);
    }

    /** Well-formed plain control packets from someone who does not know either session id. */
    private static Arbitrary<byte[]> forgedPlainPackets() {
        Arbitrary<Opcode> opcodes = Arbitraries.of(Opcode.CONTROL_HARD_RESET_CLIENT_V2,
                Opcode.CONTROL_HARD_RESET_SERVER_V2, Opcode.CONTROL_SOFT_RESET_V1, Opcode.CONTROL_V1, Opcode.ACK_V1);
        Arbitrary<Integer> keyIds = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 7)));
        Arbitrary<Long> sessionIds = Arbitraries.longs().filter(id -> id != 0);
        Arbitrary<List<Long>> acks = Arbitraries.longs().between(0, 20).list().ofMaxSize(4);
        Arbitrary<Long> messageIds = Arbitraries.longs().between(0, 20);
        Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
        return Combinators.combine(opcodes, keyIds, sessionIds, acks, messageIds, payloads, sessionIds)
                .as((opcode, keyId, sid, ackList, messageId, payload, peer) -> {
                    List<Long> ackIds = opcode == Opcode.ACK_V1 && ackList.isEmpty() ? List.of(0L) : ackList;
                    Optional<SessionId> peerSid = ackIds.isEmpty() ? Optional.empty()
                            : Optional.of(SessionId.of(peer));
                    ControlPacket packet = opcode == Opcode.ACK_V1
                            ? ControlPacket.ack(keyId, SessionId.of(sid), ackIds, SessionId.of(peer))
                            : ControlPacket.message(opcode, keyId, SessionId.of(sid), ackIds, peerSid, messageId,
                                    opcode == Opcode.CONTROL_V1 ? payload : new byte[0]);
                    return ControlPacketCodec.encode(packet);
                });
    }

    @Property(tries = 300)
    void openNeverThrowsOnArbitraryBytes(@ForAll @Size(max = 200) byte[] bytes) {
        ServerSessionConfig config = SessionHarness.serverConfig(Setup.of(WrapKind.PLAIN, TlsVersion.TLS_1_3, false),
                SessionHarness.seededRandom(9), 0);
        assertThat(ServerControlSession.open(config, bytes, SessionHarness.EPOCH_MILLIS))
                .satisfiesAnyOf(opened -> assertThat(opened).isEmpty(),
                        opened -> assertThat(opened.get().peerSessionId().isDefined()).isTrue());
    }
}
