package dev.corridor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks every pattern of {@link SecretRedactor}, and that harmless text passes untouched. */
class SecretRedactorTest {
    private final SecretRedactor redactor = new SecretRedactor();

    private String redact(String text) {
        return redactor.redact(text);
    }

    @Nested
    class KeyBlocks {
        @ParameterizedTest
        @ValueSource(strings = {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
                "OPENSSH PRIVATE KEY", "DSA PRIVATE KEY"})
        void masksPemPrivateKeys(String label) {
            String pem = "-----BEGIN " + label + "-----\nProc-Type: 4,ENCRYPTED\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n"
                    + "kiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END " + label + "-----";

            String result = redact("loaded key " + pem + " from profile");

            assertThat(result).isEqualTo("loaded key -----BEGIN " + label + "-----[redacted]-----END " + label
                    + "----- from profile");
        }

        @Test
        void masksAKeyWhoseEndIsMissing() {
            String result = redact("key: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC (truncated");

            assertThat(result).doesNotContain("MIIEvQ").doesNotContain("truncated");
        }

        @Test
        void masksKeysWithEscapedNewlinesAsInJson() {
            String result = redact("{\"key\":\"-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIBL\\n-----END EC PRIVATE KEY-----\\n\"}");

            assertThat(result).doesNotContain("MHcCAQEEIBL");
        }

        @Test
        void keepsCertificates() {
            String cert = "-----BEGIN CERTIFICATE-----\nMIIDazCCAlOgAwIBAgIUJ\n-----END CERTIFICATE-----";

            assertThat(redact(cert)).isEqualTo(cert);
        }

        @ParameterizedTest
        @ValueSource(strings = {"OpenVPN Static key V1", "OpenVPN tls-crypt-v2 client key", "OpenVPN tls-crypt-v2 server key"})
        void masksOpenVpnKeyBlocks(String label) {
            String block = "-----BEGIN " + label + "-----\n6acef03f62675b4b1bbd03e53b187727\n"
                    + "423cea742242106cb2916a8a4c829756\n-----END " + label + "-----";

            String result = redact("<tls-crypt>\n" + block + "\n</tls-crypt>");

            assertThat(result).isEqualTo("<tls-crypt>\n-----BEGIN " + label + "-----[redacted]-----END " + label
                    + "-----\n</tls-crypt>");
        }
    }

    @Nested
    class InlineProfileBlocks {
        @Test
        void masksInlineCredentialsAndPkcs12() {
            String profile = "client\nremote vpn.example.com 443\n<auth-user-pass>\nbob\nhunter2\n</auth-user-pass>\n"
                    + "<pkcs12>\nMIIKQQIBAzCCCgcGCSqGSIb3DQEHAaCCCfgEggn0\nMIIJ8DCCBKcGCSqGSIb3DQEHBqCCBJgwggSU\n</pkcs12>\nverb 3";

            assertThat(redact(profile)).isEqualTo("client\nremote vpn.example.com 443\n<auth-user-pass>[redacted]</auth-user-pass>\n"
                    + "<pkcs12>[redacted]</pkcs12>\nverb 3");
        }

        @Test
        void masksAnUnclosedBlockToTheEnd() {
            assertThat(redact("<http-proxy-user-pass>\nalice\ns3cret")).isEqualTo("<http-proxy-user-pass>[redacted]</http-proxy-user-pass>");
        }

        @Test
        void keepsTheAuthUserPassDirective() {
            assertThat(redact("auth-user-pass /etc/corridor/creds.txt")).isEqualTo("auth-user-pass /etc/corridor/creds.txt");
        }
    }

    @Nested
    class KeyValuePairs {
        @ParameterizedTest
        @ValueSource(strings = {"password", "Password", "PASSWD", "pass", "pwd", "secret", "client_secret", "token",
                "auth-token", "access_token", "refreshToken", "SAMLResponse", "RelayState", "otp", "totp",
                "mfa_otp", "pin", "passphrase", "passcode", "api_key", "apiKey", "privateKey", "credentials",
                "auth-token-user", "X-Auth-Token"})
        void masksEveryCredentialKey(String key) {
            assertThat(redact("login " + key + "=s3cr3t-Value ok")).isEqualTo("login " + key + "=[redacted] ok");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "password=hunter2|password=[redacted]",
                "password = hunter2|password = [redacted]",
                "password: hunter2|password: [redacted]",
                "\"password\":\"hunter2\"|\"password\":\"[redacted]\"",
                "\"password\" : \"hunter 2 with spaces\"|\"password\" : \"[redacted]\"",
                "'password': 'hunter2'|'password': '[redacted]'",
                "password=\"hunter 2\"|password=\"[redacted]\"",
                "{user=bob, password=hunter2}|{user=bob, password=[redacted]}",
                "Credentials[user=bob, password=hunter2]|Credentials[user=bob, password=[redacted]]",
                "?user=bob&password=hunter2&next=/|?user=bob&password=[redacted]",
                "password=hun,ter&2;x rest|password=[redacted] rest",
                "(password=hunter2); next|(password=[redacted]); next",
                "password=[hunter2]|password=[redacted]]",
                "{\\\"password\\\":\\\"hunter2\\\"}|{\\\"password\\\":\\\"[redacted]\\\"}",
                "password=\"unterminated hunter2|password=\"[redacted]\"",
                "otp=123456; user=bob|otp=[redacted]; user=bob",
                "totp: 123456|totp: [redacted]",
                "corridor.auth.token=abc.def|corridor.auth.token=[redacted]",
        })
        void masksValuesInEveryStyle(String caseLine) {
            String[] parts = caseLine.split("\\|", 2);

            assertThat(redact(parts[0])).isEqualTo(parts[1]);
        }

        @Test
        void masksSamlFormFields() {
            assertThat(redact("POST /acs SAMLResponse=PHNhbWxwOlJlc3BvbnNlIHhtbG5z%2B%3D&RelayState=abc123"))
                    .isEqualTo("POST /acs SAMLResponse=[redacted]");
            assertThat(redact("POST /acs RelayState=abc123&SAMLResponse=PHNhbWxwOlJlc3BvbnNlIHhtbG5z%2B%3D"))
                    .isEqualTo("POST /acs RelayState=[redacted]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"bypass=true", "ping=3", "compass: north", "keyboard layout: us",
                ">PASSWORD:Need 'Auth' username/password",
                "dev.corridor.InvalidTokenException: expired session",
                "at dev.corridor.auth.TokenStore.save(TokenStore.java:42)",
                "at dev.corridor.auth.PasswordPrompt.ask(PasswordPrompt.java:12)",
                "password is too short", "enter your password:"})
        void leavesLookalikesAlone(String text) {
            assertThat(redact(text)).isEqualTo(text);
        }
    }

    @Nested
    class OpenVpnProtocol {
        @Test
        void masksPushedAuthToken() {
            String reply = "PUSH_REPLY,route-gateway 10.0.0.1,auth-token SESS_ID_AT_0123456789abcdef,"
                    + "auth-token-user Ym9i,ping 10,peer-id 3";

            assertThat(redact(reply)).isEqualTo("PUSH_REPLY,route-gateway 10.0.0.1,auth-token [redacted],"
                    + "auth-token-user [redacted],ping 10,peer-id 3");
        }

        @Test
        void masksManagementAuthTokenNotification() {
            assertThat(redact(">PASSWORD:Auth-Token:SESS_ID_AT_abcdef"))
                    .isEqualTo(">PASSWORD:Auth-Token:[redacted]");
        }

        @Test
        void masksManagementPasswordCommand() {
            assertThat(redact("mgmt> password \"Auth\" hunter2")).isEqualTo("mgmt> password \"Auth\" [redacted]");
            assertThat(redact("password \"Private Key\" \"pass phrase\""))
                    .isEqualTo("password \"Private Key\" \"[redacted]\"");
            assertThat(redact("password Auth hunter2")).isEqualTo("password Auth [redacted]");
        }

        @Test
        void masksCrv1ResponseStateAndAnswer() {
            String result = redact("sending password CRV1::instance-1/3719271/f0e1d2c3::PHNhbWxwOlJlc3BvbnNl%2BZm9v now");

            assertThat(result).isEqualTo("sending password CRV1::[redacted]::[redacted] now");
        }

        @Test
        void masksCrv1ChallengeStateKeepingFlagsUserAndText() {
            String result = redact("AUTH_FAILED,CRV1:R,E:Om01u7Fh4LrGBS7uh0SWmzwabUiGiW6l:Ym9i:Enter Google Authenticator Code");

            assertThat(result).isEqualTo("AUTH_FAILED,CRV1:R,E:[redacted]:Ym9i:Enter Google Authenticator Code");
        }

        @Test
        void masksCrv1SamlChallengeState() {
            String result = redact("AUTH_FAILED,CRV1:R:instance-1/1234/abcd-ef:b'':https://portal.sso.example.com/saml?x=1");

            assertThat(result).isEqualTo("AUTH_FAILED,CRV1:R:[redacted]:b'':https://portal.sso.example.com/saml?x=1");
        }

        @Test
        void masksCrv1AnswersWithCommas() {
            assertThat(redact("CRV1::st::yes,please")).isEqualTo("CRV1::[redacted]::[redacted]");
        }

        @Test
        void masksStaticChallengeAnswer() {
            assertThat(redact("password SCRV1:aHVudGVyMg==:MTIzNDU2 sent"))
                    .isEqualTo("password SCRV1:[redacted]:[redacted] sent");
        }

        @Test
        void keepsTheSamlListenerPortAnnouncement() {
            assertThat(redact("password=ACS::35001")).isEqualTo("password=ACS::35001");
            assertThat(redact("sending ACS::35001 as the first password")).isEqualTo("sending ACS::35001 as the first password");
            assertThat(redact("ACS::35001")).isEqualTo("ACS::35001");
        }
    }

    @Nested
    class Saml {
        @Test
        void masksShortBase64SamlResponses() {
            String encoded = Base64.getEncoder().encodeToString(
                    "<samlp:Response ID=\"_1\"><saml:Assertion>x</saml:Assertion></samlp:Response>".getBytes(StandardCharsets.UTF_8));

            assertThat(redact("got " + encoded + " from browser")).isEqualTo("got [redacted] from browser");
        }

        @Test
        void masksBase64OfSaml2pAndXmlDeclarations() {
            String saml2 = Base64.getEncoder().encodeToString("<saml2p:Response>".getBytes(StandardCharsets.UTF_8));
            String xml = Base64.getEncoder().encodeToString("<?xml version=\"1.0\"?><x/>".getBytes(StandardCharsets.UTF_8));

            assertThat(redact("a " + saml2 + " b " + xml + " c")).isEqualTo("a [redacted] b [redacted] c");
        }

        @Test
        void masksAnyLongBase64Run() {
            String blob = "A1b2C3d4/+".repeat(30); // 300 characters

            assertThat(redact("blob " + blob + " end")).isEqualTo("blob [redacted] end");
        }

        @Test
        void masksLongUrlEncodedBase64Runs() {
            String blob = "QUJD%2BREVG%2F".repeat(20) + "%3D%3D";

            assertThat(redact("value " + blob + " end")).isEqualTo("value [redacted] end");
        }

        @Test
        void keepsShortOrdinaryBase64() {
            String text = "cert serial 3Q2x9Zk8 fingerprint " + "ab12".repeat(16);

            assertThat(redact(text)).isEqualTo(text);
        }

        @ParameterizedTest
        @ValueSource(strings = {"samlp:Response", "saml2p:Response", "saml:Assertion", "saml2:Assertion",
                "saml:EncryptedAssertion"})
        void masksRawSamlXml(String element) {
            String xml = "<" + element + " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_abc\">"
                    + "<saml:NameID>bob@example.com</saml:NameID></" + element + ">";

            assertThat(redact("parsed " + xml + " ok")).isEqualTo("parsed <" + element + ">[redacted]</" + element + "> ok");
        }

        @Test
        void masksUnprefixedSamlXmlByNamespace() {
            String xml = "<Response xmlns=\"urn:oasis:names:tc:SAML:2.0:protocol\"><Assertion>secret</Assertion></Response>";

            assertThat(redact(xml)).isEqualTo("<Response>[redacted]</Response>");
        }

        @Test
        void masksTruncatedSamlXmlToTheEnd() {
            assertThat(redact("body: <samlp:Response ID=\"1\"><saml:Attribute>bob")).isEqualTo("body: <samlp:Response>[redacted]</samlp:Response>");
        }

        @Test
        void keepsOtherXml() {
            String xml = "<Response><Status>ok</Status></Response>";

            assertThat(redact(xml)).isEqualTo(xml);
        }
    }

    @Nested
    class HttpAndUrls {
        @Test
        void masksAuthorizationHeadersKeepingTheScheme() {
            assertThat(redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc"))
                    .isEqualTo("Authorization: Bearer [redacted]");
            assertThat(redact("Proxy-Authorization: Basic Ym9iOmh1bnRlcjI=")).isEqualTo("Proxy-Authorization: Basic [redacted]");
            assertThat(redact("authorization=opaque-value")).isEqualTo("authorization=[redacted]");
        }

        @Test
        void masksCookieHeadersToTheEndOfTheLine() {
            String headers = "GET / HTTP/1.1\nCookie: SESSION=abc; csrf=def\nSet-Cookie: SESSION=xyz; HttpOnly\nAccept: */*";

            assertThat(redact(headers)).isEqualTo("GET / HTTP/1.1\nCookie: [redacted]\nSet-Cookie: [redacted]\nAccept: */*");
        }

        @Test
        void masksQuotedHeaderValuesInJson() {
            assertThat(redact("{\"Authorization\": \"Bearer abc\", \"Accept\": \"*/*\"}"))
                    .isEqualTo("{\"Authorization\": \"[redacted]\", \"Accept\": \"*/*\"}");
        }

        @Test
        void masksPasswordsInUrls() {
            assertThat(redact("proxy https://alice:hunter2@proxy.example.com:8080/ set"))
                    .isEqualTo("proxy https://alice:[redacted]@proxy.example.com:8080/ set");
        }

        @Test
        void keepsUrlsWithoutPasswords() {
            String text = "GET https://vpn.example.com:443/path?x=1 and mailto bob@example.com";

            assertThat(redact(text)).isEqualTo(text);
        }
    }

    @Nested
    class HarmlessText {
        @ParameterizedTest
        @ValueSource(strings = {"ACS::35001", "connecting to 203.0.113.7:443 via 10.0.0.1",
                "remote vpn.example.com 443", "remote cvpn-endpoint-0123456789abcdef.prod.clientvpn.eu-west-1.amazonaws.com 443",
                "route 10.0.0.0 255.255.0.0", "ifconfig fe80::1/64", "tun0 up, mtu 1500",
                "profile 'work' imported from /home/bob/Downloads/work.ovpn",
                "java.io.IOException: Connection reset", "AUTH_FAILED", "Initialization Sequence Completed",
                "", "   "})
        void leavesItUntouched(String text) {
            assertThat(redact(text)).isEqualTo(text);
        }

        @Test
        void returnsTheSameInstanceWhenNothingTriggers() {
            String line = "connected to vpn.example.com (203.0.113.7) in 1.2 s";

            assertThat(redact(line)).isSameAs(line);
        }

        @Test
        void keepsNull() {
            assertThat(redact(null)).isNull();
        }
    }

    @Test
    void isIdempotentOnEveryKindOfSecret() {
        String all = "password=hunter2 \"token\":\"t\" auth-token SESS,CRV1::s::r CRV1:R:s:u:t SCRV1:a:b "
                + "Authorization: Bearer x\nCookie: a=b\n-----BEGIN PRIVATE KEY-----\nk\n-----END PRIVATE KEY----- "
                + "<samlp:Response>x</samlp:Response> PHNhbWxwOlJl " + "A".repeat(250) + " https://u:p@h/";
        String once = redact(all);

        assertThat(redact(once)).isEqualTo(once);
    }

    @Test
    void findsLongBase64RunsOnlyAboveTheLimit() {
        assertThat(SecretRedactor.hasLongBase64Run("x".repeat(SecretRedactor.LONG_BASE64_RUN))).isFalse();
        assertThat(SecretRedactor.hasLongBase64Run("x".repeat(SecretRedactor.LONG_BASE64_RUN + 1))).isTrue();
        assertThat(SecretRedactor.hasLongBase64Run("x".repeat(150) + " " + "y".repeat(150))).isFalse();
    }
}
