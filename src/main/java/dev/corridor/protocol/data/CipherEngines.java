package dev.corridor.protocol.data;

import java.security.SecureRandom;

/**
 * Builds the per-direction encryptor or decryptor that implements a {@link DataCipher}, choosing
 * for each AEAD cipher the implementation that measured fastest (docs/benchmarks.md,
 * "Allocation-free AEAD").
 */
final class CipherEngines {
    /** Who does the AEAD work: the JCE (a {@code Cipher.init} per packet) or Corridor's own primitives. */
    enum AeadEngine {
        JCE, DIRECT;

        /**
         * AES-GCM: Corridor's {@link AesGcm} when the JDK's GHASH intrinsic is reachable (see
         * {@link GhashImplementation}): it allocates nothing per packet, is faster than SunJCE at 64
         * and 512 bytes and level with it at 1,400 bytes, in JMH and through the tunnel
         * (docs/benchmarks.md, "AES-GCM with the JDK's GHASH intrinsic" and "AES-GCM in the tunnel").
         * Otherwise SunJCE, because GHASH in plain Java is several times slower than SunJCE even
         * counting SunJCE's ~1 KB of garbage per packet. ChaCha20-Poly1305: always Corridor's own;
         * SunJCE has no intrinsic for it on JDK 17, and the plain-Java primitive is faster.
         */
        static AeadEngine preferred(AeadCipher cipher) {
            if (cipher == AeadCipher.CHACHA20_POLY1305) {
                return DIRECT;
            }
            return GhashImplementation.CHOSEN == GhashImplementation.JDK_INTRINSIC ? DIRECT : JCE;
        }
    }

    private CipherEngines() {
    }

    /** {@link DataCipher#implementation()}. */
    static String describe(DataCipher cipher) {
        if (cipher instanceof CbcHmacCipher) {
            return "SunJCE AES-CBC and HMAC over MessageDigest, allocation-free";
        }
        AeadCipher aead = (AeadCipher) cipher;
        if (aead == AeadCipher.CHACHA20_POLY1305) {
            return "Corridor's ChaCha20-Poly1305, allocation-free";
        }
        if (AeadEngine.preferred(aead) == AeadEngine.DIRECT) {
            return "Corridor's AES-GCM with " + GhashImplementation.describeChoice() + ", allocation-free";
        }
        return "SunJCE AES-GCM, about 1 KB of garbage per packet (Corridor's AES-GCM would use "
                + GhashImplementation.describeChoice() + ")";
    }

    static PayloadEncryptor encryptor(DataCipher cipher, DirectionKeys keys, SecureRandom random) {
        return cipher instanceof AeadCipher aead
                ? encryptor(aead, keys, AeadEngine.preferred(aead))
                : new CbcHmacEncryptor((CbcHmacCipher) cipher, keys, random);
    }

    static PayloadDecryptor decryptor(DataCipher cipher, DirectionKeys keys) {
        return cipher instanceof AeadCipher aead
                ? decryptor(aead, keys, AeadEngine.preferred(aead))
                : new CbcHmacDecryptor((CbcHmacCipher) cipher, keys);
    }

    static PayloadEncryptor encryptor(AeadCipher cipher, DirectionKeys keys, AeadEngine engine) {
        return engine == AeadEngine.JCE ? new AeadEncryptor(cipher, keys) : new DirectAeadEncryptor(cipher, keys);
    }

    static PayloadDecryptor decryptor(AeadCipher cipher, DirectionKeys keys, AeadEngine engine) {
        return engine == AeadEngine.JCE ? new AeadDecryptor(cipher, keys) : new DirectAeadDecryptor(cipher, keys);
    }
}
