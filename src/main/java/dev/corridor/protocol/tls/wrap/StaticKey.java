package dev.corridor.protocol.tls.wrap;

import dev.corridor.profile.StaticKeyFile;
import java.util.Arrays;

/**
 * The 256 bytes of an OpenVPN static key file ("key2"), as used by tls-auth and tls-crypt.
 *
 * <pre>
 *   bytes   0.. 63   key[0].cipher      bytes 128..191   key[1].cipher
 *   bytes  64..127   key[0].hmac        bytes 192..255   key[1].hmac
 * </pre>
 *
 * The bytes are secret: {@link #toString()} never shows them, and accessors return copies.
 */
public final class StaticKey {
    /** Total length of the key material. */
    public static final int LENGTH = 256;
    /** Length of one cipher or hmac part. */
    public static final int PART_LENGTH = 64;

    private final byte[] bytes;

    private StaticKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The key held in exactly 256 bytes (copied). */
    public static StaticKey of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a static key has 256 bytes, not " + bytes.length);
        }
        return new StaticKey(bytes.clone());
    }

    /**
     * The key in the text of a static key file (the profile checked it already, so a failure here
     * is a programming error and throws {@link IllegalArgumentException} with the parser's reason,
     * which never quotes the key).
     */
    public static StaticKey fromFileText(String text) {
        StaticKeyFile.Result parsed = StaticKeyFile.parse(text);
        byte[] key = parsed.key().orElseThrow(() -> new IllegalArgumentException(
                "not an OpenVPN static key: " + parsed.error()));
        StaticKey staticKey = of(key);
        Arrays.fill(key, (byte) 0);
        return staticKey;
    }

    /** A copy of the 64-byte cipher part of key[index] (index 0 or 1). */
    public byte[] cipherPart(int index) {
        return part(index, 0);
    }

    /** A copy of the 64-byte hmac part of key[index] (index 0 or 1). */
    public byte[] hmacPart(int index) {
        return part(index, PART_LENGTH);
    }

    private byte[] part(int index, int within) {
        if (index != 0 && index != 1) {
            throw new IllegalArgumentException("key index is 0 or 1, not " + index);
        }
        int from = index * 2 * PART_LENGTH + within;
        return Arrays.copyOfRange(bytes, from, from + PART_LENGTH);
    }

    @Override
    public String toString() {
        return "StaticKey[256 bytes, redacted]";
    }
}
