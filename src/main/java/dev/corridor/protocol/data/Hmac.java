package dev.corridor.protocol.data;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * HMAC (RFC 2104) over one {@code MessageDigest}, keyed once, that writes each result into the
 * caller's array: unlike {@code javax.crypto.Mac}, whose {@code doFinal} allocates a result array
 * per call inside SunJCE, computing a tag here allocates nothing.
 *
 * <pre>
 *  K0   = K, zero-padded to the hash's block length B (K first hashed if longer than B)
 *  HMAC = H((K0 ⊕ opad) ‖ H((K0 ⊕ ipad) ‖ m))     ipad = 0x36 × B, opad = 0x5c × B
 *         └ outerPad ┘    └ innerPad ┘  inner hash → innerHash (scratch, allocated once)
 * </pre>
 *
 * <p>One instance per direction, used by one thread. The padded keys stay in memory as long as the
 * instance, as they do inside a JCE {@code Mac}.
 */
final class Hmac {
    private static final byte IPAD = 0x36;
    private static final byte OPAD = 0x5c;

    private final MessageDigest digest;
    private final byte[] innerPad;
    private final byte[] outerPad;
    private final byte[] innerHash;

    /** @param key the HMAC key, any length; not kept (only the padded forms are) */
    Hmac(HmacDigest algorithm, byte[] key) {
        try {
            digest = Jce.digest(algorithm.digestName());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.digestName() + " is not available in this Java runtime", e);
        }
        if (digest.getDigestLength() != algorithm.length()) {
            throw new IllegalStateException(algorithm.digestName() + " answered " + digest.getDigestLength()
                    + "-byte digests, not " + algorithm.length());
        }
        int block = algorithm.blockLength();
        byte[] k0 = new byte[block];
        byte[] shortKey = key.length > block ? digest.digest(key) : key;
        System.arraycopy(shortKey, 0, k0, 0, shortKey.length);
        innerPad = new byte[block];
        outerPad = new byte[block];
        for (int i = 0; i < block; i++) {
            innerPad[i] = (byte) (k0[i] ^ IPAD);
            outerPad[i] = (byte) (k0[i] ^ OPAD);
        }
        Arrays.fill(k0, (byte) 0);
        if (shortKey != key) {
            Arrays.fill(shortKey, (byte) 0);
        }
        innerHash = new byte[algorithm.length()];
    }

    /** Bytes of a tag. */
    int length() {
        return innerHash.length;
    }

    /** Writes HMAC(K, data[offset .. offset+length)) to {@code out} at {@code outOffset} ({@link #length()} bytes). */
    void compute(byte[] data, int offset, int length, byte[] out, int outOffset) {
        try {
            digest.update(innerPad);
            digest.update(data, offset, length);
            digest.digest(innerHash, 0, innerHash.length);
            digest.update(outerPad);
            digest.update(innerHash);
            digest.digest(out, outOffset, innerHash.length);
        } catch (DigestException e) {
            throw new IllegalStateException("HMAC output does not fit at " + outOffset + " of " + out.length, e);
        }
    }
}
