package dev.corridor.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PEM text round trips for certificates, keys (plain and encrypted) and CRLs. */
class PemTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static CertificateAuthority ca;
    private static IssuedCertificate rsa;
    private static IssuedCertificate ec;

    @BeforeAll
    static void issue() {
        ca = CertificateAuthority.create("PEM CA", Clock.fixed(NOW, ZoneOffset.UTC), RANDOM);
        rsa = ca.issueServer("rsa.example.test");
        ec = ca.issue(CertificateSpec.client("ec").withKeyType(KeyType.EC_P384));
    }

    @Test
    void certificatesRoundTrip() throws Exception {
        String pem = Pem.certificate(rsa.certificate());
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----").contains("-----END CERTIFICATE-----");
        assertThat(Pem.readCertificate(pem)).isEqualTo(rsa.certificate());
        String bundle = Pem.certificates(List.of(rsa.certificate(), ca.caCertificate()));
        assertThat(Pem.readCertificates(bundle)).containsExactly(rsa.certificate(), ca.caCertificate());
    }

    @Test
    void privateKeysRoundTripAsPkcs8() throws Exception {
        for (IssuedCertificate issued : List.of(rsa, ec)) {
            String pem = Pem.privateKey(issued.privateKey());
            assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
            PrivateKey back = Pem.readPrivateKey(pem);
            assertThat(back.getEncoded()).isEqualTo(issued.privateKey().getEncoded());
        }
    }

    @Test
    void encryptedKeyNeedsTheRightPassphrase() throws Exception {
        String pem = Pem.encryptedPrivateKey(ec.privateKey(), "correct horse".toCharArray(), RANDOM);
        assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(Pem.readPrivateKey(pem, "correct horse".toCharArray()).getEncoded())
                .isEqualTo(ec.privateKey().getEncoded());
        assertThatThrownBy(() -> Pem.readPrivateKey(pem, "wrong".toCharArray()))
                .isInstanceOf(PemException.class).hasMessageContaining("passphrase does not decrypt");
        assertThatThrownBy(() -> Pem.readPrivateKey(pem)).isInstanceOf(PemException.class)
                .hasMessageContaining("no passphrase");
    }

    @Test
    void crlRoundTrips() throws Exception {
        X509CRL crl = ca.crl(List.of(new Revocation(rsa.certificate().getSerialNumber(), NOW)), Duration.ofDays(30));
        String pem = Pem.crl(crl);
        assertThat(pem).startsWith("-----BEGIN X509 CRL-----");
        X509CRL back = Pem.readCrl(pem);
        assertThat(back).isEqualTo(crl);
        assertThat(back.isRevoked(rsa.certificate())).isTrue();
    }

    @Test
    void damagedInputIsRefusedWithAMessage() {
        assertThatThrownBy(() -> Pem.readCertificate("nothing here")).isInstanceOf(PemException.class)
                .hasMessageContaining("BEGIN CERTIFICATE");
        assertThatThrownBy(() -> Pem.readCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(PemException.class);
        assertThatThrownBy(() -> Pem.readPrivateKey("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(PemException.class);
        assertThatThrownBy(() -> Pem.readCrl("")).isInstanceOf(PemException.class);
    }
}
