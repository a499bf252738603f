package dev.corridor.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Checks that {@link KeyMaterialMask} hides private and static keys but keeps certificates readable. */
class KeyMaterialMaskTest {
    private static final String HIDDEN = "[hidden]";

    private static final String PROFILE = String.join("\n",
            "client",
            "remote vpn.example.test 443",
            "<ca>",
            "-----BEGIN CERTIFICATE-----",
            "CACERTBODY",
            "-----END CERTIFICATE-----",
            "</ca>",
            "<cert>",
            "-----BEGIN CERTIFICATE-----",
            "CLIENTCERTBODY",
            "-----END CERTIFICATE-----",
            "</cert>",
            "<key>",
            "-----BEGIN PRIVATE KEY-----",
            "PRIVATEKEYBODY",
            "-----END PRIVATE KEY-----",
            "</key>",
            "<tls-auth>",
            "-----BEGIN OpenVPN Static key V1-----",
            "TLSAUTHBODY",
            "-----END OpenVPN Static key V1-----",
            "</tls-auth>",
            "key-direction 1",
            "<tls-crypt>",
            "-----BEGIN OpenVPN Static key V1-----",
            "TLSCRYPTBODY",
            "-----END OpenVPN Static key V1-----",
            "</tls-crypt>",
            "verb 3");

    @Test
    void replacesTheContentOfKeyTlsAuthAndTlsCryptBlocks() {
        String masked = KeyMaterialMask.mask(PROFILE, HIDDEN);

        assertThat(masked).doesNotContain("PRIVATEKEYBODY", "TLSAUTHBODY", "TLSCRYPTBODY",
                "BEGIN PRIVATE KEY", "OpenVPN Static key");
        assertThat(masked).contains("<key>\n" + HIDDEN + "\n</key>");
        assertThat(masked).contains("<tls-auth>\n" + HIDDEN + "\n</tls-auth>");
        assertThat(masked).contains("<tls-crypt>\n" + HIDDEN + "\n</tls-crypt>");
    }

    @Test
    void keepsCertificatesAndEveryOtherLine() {
        String masked = KeyMaterialMask.mask(PROFILE, HIDDEN);

        assertThat(masked).contains("<ca>\n-----BEGIN CERTIFICATE-----\nCACERTBODY\n-----END CERTIFICATE-----\n</ca>");
        assertThat(masked).contains("<cert>\n-----BEGIN CERTIFICATE-----\nCLIENTCERTBODY\n-----END CERTIFICATE-----\n"
                + "</cert>");
        assertThat(masked).startsWith("client\nremote vpn.example.test 443\n");
        assertThat(masked).contains("</tls-auth>\nkey-direction 1\n<tls-crypt>");
        assertThat(masked).endsWith("</tls-crypt>\nverb 3\n");
    }

    @Test
    void tagsAreMatchedRegardlessOfCaseAndIndentation() {
        String text = "  <KEY>\nSECRETBODY\n  </KEY>\nverb 3\n";

        String masked = KeyMaterialMask.mask(text, HIDDEN);

        assertThat(masked).isEqualTo("  <KEY>\n" + HIDDEN + "\n  </KEY>\nverb 3\n");
    }

    @Test
    void textWithoutSecretsIsUnchangedApartFromLineEndings() {
        String text = "client\r\nremote a.test 443\r\n<ca>\r\nCERT\r\n</ca>\r\n";

        assertThat(KeyMaterialMask.mask(text, HIDDEN)).isEqualTo("client\nremote a.test 443\n<ca>\nCERT\n</ca>\n");
    }

    @Test
    void masksTheKeyOfARealFixture() throws IOException {
        String text = Files.readString(Path.of("src/test/resources/profiles/valid/aws-mutual.ovpn"));
        assertThat(text).contains("PRIVATE KEY-----");

        String masked = KeyMaterialMask.mask(text, HIDDEN);

        assertThat(masked).doesNotContain("PRIVATE KEY-----").contains(HIDDEN).contains("BEGIN CERTIFICATE");
    }
}
