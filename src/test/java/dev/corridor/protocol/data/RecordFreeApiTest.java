package dev.corridor.protocol.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DataChannelSealer#sealPacket} and {@link DataChannelOpener#openPacket}, the data path's
 * allocation-free forms, do exactly what {@code seal} and {@code open} do.
 */
class RecordFreeApiTest {
    private static final byte[] IP = DataChannelFixtures.hex("450000200000400040010000c0a80001c0a800020800f7ff00000000");

    static java.util.List<DataCipher> ciphers() {
        return DataChannelFixtures.allCiphers();
    }

    @ParameterizedTest
    @MethodSource("ciphers")
    void sealPacketAndOpenPacketRoundTripAndCountDrops(DataCipher cipher) {
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(cipher, OptionalInt.of(7));
        DataChannelSealer sealer = pair.sealer();
        DataChannelOpener opener = pair.opener();
        byte[] packet = new byte[sealer.requiredCapacity(IP.length) + 5];
        int length = sealer.sealPacket(IP, 0, IP.length, packet, 5);
        assertThat(length).isPositive();
        assertThat(sealer.lastPacketId()).isEqualTo(1);
        byte[] wire = Arrays.copyOfRange(packet, 5, 5 + length);

        byte[] out = new byte[opener.requiredOutputCapacity(wire.length) + 3];
        assertThat(opener.openPacket(wire, 0, wire.length, out, 3, 0L)).isTrue();
        assertThat(opener.lastDropReason()).isNull();
        assertThat(opener.payloadKind()).isEqualTo(PayloadKind.IP_PACKET);
        assertThat(opener.payloadPacketId()).isEqualTo(1);
        assertThat(Arrays.copyOfRange(out, opener.payloadOffset(), opener.payloadOffset() + opener.payloadLength()))
                .isEqualTo(IP);

        assertThat(opener.openPacket(wire, 0, wire.length, out, 3, 0L)).isFalse();
        assertThat(opener.lastDropReason()).isEqualTo(DropReason.REPLAYED);
        byte[] forged = sealedCopy(sealer);
        forged[forged.length - 1] ^= 1;
        assertThat(opener.openPacket(forged, 0, forged.length, out, 3, 0L)).isFalse();
        assertThat(opener.lastDropReason()).isEqualTo(DropReason.AUTH_FAILED);
        assertThat(opener.dropCounters().count(DropReason.REPLAYED)).isEqualTo(1);
        assertThat(opener.dropCounters().count(DropReason.AUTH_FAILED)).isEqualTo(1);

        int ping = sealer.sealPingPacket(packet, 0);
        assertThat(opener.openPacket(packet, 0, ping, out, 0, 0L)).isTrue();
        assertThat(opener.payloadKind()).isEqualTo(PayloadKind.PING);
    }

    @ParameterizedTest
    @MethodSource("ciphers")
    void sealPacketRefusesOnceThePacketIdsAreUsedUp(DataCipher cipher) {
        DataChannelSealer sealer = DataChannelFixtures.pair(cipher, OptionalInt.empty()).sealer();
        sealer.skipTo(DataChannelSealer.LAST_PACKET_ID);
        byte[] packet = new byte[sealer.requiredCapacity(IP.length)];
        assertThat(sealer.sealPacket(IP, 0, IP.length, packet, 0)).isEqualTo(DataChannelSealer.NOT_SEALED);
        assertThat(sealer.sealPingPacket(packet, 0)).isEqualTo(DataChannelSealer.NOT_SEALED);
    }

    @ParameterizedTest
    @MethodSource("ciphers")
    void openingIntoThePacketArrayItselfWorks(DataCipher cipher) {
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(cipher, OptionalInt.of(7));
        byte[] wire = sealedCopy(pair.sealer());
        byte[] buffer = Arrays.copyOf(wire, Math.max(wire.length, pair.opener().requiredOutputCapacity(wire.length)));
        DataChannelOpener opener = pair.opener();
        assertThat(opener.openPacket(buffer, 0, wire.length, buffer, 0, 0L)).isTrue();
        assertThat(Arrays.copyOfRange(buffer, opener.payloadOffset(), opener.payloadOffset() + opener.payloadLength()))
                .isEqualTo(IP);
    }

    private static byte[] sealedCopy(DataChannelSealer sealer) {
        byte[] packet = new byte[sealer.requiredCapacity(IP.length)];
        int length = sealer.sealPacket(IP, 0, IP.length, packet, 0);
        return Arrays.copyOf(packet, length);
    }
}
