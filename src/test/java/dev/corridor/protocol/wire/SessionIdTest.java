package dev.corridor.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Session ids: 8 bytes, all zero undefined, random ones never zero. */
class SessionIdTest {

    /** A SecureRandom that yields {@code zeroRounds} all-zero outputs before real ones. */
    private static final class ZeroFirstRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private int zeroBytesLeft;

        ZeroFirstRandom(int zeroLongs) {
            this.zeroBytesLeft = zeroLongs * 8;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = zeroBytesLeft-- > 0 ? 0 : (byte) (i + 1);
            }
        }
    }

    @Test
    void randomIdIsNeverTheUndefinedOne() {
        SessionId id = SessionId.random(new ZeroFirstRandom(3));
        assertThat(id.isDefined()).isTrue();
        assertThat(id).isNotEqualTo(SessionId.UNDEFINED);
    }

    @Test
    void bytesRoundTripAndAreCopies() {
        byte[] raw = HexFormat.of().parseHex("0102030405060708");
        SessionId id = SessionId.of(raw);
        raw[0] = 9;
        assertThat(id.bytes()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        byte[] out = id.bytes();
        out[0] = 9;
        assertThat(id.bytes()[0]).isEqualTo((byte) 1);
        assertThat(id.asLong()).isEqualTo(0x0102030405060708L);
        assertThat(id).isEqualTo(SessionId.of(0x0102030405060708L)).hasSameHashCodeAs(SessionId.of(0x0102030405060708L));
        assertThat(id).hasToString("0102030405060708");
        ByteBuffer buffer = ByteBuffer.allocate(8);
        id.writeTo(buffer);
        assertThat(buffer.array()).isEqualTo(id.bytes());
    }

    @Test
    void allZeroIsUndefined() {
        assertThat(SessionId.of(new byte[8])).isSameAs(SessionId.UNDEFINED);
        assertThat(SessionId.UNDEFINED.isDefined()).isFalse();
        assertThat(SessionId.of(1L).isDefined()).isTrue();
    }

    @Test
    void wrongLengthIsRefused() {
        assertThatThrownBy(() -> SessionId.of(new byte[7])).isInstanceOf(IllegalArgumentException.class);
    }
}
