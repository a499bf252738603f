package dev.corridor.protocol.data;

/**
 * The keepalive ping OpenVPN sends through the data channel: a fixed 16-byte payload, recognised
 * only when a decrypted payload is exactly these bytes (protocol.md §0; OpenVPN ping.c).
 *
 * <pre>
 *  2a 18 7b f3 64 1e b4 cb 07 ed 2d 0a 98 1f c7 48
 * </pre>
 */
public final class PingMessage {
    public static final int LENGTH = 16;

    private static final byte[] PAYLOAD = {
        (byte) 0x2a, (byte) 0x18, (byte) 0x7b, (byte) 0xf3, (byte) 0x64, (byte) 0x1e, (byte) 0xb4, (byte) 0xcb,
        (byte) 0x07, (byte) 0xed, (byte) 0x2d, (byte) 0x0a, (byte) 0x98, (byte) 0x1f, (byte) 0xc7, (byte) 0x48,
    };

    private PingMessage() {
    }

    /** A copy of the ping payload. */
    public static byte[] payload() {
        return PAYLOAD.clone();
    }

    /** Writes the ping payload at {@code offset}; answers its length. */
    public static int write(byte[] buffer, int offset) {
        System.arraycopy(PAYLOAD, 0, buffer, offset, LENGTH);
        return LENGTH;
    }

    /** Whether these bytes are exactly the ping payload (same length, same bytes). */
    public static boolean matches(byte[] buffer, int offset, int length) {
        return length == LENGTH && regionEquals(PAYLOAD, buffer, offset);
    }

    static byte[] constant() {
        return PAYLOAD;
    }

    static boolean regionEquals(byte[] expected, byte[] buffer, int offset) {
        for (int i = 0; i < expected.length; i++) {
            if (buffer[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
