package dev.corridor.protocol.data;

import static dev.corridor.protocol.data.DataChannelFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.profile.DataChannelSettings.Compression;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Compression framing bytes as OpenVPN's compstub.c / comp-lz4.c and openvpn3 write them (protocol.md §5.7). */
class CompressionFramingTest {

    private static byte[] frame(CompressionFraming framing, byte[] payload) {
        byte[] target = new byte[payload.length + CompressionFraming.MAX_ADDED_LENGTH];
        int length = framing.frame(payload, 0, payload.length, target, 0);
        assertThat(length).isEqualTo(payload.length + framing.addedLength(payload, 0, payload.length));
        return Arrays.copyOf(target, length);
    }

    /** Deframes a copy and answers the payload, or null when refused. */
    private static byte[] deframe(CompressionFraming framing, byte[] framed) {
        byte[] buffer = framed.clone();
        Deframing deframing = framing.deframe(buffer, 0, buffer.length);
        if (!deframing.accepted()) {
            return null;
        }
        return Arrays.copyOfRange(buffer, deframing.offsetShift(), buffer.length - deframing.lengthReduction() + deframing.offsetShift());
    }

    @Test
    void mapsTheProfileSetting() {
        assertThat(CompressionFraming.of(Compression.NONE)).isEqualTo(CompressionFraming.NONE);
        assertThat(CompressionFraming.of(Compression.LZO_NO)).isEqualTo(CompressionFraming.LZO_NO);
        assertThat(CompressionFraming.of(Compression.STUB)).isEqualTo(CompressionFraming.STUB);
        assertThat(CompressionFraming.of(Compression.STUB_V2)).isEqualTo(CompressionFraming.STUB_V2);
    }

    @Test
    void outgoingFramingBytes() {
        byte[] ip = hex("45000014");
        assertThat(frame(CompressionFraming.NONE, ip)).isEqualTo(ip);
        assertThat(frame(CompressionFraming.LZO_NO, ip)).isEqualTo(hex("fa45000014"));
        assertThat(frame(CompressionFraming.STUB, ip)).isEqualTo(hex("fb00001445"));
        assertThat(frame(CompressionFraming.STUB_V2, ip)).isEqualTo(ip);
        assertThat(frame(CompressionFraming.STUB_V2, hex("50aa"))).isEqualTo(hex("500050aa"));
        assertThat(frame(CompressionFraming.STUB, hex("45"))).isEqualTo(hex("fb45"));
    }

    @Test
    void emptyPayloadsAreNeverFramed() {
        for (CompressionFraming framing : CompressionFraming.values()) {
            assertThat(frame(framing, new byte[0])).isEmpty();
            assertThat(framing.deframe(new byte[0], 0, 0)).isEqualTo(Deframing.AS_IS);
        }
    }

    @Test
    void incomingLzoNo() {
        assertThat(deframe(CompressionFraming.LZO_NO, hex("fa45000014"))).isEqualTo(hex("45000014"));
        assertThat(deframe(CompressionFraming.LZO_NO, hex("fa"))).isEmpty();
        assertThat(CompressionFraming.LZO_NO.deframe(hex("66010203"), 0, 4)).isEqualTo(Deframing.COMPRESSED);
        assertThat(CompressionFraming.LZO_NO.deframe(hex("45000014"), 0, 4)).isEqualTo(Deframing.BAD_HEADER);
        assertThat(CompressionFraming.LZO_NO.deframe(hex("fb000014"), 0, 4)).isEqualTo(Deframing.BAD_HEADER);
    }

    @Test
    void incomingStubSwap() {
        assertThat(deframe(CompressionFraming.STUB, hex("fb00001445"))).isEqualTo(hex("45000014"));
        assertThat(deframe(CompressionFraming.STUB, hex("fb45"))).isEqualTo(hex("45"));
        assertThat(deframe(CompressionFraming.STUB, hex("fb"))).isEmpty();
        assertThat(CompressionFraming.STUB.deframe(hex("69aabb"), 0, 3)).isEqualTo(Deframing.COMPRESSED);
        assertThat(CompressionFraming.STUB.deframe(hex("66aabb"), 0, 3)).isEqualTo(Deframing.COMPRESSED);
        assertThat(CompressionFraming.STUB.deframe(hex("faaabb"), 0, 3)).isEqualTo(Deframing.BAD_HEADER);
    }

    @Test
    void incomingStubV2() {
        assertThat(deframe(CompressionFraming.STUB_V2, hex("45000014"))).isEqualTo(hex("45000014"));
        assertThat(deframe(CompressionFraming.STUB_V2, hex("500050aa"))).isEqualTo(hex("50aa"));
        assertThat(deframe(CompressionFraming.STUB_V2, hex("50"))).as("a lone indicator leaves nothing").isEmpty();
        assertThat(CompressionFraming.STUB_V2.deframe(hex("5001aabb"), 0, 4)).isEqualTo(Deframing.COMPRESSED);
        assertThat(CompressionFraming.STUB_V2.deframe(hex("5003aabb"), 0, 4)).isEqualTo(Deframing.COMPRESSED);
        assertThat(CompressionFraming.STUB_V2.deframe(hex("500aaabb"), 0, 4))
                .as("OpenVPN 2.x's own mis-escape 50 0A is refused, as 2.x's decoder does").isEqualTo(Deframing.BAD_HEADER);
    }

    @Test
    void deframingReportsDropReasons() {
        assertThat(Deframing.COMPRESSED.dropReason()).contains(DropReason.COMPRESSED);
        assertThat(Deframing.BAD_HEADER.dropReason()).contains(DropReason.BAD_COMPRESSION_HEADER);
        assertThat(Deframing.UNSWAPPED.dropReason()).isEmpty();
        assertThat(Deframing.UNSWAPPED.accepted()).isTrue();
    }

    @Test
    void deframesAtAnOffset() {
        byte[] buffer = hex("eeee fb00001445 eeee");
        Deframing deframing = CompressionFraming.STUB.deframe(buffer, 2, 5);
        assertThat(deframing).isEqualTo(Deframing.UNSWAPPED);
        assertThat(Arrays.copyOfRange(buffer, 2, 2 + 5 - deframing.lengthReduction())).isEqualTo(hex("45000014"));
    }

    @Property
    void everyFramingRoundTrips(@ForAll @Size(max = 64) byte[] payload) {
        for (CompressionFraming framing : CompressionFraming.values()) {
            assertThat(deframe(framing, frame(framing, payload))).isEqualTo(payload);
        }
    }

    @Property
    void deframingArbitraryBytesNeverThrows(@ForAll @Size(max = 40) byte[] bytes) {
        for (CompressionFraming framing : CompressionFraming.values()) {
            Deframing deframing = framing.deframe(bytes.clone(), 0, bytes.length);
            assertThat(deframing.lengthReduction()).isLessThanOrEqualTo(bytes.length);
        }
    }
}
