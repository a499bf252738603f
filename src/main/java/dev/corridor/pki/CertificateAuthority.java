package dev.corridor.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority: its own certificate and key, a clock for validity windows and a source
 * of randomness for keys and serial numbers. It issues server and client certificates and signs
 * CRLs; every method returns a value and keeps no record of what it issued or revoked.
 *
 * <pre>
 *   CA (keyCertSign, cRLSign, CA:TRUE)
 *    ├── server cert: CA:FALSE, KU digitalSignature[+keyEncipherment for RSA], EKU serverAuth, SAN DNS
 *    ├── client cert: CA:FALSE, KU digitalSignature[+keyEncipherment for RSA], EKU clientAuth
 *    ├── intermediate CA (optional, same shape as the CA)
 *    └── CRL: thisUpdate = now, nextUpdate = now + validity, CRL number = thisUpdate in epoch seconds
 * </pre>
 *
 * Serial numbers are 127 random bits plus one, so they are positive, at most 16 bytes long and
 * unique for all practical purposes.
 */
public final class CertificateAuthority {
    /** How long a new CA is valid unless told otherwise (easy-rsa's default, ten years). */
    public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);

    private final IssuedCertificate self;
    private final Clock clock;
    private final SecureRandom random;

    private CertificateAuthority(IssuedCertificate self, Clock clock, SecureRandom random) {
        this.self = self;
        this.clock = clock;
        this.random = random;
    }

    /** A new self-signed CA named {@code CN=commonName}: RSA-2048, SHA256withRSA, ten years from now. */
    public static CertificateAuthority create(String commonName, Clock clock, SecureRandom random) {
        return create("CN=" + CertificateSpec.escape(commonName), KeyType.RSA_2048, DEFAULT_CA_VALIDITY, clock, random);
    }

    /** A new self-signed CA with the given subject (certificate order), key type and validity from now. */
    public static CertificateAuthority create(String subject, KeyType keyType, Duration validity, Clock clock,
            SecureRandom random) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        KeyPair pair = keyType.generate(random);
        Instant now = now(clock);
        X500Name name = new X500Name(subject);
        X509Certificate certificate = build(name, pair.getPrivate(), keyType.signatureAlgorithm(), null, name,
                pair.getPublic(), now, now.plus(validity), random, CaExtensions.CA);
        return new CertificateAuthority(new IssuedCertificate(certificate, pair.getPrivate()), clock, random);
    }

    /**
     * A CA from a certificate and key saved earlier (for example by {@code corridor server init}).
     *
     * @throws IllegalArgumentException when the certificate is not a CA certificate or the key does
     *                                  not belong to it
     */
    public static CertificateAuthority of(IssuedCertificate existing, Clock clock, SecureRandom random) {
        X509Certificate certificate = existing.certificate();
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("the certificate \"" + certificate.getSubjectX500Principal().getName()
                    + "\" is not a CA certificate (basicConstraints CA:FALSE or missing)");
        }
        if (!keyBelongsTo(existing.privateKey(), certificate.getPublicKey())) {
            throw new IllegalArgumentException("the private key does not belong to the CA certificate");
        }
        return new CertificateAuthority(existing, Objects.requireNonNull(clock), Objects.requireNonNull(random));
    }

    /** The CA's own certificate and key. */
    public IssuedCertificate certificate() {
        return self;
    }

    /** The CA's own certificate, the one clients put into {@code <ca>}. */
    public X509Certificate caCertificate() {
        return self.certificate();
    }

    /** A server certificate for {@code commonName} with the defaults of {@link CertificateSpec#server}. */
    public IssuedCertificate issueServer(String commonName) {
        return issue(CertificateSpec.server(commonName));
    }

    /** A client certificate for {@code commonName} with the defaults of {@link CertificateSpec#client}. */
    public IssuedCertificate issueClient(String commonName) {
        return issue(CertificateSpec.client(commonName));
    }

    /** An end-entity certificate as described by {@code spec}, with a fresh key pair. */
    public IssuedCertificate issue(CertificateSpec spec) {
        KeyPair pair = spec.keyType().generate(random);
        Instant now = now(clock);
        Instant notBefore = spec.notBefore().orElse(now);
        Instant notAfter = spec.notAfter().orElse(now.plus(spec.validFor()));
        X509Certificate certificate = build(issuerName(), self.privateKey(), signatureAlgorithm(), caCertificate(),
                new X500Name(spec.subject()), pair.getPublic(), notBefore, notAfter, random,
                new LeafExtensions(spec));
        return new IssuedCertificate(certificate, pair.getPrivate());
    }

    /** An intermediate CA signed by this one, valid for {@code validity} from now. */
    public CertificateAuthority issueIntermediate(String subject, KeyType keyType, Duration validity) {
        KeyPair pair = keyType.generate(random);
        Instant now = now(clock);
        X509Certificate certificate = build(issuerName(), self.privateKey(), signatureAlgorithm(), caCertificate(),
                new X500Name(subject), pair.getPublic(), now, now.plus(validity), random, CaExtensions.CA);
        return new CertificateAuthority(new IssuedCertificate(certificate, pair.getPrivate()), clock, random);
    }

    /** A CRL listing {@code revoked}, issued now and due for renewal after {@code validFor}. */
    public X509CRL crl(Collection<Revocation> revoked, Duration validFor) {
        Instant now = now(clock);
        return crl(revoked, now, now.plus(validFor));
    }

    /**
     * A CRL with an explicit update window; tests use a window in the past to make an expired CRL.
     * The CRL number is {@code thisUpdate} in seconds since the epoch, so later CRLs have higher numbers.
     */
    public X509CRL crl(Collection<Revocation> revoked, Instant thisUpdate, Instant nextUpdate) {
        if (!nextUpdate.isAfter(thisUpdate)) {
            throw new IllegalArgumentException("nextUpdate must be later than thisUpdate");
        }
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerName(), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (Revocation revocation : revoked) {
                builder.addCRLEntry(revocation.serial(), Date.from(revocation.revokedAt()), null);
            }
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(caCertificate()));
            builder.addExtension(Extension.cRLNumber, false,
                    new CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond())));
            X509CRLHolder holder = builder.build(signer(self.privateKey(), signatureAlgorithm(), random));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign the CRL", e);
        }
    }

    private X500Name issuerName() {
        return X500Name.getInstance(caCertificate().getSubjectX500Principal().getEncoded());
    }

    private String signatureAlgorithm() {
        PrivateKey key = self.privateKey();
        int bits = key instanceof ECKey ec ? ec.getParams().getCurve().getField().getFieldSize() : 0;
        return KeyType.signatureAlgorithmFor(key.getAlgorithm(), bits);
    }

    /** Which extensions a new certificate gets. */
    private interface ExtensionPlan {
        void addTo(X509v3CertificateBuilder builder, PublicKey subjectKey, X509Certificate issuer) throws
                CertIOException, GeneralSecurityException;
    }

    /** Extensions of a CA certificate: CA:TRUE, keyCertSign and cRLSign, key identifiers. */
    private enum CaExtensions implements ExtensionPlan {
        CA;

        @Override
        public void addTo(X509v3CertificateBuilder builder, PublicKey subjectKey, X509Certificate issuer)
                throws CertIOException, GeneralSecurityException {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            if (issuer != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuer));
            }
        }
    }

    /** Extensions of a server or client certificate, as the spec asks. */
    private record LeafExtensions(CertificateSpec spec) implements ExtensionPlan {
        @Override
        public void addTo(X509v3CertificateBuilder builder, PublicKey subjectKey, X509Certificate issuer)
                throws CertIOException, GeneralSecurityException {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
            if (spec.keyUsage()) {
                int bits = KeyUsage.digitalSignature | (spec.keyType().isRsa() ? KeyUsage.keyEncipherment : 0);
                builder.addExtension(Extension.keyUsage, false, new KeyUsage(bits));
            }
            if (!spec.extendedKeyUsages().isEmpty()) {
                List<KeyPurposeId> purposes = new ArrayList<>();
                for (ExtendedKeyUsage usage : ExtendedKeyUsage.values()) {
                    if (spec.extendedKeyUsages().contains(usage)) {
                        purposes.add(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(usage.oid())));
                    }
                }
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new org.bouncycastle.asn1.x509.ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            }
            if (!spec.dnsNames().isEmpty()) {
                GeneralName[] names = spec.dnsNames().stream()
                        .map(name -> new GeneralName(GeneralName.dNSName, name)).toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
        }
    }

    private static X509Certificate build(X500Name issuer, PrivateKey issuerKey, String signatureAlgorithm,
            X509Certificate issuerCertificate, X500Name subject, PublicKey subjectKey, Instant notBefore,
            Instant notAfter, SecureRandom random, ExtensionPlan extensions) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(random),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
            extensions.addTo(builder, subjectKey, issuerCertificate);
            X509CertificateHolder holder = builder.build(signer(issuerKey, signatureAlgorithm, random));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }

    private static ContentSigner signer(PrivateKey key, String algorithm, SecureRandom random)
            throws GeneralSecurityException {
        try {
            return new JcaContentSignerBuilder(algorithm).setSecureRandom(random).build(key);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("no " + algorithm + " signer for this key", e);
        }
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    /** X.509 times have whole seconds; cutting here keeps "valid from now" true at this very instant. */
    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** True when {@code key} makes signatures that {@code publicKey} verifies. */
    static boolean keyBelongsTo(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            int bits = publicKey instanceof ECKey ec ? ec.getParams().getCurve().getField().getFieldSize() : 0;
            String algorithm = KeyType.signatureAlgorithmFor(publicKey.getAlgorithm(), bits);
            byte[] probe = "corridor key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
