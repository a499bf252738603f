package dev.corridor.protocol.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Arbitrary bytes from the network never make the opener throw; they are dropped and counted. */
class DataChannelRobustnessTest {

    private static final List<DataCipher> CIPHERS = DataChannelFixtures.allCiphers();

    @Provide
    Arbitrary<byte[]> packets() {
        // Mostly data-looking first bytes for key id 0, so that the decryptors are reached.
        Arbitrary<byte[]> anything = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> dataLooking = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300)
                .map(bytes -> {
                    bytes[0] = bytes.length % 2 == 0 ? (byte) 0x30 : (byte) 0x48;
                    return bytes;
                });
        return Arbitraries.oneOf(anything, dataLooking);
    }

    @Property(tries = 2000)
    void arbitraryPacketsAreDroppedNotThrown(@ForAll("packets") byte[] packet,
            @ForAll @IntRange(min = 0, max = 8) int cipherIndex, @ForAll @IntRange(min = 0, max = 3) int framingIndex) {
        DataCipher cipher = CIPHERS.get(cipherIndex);
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(cipher, 0, OptionalInt.empty(),
                CompressionFraming.values()[framingIndex]);
        byte[] out = new byte[512];
        OpenResult result = pair.opener().open(packet, 0, packet.length, out, 0, 0);
        assertThat(result).isInstanceOf(OpenResult.Dropped.class);
        assertThat(pair.opener().dropCounters().total()).isEqualTo(1);
    }

    @Property(tries = 300)
    void aValidPacketWithExtraBytesIsDropped(@ForAll @Size(max = 64) byte[] payload,
            @ForAll @Size(min = 1, max = 8) byte[] garbage, @ForAll @IntRange(min = 0, max = 8) int cipherIndex) {
        DataChannelFixtures.Pair pair = DataChannelFixtures.pair(CIPHERS.get(cipherIndex), OptionalInt.empty());
        byte[] packet = pair.seal(payload);
        byte[] longer = java.util.Arrays.copyOf(packet, packet.length + garbage.length);
        System.arraycopy(garbage, 0, longer, packet.length, garbage.length);
        assertThat(pair.open(longer, 0)).isInstanceOf(OpenResult.Dropped.class);
        assertThat(pair.openPayload(packet, 0)).isEqualTo(payload);
    }

    @Property(tries = 500)
    void replayWindowTakesAnyNumbers(@ForAll long id, @ForAll long time, @ForAll long now) {
        ReplayWindow window = ReplayWindow.withDefaults();
        window.checkAndCommit(Math.floorMod(id, 1000L), now);
        assertThat(window.checkAndCommit(id, time, now)).isNotNull();
        assertThat(window.check(id, now)).isNotNull();
    }
}
