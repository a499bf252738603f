package dev.corridor.server.users;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * RFC 4648 base32 (alphabet A-Z 2-7), the encoding authenticator apps use for TOTP secrets.
 *
 * <pre>
 *   5 bytes = 40 bits -> 8 characters of 5 bits each:  "foobar" -> MZXW6YTBOI======
 * </pre>
 *
 * Encoding writes no padding (authenticator apps and otpauth URIs omit it); decoding accepts
 * upper or lower case, optional trailing '=' and ignores spaces.
 */
public final class Base32 {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {}

    /** The unpadded base32 text of {@code bytes}. */
    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 0x1F));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1F));
        }
        return out.toString();
    }

    /** The bytes of a base32 text, or empty when it holds a character outside the alphabet. */
    public static Optional<byte[]> decode(String text) {
        String cleaned = text.replace(" ", "").toUpperCase(Locale.ROOT);
        int end = cleaned.length();
        while (end > 0 && cleaned.charAt(end - 1) == '=') {
            end--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < end; i++) {
            int value = ALPHABET.indexOf(cleaned.charAt(i));
            if (value < 0) {
                return Optional.empty();
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xFF);
                bits -= 8;
            }
        }
        return Optional.of(out.toByteArray());
    }
}
