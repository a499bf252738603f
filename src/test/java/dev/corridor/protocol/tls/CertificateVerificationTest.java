package dev.corridor.protocol.tls;

import static dev.corridor.protocol.tls.TestPki.CA;
import static dev.corridor.protocol.tls.TestPki.CLIENT_RSA;
import static dev.corridor.protocol.tls.TestPki.CLOCK;
import static dev.corridor.protocol.tls.TestPki.NOW;
import static dev.corridor.protocol.tls.TestPki.RANDOM;
import static dev.corridor.protocol.tls.TestPki.SERVER;
import static dev.corridor.protocol.tls.TestPki.credentials;
import static dev.corridor.protocol.tls.TestPki.shuttle;
import static dev.corridor.protocol.tls.TestPki.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.CertificateSpec;
import dev.corridor.pki.ExtendedKeyUsage;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.pki.KeyType;
import dev.corridor.pki.Revocation;
import dev.corridor.profile.VerifyX509Name;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Each way a certificate can be refused gives its own failure kind, on the side that refused it. */
class CertificateVerificationTest {
    private static final CertificateAuthority OTHER_CA = CertificateAuthority.create("CN=Somebody Else CA",
            KeyType.EC_P256, Duration.ofDays(3650), CLOCK, RANDOM);

    private static IssuedCertificate ecServer(CertificateSpec spec) {
        return CA.issue(spec.withKeyType(KeyType.EC_P256));
    }

    /** Runs a handshake of a client (default checks unless given) against a server presenting {@code chain}. */
    private static TlsEndpoint[] handshake(TlsClientConfig clientConfig, LocalCredentials serverCredentials) {
        TlsServerConfig serverConfig = new TlsServerConfig(serverCredentials, List.of(CA.caCertificate()), List.of(),
                ClientCertificatePolicy.NONE, false, TlsVersionRange.DEFAULT);
        TlsEndpoint client = start(clientConfig);
        TlsEndpoint server = start(serverConfig);
        shuttle(client, server);
        return new TlsEndpoint[] {client, server};
    }

    private static TlsFailure clientRefuses(TlsClientConfig config, LocalCredentials serverCredentials,
            TlsFailure.Kind kind, String alert) {
        TlsEndpoint[] ends = handshake(config, serverCredentials);
        TlsEndpoint client = ends[0];
        TlsEndpoint server = ends[1];
        assertThat(client.state()).isEqualTo(TlsEndpoint.State.FAILED);
        assertThat(client.handshakeComplete()).isFalse();
        assertThat(server.failure()).as("the server learns why from the alert").hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(TlsFailure.Kind.HANDSHAKE);
            assertThat(f.message()).contains("refused our certificate (" + alert + ")");
        });
        TlsFailure failure = client.failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(kind);
        return failure;
    }

    private static TlsClientConfig checking(List<X509CRL> crls) {
        return TestPki.clientChecking(List.of(CA.caCertificate()), crls, true, Optional.empty());
    }

    @Test
    void expiredServerCertificate() {
        IssuedCertificate expired = ecServer(CertificateSpec.server("old.corridor.test")
                .withValidity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1))));
        TlsFailure failure = clientRefuses(TestPki.client(), credentials(expired), TlsFailure.Kind.EXPIRED,
                "certificate_expired");
        assertThat(failure.message()).isEqualTo("the server certificate \"CN=old.corridor.test\" expired on "
                + NOW.minus(Duration.ofDays(1)));
    }

    @Test
    void notYetValidServerCertificate() {
        IssuedCertificate future = ecServer(CertificateSpec.server("new.corridor.test")
                .withValidity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(400))));
        TlsFailure failure = clientRefuses(TestPki.client(), credentials(future), TlsFailure.Kind.NOT_YET_VALID,
                "bad_certificate");
        assertThat(failure.message()).contains("is not valid before " + NOW.plus(Duration.ofDays(1)))
                .contains("clock");
    }

    @Test
    void expiredCaCertificate() {
        Clock longAgo = Clock.fixed(NOW.minus(Duration.ofDays(4000)), ZoneOffset.UTC);
        CertificateAuthority oldCa = CertificateAuthority.create("Old CA", longAgo, RANDOM);
        IssuedCertificate leaf = oldCa.issue(CertificateSpec.server("srv").withKeyType(KeyType.EC_P256)
                .withValidity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))));
        TlsClientConfig config = TestPki.clientChecking(List.of(oldCa.caCertificate()), List.of(), true,
                Optional.empty());
        TlsFailure failure = clientRefuses(config, credentials(leaf), TlsFailure.Kind.EXPIRED, "certificate_expired");
        assertThat(failure.message()).startsWith("the CA certificate \"CN=Old CA\" expired on");
    }

    @Test
    void serverCertificateFromAnotherCa() {
        IssuedCertificate stranger = OTHER_CA.issue(CertificateSpec.server("evil.test").withKeyType(KeyType.EC_P256));
        TlsFailure failure = clientRefuses(TestPki.client(), credentials(stranger), TlsFailure.Kind.UNTRUSTED,
                "unknown_ca");
        assertThat(failure.message()).contains("\"CN=evil.test\" was not issued by a trusted CA")
                .contains("CN=Somebody Else CA");
    }

    @Test
    void selfSignedServerCertificateIsUntrusted() {
        TlsFailure failure = clientRefuses(TestPki.client(), credentials(OTHER_CA.certificate()),
                TlsFailure.Kind.UNTRUSTED, "unknown_ca");
        assertThat(failure.message()).contains("not issued by a trusted CA");
    }

    @Test
    void revokedServerCertificate() {
        IssuedCertificate revoked = ecServer(CertificateSpec.server("revoked.corridor.test"));
        X509CRL crl = CA.crl(List.of(new Revocation(revoked.certificate().getSerialNumber(), NOW.minusSeconds(3600))),
                Duration.ofDays(7));
        TlsFailure failure = clientRefuses(checking(List.of(crl)), credentials(revoked), TlsFailure.Kind.REVOKED,
                "certificate_revoked");
        assertThat(failure.message()).contains("\"CN=revoked.corridor.test\" (serial "
                + revoked.certificate().getSerialNumber().toString(16) + ") is revoked");
    }

    @Test
    void currentCrlWithoutTheSerialLetsTheServerIn() {
        X509CRL crl = CA.crl(List.of(new Revocation(CLIENT_RSA.certificate().getSerialNumber(), NOW)),
                Duration.ofDays(7));
        TlsEndpoint[] ends = handshake(checking(List.of(crl)), credentials(SERVER));
        assertThat(ends[0].failure()).isEmpty();
        assertThat(ends[0].handshakeComplete()).isTrue();
    }

    @Test
    void expiredCrlRefusesEveryone() {
        X509CRL stale = CA.crl(List.of(), NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(3)));
        TlsFailure failure = clientRefuses(checking(List.of(stale)), credentials(SERVER),
                TlsFailure.Kind.REVOCATION_UNKNOWN, "certificate_unknown");
        assertThat(failure.message()).contains("the CRL of \"CN=Corridor Test CA\" expired on "
                + NOW.minus(Duration.ofDays(3)));
    }

    @Test
    void crlFromAnotherIssuerLeavesTheStatusUnknown() {
        X509CRL foreign = OTHER_CA.crl(List.of(), Duration.ofDays(7));
        TlsFailure failure = clientRefuses(checking(List.of(foreign)), credentials(SERVER),
                TlsFailure.Kind.REVOCATION_UNKNOWN, "certificate_unknown");
        assertThat(failure.message()).contains("no CRL signed by its issuer \"CN=Corridor Test CA\"")
                .contains("CN=Somebody Else CA");
    }

    @Test
    void missingServerAuthUsageWithRemoteCertTls() {
        IssuedCertificate clientOnly = ecServer(CertificateSpec.server("client-ish.corridor.test")
                .withExtendedKeyUsages(Set.of(ExtendedKeyUsage.CLIENT_AUTH)));
        TlsFailure failure = clientRefuses(TestPki.client(), credentials(clientOnly), TlsFailure.Kind.WRONG_USAGE,
                "unsupported_certificate");
        assertThat(failure.message()).contains("lacks the extended key usage \"TLS Web Server Authentication\""
                + " (1.3.6.1.5.5.7.3.1) that remote-cert-tls server requires");
    }

    @Test
    void missingKeyUsageExtensionWithRemoteCertTls() {
        IssuedCertificate noKeyUsage = ecServer(CertificateSpec.server("noku.corridor.test").withoutKeyUsage());
        TlsFailure failure = clientRefuses(TestPki.client(), credentials(noKeyUsage), TlsFailure.Kind.WRONG_USAGE,
                "unsupported_certificate");
        assertThat(failure.message()).contains("has no key usage extension, which remote-cert-tls server requires");
    }

    @Test
    void withoutRemoteCertTlsNeitherUsageIsRequired() {
        IssuedCertificate bare = ecServer(CertificateSpec.server("bare.corridor.test")
                .withExtendedKeyUsages(Set.of()).withoutKeyUsage());
        TlsClientConfig lenient = TestPki.clientChecking(List.of(CA.caCertificate()), List.of(), false,
                Optional.empty());
        TlsEndpoint[] ends = handshake(lenient, credentials(bare));
        assertThat(ends[0].failure()).isEmpty();
        assertThat(ends[0].handshakeComplete()).isTrue();
    }

    @ParameterizedTest(name = "{0} \"{1}\" matches: {2}")
    @CsvSource(delimiter = '|', value = {
        "SUBJECT     | C=US, O=Corridor, CN=vpn.corridor.test | true",
        "SUBJECT     | CN=vpn.corridor.test                   | false",
        "SUBJECT     | CN=vpn.corridor.test,O=Corridor,C=US   | false",
        "NAME        | vpn.corridor.test                      | true",
        "NAME        | vpn                                    | false",
        "NAME        | VPN.corridor.test                      | false",
        "NAME_PREFIX | vpn.                                   | true",
        "NAME_PREFIX | vpn.corridor.test                      | true",
        "NAME_PREFIX | www.                                   | false"})
    void verifyX509Name(VerifyX509Name.Type type, String name, boolean matches) {
        TlsClientConfig config = TestPki.clientChecking(List.of(CA.caCertificate()), List.of(), true,
                Optional.of(new VerifyX509Name(name, type)));
        if (matches) {
            TlsEndpoint[] ends = handshake(config, credentials(SERVER));
            assertThat(ends[0].failure()).isEmpty();
            assertThat(ends[0].handshakeComplete()).isTrue();
        } else {
            TlsFailure failure = clientRefuses(config, credentials(SERVER), TlsFailure.Kind.WRONG_NAME,
                    "bad_certificate");
            assertThat(failure.message()).contains("verify-x509-name").contains(name);
        }
    }

    @Test
    void certificateWithoutCommonNameIsRefusedAsOpenVpnDoes() {
        IssuedCertificate noCn = ecServer(CertificateSpec.server("x").withSubject("O=Corridor, OU=No Name"));
        TlsFailure failure = clientRefuses(TestPki.client(), credentials(noCn), TlsFailure.Kind.WRONG_NAME,
                "bad_certificate");
        assertThat(failure.message()).contains("has no common name (CN)");
    }

    @Test
    void serverChainThroughAnIntermediate() {
        CertificateAuthority issuing = CA.issueIntermediate("CN=Corridor Issuing CA", KeyType.EC_P256,
                Duration.ofDays(365));
        IssuedCertificate leaf = issuing.issue(CertificateSpec.server("chained.corridor.test")
                .withKeyType(KeyType.EC_P256));
        X509Certificate intermediate = issuing.caCertificate();

        TlsEndpoint[] withChain = handshake(TestPki.client(), credentials(leaf, intermediate));
        assertThat(withChain[0].failure()).isEmpty();
        assertThat(withChain[0].session().orElseThrow().peer().orElseThrow().issuer())
                .isEqualTo("CN=Corridor Issuing CA");

        clientRefuses(TestPki.client(), credentials(leaf), TlsFailure.Kind.UNTRUSTED, "unknown_ca");

        // CRL_CHECK_ALL: a CRL for the leaf alone leaves the intermediate's status unknown
        X509CRL leafCrl = issuing.crl(List.of(), Duration.ofDays(7));
        TlsFailure partial = clientRefuses(checking(List.of(leafCrl)), credentials(leaf, intermediate),
                TlsFailure.Kind.REVOCATION_UNKNOWN, "certificate_unknown");
        assertThat(partial.message()).contains("intermediate certificate \"CN=Corridor Issuing CA\"");
        X509CRL rootCrl = CA.crl(List.of(), Duration.ofDays(7));
        TlsEndpoint[] covered = handshake(checking(List.of(leafCrl, rootCrl)), credentials(leaf, intermediate));
        assertThat(covered[0].failure()).isEmpty();
        X509CRL revokesIntermediate = CA.crl(List.of(new Revocation(intermediate.getSerialNumber(), NOW)),
                Duration.ofDays(7));
        clientRefuses(checking(List.of(leafCrl, revokesIntermediate)), credentials(leaf, intermediate),
                TlsFailure.Kind.REVOKED, "certificate_revoked");
    }

    // --- the server judging client certificates ---

    private static TlsEndpoint[] mutual(Optional<LocalCredentials> clientCredentials, TlsVersionRange versions,
            List<X509Certificate> clientCas, List<X509CRL> crls, boolean remoteCertTlsClient) {
        TlsServerConfig serverConfig = new TlsServerConfig(credentials(SERVER), clientCas, crls,
                ClientCertificatePolicy.REQUIRED, remoteCertTlsClient, TlsVersionRange.DEFAULT);
        TlsEndpoint client = start(TestPki.client(clientCredentials, versions));
        TlsEndpoint server = start(serverConfig);
        shuttle(client, server);
        return new TlsEndpoint[] {client, server};
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void clientCertificateMissingWhenRequired(TlsVersion version) {
        TlsVersionRange only = new TlsVersionRange(version, version);
        TlsEndpoint[] ends = mutual(Optional.empty(), only, List.of(CA.caCertificate()), List.of(), false);
        assertThat(ends[1].failure()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(TlsFailure.Kind.MISSING_CERTIFICATE);
            assertThat(f.message()).isEqualTo("the client sent no certificate, but this server requires one");
        });
        assertThat(ends[1].handshakeComplete()).isFalse();
        assertThat(ends[0].failure()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(TlsFailure.Kind.HANDSHAKE);
            assertThat(f.message()).contains(version == TlsVersion.TLS_1_3 ? "certificate_required"
                    : "handshake_failure");
        });
    }

    @Test
    void clientCertificateOptionalAndAbsentIsFine() {
        TlsEndpoint client = start(TestPki.client());
        TlsEndpoint server = start(TestPki.server());
        shuttle(client, server);
        assertThat(server.failure()).isEmpty();
        assertThat(server.session().orElseThrow().peer()).isEmpty();
    }

    @Test
    void revokedClientCertificateOnTheServer() {
        IssuedCertificate revoked = CA.issue(CertificateSpec.client("mallory").withKeyType(KeyType.EC_P256));
        X509CRL crl = CA.crl(List.of(new Revocation(revoked.certificate().getSerialNumber(), NOW)), Duration.ofDays(7));
        TlsEndpoint[] ends = mutual(Optional.of(credentials(revoked)), TlsVersionRange.DEFAULT,
                List.of(CA.caCertificate()), List.of(crl), false);
        assertThat(ends[1].failure()).map(TlsFailure::kind).contains(TlsFailure.Kind.REVOKED);
        assertThat(ends[0].failure()).hasValueSatisfying(f ->
                assertThat(f.message()).contains("refused our certificate (certificate_revoked)"));
    }

    @Test
    void expiredCrlOnTheServerRefusesEveryClient() {
        X509CRL stale = CA.crl(List.of(), NOW.minus(Duration.ofDays(31)), NOW.minus(Duration.ofDays(1)));
        TlsEndpoint[] ends = mutual(Optional.of(credentials(CLIENT_RSA)), TlsVersionRange.DEFAULT,
                List.of(CA.caCertificate()), List.of(stale), false);
        assertThat(ends[1].failure()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(TlsFailure.Kind.REVOCATION_UNKNOWN);
            assertThat(f.message()).contains("expired on");
        });
    }

    @Test
    void clientCertificateFromAnotherCaOnTheServer() {
        IssuedCertificate stranger = OTHER_CA.issue(CertificateSpec.client("eve").withKeyType(KeyType.EC_P256));
        TlsEndpoint[] ends = mutual(Optional.of(credentials(stranger)), TlsVersionRange.DEFAULT,
                List.of(CA.caCertificate()), List.of(), false);
        assertThat(ends[1].failure()).map(TlsFailure::kind).contains(TlsFailure.Kind.UNTRUSTED);
        assertThat(ends[1].failure().orElseThrow().message()).startsWith("the client certificate \"CN=eve\"");
    }

    @Test
    void remoteCertTlsClientRequiresClientAuthUsage() {
        IssuedCertificate serverCertAsClient = ecServer(CertificateSpec.server("not-a-client"));
        TlsEndpoint[] ends = mutual(Optional.of(credentials(serverCertAsClient)), TlsVersionRange.DEFAULT,
                List.of(CA.caCertificate()), List.of(), true);
        assertThat(ends[1].failure()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(TlsFailure.Kind.WRONG_USAGE);
            assertThat(f.message()).contains("TLS Web Client Authentication").contains("remote-cert-tls client");
        });
        TlsEndpoint[] fine = mutual(Optional.of(credentials(CLIENT_RSA)), TlsVersionRange.DEFAULT,
                List.of(CA.caCertificate()), List.of(), true);
        assertThat(fine[1].failure()).isEmpty();
        assertThat(fine[1].session().orElseThrow().peer().orElseThrow().commonName()).isEqualTo("alice");
    }
}
