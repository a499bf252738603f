package dev.corridor.protocol.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.EncryptionException;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads the PEM text a profile stores ({@code <ca>}, {@code <cert>}, {@code <key>},
 * {@code <extra-certs>}, {@code <crl-verify>}) into certificates, a private key and CRLs. Works on
 * strings only; every problem comes back as a {@link TlsFailure}, never as an exception.
 *
 * <p>Private keys may be PKCS#8, PKCS#1 RSA, SEC1 EC, encrypted PKCS#8 (PBES2, as OpenSSL 3 and
 * easy-rsa write them) or legacy OpenSSL-encrypted PEM ({@code Proc-Type: 4,ENCRYPTED}).
 */
final class PemText {
    /**
     * A private provider instance for the password-based ciphers; never registered as a global provider.
     * Built on first use only: constructing it loads about a thousand classes, which cost a cold
     * {@code corridor connect} 0.3–0.5 s before its first packet even though most keys are not encrypted.
     */
    private static final class EncryptedKeyProvider {
        static final BouncyCastleProvider BC = new BouncyCastleProvider();

        private EncryptedKeyProvider() {}
    }

    private PemText() {}

    /**
     * All certificates in {@code pem}.
     *
     * @param what  names the block in messages, e.g. "the CA (<ca>)"
     * @param kind  the failure kind when they cannot be read
     */
    static TlsResult<List<X509Certificate>> certificates(String pem, String what, TlsFailure.Kind kind) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            return TlsResult.failed(kind, what + " holds no PEM certificate (no -----BEGIN CERTIFICATE----- line)");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : factory.generateCertificates(ascii(pem))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                return TlsResult.failed(kind, what + " holds no readable certificate");
            }
            return TlsResult.ok(List.copyOf(certificates));
        } catch (CertificateException | RuntimeException e) {
            return TlsResult.failed(kind, what + " cannot be read as a certificate: " + describe(e));
        }
    }

    /** The private key in {@code pem}; an empty passphrase means "none given". */
    static TlsResult<PrivateKey> privateKey(String pem, char[] passphrase) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PrivateKeyInfo info) {
                    return TlsResult.ok(converter.getPrivateKey(info));
                }
                if (object instanceof PEMKeyPair pair) {
                    return TlsResult.ok(converter.getPrivateKey(pair.getPrivateKeyInfo()));
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    if (passphrase.length == 0) {
                        return needPassphrase();
                    }
                    var decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(EncryptedKeyProvider.BC).build(passphrase);
                    return TlsResult.ok(converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(decryptor)));
                }
                if (object instanceof PEMEncryptedKeyPair encrypted) {
                    if (passphrase.length == 0) {
                        return needPassphrase();
                    }
                    var decryptor = new JcePEMDecryptorProviderBuilder().setProvider(EncryptedKeyProvider.BC).build(passphrase);
                    return TlsResult.ok(converter.getPrivateKey(encrypted.decryptKeyPair(decryptor).getPrivateKeyInfo()));
                }
                // "EC PARAMETERS" or a certificate may come first: keep reading
            }
            return TlsResult.failed(TlsFailure.Kind.BAD_CLIENT_CREDENTIALS,
                    "the private key (<key>) holds no PEM private key (no -----BEGIN ... PRIVATE KEY----- line)");
        } catch (PKCSException | EncryptionException | OperatorCreationException e) {
            return TlsResult.failed(TlsFailure.Kind.BAD_PASSPHRASE,
                    "the passphrase does not decrypt the private key (<key>)");
        } catch (IOException | RuntimeException e) {
            return TlsResult.failed(TlsFailure.Kind.BAD_CLIENT_CREDENTIALS,
                    "the private key (<key>) cannot be read: " + describe(e));
        }
    }

    /** All CRLs in {@code pem}. */
    static TlsResult<List<X509CRL>> crls(String pem) {
        if (!pem.contains("-----BEGIN X509 CRL-----")) {
            return TlsResult.failed(TlsFailure.Kind.BAD_CONFIGURATION,
                    "the CRL (<crl-verify>) holds no PEM CRL (no -----BEGIN X509 CRL----- line)");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509CRL> crls = new ArrayList<>();
            for (var crl : factory.generateCRLs(ascii(pem))) {
                crls.add((X509CRL) crl);
            }
            if (crls.isEmpty()) {
                return TlsResult.failed(TlsFailure.Kind.BAD_CONFIGURATION, "the CRL (<crl-verify>) holds no readable CRL");
            }
            return TlsResult.ok(List.copyOf(crls));
        } catch (CertificateException | CRLException | RuntimeException e) {
            return TlsResult.failed(TlsFailure.Kind.BAD_CONFIGURATION,
                    "the CRL (<crl-verify>) cannot be read: " + describe(e));
        }
    }

    private static <T> TlsResult<T> needPassphrase() {
        return TlsResult.failed(TlsFailure.Kind.BAD_PASSPHRASE,
                "the private key (<key>) is encrypted and no passphrase was given");
    }

    private static ByteArrayInputStream ascii(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** The library's message in one short line; it names the problem, never the key bytes. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > 160 ? message.substring(0, 160) + "..." : message;
    }
}
