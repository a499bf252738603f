package dev.corridor.protocol.tls;

import static dev.corridor.protocol.tls.TestPki.CA;
import static dev.corridor.protocol.tls.TestPki.CLIENT_EC;
import static dev.corridor.protocol.tls.TestPki.CLIENT_RSA;
import static dev.corridor.protocol.tls.TestPki.CLOCK;
import static dev.corridor.protocol.tls.TestPki.RANDOM;
import static dev.corridor.protocol.tls.TestPki.shuttle;
import static dev.corridor.protocol.tls.TestPki.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.CertificateSpec;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.pki.KeyType;
import dev.corridor.pki.Pem;
import dev.corridor.profile.TlsSettings;
import dev.corridor.profile.VerifyX509Name;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;

/** Reading a profile's PEM blocks into a client configuration, and the failures on the way. */
class TlsClientConfigTest {
    private static final String CA_PEM = Pem.certificate(CA.caCertificate());
    private static final char[] NO_PASSPHRASE = new char[0];

    private static TlsSettings settings(Optional<String> cert, Optional<String> key, Optional<String> extra,
            Optional<String> crl, String min, Optional<String> max) {
        return new TlsSettings(CA_PEM, cert, key, false, extra, Optional.empty(), OptionalInt.empty(),
                Optional.empty(), true, Optional.of(new VerifyX509Name("vpn.corridor.test", VerifyX509Name.Type.NAME)),
                crl, min, max);
    }

    private static TlsSettings withKey(IssuedCertificate issued, String keyPem) {
        return settings(Optional.of(Pem.certificate(issued.certificate())), Optional.of(keyPem), Optional.empty(),
                Optional.empty(), "1.2", Optional.empty());
    }

    private static TlsFailure failureOf(TlsSettings settings, char[] passphrase) {
        TlsResult<TlsClientConfig> result = TlsClientConfig.fromProfile(settings, passphrase);
        assertThat(result).isInstanceOf(TlsResult.Failed.class);
        TlsEndpoint endpoint = TlsEndpoint.client(settings, passphrase, CLOCK, RANDOM);
        assertThat(endpoint.state()).isEqualTo(TlsEndpoint.State.FAILED);
        assertThat(endpoint.drainCiphertext()).isEmpty();
        endpoint.feedCiphertext(new byte[] {22, 3, 3, 0, 1, 0});
        assertThat(endpoint.failure()).isEqualTo(result.failureIfAny());
        return result.failureIfAny().orElseThrow();
    }

    /** Runs a mutual-auth handshake from profile settings against the default test server. */
    private static TlsEndpoint[] connect(TlsSettings settings, char[] passphrase) {
        TlsEndpoint client = TlsEndpoint.client(settings, passphrase, CLOCK, RANDOM);
        TlsEndpoint server = start(TestPki.server(TestPki.SERVER, ClientCertificatePolicy.REQUIRED,
                TlsVersionRange.DEFAULT));
        shuttle(client, server);
        assertThat(client.failure()).isEmpty();
        assertThat(server.failure()).isEmpty();
        return new TlsEndpoint[] {client, server};
    }

    @Test
    void readsCaCertificateKeyAndChecks() {
        TlsSettings settings = withKey(CLIENT_RSA, Pem.privateKey(CLIENT_RSA.privateKey()));
        TlsClientConfig config = TlsClientConfig.fromProfile(settings, NO_PASSPHRASE).asOptional().orElseThrow();
        assertThat(config.trustedCas()).containsExactly(CA.caCertificate());
        assertThat(config.credentials().orElseThrow().certificate()).isEqualTo(CLIENT_RSA.certificate());
        assertThat(config.remoteCertTlsServer()).isTrue();
        assertThat(config.verifyX509Name()).contains(new VerifyX509Name("vpn.corridor.test",
                VerifyX509Name.Type.NAME));
        assertThat(config.versions()).isEqualTo(TlsVersionRange.DEFAULT);
        assertThat(config.toString()).doesNotContain(CLIENT_RSA.privateKey().toString()).contains("[redacted]");
        TlsEndpoint[] ends = connect(settings, NO_PASSPHRASE);
        assertThat(ends[1].session().orElseThrow().peer().orElseThrow().commonName()).isEqualTo("alice");
    }

    @Test
    void profileWithoutClientCertificateConnectsWithoutOne() {
        TlsSettings settings = settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "1.2",
                Optional.empty());
        TlsEndpoint client = TlsEndpoint.client(settings, NO_PASSPHRASE, CLOCK, RANDOM);
        TlsEndpoint server = start(TestPki.server());
        shuttle(client, server);
        assertThat(client.handshakeComplete()).isTrue();
    }

    @Test
    void traditionalOpenSslKeyFormatsAreRead() throws Exception {
        // PKCS#1 "RSA PRIVATE KEY" and SEC1 "EC PRIVATE KEY", as older easy-rsa and openssl write them
        connect(withKey(CLIENT_RSA, traditional(CLIENT_RSA.privateKey(), null)), NO_PASSPHRASE);
        TlsSettings ec = withKey(CLIENT_EC, sec1(CLIENT_EC.privateKey()));
        assertThat(ec.key().orElseThrow()).contains("BEGIN EC PRIVATE KEY");
        connect(ec, NO_PASSPHRASE);
    }

    @Test
    void encryptedPkcs8KeyNeedsItsPassphrase() {
        String encrypted = Pem.encryptedPrivateKey(CLIENT_EC.privateKey(), "s3cret".toCharArray(), RANDOM);
        TlsSettings settings = withKey(CLIENT_EC, encrypted);
        TlsFailure missing = failureOf(settings, NO_PASSPHRASE);
        assertThat(missing.kind()).isEqualTo(TlsFailure.Kind.BAD_PASSPHRASE);
        assertThat(missing.message()).contains("encrypted and no passphrase");
        TlsFailure wrong = failureOf(settings, "guess".toCharArray());
        assertThat(wrong.kind()).isEqualTo(TlsFailure.Kind.BAD_PASSPHRASE);
        assertThat(wrong.message()).contains("passphrase does not decrypt");
        connect(settings, "s3cret".toCharArray());
    }

    @Test
    void legacyEncryptedPemKeyNeedsItsPassphrase() throws Exception {
        String encrypted = traditional(CLIENT_RSA.privateKey(), "old-school".toCharArray());
        assertThat(encrypted).contains("Proc-Type: 4,ENCRYPTED");
        TlsSettings settings = withKey(CLIENT_RSA, encrypted);
        assertThat(failureOf(settings, "nope".toCharArray()).kind()).isEqualTo(TlsFailure.Kind.BAD_PASSPHRASE);
        connect(settings, "old-school".toCharArray());
    }

    @Test
    void unreadableOrMismatchedCredentialsAreBadClientCredentials() {
        TlsFailure garbageKey = failureOf(withKey(CLIENT_RSA, "-----BEGIN PRIVATE KEY-----\nAAAA\n"
                + "-----END PRIVATE KEY-----\n"), NO_PASSPHRASE);
        assertThat(garbageKey.kind()).isEqualTo(TlsFailure.Kind.BAD_CLIENT_CREDENTIALS);

        TlsFailure noKeyBlock = failureOf(withKey(CLIENT_RSA, "just text"), NO_PASSPHRASE);
        assertThat(noKeyBlock.kind()).isEqualTo(TlsFailure.Kind.BAD_CLIENT_CREDENTIALS);
        assertThat(noKeyBlock.message()).contains("no PEM private key");

        TlsFailure mismatch = failureOf(withKey(CLIENT_RSA, Pem.privateKey(TestPki.SERVER.privateKey())),
                NO_PASSPHRASE);
        assertThat(mismatch.kind()).isEqualTo(TlsFailure.Kind.BAD_CLIENT_CREDENTIALS);
        assertThat(mismatch.message()).isEqualTo("the private key does not belong to the certificate \"CN=alice\"");

        TlsFailure ecKeyForRsaCert = failureOf(withKey(CLIENT_RSA, Pem.privateKey(CLIENT_EC.privateKey())),
                NO_PASSPHRASE);
        assertThat(ecKeyForRsaCert.kind()).isEqualTo(TlsFailure.Kind.BAD_CLIENT_CREDENTIALS);

        TlsFailure certOnly = failureOf(settings(Optional.of(Pem.certificate(CLIENT_RSA.certificate())),
                Optional.empty(), Optional.empty(), Optional.empty(), "1.2", Optional.empty()), NO_PASSPHRASE);
        assertThat(certOnly.kind()).isEqualTo(TlsFailure.Kind.BAD_CLIENT_CREDENTIALS);
        assertThat(certOnly.message()).contains("no private key");

        TlsFailure brokenCert = failureOf(settings(Optional.of("-----BEGIN CERTIFICATE-----\nAAAA\n"
                + "-----END CERTIFICATE-----\n"), Optional.of(Pem.privateKey(CLIENT_RSA.privateKey())),
                Optional.empty(), Optional.empty(), "1.2", Optional.empty()), NO_PASSPHRASE);
        assertThat(brokenCert.kind()).isEqualTo(TlsFailure.Kind.BAD_CLIENT_CREDENTIALS);
        assertThat(brokenCert.message()).startsWith("the client certificate (<cert>) cannot be read");
    }

    @Test
    void unusableCaCrlOrVersionsAreBadConfiguration() {
        TlsSettings badCa = new TlsSettings("not a certificate", Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), true, Optional.empty(),
                Optional.empty(), "1.2", Optional.empty());
        TlsFailure ca = failureOf(badCa, NO_PASSPHRASE);
        assertThat(ca.kind()).isEqualTo(TlsFailure.Kind.BAD_CONFIGURATION);
        assertThat(ca.message()).contains("the CA (<ca>) holds no PEM certificate");

        TlsFailure crl = failureOf(settings(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"), "1.2", Optional.empty()),
                NO_PASSPHRASE);
        assertThat(crl.kind()).isEqualTo(TlsFailure.Kind.BAD_CONFIGURATION);

        TlsFailure versions = failureOf(settings(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "1.3", Optional.of("1.2")), NO_PASSPHRASE);
        assertThat(versions.kind()).isEqualTo(TlsFailure.Kind.BAD_CONFIGURATION);
        assertThat(versions.message()).contains("lower than tls-version-min");
    }

    @Test
    void crlFromTheProfileIsApplied() {
        String crl = Pem.crl(CA.crl(List.of(new dev.corridor.pki.Revocation(
                TestPki.SERVER.certificate().getSerialNumber(), TestPki.NOW)), Duration.ofDays(7)));
        TlsSettings settings = settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(crl), "1.2",
                Optional.empty());
        TlsEndpoint client = TlsEndpoint.client(settings, NO_PASSPHRASE, CLOCK, RANDOM);
        shuttle(client, start(TestPki.server()));
        assertThat(client.failure()).map(TlsFailure::kind).contains(TlsFailure.Kind.REVOKED);
    }

    @Test
    void extraCertsCarryTheIntermediateToTheServer() {
        CertificateAuthority issuing = CA.issueIntermediate("CN=Corridor Client Issuing CA", KeyType.EC_P256,
                Duration.ofDays(365));
        IssuedCertificate carol = issuing.issue(CertificateSpec.client("carol").withKeyType(KeyType.EC_P256));
        TlsSettings settings = settings(Optional.of(Pem.certificate(carol.certificate())),
                Optional.of(Pem.privateKey(carol.privateKey())), Optional.of(Pem.certificate(issuing.caCertificate())),
                Optional.empty(), "1.2", Optional.empty());
        TlsEndpoint[] ends = connect(settings, NO_PASSPHRASE);
        PeerCertificate peer = ends[1].session().orElseThrow().peer().orElseThrow();
        assertThat(peer.commonName()).isEqualTo("carol");
        assertThat(peer.issuer()).isEqualTo("CN=Corridor Client Issuing CA");
    }

    /**
     * SEC1 "EC PRIVATE KEY" with the curve inside, as {@code openssl ecparam -genkey} writes it.
     * (BouncyCastle's PEM writer leaves the curve out for JDK keys, which OpenSSL cannot read either.)
     */
    private static String sec1(PrivateKey key) throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        ECPrivateKey withCurve = new ECPrivateKey(256, inner.getKey(), info.getPrivateKeyAlgorithm().getParameters());
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
        }
        return text.toString();
    }

    private static String traditional(PrivateKey key, char[] passphrase) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (passphrase == null) {
                writer.writeObject(key);
            } else {
                writer.writeObject(key, new JcePEMEncryptorBuilder("AES-128-CBC").setSecureRandom(RANDOM)
                        .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(passphrase));
            }
        }
        return text.toString();
    }
}
