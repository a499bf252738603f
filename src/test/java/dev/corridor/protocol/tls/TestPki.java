package dev.corridor.protocol.tls;

import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.CertificateSpec;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.pki.KeyType;
import dev.corridor.profile.VerifyX509Name;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Certificates for the TLS tests, made once with {@link dev.corridor.pki} under a fixed clock. */
final class TestPki {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final SecureRandom RANDOM = new SecureRandom();

    static final CertificateAuthority CA = CertificateAuthority.create("Corridor Test CA", CLOCK, RANDOM);
    static final IssuedCertificate SERVER = CA.issue(CertificateSpec.server("vpn.corridor.test")
            .withSubject("C=US, O=Corridor, CN=vpn.corridor.test"));
    static final IssuedCertificate SERVER_EC = CA.issue(CertificateSpec.server("ec.corridor.test")
            .withKeyType(KeyType.EC_P256));
    static final IssuedCertificate CLIENT_RSA = CA.issueClient("alice");
    static final IssuedCertificate CLIENT_EC = CA.issue(CertificateSpec.client("bob").withKeyType(KeyType.EC_P256));

    private TestPki() {}

    static LocalCredentials credentials(IssuedCertificate issued, X509Certificate... intermediates) {
        List<X509Certificate> chain = new java.util.ArrayList<>();
        chain.add(issued.certificate());
        chain.addAll(List.of(intermediates));
        return new LocalCredentials(chain, issued.privateKey());
    }

    /** A client trusting {@link #CA}, with {@code remote-cert-tls server}, no client certificate. */
    static TlsClientConfig client() {
        return client(Optional.empty(), TlsVersionRange.DEFAULT);
    }

    static TlsClientConfig client(Optional<LocalCredentials> credentials, TlsVersionRange versions) {
        return new TlsClientConfig(List.of(CA.caCertificate()), List.of(), credentials, true, Optional.empty(),
                versions);
    }

    static TlsClientConfig clientChecking(List<X509Certificate> cas, List<X509CRL> crls, boolean remoteCertTls,
            Optional<VerifyX509Name> name) {
        return new TlsClientConfig(cas, crls, Optional.empty(), remoteCertTls, name, TlsVersionRange.DEFAULT);
    }

    /** A server with {@link #SERVER} that asks for, but does not insist on, a client certificate. */
    static TlsServerConfig server() {
        return server(SERVER, ClientCertificatePolicy.OPTIONAL, TlsVersionRange.DEFAULT);
    }

    static TlsServerConfig server(IssuedCertificate certificate, ClientCertificatePolicy policy,
            TlsVersionRange versions) {
        return new TlsServerConfig(credentials(certificate), List.of(CA.caCertificate()), List.of(), policy, false,
                versions);
    }

    static TlsEndpoint start(TlsClientConfig config) {
        return TlsEndpoint.client(config, CLOCK, RANDOM);
    }

    static TlsEndpoint start(TlsServerConfig config) {
        return TlsEndpoint.server(config, CLOCK, RANDOM);
    }

    /**
     * Moves bytes between two endpoints until neither has anything to send, the way the reliable
     * layer would (in order, nothing lost). Returns the number of flights.
     */
    static int shuttle(TlsEndpoint a, TlsEndpoint b) {
        int flights = 0;
        boolean moved = true;
        while (moved && flights < 50) {
            moved = false;
            byte[] fromA = a.drainCiphertext();
            if (fromA.length > 0) {
                b.feedCiphertext(fromA);
                moved = true;
                flights++;
            }
            byte[] fromB = b.drainCiphertext();
            if (fromB.length > 0) {
                a.feedCiphertext(fromB);
                moved = true;
                flights++;
            }
        }
        return flights;
    }
}
