package dev.corridor.protocol.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cipher, both headers, every payload size from 0 to 1500: what is sealed opens unchanged. */
class RoundTripTest {

    static Stream<Arguments> ciphersAndHeaders() {
        return DataChannelFixtures.allCiphers().stream()
                .flatMap(cipher -> Stream.of(Arguments.of(cipher, OptionalInt.empty()), Arguments.of(cipher, OptionalInt.of(0x00ABCD))));
    }

    @ParameterizedTest(name = "{0} peer-id {1}")
    @MethodSource("ciphersAndHeaders")
    void everySizeFromZeroTo1500RoundTrips(DataCipher cipher, OptionalInt peerId) {
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(cipher, peerId);
        Random random = new Random(cipher.hashCode());
        byte[] out = new byte[2000];
        byte[] packet = new byte[2000];
        for (int size = 0; size <= 1500; size++) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            SealResult.Sealed sealed = (SealResult.Sealed) pair.sealer().seal(payload, 0, size, packet, 3);
            assertThat(sealed.packetId()).isEqualTo(size + 1);
            assertThat(packet[3]).isEqualTo((byte) (peerId.isPresent() ? 0x48 : 0x30));
            OpenResult opened = pair.opener().open(packet, 3, sealed.length(), out, 5, 1_000);
            assertThat(opened).as("size %d", size).isInstanceOf(OpenResult.Payload.class);
            OpenResult.Payload result = (OpenResult.Payload) opened;
            assertThat(result.length()).as("size %d", size).isEqualTo(size);
            assertThat(result.packetId()).isEqualTo(size + 1);
            for (int i = 0; i < size; i++) {
                if (out[result.offset() + i] != payload[i]) {
                    throw new AssertionError(cipher + " size " + size + ": byte " + i + " differs");
                }
            }
        }
        assertThat(pair.opener().dropCounters().total()).isZero();
    }

    @ParameterizedTest(name = "{0} peer-id {1}")
    @MethodSource("ciphersAndHeaders")
    void sealedLengthsFollowTheLayout(DataCipher cipher, OptionalInt peerId) {
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(cipher, peerId);
        int header = peerId.isPresent() ? 4 : 1;
        for (int size : new int[] {0, 1, 11, 12, 27, 28, 1400}) {
            int length = pair.seal(new byte[size]).length;
            if (cipher instanceof CbcHmacCipher cbc) {
                int padded = ((4 + size) / 16 + 1) * 16;
                assertThat(length).isEqualTo(header + cbc.digest().length() + 16 + padded);
            } else {
                assertThat(length).isEqualTo(header + 4 + 16 + size);
            }
            assertThat(length).isLessThanOrEqualTo(header + cipher.maxOverhead() + size);
        }
    }

    @ParameterizedTest(name = "{0} peer-id {1}")
    @MethodSource("ciphersAndHeaders")
    void everyCompressionFramingRoundTrips(DataCipher cipher, OptionalInt peerId) {
        for (CompressionFraming framing : CompressionFraming.values()) {
            DataChannelFixtures.Pair pair = DataChannelFixtures.pair(cipher, 1, peerId, framing);
            for (byte[] payload : new byte[][] {{}, {0x50}, {0x50, 0x00}, {0x50, 0x01, 2}, {0x45, 0, 0, 20}, {(byte) 0xFA},
                    {(byte) 0xFB, 7}, PingMessage.payload(), OccMessage.exitMessage()}) {
                assertThat(pair.openPayload(pair.seal(payload), 0)).as("%s %s", framing, java.util.Arrays.toString(payload))
                        .isEqualTo(payload);
            }
        }
    }
}
