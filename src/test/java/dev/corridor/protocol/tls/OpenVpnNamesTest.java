package dev.corridor.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.pki.CertificateSpec;
import dev.corridor.pki.KeyType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the subject format: the expected strings are what OpenSSL 3.0.19 printed for
 * the same certificates with OpenVPN's flags
 * ({@code openssl x509 -noout -subject -nameopt compat,sep_comma_plus_space,sname,utf8,esc_ctrl}).
 */
class OpenVpnNamesTest {

    /** openssl req -utf8 -multivalue-rdn -subj "/C=US/ST=Baden-Württemberg/O=Ex, Inc./OU=VPN+UID=7/CN=back(backslash)slash=eq/emailAddress=a@b.example". */
    private static final String MIXED = """
            -----BEGIN CERTIFICATE-----
            MIICdzCCAh2gAwIBAgIUDtUBFDcsGC3xXB0FKepfFT1XF74wCgYIKoZIzj0EAwIw
            gZAxCzAJBgNVBAYTAlVTMRswGQYDVQQIDBJCYWRlbi1Xw7xydHRlbWJlcmcxETAP
            BgNVBAoMCEV4LCBJbmMuMR0wCgYDVQQLDANWUE4wDwYKCZImiZPyLGQBAQwBNzEW
            MBQGA1UEAwwNYmFja1xzbGFzaD1lcTEaMBgGCSqGSIb3DQEJARYLYUBiLmV4YW1w
            bGUwHhcNMjYxMTI4MTkyMzM1WhcNMjYxMTI5MTkyMzM1WjCBkDELMAkGA1UEBhMC
            VVMxGzAZBgNVBAgMEkJhZGVuLVfDvHJ0dGVtYmVyZzERMA8GA1UECgwIRXgsIElu
            Yy4xHTAKBgNVBAsMA1ZQTjAPBgoJkiaJk/IsZAEBDAE3MRYwFAYDVQQDDA1iYWNr
            XHNsYXNoPWVxMRowGAYJKoZIhvcNAQkBFgthQGIuZXhhbXBsZTBZMBMGByqGSM49
            AgEGCCqGSM49AwEHA0IABDmTgGeP0VXqJnwbK71jNXgzcxZmCS9V7jbWSW19flWs
            mwNFxKbDG9S+gwVanUrcae7lPQb+LPNQL0YVGmW4NwujUzBRMB0GA1UdDgQWBBRV
            TbUhm4X+k9WgxupmyG16YpckZTAfBgNVHSMEGDAWgBRVTbUhm4X+k9WgxupmyG16
            YpckZTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCICzlusJLHOLH
            LW2ihK5BUZTc8+EpTAM1+NpX0uauDW/rAiEAyKXwExxZQ0YCCAG1taTuPaYoaBCt
            E3cg7Xld4YhJT4c=
            -----END CERTIFICATE-----
            """;

    /** string_mask=pkix (BMPStrings), -subj "/O=Grüße/OU=tab<TAB>here/CN=-dash/CN=second<0x01>ctl". */
    private static final String BMP_AND_CONTROLS = """
            -----BEGIN CERTIFICATE-----
            MIIBuTCCAV8CFGVJrw0jqB+O1ArEAL3PQNQVsDY0MAoGCCqGSM49BAMCMF8xEzAR
            BgNVBAoeCgBHAHIA/ADfAGUxGTAXBgNVBAseEAB0AGEAYgAJAGgAZQByAGUxDjAM
            BgNVBAMTBS1kYXNoMR0wGwYDVQQDHhQAcwBlAGMAbwBuAGQAAQBjAHQAbDAeFw0y
            NjExMjgxOTIzNDBaFw0yNjExMjkxOTIzNDBaMF8xEzARBgNVBAoeCgBHAHIA/ADf
            AGUxGTAXBgNVBAseEAB0AGEAYgAJAGgAZQByAGUxDjAMBgNVBAMTBS1kYXNoMR0w
            GwYDVQQDHhQAcwBlAGMAbwBuAGQAAQBjAHQAbDBZMBMGByqGSM49AgEGCCqGSM49
            AwEHA0IABJ4YOjqanNXtyJhUns/iKQWo8qXv2gKkBSzsRFsD4aFHulhHYZAoeQd9
            HiH22IIb8YazZVQMOfFrh8Iq4dezlWAwCgYIKoZIzj0EAwIDSAAwRQIgI2EsT6y6
            B7ea50bUORYr5sAuTR61Vj6d829xm6+DZIYCIQCYPP5/lfEP3B6xzYiHrYUz4C4e
            wOkweMMCCyhu/aGsbg==
            -----END CERTIFICATE-----
            """;

    private static X509Certificate read(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void subjectMatchesOpenSslWithOpenVpnFlags() throws Exception {
        X509Certificate certificate = read(MIXED);
        assertThat(OpenVpnNames.subject(certificate)).isEqualTo(
                "C=US, ST=Baden-W\u00fcrttemberg, O=Ex, Inc., OU=VPN + UID=7, CN=back\\\\slash=eq, "
                + "emailAddress=a@b.example");
        assertThat(OpenVpnNames.commonName(certificate)).contains("back\\slash=eq");
    }

    @Test
    void bmpStringsAndControlCharacters() throws Exception {
        X509Certificate certificate = read(BMP_AND_CONTROLS);
        assertThat(OpenVpnNames.subject(certificate))
                .isEqualTo("O=Gr\u00fc\u00dfe, OU=tab\\09here, CN=-dash, CN=second\\01ctl");
        // OpenVPN takes the last CN and turns unprintable characters into '_'
        assertThat(OpenVpnNames.commonName(certificate)).contains("second_ctl");
    }

    @Test
    void issuedCertificatesPrintInCertificateOrder() {
        X509Certificate certificate = TestPki.SERVER.certificate();
        assertThat(OpenVpnNames.subject(certificate)).isEqualTo("C=US, O=Corridor, CN=vpn.corridor.test");
        assertThat(OpenVpnNames.format(certificate.getIssuerX500Principal())).isEqualTo("CN=Corridor Test CA");
        assertThat(OpenVpnNames.commonName(certificate)).contains("vpn.corridor.test");
    }

    @Test
    void commonNameLongerThanOpenVpnCanHoldIsNotExtracted() {
        // OpenVPN's limit is 64 bytes of UTF-8; 32 u-umlauts are 64 bytes, 33 are 66 (still 33 characters)
        String fits = "\u00fc".repeat(32);
        String tooLong = "\u00fc".repeat(33);
        X509Certificate fitting = TestPki.CA.issue(CertificateSpec.client(fits).withKeyType(KeyType.EC_P256))
                .certificate();
        X509Certificate overlong = TestPki.CA.issue(CertificateSpec.client(tooLong).withKeyType(KeyType.EC_P256))
                .certificate();
        assertThat(OpenVpnNames.commonName(fitting)).contains(fits);
        assertThat(OpenVpnNames.commonName(overlong)).isEmpty();
        assertThat(OpenVpnNames.hasCommonName(overlong)).isTrue();
    }

    @Test
    void keyDescriptionsReadLikeOpenVpnLogs() {
        assertThat(OpenVpnNames.keyDescription(TestPki.SERVER.certificate().getPublicKey())).isEqualTo("2048 bit RSA");
        assertThat(OpenVpnNames.keyDescription(TestPki.CLIENT_EC.certificate().getPublicKey()))
                .isEqualTo("256 bit EC, curve prime256v1");
    }
}
