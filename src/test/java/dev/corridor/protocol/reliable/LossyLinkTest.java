package dev.corridor.protocol.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.tls.wrap.ControlWrap;
import dev.corridor.protocol.tls.wrap.KeyDirection;
import dev.corridor.protocol.tls.wrap.PlainControlWrap;
import dev.corridor.protocol.tls.wrap.StaticKey;
import dev.corridor.protocol.tls.wrap.TlsAuthDigest;
import dev.corridor.protocol.tls.wrap.TlsAuthWrap;
import dev.corridor.protocol.tls.wrap.TlsCryptWrap;
import dev.corridor.protocol.tls.wrap.Unwrapped;
import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.protocol.wire.SessionId;
import java.io.ByteArrayOutputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two reliable endpoints push 200 KB each way through a simulated link that loses 10% of the
 * datagrams, duplicates 5% and reorders them (random delay), with a simulated clock and a seeded
 * random source: everything must arrive complete and in order, within a bounded simulated time.
 *
 * <pre>
 *   client: ReliableChannel -> wrap -> ┌──────────── link ────────────┐ -> unwrap -> ReliableChannel :server
 *                                      │ drop 10%, duplicate 5%,      │
 *   client: ReliableChannel <- unwrap <│ delay 5..120 ms (reorders)   │<- wrap <- ReliableChannel :server
 *                                      └──────────────────────────────┘
 *   loop: send what due(now) returns; jump the clock to the next delivery or timer; deliver.
 * </pre>
 */
class LossyLinkTest {
    private static final int BYTES_EACH_WAY = 200 * 1024;
    private static final long EPOCH_SECONDS = 1_700_000_000L;
    private static final StaticKey KEY = StaticKey.of(keyBytes());

    private static byte[] keyBytes() {
        byte[] key = new byte[256];
        new Random(99).nextBytes(key);
        return key;
    }

    static Stream<Arguments> setups() {
        Function<Role, ControlWrap> plain = role -> PlainControlWrap.INSTANCE;
        Function<Role, ControlWrap> tlsAuth = role -> new TlsAuthWrap(KEY,
                role == Role.SERVER ? KeyDirection.NORMAL : KeyDirection.INVERSE, TlsAuthDigest.SHA256);
        Function<Role, ControlWrap> tlsCrypt = role -> new TlsCryptWrap(KEY, role);
        return Stream.of(
                Arguments.of("plain", plain, 1L),
                Arguments.of("plain", plain, 2L),
                Arguments.of("plain", plain, 3L),
                Arguments.of("tls-auth", tlsAuth, 4L),
                Arguments.of("tls-crypt", tlsCrypt, 5L),
                Arguments.of("tls-crypt", tlsCrypt, 6L));
    }

    /** A datagram on its way. */
    private record Flight(long deliverAtMillis, long sequence, Side to, byte[] bytes) {}

    /** One end of the link: a reliable channel, its wrap, what it sends and what it got. */
    private static final class Side {
        final String name;
        final ReliableChannel channel;
        final ControlWrap wrap;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final byte[] toSend;
        long largestDatagram;
        long rejectedByWrap;
        long replaysCaughtByWrap;
        Side peer;

        Side(String name, ReliableChannel channel, ControlWrap wrap, byte[] toSend) {
            this.name = name;
            this.channel = channel;
            this.wrap = wrap;
            this.toSend = toSend;
        }

        boolean done() {
            return received.size() == peer.toSend.length && channel.allAcknowledged();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The link: drops, duplicates and delays datagrams by a seeded random source. */
    private static final class Link {
        final Random random;
        final PriorityQueue<Flight> inFlight = new PriorityQueue<>(
                Comparator.comparingLong(Flight::deliverAtMillis).thenComparingLong(Flight::sequence));
        long sequence;
        long sent;
        long dropped;
        long duplicated;

        Link(Random random) {
            this.random = random;
        }

        void send(Side to, byte[] datagram, long now) {
            sent++;
            if (random.nextDouble() < 0.10) {
                dropped++;
                return;
            }
            inFlight.add(new Flight(now + 5 + random.nextInt(116), sequence++, to, datagram));
            if (random.nextDouble() < 0.05) {
                duplicated++;
                inFlight.add(new Flight(now + 5 + random.nextInt(116), sequence++, to, datagram.clone()));
            }
        }
    }

    @ParameterizedTest(name = "{0}, seed {2}")
    @MethodSource("setups")
    void bothDirectionsArriveCompleteAndInOrder(String wrapName, Function<Role, ControlWrap> wraps, long seed) {
        Random random = new Random(seed);
        byte[] clientData = new byte[BYTES_EACH_WAY];
        byte[] serverData = new byte[BYTES_EACH_WAY];
        random.nextBytes(clientData);
        random.nextBytes(serverData);
        SessionId clientSid = SessionId.of(random.nextLong() | 1);
        SessionId serverSid = SessionId.of(random.nextLong() | 1);

        Side client = new Side("client", new ReliableChannel(ReliableSettings.DEFAULTS, 0, clientSid,
                Optional.of(serverSid)), wraps.apply(Role.CLIENT), clientData);
        Side server = new Side("server", new ReliableChannel(ReliableSettings.DEFAULTS, 0, serverSid,
                Optional.of(clientSid)), wraps.apply(Role.SERVER), serverData);
        client.peer = server;
        server.peer = client;
        Link link = new Link(random);

        ControlPayloadSplitter splitter = ControlPayloadSplitter.forWrapOverhead(client.wrap.overhead());
        for (Side side : List.of(client, server)) {
            for (byte[] chunk : splitter.split(side.toSend)) {
                side.channel.offer(Opcode.CONTROL_V1, chunk, 0);
            }
        }

        long now = 0;
        long steps = 0;
        while (!(client.done() && server.done())) {
            assertThat(++steps).as("simulation steps").isLessThan(2_000_000);
            for (Side side : List.of(client, server)) {
                for (ControlPacket packet : side.channel.due(now)) {
                    byte[] datagram = side.wrap.wrap(packet, EPOCH_SECONDS + now / 1000);
                    side.largestDatagram = Math.max(side.largestDatagram, datagram.length);
                    link.send(side.peer, datagram, now);
                }
            }
            now = nextEventTime(now, link, client, server);
            assertThat(now).as("simulated time in ms").isLessThan(600_000);
            while (!link.inFlight.isEmpty() && link.inFlight.peek().deliverAtMillis() <= now) {
                Flight flight = link.inFlight.poll();
                deliver(flight.to(), flight.bytes(), now);
            }
        }

        assertThat(client.received.toByteArray()).isEqualTo(serverData);
        assertThat(server.received.toByteArray()).isEqualTo(clientData);
        assertThat(link.dropped).isPositive();
        assertThat(link.duplicated).isPositive();
        for (Side side : List.of(client, server)) {
            ReliableCounters counters = side.channel.counters();
            assertThat(counters.retransmits()).as("%s retransmits", side).isPositive();
            assertThat(counters.messagesSent()).isEqualTo(splitter.split(side.toSend).size());
            assertThat(counters.rejected()).isZero();
            assertThat(side.rejectedByWrap).isZero();
            assertThat(side.largestDatagram + ControlPayloadSplitter.UDP_IPV6_OVERHEAD).isLessThanOrEqualTo(1250);
            if (!wrapName.equals("plain")) {
                assertThat(side.replaysCaughtByWrap + counters.duplicates()).isPositive();
            }
        }
        // 10% loss with a 2 s first timeout: a run takes a few tens of simulated seconds
        assertThat(now).as("simulated milliseconds to move 2 x 200 KB").isLessThan(180_000);
        System.out.printf("%s seed %d: %.1f s simulated, %d datagrams, %d dropped, %d duplicated; client %s; server %s%n",
                wrapName, seed, now / 1000.0, link.sent, link.dropped, link.duplicated, client.channel.counters(),
                server.channel.counters());
    }

    private static void deliver(Side to, byte[] datagram, long now) {
        Unwrapped unwrapped = to.wrap.unwrap(datagram, EPOCH_SECONDS + now / 1000);
        if (unwrapped instanceof Unwrapped.Replayed) {
            to.replaysCaughtByWrap++;
            return;
        }
        if (!(unwrapped instanceof Unwrapped.Ok ok)) {
            to.rejectedByWrap++;
            return;
        }
        for (InboundMessage message : to.channel.received(ok.packet(), now).deliveredMessages()) {
            to.received.writeBytes(message.payload());
        }
    }

    private static long nextEventTime(long now, Link link, Side... sides) {
        long next = Long.MAX_VALUE;
        if (!link.inFlight.isEmpty()) {
            next = link.inFlight.peek().deliverAtMillis();
        }
        for (Side side : sides) {
            OptionalLong wakeup = side.channel.nextWakeup();
            if (wakeup.isPresent()) {
                next = Math.min(next, wakeup.getAsLong());
            }
        }
        assertThat(next).as("something must be pending while the transfer is incomplete").isNotEqualTo(Long.MAX_VALUE);
        return Math.max(now, next);
    }
}
