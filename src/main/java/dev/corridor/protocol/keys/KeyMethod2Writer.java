package dev.corridor.protocol.keys;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes a {@link KeyMethod2Message} in stock or AWS framing (protocol.md §4.1, §7.4).
 *
 * <pre>
 *  off  STOCK                         AWS
 *  0    00 00 00 00                   total length, u32 little-endian, counting these 4 bytes
 *  4    02 (key method 2, no flags)   02
 *  5    pre_master[48] (client only)  pre_master[48] (client only)
 *  ..   random1[32] random2[32]       random1[32] random2[32]
 *  ..   4 strings, each:              4 strings, each:
 *         u16 BE (len+1), bytes, 00     u32 BE (len+1), bytes, 00
 *         or a bare u16 0 when empty    or a bare u32 0 when empty
 *       order: options, username, password, peer_info
 * </pre>
 *
 * The returned array holds the password and key material: the caller should zero it once TLS has
 * taken it. A message longer than the framing allows ({@link KeyMethod2Framing#maxMessageBytes()})
 * is refused with {@link IllegalArgumentException}; check {@link #encodedLength} first to choose.
 */
public final class KeyMethod2Writer {
    /** The key-method byte: method 2, no flags in the high nibble. */
    static final int KEY_METHOD_2 = 0x02;
    /** The fixed prefix: the u32 (zero or total length) and the key-method byte. */
    static final int HEADER_BYTES = 5;

    private KeyMethod2Writer() {}

    /** Number of bytes {@link #encode} produces for this message and framing. */
    public static int encodedLength(KeyMethod2Message message, KeyMethod2Framing framing) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(framing, "framing");
        long length = HEADER_BYTES + message.keySource().encodedLength()
                + stringLength(utf8Length(message.options()), framing)
                + stringLength(utf8Length(message.username()), framing)
                + stringLength(message.passwordLength(), framing)
                + stringLength(utf8Length(message.peerInfo()), framing);
        return (int) Math.min(length, Integer.MAX_VALUE);
    }

    /** True when the message fits the framing's size limits. */
    public static boolean fits(KeyMethod2Message message, KeyMethod2Framing framing) {
        return problem(message, framing) == null;
    }

    /** The message in the given framing; the caller should zero the result after use. */
    public static byte[] encode(KeyMethod2Message message, KeyMethod2Framing framing) {
        String problem = problem(message, framing);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        int total = encodedLength(message, framing);
        byte[] out = new byte[total];
        int at = 0;
        if (framing == KeyMethod2Framing.AWS) {
            out[0] = (byte) total;
            out[1] = (byte) (total >>> 8);
            out[2] = (byte) (total >>> 16);
            out[3] = (byte) (total >>> 24);
        }
        at += 4;
        out[at++] = KEY_METHOD_2;
        at = message.keySource().writeTo(out, at);
        at = writeString(out, at, message.options().getBytes(StandardCharsets.UTF_8), framing);
        at = writeString(out, at, message.username().getBytes(StandardCharsets.UTF_8), framing);
        at = writeString(out, at, message.passwordBytesInternal(), framing);
        at = writeString(out, at, message.peerInfo().getBytes(StandardCharsets.UTF_8), framing);
        if (at != total) {
            throw new IllegalStateException("wrote " + at + " bytes, expected " + total);
        }
        return out;
    }

    private static String problem(KeyMethod2Message message, KeyMethod2Framing framing) {
        int total = encodedLength(message, framing);
        if (total > framing.maxMessageBytes()) {
            return "key-method-2 message of " + total + " bytes is too long for " + framing
                    + " framing (at most " + framing.maxMessageBytes() + ")";
        }
        long maxString = framing == KeyMethod2Framing.STOCK ? 0xFFFF : 0xFFFF_FFFFL;
        if (utf8Length(message.options()) + 1L > maxString || utf8Length(message.username()) + 1L > maxString
                || message.passwordLength() + 1L > maxString || utf8Length(message.peerInfo()) + 1L > maxString) {
            return "a string is too long for the " + framing + " length field";
        }
        return null;
    }

    private static int writeString(byte[] out, int at, byte[] bytes, KeyMethod2Framing framing) {
        int length = bytes.length == 0 ? 0 : bytes.length + 1;
        if (framing == KeyMethod2Framing.AWS) {
            out[at++] = (byte) (length >>> 24);
            out[at++] = (byte) (length >>> 16);
        }
        out[at++] = (byte) (length >>> 8);
        out[at++] = (byte) length;
        if (length > 0) {
            System.arraycopy(bytes, 0, out, at, bytes.length);
            at += bytes.length;
            out[at++] = 0;
        }
        return at;
    }

    private static long stringLength(int contentBytes, KeyMethod2Framing framing) {
        return framing.lengthFieldBytes() + (contentBytes == 0 ? 0L : contentBytes + 1L);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
