package dev.corridor.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Byte layouts built by hand from protocol.md §4.1, §4.2 and §7.4, compared with the writer. */
class KeyMethod2WriterTest {

    static byte[] repeat(int value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    static KeyMethod2Message sampleClient() {
        return KeyMethod2Message.withCredentials(KeySource.client(repeat(0x11, 48), repeat(0x22, 32), repeat(0x33, 32)),
                "V4,x", "u", "pw".toCharArray(), "");
    }

    static KeyMethod2Message sampleServer() {
        return KeyMethod2Message.withoutCredentials(KeySource.server(repeat(0x44, 32), repeat(0x55, 32)), "V4",
                "ID=1\n");
    }

    private static void write(ByteArrayOutputStream out, int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
    }

    private static void writeAscii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void stockClientMessage() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        write(expected, 0, 0, 0, 0); // literal zero
        write(expected, 2); // key method 2
        expected.writeBytes(repeat(0x11, 48));
        expected.writeBytes(repeat(0x22, 32));
        expected.writeBytes(repeat(0x33, 32));
        write(expected, 0, 5); // "V4,x" + NUL
        writeAscii(expected, "V4,x");
        write(expected, 0);
        write(expected, 0, 2, 'u', 0);
        write(expected, 0, 3, 'p', 'w', 0);
        write(expected, 0, 0); // empty peer-info: bare zero length, no NUL

        byte[] actual = KeyMethod2Writer.encode(sampleClient(), KeyMethod2Framing.STOCK);

        assertThat(actual).isEqualTo(expected.toByteArray());
        assertThat(actual).hasSize(135);
        assertThat(KeyMethod2Writer.encodedLength(sampleClient(), KeyMethod2Framing.STOCK)).isEqualTo(135);
    }

    @Test
    void awsClientMessage() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        write(expected, 143, 0, 0, 0); // total length 143 = 0x8f, little-endian, counting itself
        write(expected, 2);
        expected.writeBytes(repeat(0x11, 48));
        expected.writeBytes(repeat(0x22, 32));
        expected.writeBytes(repeat(0x33, 32));
        write(expected, 0, 0, 0, 5);
        writeAscii(expected, "V4,x");
        write(expected, 0);
        write(expected, 0, 0, 0, 2, 'u', 0);
        write(expected, 0, 0, 0, 3, 'p', 'w', 0);
        write(expected, 0, 0, 0, 0);

        assertThat(KeyMethod2Writer.encode(sampleClient(), KeyMethod2Framing.AWS)).isEqualTo(expected.toByteArray());
    }

    @Test
    void awsLengthHeaderIsLittleEndianForLongMessages() {
        char[] password = new char[70_000];
        Arrays.fill(password, 'A');
        KeyMethod2Message message = KeyMethod2Message.withCredentials(
                KeySource.client(repeat(1, 48), repeat(2, 32), repeat(3, 32)), "V4", "N/A", password, "IV_VER=x\n");
        byte[] bytes = KeyMethod2Writer.encode(message, KeyMethod2Framing.AWS);
        int total = bytes.length;
        assertThat(total).isEqualTo(5 + 112 + (4 + 3) + (4 + 4) + (4 + 70_001) + (4 + 10));
        assertThat(bytes[0] & 0xFF | (bytes[1] & 0xFF) << 8 | (bytes[2] & 0xFF) << 16 | (bytes[3] & 0xFF) << 24)
                .isEqualTo(total);
        int passwordLengthAt = 5 + 112 + 7 + 8;
        assertThat(Arrays.copyOfRange(bytes, passwordLengthAt, passwordLengthAt + 4))
                .containsExactly(0, 1, 0x11, 0x71); // 70001 = 0x00011171, big-endian
    }

    @Test
    void stockServerMessageHasNoPreMasterAndEmptyCredentials() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        write(expected, 0, 0, 0, 0, 2);
        expected.writeBytes(repeat(0x44, 32));
        expected.writeBytes(repeat(0x55, 32));
        write(expected, 0, 3, 'V', '4', 0);
        write(expected, 0, 0); // username
        write(expected, 0, 0); // password
        write(expected, 0, 6);
        writeAscii(expected, "ID=1\n");
        write(expected, 0);

        assertThat(KeyMethod2Writer.encode(sampleServer(), KeyMethod2Framing.STOCK)).isEqualTo(expected.toByteArray());
    }

    @Test
    void stockFramingRefusesMessagesOver2048Bytes() {
        char[] password = new char[2000];
        Arrays.fill(password, 'x');
        KeyMethod2Message message = KeyMethod2Message.withCredentials(
                KeySource.client(repeat(1, 48), repeat(2, 32), repeat(3, 32)), "V4", "N/A", password, "");
        assertThat(KeyMethod2Writer.fits(message, KeyMethod2Framing.STOCK)).isFalse();
        assertThat(KeyMethod2Writer.fits(message, KeyMethod2Framing.AWS)).isTrue();
        assertThatThrownBy(() -> KeyMethod2Writer.encode(message, KeyMethod2Framing.STOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
    }

    @Test
    void awsFramingRefusesMessagesOver256KiB() {
        char[] password = new char[256 * 1024];
        Arrays.fill(password, 'x');
        KeyMethod2Message message = KeyMethod2Message.withCredentials(
                KeySource.client(repeat(1, 48), repeat(2, 32), repeat(3, 32)), "V4", "N/A", password, "");
        assertThatThrownBy(() -> KeyMethod2Writer.encode(message, KeyMethod2Framing.AWS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonAsciiTextIsWrittenAsUtf8() {
        KeyMethod2Message message = KeyMethod2Message.withCredentials(
                KeySource.server(repeat(0, 32), repeat(0, 32)), "", "é", "€".toCharArray(), "");
        byte[] bytes = KeyMethod2Writer.encode(message, KeyMethod2Framing.STOCK);
        int at = 5 + 64 + 2; // after header, randoms and the empty options string
        assertThat(Arrays.copyOfRange(bytes, at, at + 5)).containsExactly(0, 3, 0xC3, 0xA9, 0);
        assertThat(Arrays.copyOfRange(bytes, at + 5, at + 11)).containsExactly(0, 4, 0xE2, 0x82, 0xAC, 0);
    }

    @Test
    void stringsWithNulAreRefusedWhenBuilt() {
        KeySource source = KeySource.server(repeat(0, 32), repeat(0, 32));
        assertThatThrownBy(() -> KeyMethod2Message.withoutCredentials(source, "a\0b", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyMethod2Message.withCredentials(source, "", "u", "p\0".toCharArray(), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretsStayOutOfToStringAndWipeZeroesThem() {
        KeyMethod2Message message = KeyMethod2Message.withCredentials(
                KeySource.client(repeat(0x11, 48), repeat(0x22, 32), repeat(0x33, 32)), "V4", "alice",
                "hunter2".toCharArray(), "IV_VER=1\n");
        assertThat(message.toString()).contains("alice").doesNotContain("hunter2").doesNotContain("1111")
                .contains("[redacted]");
        assertThat(message.keySource().toString()).isEqualTo("KeySource[CLIENT, [redacted]]");
        assertThat(new String(message.password())).isEqualTo("hunter2");
        message.wipe();
        assertThat(message.passwordBytes()).containsOnly(0);
        assertThat(message.keySource().preMaster()).containsOnly(0);
        assertThat(message.keySource().isWiped()).isTrue();
    }
}
