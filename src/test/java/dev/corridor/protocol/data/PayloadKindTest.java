package dev.corridor.protocol.data;

import static dev.corridor.protocol.data.DataChannelFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Ping and OCC constants (protocol.md §0, §5.5, §5.8) and the payload classifier. */
class PayloadKindTest {

    private static final byte[] PING = hex("2a187bf3641eb4cb07ed2d0a981fc748");
    private static final byte[] OCC_MAGIC = hex("287f346bd4ef7a812d56b8d3afc5459c");

    @Test
    void pingIsTheSixteenDocumentedBytes() {
        assertThat(PingMessage.payload()).isEqualTo(PING);
        byte[] buffer = new byte[20];
        assertThat(PingMessage.write(buffer, 2)).isEqualTo(16);
        assertThat(Arrays.copyOfRange(buffer, 2, 18)).isEqualTo(PING);
        assertThat(PingMessage.matches(buffer, 2, 16)).isTrue();
        assertThat(PingMessage.matches(buffer, 2, 17)).as("exact length only").isFalse();
        assertThat(PingMessage.matches(buffer, 2, 15)).isFalse();
        PingMessage.payload()[0] = 0; // a copy: the constant stays intact
        assertThat(PingMessage.payload()).isEqualTo(PING);
    }

    @Test
    void occExitIsMagicPlusSix() {
        byte[] exit = OccMessage.exitMessage();
        assertThat(exit).hasSize(17).startsWith(OCC_MAGIC);
        assertThat(exit[16]).isEqualTo((byte) 0x06);
        byte[] buffer = new byte[30];
        assertThat(OccMessage.writeExit(buffer, 5)).isEqualTo(17);
        assertThat(OccMessage.isExit(buffer, 5, 17)).isTrue();
        assertThat(OccMessage.isExit(buffer, 5, 16)).isFalse();
        assertThat(OccMessage.opcode(buffer, 5, 16)).isEqualTo(OccMessage.NO_OPCODE);
        assertThat(OccMessage.isOcc(buffer, 5, 16)).isTrue();
        assertThat(OccMessage.isOcc(buffer, 5, 15)).isFalse();
    }

    @Test
    void classifiesPayloads() {
        assertThat(PayloadKind.classify(new byte[0], 0, 0)).isEqualTo(PayloadKind.EMPTY);
        assertThat(PayloadKind.classify(PING, 0, 16)).isEqualTo(PayloadKind.PING);
        byte[] pingAndMore = Arrays.copyOf(PING, 17);
        assertThat(PayloadKind.classify(pingAndMore, 0, 17)).isEqualTo(PayloadKind.UNRECOGNISED);
        assertThat(PayloadKind.classify(OccMessage.exitMessage(), 0, 17)).isEqualTo(PayloadKind.OCC_EXIT);
        byte[] request = Arrays.copyOf(OCC_MAGIC, 17);
        request[16] = 0x00; // OCC_REQUEST
        assertThat(PayloadKind.classify(request, 0, 17)).isEqualTo(PayloadKind.OCC_OTHER);
        assertThat(PayloadKind.classify(OCC_MAGIC, 0, 16)).isEqualTo(PayloadKind.OCC_OTHER);
        assertThat(PayloadKind.classify(hex("45000014"), 0, 4)).isEqualTo(PayloadKind.IP_PACKET);
        assertThat(PayloadKind.classify(hex("60000000"), 0, 4)).isEqualTo(PayloadKind.IP_PACKET);
        assertThat(PayloadKind.classify(hex("ff"), 0, 1)).isEqualTo(PayloadKind.UNRECOGNISED);
        assertThat(PayloadKind.classify(hex("00 45"), 1, 1)).isEqualTo(PayloadKind.IP_PACKET);
    }

    @Property
    void classifyingArbitraryBytesNeverThrows(@ForAll @Size(max = 40) byte[] bytes) {
        assertThat(PayloadKind.classify(bytes, 0, bytes.length)).isNotNull();
    }
}
