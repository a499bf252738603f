package dev.corridor.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Opcode numbers, first bytes and key ids as protocol.md section 0 lists them. */
class OpcodeTest {

    @Test
    void firstBytesWithKeyIdZeroMatchTheSpecTable() {
        assertThat(Opcode.CONTROL_HARD_RESET_CLIENT_V2.firstByte(0)).isEqualTo((byte) 0x38);
        assertThat(Opcode.CONTROL_HARD_RESET_SERVER_V2.firstByte(0)).isEqualTo((byte) 0x40);
        assertThat(Opcode.CONTROL_V1.firstByte(0)).isEqualTo((byte) 0x20);
        assertThat(Opcode.ACK_V1.firstByte(0)).isEqualTo((byte) 0x28);
        assertThat(Opcode.DATA_V1.firstByte(0)).isEqualTo((byte) 0x30);
        assertThat(Opcode.DATA_V2.firstByte(0)).isEqualTo((byte) 0x48);
        assertThat(Opcode.CONTROL_SOFT_RESET_V1.firstByte(0)).isEqualTo((byte) 0x18);
        assertThat(Opcode.CONTROL_HARD_RESET_CLIENT_V3.firstByte(0)).isEqualTo((byte) 0x50);
        assertThat(Opcode.CONTROL_WKC_V1.firstByte(0)).isEqualTo((byte) 0x58);
        assertThat(Opcode.CONTROL_HARD_RESET_CLIENT_V1.firstByte(0)).isEqualTo((byte) 0x08);
        assertThat(Opcode.CONTROL_HARD_RESET_SERVER_V1.firstByte(0)).isEqualTo((byte) 0x10);
    }

    @Test
    void numbersAreOneToEleven() {
        for (Opcode opcode : Opcode.values()) {
            assertThat(opcode.value()).isEqualTo(opcode.ordinal() + 1);
            assertThat(Opcode.fromValue(opcode.value())).contains(opcode);
        }
        assertThat(Opcode.fromValue(0)).isEmpty();
        assertThat(Opcode.fromValue(12)).isEmpty();
        assertThat(Opcode.fromValue(31)).isEmpty();
        assertThat(Opcode.fromValue(-1)).isEmpty();
        assertThat(Opcode.fromValue(32)).isEmpty();
    }

    @Test
    void keyIdSitsInTheLowThreeBits() {
        byte dataV2Key5 = Opcode.DATA_V2.firstByte(5);
        assertThat(dataV2Key5).isEqualTo((byte) 0x4D);
        assertThat(Opcode.fromByte(dataV2Key5)).contains(Opcode.DATA_V2);
        assertThat(Opcode.keyIdOf(dataV2Key5)).isEqualTo(5);
        assertThat(Opcode.fromByte((byte) 0x27)).contains(Opcode.CONTROL_V1);
        assertThat(Opcode.keyIdOf((byte) 0x27)).isEqualTo(7);
    }

    @Test
    void everyByteEitherNamesAnOpcodeOrNothing() {
        int known = 0;
        for (int b = 0; b < 256; b++) {
            if (Opcode.fromByte((byte) b).isPresent()) {
                known++;
                Opcode opcode = Opcode.fromByte((byte) b).orElseThrow();
                assertThat(opcode.firstByte(Opcode.keyIdOf((byte) b))).isEqualTo((byte) b);
            }
        }
        assertThat(known).isEqualTo(11 * 8);
        // 0xFF: opcode 31, unknown; 0x00..0x07: opcode 0, unknown
        assertThat(Opcode.fromByte((byte) 0xFF)).isEmpty();
        assertThat(Opcode.fromByte((byte) 0x03)).isEmpty();
    }

    @Test
    void keyIdOutsideZeroToSevenIsRefused() {
        assertThatThrownBy(() -> Opcode.CONTROL_V1.firstByte(8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Opcode.CONTROL_V1.firstByte(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void classification() {
        assertThat(Opcode.DATA_V1.isData()).isTrue();
        assertThat(Opcode.DATA_V2.isControl()).isFalse();
        assertThat(Opcode.ACK_V1.isControl()).isTrue();
        assertThat(Opcode.ACK_V1.carriesMessageId()).isFalse();
        assertThat(Opcode.CONTROL_V1.carriesMessageId()).isTrue();
        assertThat(Opcode.DATA_V1.carriesMessageId()).isFalse();
        assertThat(Opcode.CONTROL_HARD_RESET_CLIENT_V2.isHardReset()).isTrue();
        assertThat(Opcode.CONTROL_HARD_RESET_CLIENT_V3.isHardReset()).isTrue();
        assertThat(Opcode.CONTROL_SOFT_RESET_V1.isHardReset()).isFalse();
        assertThat(Opcode.CONTROL_WKC_V1.isTlsCryptV2()).isTrue();
        assertThat(Opcode.CONTROL_V1.isTlsCryptV2()).isFalse();
    }
}
