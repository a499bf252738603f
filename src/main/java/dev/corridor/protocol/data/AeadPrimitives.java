package dev.corridor.protocol.data;

import java.util.Arrays;

/** Builds the {@link AeadPrimitive} of an {@link AeadCipher} from one direction's keys. */
final class AeadPrimitives {
    private AeadPrimitives() {
    }

    /**
     * @param nonce receives the implicit IV in bytes 4..11 (the caller writes the packet id in 0..3)
     */
    static AeadPrimitive create(AeadCipher algorithm, DirectionKeys keys, byte[] nonce) {
        byte[] key = keys.cipherKey(algorithm.keyLength());
        byte[] implicitIv = keys.hmacKey(AeadCipher.IMPLICIT_IV_LENGTH);
        try {
            System.arraycopy(implicitIv, 0, nonce, AeadCipher.PACKET_ID_LENGTH, AeadCipher.IMPLICIT_IV_LENGTH);
            return algorithm == AeadCipher.CHACHA20_POLY1305 ? new ChaCha20Poly1305(key) : new AesGcm(key);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(implicitIv, (byte) 0);
        }
    }
}
