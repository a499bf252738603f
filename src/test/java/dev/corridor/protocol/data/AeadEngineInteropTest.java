package dev.corridor.protocol.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.data.CipherEngines.AeadEngine;
import java.util.Arrays;
import java.util.OptionalInt;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Both AEAD implementations (SunJCE and Corridor's own primitives) speak exactly the same wire
 * format: packets sealed by either open with either, byte for byte the same, and a packet changed
 * anywhere after the opcode is dropped as AUTH_FAILED and counted by both.
 */
class AeadEngineInteropTest {

    @Property(tries = 200)
    void everyEngineOpensWhatEveryEngineSeals(@ForAll AeadCipher cipher, @ForAll AeadEngine sealing,
            @ForAll AeadEngine opening, @ForAll boolean dataV2, @ForAll @Size(max = 1500) byte[] payload,
            @ForAll @IntRange(max = 100_000) int flip) {
        byte[] key2 = DataChannelFixtures.KEY2;
        OptionalInt peerId = dataV2 ? OptionalInt.of(0x123456) : OptionalInt.empty();
        DataChannelSealer sealer = DataChannelSealer.create(cipher, DataKeys.fromKey2(key2, Role.CLIENT).outgoing(),
                3, peerId, CompressionFraming.NONE, sealing);
        DataChannelSealer reference = DataChannelSealer.create(cipher,
                DataKeys.fromKey2(key2, Role.CLIENT).outgoing(), 3, peerId, CompressionFraming.NONE, opening);
        DropCounters drops = new DropCounters();
        DataChannelOpener opener = DataChannelOpener.create(cipher, DataKeys.fromKey2(key2, Role.SERVER).incoming(), 3,
                CompressionFraming.NONE, ReplayWindow.withDefaults(), drops, opening);

        byte[] packet = new byte[sealer.requiredCapacity(payload.length) + 16];
        SealResult.Sealed sealed = (SealResult.Sealed) sealer.seal(payload, 0, payload.length, packet, 0);
        byte[] wire = Arrays.copyOf(packet, sealed.length());
        byte[] referencePacket = new byte[reference.requiredCapacity(payload.length) + 16];
        SealResult.Sealed referenceSealed = (SealResult.Sealed) reference.seal(payload, 0, payload.length,
                referencePacket, 0);
        assertThat(Arrays.copyOf(referencePacket, referenceSealed.length())).isEqualTo(wire);

        byte[] out = new byte[opener.requiredOutputCapacity(wire.length)];
        int headerLength = dataV2 ? DataPacketHeader.V2_LENGTH : DataPacketHeader.V1_LENGTH;
        byte[] forged = wire.clone();
        int firstAuthenticatedBit = dataV2 ? 8 : 8 * headerLength; // V2 authenticates peer id, V1 nothing before the id
        int bit = firstAuthenticatedBit + flip % (8 * forged.length - firstAuthenticatedBit);
        forged[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThat(opener.open(forged, 0, forged.length, out, 0, 0L))
                .isEqualTo(OpenResult.Dropped.of(DropReason.AUTH_FAILED));
        assertThat(drops.count(DropReason.AUTH_FAILED)).isEqualTo(1);

        OpenResult result = opener.open(wire, 0, wire.length, out, 0, 0L);
        assertThat(result).isInstanceOf(OpenResult.Payload.class);
        OpenResult.Payload opened = (OpenResult.Payload) result;
        assertThat(Arrays.copyOfRange(out, opened.offset(), opened.offset() + opened.length())).isEqualTo(payload);
        assertThat(opener.open(wire, 0, wire.length, out, 0, 0L)).isEqualTo(OpenResult.Dropped.of(DropReason.REPLAYED));
        assertThat(drops.total()).isEqualTo(2);
    }
}
