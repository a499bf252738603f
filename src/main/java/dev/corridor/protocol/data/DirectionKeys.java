package dev.corridor.protocol.data;

import java.util.Arrays;

/**
 * The secret key material for one direction of the data channel: a 64-byte cipher part and a
 * 64-byte HMAC part, of which each cipher uses a prefix (protocol.md §4.6).
 *
 * <pre>
 *  cipher part (64)  AES-128: bytes 0..15   AES-256 / ChaCha20: bytes 0..31
 *  hmac part   (64)  AEAD: bytes 0..7 are the implicit IV
 *                    CBC:  bytes 0..19 (SHA1), 0..31 (SHA256), 0..63 (SHA512) are the HMAC key
 * </pre>
 *
 * <p>Holds copies of the arrays it is given; {@link #wipe()} zeroes them. Never prints the keys.
 */
public final class DirectionKeys {
    /** Length of each part, as in OpenVPN's {@code struct key} (MAX_CIPHER_KEY_LENGTH, MAX_HMAC_KEY_LENGTH). */
    public static final int PART_LENGTH = 64;

    private final byte[] cipherPart;
    private final byte[] hmacPart;

    /**
     * @param cipherPart 64 bytes of cipher key material
     * @param hmacPart   64 bytes of HMAC key / implicit-IV material
     */
    public DirectionKeys(byte[] cipherPart, byte[] hmacPart) {
        if (cipherPart.length != PART_LENGTH || hmacPart.length != PART_LENGTH) {
            throw new IllegalArgumentException("each key part must be " + PART_LENGTH + " bytes");
        }
        this.cipherPart = cipherPart.clone();
        this.hmacPart = hmacPart.clone();
    }

    /** A copy of the first {@code length} bytes of the cipher part. */
    byte[] cipherKey(int length) {
        return Arrays.copyOf(cipherPart, length);
    }

    /** A copy of the first {@code length} bytes of the HMAC part. */
    byte[] hmacKey(int length) {
        return Arrays.copyOf(hmacPart, length);
    }

    /** Overwrites the key material with zeros; ciphers built earlier keep their own copies. */
    public void wipe() {
        Arrays.fill(cipherPart, (byte) 0);
        Arrays.fill(hmacPart, (byte) 0);
    }

    @Override
    public String toString() {
        return "DirectionKeys[redacted]";
    }
}
