package dev.corridor.logging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Realistic secrets of every kind the redactor handles, each with a marker that must never reach a log. */
final class SecretSamples {
    private SecretSamples() {}

    /** A piece of text to log, and the substrings of it that are secret. */
    record Sample(String kind, String text, List<String> secrets) {}

    static final String PASSWORD = "Tr0ub4dor&3xyz";

    static final String PRIVATE_KEY = """
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIKEYPRIVATEKEYMARK
            AgIIADAMBggqhkiG9w0CCQUAMBQGCCqGSIb3DQMHBAh0dGVzdGtleQ==
            -----END ENCRYPTED PRIVATE KEY-----""";

    static final String STATIC_KEY = """
            -----BEGIN OpenVPN Static key V1-----
            6acef03f62675b4b1bbd03e53b1877aa
            staticKEYmark0000111122223333abcd
            -----END OpenVPN Static key V1-----""";

    static final String SAML_BASE64 = Base64.getEncoder().encodeToString(
            ("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_resp\">"
                    + "<saml:Assertion><saml:NameID>samlNAMEIDmark@example.com</saml:NameID></saml:Assertion>"
                    + "</samlp:Response>").getBytes(StandardCharsets.UTF_8));

    static List<Sample> all() {
        return List.of(
                new Sample("password pair", "password=" + PASSWORD, List.of(PASSWORD)),
                new Sample("json password", "{\"username\":\"bob\",\"password\":\"jsonPW-mark 1\"}", List.of("jsonPW-mark 1")),
                new Sample("pem private key", PRIVATE_KEY, List.of("PRIVATEKEYMARK", "MIIFHDBOBgkqhkiG9w0BBQ0w", "dGVzdGtleQ==")),
                new Sample("openvpn static key", STATIC_KEY, List.of("staticKEYmark", "6acef03f62675b4b")),
                new Sample("pushed auth-token", "PUSH_REPLY,route-gateway 10.8.0.1,auth-token SESS_ID_AT_pushMARK42,"
                        + "auth-token-user dXNlck1BUks=,ping 10", List.of("SESS_ID_AT_pushMARK42", "dXNlck1BUks=")),
                new Sample("crv1 challenge", "AUTH_FAILED,CRV1:R,E:crv1STATEmark0123:Ym9i:Enter your code",
                        List.of("crv1STATEmark0123")),
                new Sample("crv1 response", "CRV1::crv1STATEmark4567::crv1ANSWERmark", List.of("crv1STATEmark4567", "crv1ANSWERmark")),
                new Sample("static challenge", "SCRV1:c2NydjFQV21hcms=:OTg3NjU0", List.of("c2NydjFQV21hcms=", "OTg3NjU0")),
                new Sample("saml base64", "SAML arrived " + SAML_BASE64, List.of(SAML_BASE64.substring(8, 60))),
                new Sample("saml form", "SAMLResponse=" + SAML_BASE64.replace("+", "%2B") + "&RelayState=relayMARK99",
                        List.of(SAML_BASE64.substring(8, 60), "relayMARK99")),
                new Sample("raw saml xml", "<saml2p:Response ID=\"_x\"><saml2:NameID>xmlNAMEIDmark</saml2:NameID></saml2p:Response>",
                        List.of("xmlNAMEIDmark")),
                new Sample("bearer header", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.bearerMARK.sig", List.of("bearerMARK")),
                new Sample("cookie header", "Cookie: SESSION=cookieMARK77; theme=dark", List.of("cookieMARK77")),
                new Sample("otp code", "otp=731946", List.of("731946")),
                new Sample("proxy url", "proxy http://alice:urlPWmark@proxy.example.com:3128", List.of("urlPWmark")));
    }
}
