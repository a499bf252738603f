package dev.corridor.protocol.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.protocol.Role;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The opener's refusals: replays, old packets, wrong keys, short packets, compressed payloads. */
class DataChannelOpenerTest {

    private static final byte[] PAYLOAD = {0x45, 0, 0, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    static Stream<Arguments> ciphersAndHeaders() {
        return RoundTripTest.ciphersAndHeaders();
    }

    static Stream<DataCipher> ciphers() {
        return DataChannelFixtures.allCiphers().stream();
    }

    private static OpenResult dropped(DropReason reason) {
        return OpenResult.Dropped.of(reason);
    }

    @ParameterizedTest(name = "{0} peer-id {1}")
    @MethodSource("ciphersAndHeaders")
    void duplicatesAndReplaysAreDroppedAfterAuthentication(DataCipher cipher, OptionalInt peerId) {
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(cipher, peerId);
        byte[] first = pair.seal(PAYLOAD);
        byte[] second = pair.seal(PAYLOAD);
        assertThat(pair.open(first, 0)).isInstanceOf(OpenResult.Payload.class);
        assertThat(pair.open(first, 0)).isEqualTo(dropped(DropReason.REPLAYED));
        assertThat(pair.open(second, 0)).isInstanceOf(OpenResult.Payload.class);
        assertThat(pair.open(second, 0)).isEqualTo(dropped(DropReason.REPLAYED));
        assertThat(pair.open(first, 0)).isEqualTo(dropped(DropReason.REPLAYED));
        assertThat(pair.opener().dropCounters().count(DropReason.REPLAYED)).isEqualTo(3);
        assertThat(pair.opener().dropCounters().total()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciphers")
    void reorderedPacketsInsideTheWindowOpenOnceAndOlderOnesAreTooOld(DataCipher cipher) {
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(cipher, OptionalInt.of(1));
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            packets.add(pair.seal(PAYLOAD));
        }
        assertThat(pair.open(packets.get(99), 0)).isInstanceOf(OpenResult.Payload.class); // id 100
        assertThat(pair.open(packets.get(36), 0)).as("id 37: 63 behind").isInstanceOf(OpenResult.Payload.class);
        assertThat(pair.open(packets.get(35), 0)).as("id 36: 64 behind").isEqualTo(dropped(DropReason.TOO_OLD));
        assertThat(pair.open(packets.get(98), 0)).isInstanceOf(OpenResult.Payload.class);
        assertThat(pair.open(packets.get(98), 0)).isEqualTo(dropped(DropReason.REPLAYED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciphers")
    void lateArrivalsExpireAfterTheTimeBacktrack(DataCipher cipher) {
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(cipher, OptionalInt.empty());
        byte[] first = pair.seal(PAYLOAD);
        byte[] second = pair.seal(PAYLOAD);
        byte[] third = pair.seal(PAYLOAD);
        assertThat(pair.open(third, 1_000)).isInstanceOf(OpenResult.Payload.class);
        assertThat(pair.open(second, 16_000)).as("exactly 15 s later").isInstanceOf(OpenResult.Payload.class);
        assertThat(pair.open(first, 16_001)).as("more than 15 s after id 3").isEqualTo(dropped(DropReason.TOO_OLD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciphers")
    void aForgedPacketDoesNotBurnItsPacketId(DataCipher cipher) {
        // Particularly for ChaCha20-Poly1305, whose JCE refuses the same nonce twice in a row.
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(cipher, OptionalInt.empty());
        byte[] genuine = pair.seal(PAYLOAD);
        byte[] forged = genuine.clone();
        forged[forged.length - 1] ^= 1;
        assertThat(pair.open(forged, 0)).isEqualTo(dropped(DropReason.AUTH_FAILED));
        assertThat(pair.open(forged, 0)).isEqualTo(dropped(DropReason.AUTH_FAILED));
        assertThat(pair.open(genuine, 0)).isInstanceOf(OpenResult.Payload.class);
        assertThat(pair.open(genuine, 0)).isEqualTo(dropped(DropReason.REPLAYED));
        assertThat(pair.open(genuine, 0)).isEqualTo(dropped(DropReason.REPLAYED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciphers")
    void packetsOfOtherKeyIdsAreRefusedBeforeDecryption(DataCipher cipher) {
        DataChannelFixtures.Pair keyOne = DataChannelFixtures.pair(cipher, 1, OptionalInt.empty(), CompressionFraming.NONE);
        DataChannelFixtures.Pair keyTwo = DataChannelFixtures.pair(cipher, 2, OptionalInt.empty(), CompressionFraming.NONE);
        assertThat(keyTwo.open(keyOne.seal(PAYLOAD), 0)).isEqualTo(dropped(DropReason.UNKNOWN_KEY_ID));
        assertThat(keyTwo.opener().dropCounters().count(DropReason.UNKNOWN_KEY_ID)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} peer-id {1}")
    @MethodSource("ciphersAndHeaders")
    void everyTruncationIsDropped(DataCipher cipher, OptionalInt peerId) {
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(cipher, peerId);
        byte[] packet = pair.seal(PAYLOAD);
        int header = peerId.isPresent() ? 4 : 1;
        int minimum = header + (cipher instanceof CbcHmacCipher cbc ? cbc.digest().length() + 32 : 20);
        byte[] out = new byte[4096];
        for (int length = 0; length < packet.length; length++) {
            OpenResult result = pair.opener().open(packet, 0, length, out, 0, 0);
            if (length < minimum) {
                assertThat(result).as("length %d", length).isEqualTo(dropped(DropReason.TRUNCATED));
            } else {
                assertThat(result).as("length %d", length).isEqualTo(dropped(DropReason.AUTH_FAILED));
            }
        }
        assertThat(pair.opener().open(packet, 0, packet.length, out, 0, 0)).isInstanceOf(OpenResult.Payload.class);
    }

    @Test
    void nonDataOpcodesAreRefused() {
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(AeadCipher.AES_256_GCM, OptionalInt.empty());
        byte[] packet = pair.seal(PAYLOAD);
        for (int opcode : new int[] {1, 2, 3, 4, 5, 7, 8, 10, 11, 31}) {
            byte[] other = packet.clone();
            other[0] = (byte) (opcode << 3);
            assertThat(pair.open(other, 0)).as("opcode %d", opcode).isEqualTo(dropped(DropReason.BAD_OPCODE));
        }
        assertThat(pair.opener().open(packet, 0, 0, new byte[64], 0, 0)).isEqualTo(dropped(DropReason.TRUNCATED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciphers")
    void anOutputBufferTooSmallDropsInsteadOfThrowing(DataCipher cipher) {
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(cipher, OptionalInt.empty());
        byte[] packet = pair.seal(new byte[1400]);
        int needed = pair.opener().requiredOutputCapacity(packet.length);
        assertThat(pair.opener().open(packet, 0, packet.length, new byte[needed - 1], 0, 0)).isEqualTo(dropped(DropReason.TOO_LARGE));
        assertThat(pair.opener().open(packet, 0, packet.length, new byte[needed], 0, 0)).isInstanceOf(OpenResult.Payload.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciphers")
    void openingIntoThePacketArrayItselfWorks(DataCipher cipher) {
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(cipher, OptionalInt.of(3));
        byte[] packet = pair.seal(PAYLOAD);
        byte[] buffer = java.util.Arrays.copyOf(packet, packet.length + 64);
        OpenResult result = pair.opener().open(buffer, 0, packet.length, buffer, 0, 0);
        assertThat(result).isInstanceOfSatisfying(OpenResult.Payload.class, payload -> assertThat(
                java.util.Arrays.copyOfRange(buffer, payload.offset(), payload.offset() + payload.length())).isEqualTo(PAYLOAD));
    }

    @Test
    void compressedPayloadsAreDroppedWithTheirReason() {
        // Seal with framing NONE so that the framing byte is exactly what the test puts first.
        for (CompressionFraming framing : CompressionFraming.values()) {
            DataKeys client = DataKeys.fromKey2(DataChannelFixtures.KEY2, Role.CLIENT);
            DataKeys server = DataKeys.fromKey2(DataChannelFixtures.KEY2, Role.SERVER);
            DataChannelSealer sealer = DataChannelSealer.create(AeadCipher.AES_128_GCM, client.outgoing(), 0,
                    OptionalInt.empty(), CompressionFraming.NONE, new SecureRandom());
            DropCounters counters = new DropCounters();
            DataChannelOpener opener = DataChannelOpener.create(AeadCipher.AES_128_GCM, server.incoming(), 0, framing,
                    ReplayWindow.withDefaults(), counters);
            byte[][] lzo = {{0x66, 1, 2}};
            byte[][] lz4Swap = {{0x69, 1, 2}};
            byte[][] lz4V2 = {{0x50, 0x01, 1, 2}};
            byte[][] unknown = {{0x12, 1, 2}};
            for (byte[][] payload : new byte[][][] {lzo, lz4Swap, lz4V2, unknown}) {
                byte[] packet = new byte[sealer.requiredCapacity(payload[0].length)];
                SealResult.Sealed sealed = (SealResult.Sealed) sealer.seal(payload[0], 0, payload[0].length, packet, 0);
                OpenResult result = opener.open(packet, 0, sealed.length(), new byte[256], 0, 0);
                Deframing expected = framing.deframe(payload[0].clone(), 0, payload[0].length);
                if (expected.accepted()) {
                    assertThat(result).as("%s %s", framing, java.util.Arrays.toString(payload[0])).isInstanceOf(OpenResult.Payload.class);
                } else {
                    assertThat(result).as("%s", framing).isEqualTo(OpenResult.Dropped.of(expected.dropReason().orElseThrow()));
                }
            }
            switch (framing) {
                case NONE -> assertThat(counters.total()).isZero();
                case LZO_NO -> assertThat(counters.snapshot()).containsEntry(DropReason.COMPRESSED, 1L)
                        .containsEntry(DropReason.BAD_COMPRESSION_HEADER, 3L);
                case STUB -> assertThat(counters.snapshot()).containsEntry(DropReason.COMPRESSED, 2L)
                        .containsEntry(DropReason.BAD_COMPRESSION_HEADER, 2L);
                case STUB_V2 -> assertThat(counters.snapshot()).containsOnlyKeys(DropReason.COMPRESSED)
                        .containsEntry(DropReason.COMPRESSED, 1L);
            }
        }
    }

    @Test
    void pingsAndExitsAreClassified() {
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(AeadCipher.CHACHA20_POLY1305, OptionalInt.of(9));
        byte[] packet = new byte[pair.sealer().requiredCapacity(OccMessage.EXIT_LENGTH)];
        byte[] out = new byte[256];
        SealResult.Sealed ping = (SealResult.Sealed) pair.sealer().sealPing(packet, 0);
        assertThat(pair.opener().open(packet, 0, ping.length(), out, 0, 0))
                .isInstanceOfSatisfying(OpenResult.Payload.class, p -> assertThat(p.kind()).isEqualTo(PayloadKind.PING));
        SealResult.Sealed exit = (SealResult.Sealed) pair.sealer().sealOccExit(packet, 0);
        assertThat(pair.opener().open(packet, 0, exit.length(), out, 0, 0))
                .isInstanceOfSatisfying(OpenResult.Payload.class, p -> assertThat(p.kind()).isEqualTo(PayloadKind.OCC_EXIT));
    }

    @Test
    void sharedCountersAddUpAcrossOpeners() {
        DropCounters shared = new DropCounters();
        DataKeys server = DataKeys.fromKey2(DataChannelFixtures.KEY2, Role.SERVER);
        DataChannelOpener keyZero = DataChannelOpener.create(AeadCipher.AES_256_GCM, server.incoming(), 0,
                CompressionFraming.NONE, ReplayWindow.withDefaults(), shared);
        DataChannelOpener keyOne = DataChannelOpener.create(AeadCipher.AES_256_GCM, server.incoming(), 1,
                CompressionFraming.NONE, ReplayWindow.withDefaults(), shared);
        byte[] junk = {0x30, 1, 2};
        keyZero.open(junk, 0, junk.length, new byte[16], 0, 0);
        keyOne.open(junk, 0, junk.length, new byte[16], 0, 0);
        assertThat(shared.count(DropReason.TRUNCATED)).isEqualTo(1);
        assertThat(shared.count(DropReason.UNKNOWN_KEY_ID)).isEqualTo(1);
        assertThat(shared.total()).isEqualTo(2);
        assertThat(shared.toString()).contains("TRUNCATED=1");
    }
}
