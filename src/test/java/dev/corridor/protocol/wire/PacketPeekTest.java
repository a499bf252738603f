package dev.corridor.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Classifying a datagram from its first byte (and the DATA_V2 peer id) without decoding it. */
class PacketPeekTest {

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    @Test
    void dataAndControlAreToldApart() {
        assertThat(PacketPeek.of(hex("48 00 00 07 aa"))).contains(new PacketPeek(Opcode.DATA_V2, 0));
        assertThat(PacketPeek.of(hex("31 aa"))).contains(new PacketPeek(Opcode.DATA_V1, 1));
        assertThat(PacketPeek.of(hex("48 00 00 07")).orElseThrow().isData()).isTrue();
        assertThat(PacketPeek.of(hex("22 00")).orElseThrow().isControl()).isTrue();
        assertThat(PacketPeek.of(hex("22 00")).orElseThrow().keyId()).isEqualTo(2);
    }

    @Test
    void emptyOrUnknownIsNothing() {
        assertThat(PacketPeek.of(new byte[0])).isEmpty();
        assertThat(PacketPeek.of(hex("07"))).isEmpty();
        assertThat(PacketPeek.of(hex("60"))).isEmpty();
        assertThat(PacketPeek.of(hex("48"), 1, 1)).isEmpty();
        assertThat(PacketPeek.of(hex("48"), -1, 1)).isEmpty();
    }

    @Test
    void dataV2PeerIdIsTwentyFourBitsBigEndian() {
        byte[] packet = hex("4b 12 34 56 ff ff");
        assertThat(PacketPeek.dataV2PeerId(packet, 0, packet.length)).hasValue(0x123456);
        assertThat(PacketPeek.dataV2PeerId(hex("48 ff ff ff"), 0, 4)).hasValue(0xFFFFFF);
        assertThat(PacketPeek.dataV2PeerId(hex("48 ff ff"), 0, 3)).isEmpty();
        assertThat(PacketPeek.dataV2PeerId(hex("30 12 34 56"), 0, 4)).isEmpty();
    }
}
