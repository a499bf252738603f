package dev.corridor.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The rules a ControlPacket value enforces so that it always encodes. */
class ControlPacketTest {
    private static final SessionId OWN = SessionId.of(1L);
    private static final SessionId PEER = SessionId.of(2L);

    @Test
    void peerSessionIdIsPresentExactlyWithAcks() {
        assertThatThrownBy(() -> ControlPacket.message(Opcode.CONTROL_V1, 0, OWN, List.of(1L), Optional.empty(), 0,
                new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlPacket.message(Opcode.CONTROL_V1, 0, OWN, List.of(), Optional.of(PEER), 0,
                new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ackNeedsAcksAndHasNoMessageIdOrPayload() {
        assertThatThrownBy(() -> ControlPacket.ack(0, OWN, List.of(), PEER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ControlPacket(Opcode.ACK_V1, 0, OWN, List.of(1L), Optional.of(PEER),
                OptionalLong.of(3), new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ControlPacket(Opcode.ACK_V1, 0, OWN, List.of(1L), Optional.of(PEER),
                OptionalLong.empty(), new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherControlOpcodesNeedAMessageId() {
        assertThatThrownBy(() -> new ControlPacket(Opcode.CONTROL_V1, 0, OWN, List.of(), Optional.empty(),
                OptionalLong.empty(), new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangesAreChecked() {
        assertThatThrownBy(() -> ControlPacket.message(Opcode.DATA_V2, 0, OWN, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlPacket.message(Opcode.CONTROL_V1, 8, OWN, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlPacket.message(Opcode.CONTROL_V1, 0, OWN, 0x1_0000_0000L, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlPacket.message(Opcode.CONTROL_V1, 0, OWN, -1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlPacket.ack(0, OWN, List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), PEER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlPacket.ack(0, OWN, List.of(0x1_0000_0000L), PEER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void payloadIsCopiedInAndOutAndComparedByContent() {
        byte[] payload = {1, 2, 3};
        ControlPacket packet = ControlPacket.message(Opcode.CONTROL_V1, 0, OWN, 5, payload);
        payload[0] = 9;
        assertThat(packet.payload()).containsExactly(1, 2, 3);
        packet.payload()[1] = 9;
        assertThat(packet.payload()).containsExactly(1, 2, 3);
        ControlPacket same = ControlPacket.message(Opcode.CONTROL_V1, 0, OWN, 5, new byte[] {1, 2, 3});
        assertThat(packet).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(packet.toString()).contains("3 payload bytes").doesNotContain("[1, 2, 3]");
    }
}
