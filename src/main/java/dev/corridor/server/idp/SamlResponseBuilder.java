package dev.corridor.server.idp;

import dev.corridor.pki.IssuedCertificate;
import dev.corridor.server.saml.SamlNames;
import dev.corridor.server.saml.SecureXml;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Builds the test IdP's {@code <samlp:Response>} and signs it (Response, Assertion, or both) with
 * the JDK's XML signature API: RSA-SHA256, exclusive C14N, enveloped signature, the certificate in
 * KeyInfo. The JDK API is used instead of OpenSAML because signing one fixed document shape needs
 * nothing more, it keeps the test IdP free of OpenSAML's large dependency tree (and its Shibboleth
 * repository, which the offline build cannot reach), and it is the same API the endpoint verifies with.
 *
 * <pre>
 *   Response ID Destination InResponseTo ─ Issuer, [Signature], Status/Success,
 *     Assertion ID ─ Issuer, [Signature], Subject(NameID email, bearer Recipient/InResponseTo/NotOnOrAfter),
 *                    Conditions(NotBefore, NotOnOrAfter, Audience), AuthnStatement,
 *                    AttributeStatement(FirstName, LastName, memberOf*)
 * </pre>
 */
public final class SamlResponseBuilder {
    /** Which elements get a signature. */
    public enum Signing { RESPONSE, ASSERTION, BOTH, NONE }

    private final IssuedCertificate signer;
    private final SecureRandom random;

    public SamlResponseBuilder(IssuedCertificate signer, SecureRandom random) {
        this.signer = signer;
        this.random = random;
    }

    /** The response as base64 of its UTF-8 XML, the value of the SAMLResponse form field. */
    public String base64(AssertionContent content, Signing signing) {
        return encode(signedDocument(content, signing));
    }

    /** The response document, signed as asked. */
    public Document signedDocument(AssertionContent content, Signing signing) {
        Document document = unsignedDocument(content);
        Element response = document.getDocumentElement();
        Element assertion = childElement(response, SamlNames.ASSERTION_NS, "Assertion");
        if (signing == Signing.ASSERTION || signing == Signing.BOTH) {
            sign(assertion);
        }
        if (signing == Signing.RESPONSE || signing == Signing.BOTH) {
            sign(response);
        }
        return document;
    }

    /** Base64 of the document's XML text. */
    public static String encode(Document document) {
        return Base64.getEncoder().encodeToString(SecureXml.write(document).getBytes(StandardCharsets.UTF_8));
    }

    /** The response without signatures, parsed from its text so namespaces are declared as on the wire. */
    public Document unsignedDocument(AssertionContent c) {
        String responseId = newId();
        String assertionId = newId();
        String attributes = attribute("FirstName", List.of(c.firstName())) + attribute("LastName",
                List.of(c.lastName())) + attribute("memberOf", c.groups());
        String xml = "<samlp:Response xmlns:samlp=\"" + SamlNames.PROTOCOL_NS + "\" xmlns:saml=\""
                + SamlNames.ASSERTION_NS + "\" ID=\"" + responseId + "\" Version=\"2.0\" IssueInstant=\""
                + c.issueInstant() + "\" Destination=\"" + esc(c.acsUrl()) + "\" InResponseTo=\""
                + esc(c.inResponseTo()) + "\">"
                + "<saml:Issuer>" + esc(c.issuer()) + "</saml:Issuer>"
                + "<samlp:Status><samlp:StatusCode Value=\"" + SamlNames.SUCCESS + "\"/></samlp:Status>"
                + "<saml:Assertion ID=\"" + assertionId + "\" Version=\"2.0\" IssueInstant=\"" + c.issueInstant()
                + "\"><saml:Issuer>" + esc(c.issuer()) + "</saml:Issuer>"
                + "<saml:Subject><saml:NameID Format=\"" + SamlNames.EMAIL_FORMAT + "\">" + esc(c.email())
                + "</saml:NameID><saml:SubjectConfirmation Method=\"" + SamlNames.BEARER + "\">"
                + "<saml:SubjectConfirmationData NotOnOrAfter=\"" + c.notOnOrAfter() + "\" Recipient=\""
                + esc(c.acsUrl()) + "\" InResponseTo=\"" + esc(c.inResponseTo()) + "\"/>"
                + "</saml:SubjectConfirmation></saml:Subject>"
                + "<saml:Conditions NotBefore=\"" + c.notBefore() + "\" NotOnOrAfter=\"" + c.notOnOrAfter() + "\">"
                + "<saml:AudienceRestriction><saml:Audience>" + esc(c.audience()) + "</saml:Audience>"
                + "</saml:AudienceRestriction></saml:Conditions>"
                + "<saml:AuthnStatement AuthnInstant=\"" + c.issueInstant() + "\" SessionIndex=\"" + assertionId
                + "\"><saml:AuthnContext><saml:AuthnContextClassRef>"
                + "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
                + "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
                + "<saml:AttributeStatement>" + attributes + "</saml:AttributeStatement>"
                + "</saml:Assertion></samlp:Response>";
        try {
            return SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8));
        } catch (SAXException e) {
            throw new IllegalStateException("built malformed SAML: " + e.getMessage(), e);
        }
    }

    /** Adds an enveloped signature to {@code element}, placed right after its Issuer as the schema wants. */
    public void sign(Element element) {
        try {
            XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
            String id = element.getAttribute("ID");
            element.setIdAttributeNS(null, "ID", true);
            Reference reference = factory.newReference("#" + id,
                    factory.newDigestMethod(DigestMethod.SHA256, null),
                    List.of(factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                    null, null);
            SignedInfo signedInfo = factory.newSignedInfo(
                    factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    factory.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(reference));
            KeyInfoFactory keys = factory.getKeyInfoFactory();
            KeyInfo keyInfo = keys.newKeyInfo(List.of(keys.newX509Data(List.of(signer.certificate()))));
            Element issuer = childElement(element, SamlNames.ASSERTION_NS, "Issuer");
            Node after = issuer == null ? element.getFirstChild() : issuer.getNextSibling();
            DOMSignContext context = new DOMSignContext(signer.privateKey(), element, after);
            context.setDefaultNamespacePrefix("ds");
            XMLSignature signature = factory.newXMLSignature(signedInfo, keyInfo);
            signature.sign(context);
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
            throw new IllegalStateException("cannot sign the SAML response: " + e.getMessage(), e);
        }
    }

    /** The first child element of {@code parent} named {@code ns}:{@code local}, or null. */
    public static Element childElement(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "_" + HexFormat.of().formatHex(bytes);
    }

    private static String attribute(String name, List<String> values) {
        StringBuilder out = new StringBuilder("<saml:Attribute Name=\"" + name + "\" NameFormat=\""
                + "urn:oasis:names:tc:SAML:2.0:attrname-format:basic\">");
        for (String value : values) {
            out.append("<saml:AttributeValue>").append(esc(value)).append("</saml:AttributeValue>");
        }
        return out.append("</saml:Attribute>").toString();
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
