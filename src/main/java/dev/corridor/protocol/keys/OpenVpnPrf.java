package dev.corridor.protocol.keys;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TLS 1.0/1.1 pseudo-random function (RFC 2246 §5) that OpenVPN uses for its legacy key
 * derivation (protocol.md §4.4; 2.x {@code ssl_tls1_PRF}). OpenVPN passes its label as the start of
 * the seed, so this class takes the seed whole.
 *
 * <pre>
 *   secret ──split──> S1 = first ceil(n/2) bytes      S2 = last ceil(n/2) bytes   (overlap when n is odd)
 *   PRF(secret, seed) = P_MD5(S1, seed) XOR P_SHA1(S2, seed)
 *   P_hash(K, seed)   = HMAC(K, A1 ‖ seed) ‖ HMAC(K, A2 ‖ seed) ‖ ...     A0 = seed, Ai = HMAC(K, A(i-1))
 * </pre>
 */
public final class OpenVpnPrf {
    private OpenVpnPrf() {}

    /** {@code length} bytes of PRF output; the inputs are not changed. */
    public static byte[] prf(byte[] secret, byte[] seed, int length) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(seed, "seed");
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative");
        }
        int half = (secret.length + 1) / 2;
        byte[] s1 = Arrays.copyOfRange(secret, 0, half);
        byte[] s2 = Arrays.copyOfRange(secret, secret.length - half, secret.length);
        try {
            byte[] md5 = pHash("HmacMD5", s1, seed, length);
            byte[] sha1 = pHash("HmacSHA1", s2, seed, length);
            for (int i = 0; i < length; i++) {
                md5[i] ^= sha1[i];
            }
            Arrays.fill(sha1, (byte) 0);
            return md5;
        } finally {
            Arrays.fill(s1, (byte) 0);
            Arrays.fill(s2, (byte) 0);
        }
    }

    private static byte[] pHash(String algorithm, byte[] key, byte[] seed, int length) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            // HMAC pads short keys with zeros, so an empty key equals a single zero byte; the JCA
            // refuses empty keys, hence the substitution.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            byte[] out = new byte[length];
            byte[] a = seed;
            int at = 0;
            while (at < length) {
                mac.update(a);
                byte[] next = mac.doFinal();
                if (a != seed) {
                    Arrays.fill(a, (byte) 0);
                }
                a = next;
                mac.update(a);
                mac.update(seed);
                byte[] block = mac.doFinal();
                int take = Math.min(block.length, length - at);
                System.arraycopy(block, 0, out, at, take);
                Arrays.fill(block, (byte) 0);
                at += take;
            }
            if (a != seed) {
                Arrays.fill(a, (byte) 0);
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this Java runtime", e);
        }
    }
}
