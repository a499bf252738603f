package dev.corridor.protocol.data;

import java.security.SecureRandom;

/** Builds the per-direction encryptor or decryptor that implements a {@link DataCipher}. */
final class CipherEngines {
    private CipherEngines() {
    }

    static PayloadEncryptor encryptor(DataCipher cipher, DirectionKeys keys, SecureRandom random) {
        if (cipher instanceof AeadCipher aead) {
            return new AeadEncryptor(aead, keys);
        }
        return new CbcHmacEncryptor((CbcHmacCipher) cipher, keys, random);
    }

    static PayloadDecryptor decryptor(DataCipher cipher, DirectionKeys keys) {
        if (cipher instanceof AeadCipher aead) {
            return new AeadDecryptor(aead, keys);
        }
        return new CbcHmacDecryptor((CbcHmacCipher) cipher, keys);
    }
}
