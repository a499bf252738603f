package dev.corridor.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** The kind of key pair a certificate or CA gets, and the signature algorithm it signs with. */
public enum KeyType {
    RSA_2048("RSA", 2048, null, "SHA256withRSA"),
    RSA_3072("RSA", 3072, null, "SHA256withRSA"),
    RSA_4096("RSA", 4096, null, "SHA256withRSA"),
    EC_P256("EC", 256, "secp256r1", "SHA256withECDSA"),
    EC_P384("EC", 384, "secp384r1", "SHA384withECDSA");

    private final String algorithm;
    private final int bits;
    private final String curve;
    private final String signatureAlgorithm;

    KeyType(String algorithm, int bits, String curve, String signatureAlgorithm) {
        this.algorithm = algorithm;
        this.bits = bits;
        this.curve = curve;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** A fresh key pair of this type. */
    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve), random);
            } else {
                generator.initialize(bits, random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make " + this + " keys", e);
        }
    }

    /** The JCA name of the signature a key of this type makes on certificates and CRLs. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** True for RSA keys (they also get the keyEncipherment key usage). */
    public boolean isRsa() {
        return "RSA".equals(algorithm);
    }

    /** The JCA signature algorithm for a private key of the given JCA algorithm name ("RSA" or "EC"). */
    static String signatureAlgorithmFor(String keyAlgorithm, int bits) {
        if ("RSA".equals(keyAlgorithm)) {
            return "SHA256withRSA";
        }
        if ("EC".equals(keyAlgorithm)) {
            return bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        throw new IllegalArgumentException("unsupported key algorithm " + keyAlgorithm);
    }
}
