package dev.corridor.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CA makes the certificates and CRLs OpenVPN setups expect, with dates from its clock. */
class CertificateAuthorityTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static CertificateAuthority ca;

    @BeforeAll
    static void createCa() {
        ca = CertificateAuthority.create("Corridor Test CA", CLOCK, RANDOM);
    }

    @Test
    void caIsSelfSignedRsa2048WithCaConstraintsAndTenYears() throws Exception {
        X509Certificate certificate = ca.caCertificate();
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=Corridor Test CA");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(certificate.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        boolean[] keyUsage = certificate.getKeyUsage();
        assertThat(keyUsage[5]).as("keyCertSign").isTrue();
        assertThat(keyUsage[6]).as("cRLSign").isTrue();
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW);
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
    }

    @Test
    void serverCertificateHasServerAuthKeyUsageAndDnsName() throws Exception {
        IssuedCertificate server = ca.issueServer("vpn.example.test");
        X509Certificate certificate = server.certificate();
        certificate.verify(ca.caCertificate().getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=vpn.example.test");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(ca.caCertificate().getSubjectX500Principal());
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        boolean[] keyUsage = certificate.getKeyUsage();
        assertThat(keyUsage[0]).as("digitalSignature").isTrue();
        assertThat(keyUsage[2]).as("keyEncipherment").isTrue();
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "vpn.example.test"));
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW);
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(CertificateSpec.DEFAULT_VALIDITY));
        assertThat(server.privateKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void clientCertificateHasClientAuthAndNoSubjectAltName() throws Exception {
        X509Certificate certificate = ca.issueClient("alice").certificate();
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getSubjectAlternativeNames()).isNull();
        assertThat(certificate.getKeyUsage()[0]).isTrue();
    }

    @Test
    void ecCertificateGetsDigitalSignatureOnly() {
        X509Certificate certificate = ca.issue(CertificateSpec.client("ec").withKeyType(KeyType.EC_P256)).certificate();
        assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(certificate.getKeyUsage()[0]).isTrue();
        assertThat(certificate.getKeyUsage()[2]).isFalse();
    }

    @Test
    void specCanLeaveOutUsagesAndSetAnyWindow() throws Exception {
        Instant from = NOW.minus(Duration.ofDays(30));
        Instant until = NOW.minus(Duration.ofDays(1));
        X509Certificate expired = ca.issue(CertificateSpec.server("old").withValidity(from, until)
                .withExtendedKeyUsages(Set.of()).withoutKeyUsage()).certificate();
        assertThat(expired.getExtendedKeyUsage()).isNull();
        assertThat(expired.getKeyUsage()).isNull();
        assertThatThrownBy(() -> expired.checkValidity(Date.from(NOW))).isInstanceOf(CertificateExpiredException.class);

        X509Certificate future = ca.issue(CertificateSpec.client("soon")
                .withValidity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)))).certificate();
        assertThatThrownBy(() -> future.checkValidity(Date.from(NOW)))
                .isInstanceOf(CertificateNotYetValidException.class);
    }

    @Test
    void subjectIsWrittenInTheGivenOrderAndCommonNamesAreEscaped() {
        X509Certificate certificate = ca.issue(CertificateSpec.server("x").withSubject("C=US, O=Corridor, CN=srv"))
                .certificate();
        // RFC 2253 prints the last RDN first, so certificate order C, O, CN reads backwards here
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=srv,O=Corridor,C=US");
        X509Certificate odd = ca.issueClient("a,b+c=\"d\"").certificate();
        assertThat(odd.getSubjectX500Principal().getName()).isEqualTo("CN=a\\,b\\+c\\=\\\"d\\\"");
    }

    @Test
    void serialsArePositiveAndDistinct() {
        BigInteger first = ca.issueClient("one").certificate().getSerialNumber();
        BigInteger second = ca.issueClient("two").certificate().getSerialNumber();
        assertThat(first.signum()).isPositive();
        assertThat(first).isNotEqualTo(second);
        assertThat(first.bitLength()).isLessThanOrEqualTo(128);
    }

    @Test
    void crlListsRevokedSerialsWithUpdateWindow() throws Exception {
        X509Certificate revoked = ca.issueClient("mallory").certificate();
        X509Certificate kept = ca.issueClient("bob").certificate();
        X509CRL crl = ca.crl(List.of(new Revocation(revoked.getSerialNumber(), NOW.minusSeconds(60))),
                Duration.ofDays(7));
        crl.verify(ca.caCertificate().getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.caCertificate().getSubjectX500Principal());
        assertThat(crl.getThisUpdate().toInstant()).isEqualTo(NOW);
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(crl.isRevoked(revoked)).isTrue();
        assertThat(crl.isRevoked(kept)).isFalse();
        assertThat(crl.getRevokedCertificate(revoked).getRevocationDate().toInstant()).isEqualTo(NOW.minusSeconds(60));
        assertThat(crl.getExtensionValue("2.5.29.20")).as("CRL number").isNotNull();
    }

    @Test
    void crlWindowMayLieInThePast() {
        X509CRL stale = ca.crl(List.of(), NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(3)));
        assertThat(stale.getNextUpdate().toInstant()).isBefore(NOW);
        assertThatThrownBy(() -> ca.crl(List.of(), NOW, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void intermediateChainsToTheRoot() throws Exception {
        CertificateAuthority intermediate = ca.issueIntermediate("CN=Corridor Issuing CA", KeyType.EC_P256,
                Duration.ofDays(365));
        X509Certificate inter = intermediate.caCertificate();
        inter.verify(ca.caCertificate().getPublicKey());
        assertThat(inter.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        X509Certificate leaf = intermediate.issueClient("carol").certificate();
        leaf.verify(inter.getPublicKey());
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void existingCaIsAcceptedOnlyWithItsKey() {
        CertificateAuthority reloaded = CertificateAuthority.of(ca.certificate(), CLOCK, RANDOM);
        assertThat(reloaded.issueClient("dave").certificate().getIssuerX500Principal())
                .isEqualTo(ca.caCertificate().getSubjectX500Principal());
        IssuedCertificate leaf = ca.issueClient("eve");
        assertThatThrownBy(() -> CertificateAuthority.of(leaf, CLOCK, RANDOM))
                .hasMessageContaining("not a CA certificate");
        IssuedCertificate wrongKey = new IssuedCertificate(ca.caCertificate(), leaf.privateKey());
        assertThatThrownBy(() -> CertificateAuthority.of(wrongKey, CLOCK, RANDOM))
                .hasMessageContaining("does not belong");
    }

    @Test
    void toStringNeverShowsTheKey() {
        IssuedCertificate issued = ca.issueClient("frank");
        assertThat(issued.toString()).contains("CN=frank").contains("[redacted]")
                .doesNotContain(issued.privateKey().toString());
    }
}
