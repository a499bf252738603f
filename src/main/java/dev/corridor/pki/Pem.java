package dev.corridor.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
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
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Converts certificates, private keys and CRLs to PEM text and back. Keys are written as PKCS#8
 * ({@code BEGIN PRIVATE KEY}), or encrypted PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE KEY},
 * PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC) when a passphrase is given. Reading accepts what
 * OpenSSL and easy-rsa write: PKCS#8, PKCS#1 RSA, SEC1 EC, and both encrypted forms.
 */
public final class Pem {
    /** A private provider instance for the PBE ciphers; it is never registered globally. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final int PBKDF2_ITERATIONS = 100_000;

    private Pem() {}

    /** One certificate as a {@code BEGIN CERTIFICATE} block. */
    public static String certificate(X509Certificate certificate) {
        return write(certificate);
    }

    /** Several certificates, one block after the other (a chain or a CA bundle). */
    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            out.append(write(certificate));
        }
        return out.toString();
    }

    /** An unencrypted PKCS#8 private key. */
    public static String privateKey(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (PemGenerationException e) {
            throw new IllegalStateException("cannot encode the private key", e);
        }
    }

    /** An encrypted PKCS#8 private key; the caller may wipe {@code passphrase} afterwards. */
    public static String encryptedPrivateKey(PrivateKey key, char[] passphrase, SecureRandom random) {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(PBKDF2_ITERATIONS)
                    .setRandom(random)
                    .setProvider(BC)
                    .setPassword(passphrase)
                    .build();
            return write(new JcaPKCS8Generator(key, encryptor).generate());
        } catch (OperatorCreationException | PemGenerationException e) {
            throw new IllegalStateException("cannot encrypt the private key", e);
        }
    }

    /** A CRL as a {@code BEGIN X509 CRL} block. */
    public static String crl(X509CRL crl) {
        return write(crl);
    }

    /** All certificates in {@code pem}, in order. */
    public static List<X509Certificate> readCertificates(String pem) throws PemException {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new PemException("no -----BEGIN CERTIFICATE----- block found");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : factory.generateCertificates(ascii(pem))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new PemException("no readable certificate found");
            }
            return List.copyOf(certificates);
        } catch (CertificateException | RuntimeException e) {
            throw new PemException("the certificate cannot be read: " + e.getMessage(), e);
        }
    }

    /** The first certificate in {@code pem}. */
    public static X509Certificate readCertificate(String pem) throws PemException {
        return readCertificates(pem).get(0);
    }

    /** An unencrypted private key in any of the accepted forms. */
    public static PrivateKey readPrivateKey(String pem) throws PemException {
        return readPrivateKey(pem, new char[0]);
    }

    /**
     * A private key, decrypting it with {@code passphrase} when it is encrypted; an empty
     * passphrase means "none".
     */
    public static PrivateKey readPrivateKey(String pem, char[] passphrase) throws PemException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    requirePassphrase(passphrase);
                    var decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(passphrase);
                    return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(decryptor));
                }
                if (object instanceof PEMEncryptedKeyPair encrypted) {
                    requirePassphrase(passphrase);
                    var decryptor = new JcePEMDecryptorProviderBuilder().setProvider(BC).build(passphrase);
                    return converter.getPrivateKey(encrypted.decryptKeyPair(decryptor).getPrivateKeyInfo());
                }
                // other blocks (EC PARAMETERS, certificates) may come first: keep reading
            }
        } catch (PKCSException | OperatorCreationException | EncryptionException e) {
            throw new PemException("the passphrase does not decrypt the private key", e);
        } catch (IOException | RuntimeException e) {
            throw new PemException("the private key cannot be read: " + e.getMessage(), e);
        }
        throw new PemException("no -----BEGIN ... PRIVATE KEY----- block found");
    }

    /** The first CRL in {@code pem}. */
    public static X509CRL readCrl(String pem) throws PemException {
        if (!pem.contains("-----BEGIN X509 CRL-----")) {
            throw new PemException("no -----BEGIN X509 CRL----- block found");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            var crls = factory.generateCRLs(ascii(pem));
            if (crls.isEmpty()) {
                throw new PemException("no readable CRL found");
            }
            return (X509CRL) crls.iterator().next();
        } catch (CertificateException | CRLException | RuntimeException e) {
            throw new PemException("the CRL cannot be read: " + e.getMessage(), e);
        }
    }

    private static void requirePassphrase(char[] passphrase) throws PemException {
        if (passphrase.length == 0) {
            throw new PemException("the private key is encrypted and no passphrase was given");
        }
    }

    private static ByteArrayInputStream ascii(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static String write(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return text.toString();
    }
}
