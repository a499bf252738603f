package dev.corridor.protocol.tls;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAMultiPrimePrivateCrtKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Decides whether a private key belongs to a certificate's public key, so that a mismatched
 * {@code <cert>}/{@code <key>} pair is refused with a clear message before any handshake.
 *
 * <pre>
 *   RSA key with CRT parameters (PKCS#1 / PKCS#8, what every tool writes):
 *     same modulus n and public exponent e as the certificate       (what OpenSSL's
 *     p·q = n, e·dP ≡ 1 mod p−1, e·dQ ≡ 1 mod q−1, q·qInv ≡ 1 mod p   X509_check_private_key
 *     e·d ≡ 1 mod p−1 and mod q−1                                     compares, plus the key's
 *                                                                     own consistency)
 *     a few multiplications, no private-key operation
 *   anything else (EC, RSA without CRT parameters, multi-prime RSA):
 *     a test message signed with the key must verify with the certificate's key
 * </pre>
 *
 * The RSA arithmetic proves what the test signature did: with n matching and p·q = n, p and q are
 * n's prime factors, and the exponent relations make every CRT signature verify under (n, e). It
 * costs microseconds where the test signature cost an RSA private-key operation on every connect.
 */
final class KeyPairCheck {
    private static final byte[] PROBE = "corridor: does this key belong to this certificate?"
            .getBytes(StandardCharsets.US_ASCII);

    private KeyPairCheck() {}

    /** True when {@code key} is the private half of {@code publicKey}. */
    static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        if (key instanceof RSAPrivateCrtKey crt && publicKey instanceof RSAPublicKey rsa
                && crt.getPublicExponent() != null && crt.getPublicExponent().signum() > 0
                && !(key instanceof RSAMultiPrimePrivateCrtKey multi && multi.getOtherPrimeInfo() != null)) {
            return rsaMatches(crt, rsa);
        }
        return signatureVerifies(key, publicKey);
    }

    private static boolean rsaMatches(RSAPrivateCrtKey key, RSAPublicKey certificateKey) {
        try {
            BigInteger n = key.getModulus();
            BigInteger e = key.getPublicExponent();
            BigInteger p = key.getPrimeP();
            BigInteger q = key.getPrimeQ();
            if (!n.equals(certificateKey.getModulus()) || !e.equals(certificateKey.getPublicExponent())
                    || p.compareTo(BigInteger.ONE) <= 0 || q.compareTo(BigInteger.ONE) <= 0
                    || !p.multiply(q).equals(n)) {
                return false;
            }
            BigInteger p1 = p.subtract(BigInteger.ONE);
            BigInteger q1 = q.subtract(BigInteger.ONE);
            BigInteger ed = e.multiply(key.getPrivateExponent());
            // e·d ≡ 1 mod lcm(p−1, q−1) is e·d ≡ 1 mod p−1 and mod q−1 (no gcd needed)
            return isOne(e.multiply(key.getPrimeExponentP()).mod(p1))
                    && isOne(e.multiply(key.getPrimeExponentQ()).mod(q1))
                    && isOne(q.multiply(key.getCrtCoefficient()).mod(p)) && isOne(ed.mod(p1)) && isOne(ed.mod(q1));
        } catch (RuntimeException e) {
            return false; // a parameter missing (null) or not positive: not a usable key
        }
    }

    private static boolean isOne(BigInteger value) {
        return value.equals(BigInteger.ONE);
    }

    private static boolean signatureVerifies(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null || !(key.getAlgorithm().equals(publicKey.getAlgorithm())
                || key instanceof ECKey && publicKey instanceof ECKey)) {
            return false;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
