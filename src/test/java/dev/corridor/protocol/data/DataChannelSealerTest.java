package dev.corridor.protocol.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.protocol.Role;
import java.security.SecureRandom;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Packet ids, headers and the limits of the sealer (protocol.md §5.1, §5.2). */
class DataChannelSealerTest {

    private static DataChannelSealer sealer(int keyId, OptionalInt peerId) {
        return DataChannelSealer.create(AeadCipher.AES_256_GCM, DataKeys.fromKey2(DataChannelFixtures.KEY2, Role.CLIENT).outgoing(),
                keyId, peerId, CompressionFraming.NONE, new SecureRandom());
    }

    private static SealResult seal(DataChannelSealer sealer) {
        byte[] packet = new byte[sealer.requiredCapacity(1)];
        return sealer.seal(new byte[] {0x45}, 0, 1, packet, 0);
    }

    @Test
    void packetIdsStartAtOneAndCountUp() {
        DataChannelSealer sealer = sealer(0, OptionalInt.empty());
        assertThat(sealer.lastPacketId()).isZero();
        for (long expected = 1; expected <= 5; expected++) {
            assertThat(seal(sealer)).isInstanceOfSatisfying(SealResult.Sealed.class, sealed -> assertThat(sealed.renegotiateSoon()).isFalse())
                    .extracting(result -> ((SealResult.Sealed) result).packetId()).isEqualTo(expected);
        }
    }

    @Test
    void writesDataV1WithoutPeerIdAndDataV2WithIt() {
        byte[] packet = new byte[64];
        sealer(5, OptionalInt.empty()).seal(new byte[] {1}, 0, 1, packet, 0);
        assertThat(packet[0]).isEqualTo((byte) 0x35);
        assertThat(packet[1]).isZero(); // packet id 00000001 follows directly
        assertThat(packet[4]).isEqualTo((byte) 1);

        DataChannelSealer v2 = sealer(7, OptionalInt.of(0xFEDCBA));
        v2.seal(new byte[] {1}, 0, 1, packet, 0);
        assertThat(packet).startsWith(0x4F, 0xFE, 0xDC, 0xBA, 0, 0, 0, 1);
        assertThat(v2.headerLength()).isEqualTo(4);
        assertThat(DataPacketHeader.peerId(packet, 0, 4)).isEqualTo(0xFEDCBA);
        assertThat(DataPacketHeader.keyId(packet[0])).isEqualTo(7);
    }

    @Test
    void asksForRenegotiationFrom0xFF000000() {
        DataChannelSealer sealer = sealer(0, OptionalInt.empty());
        sealer.skipTo(DataChannelSealer.RENEGOTIATE_AT - 2);
        assertThat(((SealResult.Sealed) seal(sealer)).renegotiateSoon()).isFalse();
        assertThat(sealer.renegotiationDue()).isFalse();
        SealResult.Sealed trigger = (SealResult.Sealed) seal(sealer);
        assertThat(trigger.packetId()).isEqualTo(0xFF000000L);
        assertThat(trigger.renegotiateSoon()).isTrue();
        assertThat(sealer.renegotiationDue()).isTrue();
    }

    @Test
    void refusesToSendPast0xFFFFFFFF() {
        DataChannelSealer sealer = sealer(0, OptionalInt.empty());
        sealer.skipTo(DataChannelSealer.LAST_PACKET_ID - 1);
        assertThat(((SealResult.Sealed) seal(sealer)).packetId()).isEqualTo(0xFFFFFFFFL);
        assertThat(sealer.exhausted()).isTrue();
        assertThat(seal(sealer)).isEqualTo(SealResult.Refused.PACKET_IDS_EXHAUSTED);
        assertThat(sealer.sealPing(new byte[64], 0)).isEqualTo(SealResult.Refused.PACKET_IDS_EXHAUSTED);
        assertThat(sealer.lastPacketId()).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void theLastPacketIdStillOpens() {
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(AeadCipher.AES_128_GCM, OptionalInt.empty());
        pair.sealer().skipTo(DataChannelSealer.LAST_PACKET_ID - 1);
        OpenResult result = pair.open(pair.seal(new byte[] {0x60, 0, 0, 0}), 0);
        assertThat(result).isInstanceOfSatisfying(OpenResult.Payload.class,
                payload -> assertThat(payload.packetId()).isEqualTo(0xFFFFFFFFL));
    }

    @Test
    void aBufferTooSmallIsACallerBugAndUsesNoPacketId() {
        DataChannelSealer sealer = sealer(0, OptionalInt.empty());
        int needed = sealer.requiredCapacity(100);
        assertThatThrownBy(() -> sealer.seal(new byte[100], 0, 100, new byte[needed - 3], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sealer.lastPacketId()).isZero();
        assertThat(sealer.seal(new byte[100], 0, 100, new byte[needed], 0)).isInstanceOf(SealResult.Sealed.class);
    }

    @Test
    void refusesImpossibleConfigurations() {
        DirectionKeys keys = DataKeys.fromKey2(DataChannelFixtures.KEY2, Role.CLIENT).outgoing();
        assertThatThrownBy(() -> DataChannelSealer.create(AeadCipher.AES_128_GCM, keys, 8, OptionalInt.empty(),
                CompressionFraming.NONE, new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataChannelSealer.create(AeadCipher.AES_128_GCM, keys, 0, OptionalInt.of(0x1000000),
                CompressionFraming.NONE, new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataChannelOpener.create(AeadCipher.AES_128_GCM, keys, -1, CompressionFraming.NONE,
                ReplayWindow.withDefaults(), new DropCounters())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void framingIsAppliedBeforeEncryption() {
        DataKeys client = DataKeys.fromKey2(DataChannelFixtures.KEY2, Role.CLIENT);
        DataKeys server = DataKeys.fromKey2(DataChannelFixtures.KEY2, Role.SERVER);
        DataChannelSealer sealer = DataChannelSealer.create(AeadCipher.AES_128_GCM, client.outgoing(), 0, OptionalInt.empty(),
                CompressionFraming.STUB, new SecureRandom());
        DataChannelOpener raw = DataChannelOpener.create(AeadCipher.AES_128_GCM, server.incoming(), 0, CompressionFraming.NONE,
                ReplayWindow.withDefaults(), new DropCounters());
        byte[] packet = new byte[64];
        SealResult.Sealed sealed = (SealResult.Sealed) sealer.seal(new byte[] {0x45, 1, 2}, 0, 3, packet, 0);
        byte[] out = new byte[64];
        OpenResult.Payload payload = (OpenResult.Payload) raw.open(packet, 0, sealed.length(), out, 0, 0);
        assertThat(java.util.Arrays.copyOfRange(out, payload.offset(), payload.offset() + payload.length()))
                .containsExactly(0xFB, 1, 2, 0x45);
    }

    @Test
    void describesItselfWithoutSecrets() {
        assertThat(sealer(2, OptionalInt.of(4)).toString()).isEqualTo("DataChannelSealer[AES-256-GCM, key 2, P_DATA_V2 peer 4, last id 0]");
    }
}
