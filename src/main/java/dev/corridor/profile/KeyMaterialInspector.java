package dev.corridor.profile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Checks that the certificates, private key and CRL in a profile parse, and notices expired
 * certificates, encrypted keys and a key that does not belong to the certificate. Messages never
 * include the material itself.
 */
final class KeyMaterialInspector {
    private final Clock clock;

    KeyMaterialInspector(Clock clock) {
        this.clock = clock;
    }

    /** What was learned about a private key. */
    record KeyFacts(boolean encrypted, Optional<PrivateKey> key) {}

    /** Parses PEM certificates; reports and returns empty when there are none or they are damaged. */
    List<X509Certificate> certificates(String pem, String what, int line, DiagnosticSink sink) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            sink.error(Reason.BAD_CERTIFICATE, line, what + " holds no PEM certificate"
                    + " (expected a -----BEGIN CERTIFICATE----- block)");
            return List.of();
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Collection<? extends java.security.cert.Certificate> parsed =
                    factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            List<X509Certificate> certificates = new ArrayList<>();
            for (java.security.cert.Certificate c : parsed) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                sink.error(Reason.BAD_CERTIFICATE, line, what + " holds no readable certificate");
            }
            Instant now = clock.instant();
            for (X509Certificate certificate : certificates) {
                if (certificate.getNotAfter().toInstant().isBefore(now)) {
                    sink.warning(Reason.CERTIFICATE_EXPIRED, line, what + " certificate \""
                            + certificate.getSubjectX500Principal().getName() + "\" expired on "
                            + certificate.getNotAfter().toInstant() + "; connections will fail until it is replaced");
                } else if (certificate.getNotBefore().toInstant().isAfter(now)) {
                    sink.warning(Reason.CERTIFICATE_EXPIRED, line, what + " certificate \""
                            + certificate.getSubjectX500Principal().getName() + "\" is not valid before "
                            + certificate.getNotBefore().toInstant() + " (check this computer's clock)");
                }
            }
            return certificates;
        } catch (CertificateException | RuntimeException e) {
            sink.error(Reason.BAD_CERTIFICATE, line, what + " is not a valid PEM certificate: " + describe(e));
            return List.of();
        }
    }

    /** Parses a PEM private key of any common form (PKCS#1, SEC1, PKCS#8, encrypted). */
    Optional<KeyFacts> privateKey(String pem, int line, DiagnosticSink sink) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    sink.warning(Reason.ENCRYPTED_KEY, line,
                            "the private key is encrypted; Corridor will ask for its passphrase when connecting");
                    return Optional.of(new KeyFacts(true, Optional.empty()));
                }
                JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
                if (object instanceof PEMKeyPair pair) {
                    return Optional.of(new KeyFacts(false, Optional.of(converter.getPrivateKey(pair.getPrivateKeyInfo()))));
                }
                if (object instanceof PrivateKeyInfo info) {
                    return Optional.of(new KeyFacts(false, Optional.of(converter.getPrivateKey(info))));
                }
                // parameters such as "EC PARAMETERS" may precede the key: keep reading
            }
            sink.error(Reason.BAD_PRIVATE_KEY, line, "the key holds no PEM private key"
                    + " (expected a -----BEGIN ... PRIVATE KEY----- block)");
        } catch (IOException | RuntimeException e) {
            sink.error(Reason.BAD_PRIVATE_KEY, line, "the private key cannot be read: " + describe(e));
        }
        return Optional.empty();
    }

    /** Reports when an RSA key is not the private half of the certificate's public key. */
    void checkPair(X509Certificate certificate, PrivateKey key, int line, DiagnosticSink sink) {
        if (certificate.getPublicKey() instanceof RSAPublicKey publicKey && key instanceof RSAPrivateCrtKey privateKey) {
            BigInteger modulus = publicKey.getModulus();
            if (!modulus.equals(privateKey.getModulus())
                    || !publicKey.getPublicExponent().equals(privateKey.getPublicExponent())) {
                sink.error(Reason.KEY_CERT_MISMATCH, line,
                        "the private key does not belong to the client certificate");
            }
        } else if (!certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            sink.error(Reason.KEY_CERT_MISMATCH, line, "the private key is " + key.getAlgorithm()
                    + " but the client certificate holds an " + certificate.getPublicKey().getAlgorithm() + " key");
        }
    }

    /** Parses a PEM CRL. */
    boolean crl(String pem, int line, DiagnosticSink sink) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            if (factory.generateCRLs(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).isEmpty()) {
                sink.error(Reason.BAD_CERTIFICATE, line, "crl-verify holds no CRL (expected -----BEGIN X509 CRL-----)");
                return false;
            }
            return true;
        } catch (CertificateException | CRLException | RuntimeException e) {
            sink.error(Reason.BAD_CERTIFICATE, line, "crl-verify is not a valid PEM CRL: " + describe(e));
            return false;
        }
    }

    /** The exception's message, shortened, without anything that could echo input bytes at length. */
    private static String describe(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // Library messages chain exception names ("Unable to initialize, java.io.EOFException: ..."); keep the words.
        message = message.replaceAll("\\s+", " ").replaceAll("(?:[a-z]+\\.)+[A-Za-z]*(?:Exception|Error):?\\s*", "")
                .replace("Unable to initialize, ", "").replaceAll("^[,:;\\s]+", "").strip();
        if (message.isEmpty()) {
            return "the data is damaged";
        }
        return message.length() > 120 ? message.substring(0, 120) + "..." : message;
    }
}
