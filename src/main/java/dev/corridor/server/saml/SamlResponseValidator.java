package dev.corridor.server.saml;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Checks a base64 SAML response the way a Client VPN endpoint must before trusting it: size, safe
 * parsing, the signature against the pinned IdP key with anti-wrapping rules, then the content.
 *
 * <pre>
 *   base64 ─► ≤ 128 KB XML ─► parse (no DOCTYPE) ─► samlp:Response, no EncryptedAssertion,
 *   exactly one saml:Assertion child, unique IDs
 *   signatures: only as a direct child of the Response or of that Assertion; each must reference
 *   exactly its parent ("#" + parent ID) with enveloped + exc-c14n transforms only, and verify with
 *   the pinned key (secure validation). So the element whose data is read is the signed one.
 *   content: Status Success; Destination, Recipient = ACS URL; InResponseTo = request ID;
 *   Issuer = IdP; Audience = urn:amazon:webservices:clientvpn; NotBefore/NotOnOrAfter ± skew;
 *   NameID email; attributes FirstName, LastName, memberOf (required)
 * </pre>
 * Every refusal has its own fixed reason sentence.
 */
public final class SamlResponseValidator {
    private static final String DSIG_NS = XMLSignature.XMLNS;
    private static final Set<String> ALLOWED_TRANSFORMS = Set.of(Transform.ENVELOPED,
            CanonicalizationMethod.EXCLUSIVE, CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS);
    /** base64 of 128 KB plus room for line breaks. */
    private static final int MAX_BASE64_CHARS = SamlNames.MAX_RESPONSE_BYTES / 3 * 4 + 8 * 1024;

    private SamlResponseValidator() {}

    /** Checks {@code base64} (already percent-decoded) against {@code expect} at time {@code now}. */
    public static SamlCheck check(String base64, SamlExpectations expect, Instant now) {
        try {
            return new SamlCheck.Valid(verify(base64, expect, now));
        } catch (Refusal refusal) {
            return new SamlCheck.Invalid(refusal.getMessage());
        }
    }

    /** A refusal with its reason; internal control flow only. */
    private static final class Refusal extends Exception {
        Refusal(String reason) {
            super(reason, null, false, false);
        }
    }

    private static SamlIdentity verify(String base64, SamlExpectations expect, Instant now) throws Refusal {
        if (base64.length() > MAX_BASE64_CHARS) {
            throw new Refusal("the SAML response is larger than 128 KB");
        }
        byte[] xml;
        try {
            xml = Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new Refusal("the SAML response is not base64");
        }
        if (xml.length > SamlNames.MAX_RESPONSE_BYTES) {
            throw new Refusal("the SAML response is larger than 128 KB");
        }
        Document document;
        try {
            document = SecureXml.parse(xml);
        } catch (SAXException e) {
            throw new Refusal(SecureXml.DOCTYPE_REFUSED.equals(e.getMessage())
                    ? "the SAML response contains a DOCTYPE, which is not allowed"
                    : "the SAML response is not well-formed XML");
        }
        Element response = document.getDocumentElement();
        if (!is(response, SamlNames.PROTOCOL_NS, "Response")) {
            throw new Refusal("the document is not a SAML Response");
        }
        if (document.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "EncryptedAssertion").getLength() > 0) {
            throw new Refusal("encrypted assertions are not supported");
        }
        List<Element> assertions = children(response, SamlNames.ASSERTION_NS, "Assertion");
        if (assertions.size() != 1
                || document.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "Assertion").getLength() != 1) {
            throw new Refusal("the SAML response must hold exactly one assertion (possible signature wrapping)");
        }
        Element assertion = assertions.get(0);
        registerUniqueIds(document);
        checkSignatures(document, response, assertion, expect);
        checkContent(response, assertion, expect, now);
        return identity(assertion);
    }

    private static void registerUniqueIds(Document document) throws Refusal {
        Set<String> seen = new HashSet<>();
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttributeNS(null, "ID")) {
                if (!seen.add(e.getAttributeNS(null, "ID"))) {
                    throw new Refusal("the SAML response has duplicate IDs (possible signature wrapping)");
                }
                e.setIdAttributeNS(null, "ID", true);
            }
        }
    }

    private static void checkSignatures(Document document, Element response, Element assertion,
            SamlExpectations expect) throws Refusal {
        List<Element> onResponse = children(response, DSIG_NS, "Signature");
        List<Element> onAssertion = children(assertion, DSIG_NS, "Signature");
        int total = document.getElementsByTagNameNS(DSIG_NS, "Signature").getLength();
        if (onResponse.size() > 1 || onAssertion.size() > 1 || total != onResponse.size() + onAssertion.size()) {
            throw new Refusal("the SAML response has a signature in an unexpected place (possible signature wrapping)");
        }
        if (total == 0) {
            throw new Refusal("the SAML response is not signed");
        }
        for (Element signature : onResponse) {
            verifySignature(signature, response, expect);
        }
        for (Element signature : onAssertion) {
            verifySignature(signature, assertion, expect);
        }
    }

    private static void verifySignature(Element signatureElement, Element signed, SamlExpectations expect)
            throws Refusal {
        try {
            DOMValidateContext context = new DOMValidateContext(
                    KeySelector.singletonKeySelector(expect.idpCertificate().getPublicKey()), signatureElement);
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            XMLSignature signature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
            List<?> references = signature.getSignedInfo().getReferences();
            String id = signed.getAttributeNS(null, "ID");
            if (references.size() != 1 || id.isEmpty()
                    || !("#" + id).equals(((Reference) references.get(0)).getURI())) {
                throw new Refusal("the SAML signature does not cover the element it is in (possible signature wrapping)");
            }
            for (Object transform : ((Reference) references.get(0)).getTransforms()) {
                if (!ALLOWED_TRANSFORMS.contains(((Transform) transform).getAlgorithm())) {
                    throw new Refusal("the SAML signature uses a transform other than enveloped and exclusive C14N");
                }
            }
            if (!signature.validate(context)) {
                throw new Refusal("the SAML signature does not verify with the IdP certificate");
            }
        } catch (MarshalException | XMLSignatureException | ClassCastException e) {
            throw new Refusal("the SAML signature is malformed or uses a forbidden algorithm");
        }
    }

    private static void checkContent(Element response, Element assertion, SamlExpectations expect, Instant now)
            throws Refusal {
        Element status = child(response, SamlNames.PROTOCOL_NS, "Status");
        Element code = status == null ? null : child(status, SamlNames.PROTOCOL_NS, "StatusCode");
        if (code == null || !SamlNames.SUCCESS.equals(code.getAttribute("Value"))) {
            throw new Refusal("the IdP reports that the sign-in did not succeed");
        }
        if (response.hasAttribute("Destination") && !expect.acsUrl().equals(response.getAttribute("Destination"))) {
            throw new Refusal("the SAML response is for another Destination");
        }
        if (response.hasAttribute("InResponseTo") && !expect.requestId().equals(response.getAttribute("InResponseTo"))) {
            throw new Refusal("the SAML response answers another request (InResponseTo)");
        }
        Element responseIssuer = child(response, SamlNames.ASSERTION_NS, "Issuer");
        Element issuer = child(assertion, SamlNames.ASSERTION_NS, "Issuer");
        if (issuer == null || !expect.idpIssuer().equals(issuer.getTextContent().trim())
                || (responseIssuer != null && !expect.idpIssuer().equals(responseIssuer.getTextContent().trim()))) {
            throw new Refusal("the SAML response comes from another Issuer");
        }
        Element subject = child(assertion, SamlNames.ASSERTION_NS, "Subject");
        Element confirmation = subject == null ? null : child(subject, SamlNames.ASSERTION_NS, "SubjectConfirmation");
        Element data = confirmation == null ? null
                : child(confirmation, SamlNames.ASSERTION_NS, "SubjectConfirmationData");
        if (data == null || !SamlNames.BEARER.equals(confirmation.getAttribute("Method"))) {
            throw new Refusal("the assertion has no bearer subject confirmation");
        }
        if (!expect.acsUrl().equals(data.getAttribute("Recipient"))) {
            throw new Refusal("the assertion is for another Recipient");
        }
        if (!expect.requestId().equals(data.getAttribute("InResponseTo"))) {
            throw new Refusal("the SAML response answers another request (InResponseTo)");
        }
        if (!now.minus(expect.clockSkew()).isBefore(time(data, "NotOnOrAfter"))) {
            throw new Refusal("the assertion has expired");
        }
        Element conditions = child(assertion, SamlNames.ASSERTION_NS, "Conditions");
        if (conditions == null) {
            throw new Refusal("the assertion has no Conditions");
        }
        if (conditions.hasAttribute("NotBefore") && now.plus(expect.clockSkew()).isBefore(time(conditions, "NotBefore"))) {
            throw new Refusal("the assertion is not valid yet");
        }
        if (!now.minus(expect.clockSkew()).isBefore(time(conditions, "NotOnOrAfter"))) {
            throw new Refusal("the assertion has expired");
        }
        boolean audience = false;
        for (Element restriction : children(conditions, SamlNames.ASSERTION_NS, "AudienceRestriction")) {
            for (Element a : children(restriction, SamlNames.ASSERTION_NS, "Audience")) {
                audience |= SamlNames.CLIENT_VPN_AUDIENCE.equals(a.getTextContent().trim());
            }
        }
        if (!audience) {
            throw new Refusal("the assertion is for another Audience");
        }
    }

    private static SamlIdentity identity(Element assertion) throws Refusal {
        Element subject = child(assertion, SamlNames.ASSERTION_NS, "Subject");
        Element nameId = child(subject, SamlNames.ASSERTION_NS, "NameID");
        String email = nameId == null ? "" : nameId.getTextContent().trim();
        if (nameId == null || !SamlNames.EMAIL_FORMAT.equals(nameId.getAttribute("Format"))
                || !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new Refusal("the NameID is not an email address");
        }
        Optional<List<String>> groups = attribute(assertion, "memberOf");
        if (groups.isEmpty()) {
            throw new Refusal("the assertion has no memberOf attribute");
        }
        return new SamlIdentity(email, attribute(assertion, "FirstName").map(v -> String.join(" ", v)).orElse(""),
                attribute(assertion, "LastName").map(v -> String.join(" ", v)).orElse(""), groups.get());
    }

    private static Optional<List<String>> attribute(Element assertion, String name) {
        for (Element statement : children(assertion, SamlNames.ASSERTION_NS, "AttributeStatement")) {
            for (Element attribute : children(statement, SamlNames.ASSERTION_NS, "Attribute")) {
                if (name.equals(attribute.getAttribute("Name"))) {
                    List<String> values = new ArrayList<>();
                    for (Element value : children(attribute, SamlNames.ASSERTION_NS, "AttributeValue")) {
                        values.add(value.getTextContent().trim());
                    }
                    return Optional.of(values);
                }
            }
        }
        return Optional.empty();
    }

    private static Instant time(Element element, String attribute) throws Refusal {
        String text = element.getAttribute(attribute);
        if (text.isEmpty()) {
            throw new Refusal("the assertion lacks " + attribute);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refusal("the assertion has a malformed " + attribute);
        }
    }

    private static boolean is(Element e, String ns, String local) {
        return ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
    }

    private static Element child(Element parent, String ns, String local) {
        List<Element> found = children(parent, ns, local);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String ns, String local) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && is(e, ns, local)) {
                found.add(e);
            }
        }
        return found;
    }
}
