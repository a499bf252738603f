package dev.corridor.protocol.data;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import javax.crypto.Cipher;

/**
 * Obtains JCE ciphers from the JDK's own SunJCE provider (and message digests from
 * its SUN provider) when it is there, so the data channel keeps the AES-NI / CLMUL / SHA intrinsics
 * even if another provider (BouncyCastle) has been registered in front of it; falls back to normal
 * provider lookup otherwise.
 */
final class Jce {
    private static final Provider SUN_JCE = Security.getProvider("SunJCE");
    private static final Provider SUN = Security.getProvider("SUN");

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

    static MessageDigest digest(String algorithm) throws GeneralSecurityException {
        if (SUN != null) {
            try {
                return MessageDigest.getInstance(algorithm, SUN);
            } catch (GeneralSecurityException notThere) {
                // fall through to the general lookup
            }
        }
        return MessageDigest.getInstance(algorithm);
    }
}
