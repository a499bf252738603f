package dev.corridor.server.saml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.server.idp.AssertionContent;
import dev.corridor.server.idp.SamlResponseBuilder;
import dev.corridor.server.idp.SamlResponseBuilder.Signing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class SamlResponseValidatorTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final IssuedCertificate IDP = CertificateAuthority.create("Test IdP", Clock.systemUTC(), RANDOM)
            .certificate();
    private static final IssuedCertificate FORGER = CertificateAuthority.create("Forger", Clock.systemUTC(), RANDOM)
            .certificate();
    private static final String ISSUER = "http://127.0.0.1:9999/idp";
    private static final String ACS = SamlNames.acsUrl(35001);
    private static final String REQUEST = "_req1234";
    private static final Instant NOW = Instant.parse("2026-11-28T22:00:00Z");
    private static final SamlExpectations EXPECT = new SamlExpectations(IDP.certificate(), ISSUER, ACS, REQUEST,
            Duration.ofSeconds(60));

    private final SamlResponseBuilder idp = new SamlResponseBuilder(IDP, RANDOM);
    private final SamlResponseBuilder forger = new SamlResponseBuilder(FORGER, RANDOM);

    private static AssertionContent content() {
        return new AssertionContent(ISSUER, SamlNames.CLIENT_VPN_AUDIENCE, ACS, REQUEST, NOW.minusSeconds(5),
                NOW.minusSeconds(5), NOW.plusSeconds(300), "alice@example.test", "Alice", "Liddell",
                List.of("engineering", "vpn-users"));
    }

    private static String reason(String base64) {
        SamlCheck check = SamlResponseValidator.check(base64, EXPECT, NOW);
        assertThat(check).isInstanceOf(SamlCheck.Invalid.class);
        return ((SamlCheck.Invalid) check).reason();
    }

    @Test
    void acceptsASignedResponseAssertionOrBoth() {
        for (Signing signing : List.of(Signing.RESPONSE, Signing.ASSERTION, Signing.BOTH)) {
            SamlCheck check = SamlResponseValidator.check(idp.base64(content(), signing), EXPECT, NOW);
            assertThat(check).as(signing.name()).isEqualTo(new SamlCheck.Valid(new SamlIdentity("alice@example.test",
                    "Alice", "Liddell", List.of("engineering", "vpn-users"))));
        }
    }

    @Test
    void acceptsBase64WithLineBreaksAsIdPsSendIt() {
        String wrapped = Base64.getMimeEncoder().encodeToString(
                Base64.getDecoder().decode(idp.base64(content(), Signing.RESPONSE)));
        assertThat(SamlResponseValidator.check(wrapped, EXPECT, NOW)).isInstanceOf(SamlCheck.Valid.class);
    }

    @Test
    void refusesForgedUnsignedAndTampered() {
        assertThat(reason(forger.base64(content(), Signing.RESPONSE)))
                .isEqualTo("the SAML signature does not verify with the IdP certificate");
        assertThat(reason(idp.base64(content(), Signing.NONE))).isEqualTo("the SAML response is not signed");
        Document signed = idp.signedDocument(content(), Signing.ASSERTION);
        Element nameId = (Element) signed.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "NameID").item(0);
        nameId.setTextContent("mallory@example.test");
        assertThat(reason(SamlResponseBuilder.encode(signed)))
                .isEqualTo("the SAML signature does not verify with the IdP certificate");
    }

    @Test
    void refusesExpiredAndNotYetValidBeyondTheSkew() {
        assertThat(reason(idp.base64(content().withValidity(NOW.minusSeconds(600), NOW.minusSeconds(61)),
                Signing.RESPONSE))).isEqualTo("the assertion has expired");
        assertThat(reason(idp.base64(content().withValidity(NOW.plusSeconds(61), NOW.plusSeconds(600)),
                Signing.RESPONSE))).isEqualTo("the assertion is not valid yet");
        // within the skew both pass
        assertThat(SamlResponseValidator.check(idp.base64(content().withValidity(NOW.plusSeconds(50),
                NOW.plusSeconds(600)), Signing.RESPONSE), EXPECT, NOW)).isInstanceOf(SamlCheck.Valid.class);
    }

    @Test
    void refusesWrongAudienceIssuerRecipientRequestAndNameId() {
        assertThat(reason(idp.base64(content().withAudience("urn:other"), Signing.RESPONSE)))
                .isEqualTo("the assertion is for another Audience");
        assertThat(reason(idp.base64(content().withIssuer("http://evil/idp"), Signing.RESPONSE)))
                .isEqualTo("the SAML response comes from another Issuer");
        assertThat(reason(idp.base64(content().withAcsUrl("http://127.0.0.1:35002"), Signing.RESPONSE)))
                .isEqualTo("the SAML response is for another Destination");
        assertThat(reason(idp.base64(content().withInResponseTo("_other"), Signing.RESPONSE)))
                .isEqualTo("the SAML response answers another request (InResponseTo)");
        assertThat(reason(idp.base64(content().withEmail("alice"), Signing.RESPONSE)))
                .isEqualTo("the NameID is not an email address");
    }

    @Test
    void refusesOversizedResponses() {
        String big = "g".repeat(SamlNames.MAX_RESPONSE_BYTES);
        AssertionContent c = content();
        AssertionContent huge = new AssertionContent(c.issuer(), c.audience(), c.acsUrl(), c.inResponseTo(),
                c.issueInstant(), c.notBefore(), c.notOnOrAfter(), c.email(), c.firstName(), c.lastName(),
                List.of(big));
        assertThat(reason(idp.base64(huge, Signing.RESPONSE))).isEqualTo("the SAML response is larger than 128 KB");
    }

    @Test
    void refusesDoctypeEvenWhenOtherwiseSigned() {
        String xml = new String(Base64.getDecoder().decode(idp.base64(content(), Signing.RESPONSE)),
                StandardCharsets.UTF_8).replaceFirst("^<\\?xml[^>]*\\?>", "");
        String evil = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + xml;
        assertThat(reason(Base64.getEncoder().encodeToString(evil.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("the SAML response contains a DOCTYPE, which is not allowed");
    }

    @Test
    void refusesAnEvilAssertionNextToTheSignedOne() {
        // XSW: the signed assertion is kept (so its signature verifies) and an unsigned copy with another
        // user is put first, where a naive reader would take its data from.
        Document doc = idp.signedDocument(content(), Signing.ASSERTION);
        Element response = doc.getDocumentElement();
        Element signed = SamlResponseBuilder.childElement(response, SamlNames.ASSERTION_NS, "Assertion");
        Element evil = (Element) signed.cloneNode(true);
        evil.setAttribute("ID", "_evil");
        Node sig = SamlResponseBuilder.childElement(evil, javax.xml.crypto.dsig.XMLSignature.XMLNS, "Signature");
        evil.removeChild(sig);
        evil.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "NameID").item(0).setTextContent("mallory@example.test");
        response.insertBefore(evil, signed);
        assertThat(reason(SamlResponseBuilder.encode(doc)))
                .isEqualTo("the SAML response must hold exactly one assertion (possible signature wrapping)");
    }

    @Test
    void refusesTheSignedResponseWrappedInsideAnEvilOne() {
        // XSW: a new root Response with an evil assertion carries the original signed Response inside it.
        Document original = idp.signedDocument(content(), Signing.RESPONSE);
        Document evilDoc = idp.unsignedDocument(content().withEmail("mallory@example.test"));
        Element evilRoot = evilDoc.getDocumentElement();
        Element extensions = evilDoc.createElementNS(SamlNames.PROTOCOL_NS, "samlp:Extensions");
        extensions.appendChild(evilDoc.importNode(original.getDocumentElement(), true));
        evilRoot.insertBefore(extensions, evilRoot.getFirstChild().getNextSibling());
        assertThat(reason(SamlResponseBuilder.encode(evilDoc)))
                .startsWith("the SAML response must hold exactly one assertion");
    }

    @Test
    void refusesASignatureMovedOntoAnotherElement() {
        // the Response's signature moved into the (unsigned, altered) assertion: it references the Response
        Document doc = idp.signedDocument(content(), Signing.RESPONSE);
        Element response = doc.getDocumentElement();
        Element sig = SamlResponseBuilder.childElement(response, javax.xml.crypto.dsig.XMLSignature.XMLNS, "Signature");
        Element assertion = SamlResponseBuilder.childElement(response, SamlNames.ASSERTION_NS, "Assertion");
        response.removeChild(sig);
        assertion.insertBefore(sig, assertion.getFirstChild().getNextSibling());
        assertThat(reason(SamlResponseBuilder.encode(doc)))
                .isEqualTo("the SAML signature does not cover the element it is in (possible signature wrapping)");
    }

    @Test
    void refusesGarbage() {
        assertThat(reason("%%%not base64")).isEqualTo("the SAML response is not base64");
        assertThat(reason(Base64.getEncoder().encodeToString("<a><b></a>".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("the SAML response is not well-formed XML");
        assertThat(reason(Base64.getEncoder().encodeToString("<a/>".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("the document is not a SAML Response");
    }
}
