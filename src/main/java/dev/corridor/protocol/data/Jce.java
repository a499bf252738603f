package dev.corridor.protocol.data;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * Obtains JCE cipher and MAC instances from the JDK's own SunJCE provider when it is there, so the
 * data channel keeps the AES-NI / CLMUL intrinsics even if another provider (BouncyCastle) has been
 * registered in front of it; falls back to normal provider lookup otherwise.
 */
final class Jce {
    private static final Provider SUN_JCE = Security.getProvider("SunJCE");

    private Jce() {
    }

    static Cipher cipher(String transformation) throws GeneralSecurityException {
        if (SUN_JCE != null) {
            try {
                return Cipher.getInstance(transformation, SUN_JCE);
            } catch (GeneralSecurityException notThere) {
                // fall through to the general lookup
            }
        }
        return Cipher.getInstance(transformation);
    }

    static Mac mac(String algorithm) throws GeneralSecurityException {
        if (SUN_JCE != null) {
            try {
                return Mac.getInstance(algorithm, SUN_JCE);
            } catch (GeneralSecurityException notThere) {
                // fall through to the general lookup
            }
        }
        return Mac.getInstance(algorithm);
    }
}
