package dev.corridor.server.saml;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.xml.crypto.dsig.XMLSignature;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * SAML 2.0 IdP metadata, both ways: {@link #render} writes the document the test IdP serves, and
 * {@link #parse} reads the {@link TrustedIdp} out of an administrator's metadata file with the
 * locked-down parser ({@link SecureXml}: no DOCTYPE, so no entities and no XXE).
 *
 * <pre>
 *   md:EntityDescriptor entityID="…"
 *     md:IDPSSODescriptor protocolSupportEnumeration="…SAML:2.0:protocol"
 *       md:KeyDescriptor use="signing" ─ ds:KeyInfo/ds:X509Data/ds:X509Certificate (base64 DER)
 *       md:NameIDFormat emailAddress
 *       md:SingleSignOnService Binding="…HTTP-Redirect" Location="https://idp/sso"
 * </pre>
 * Read rules: the root is one EntityDescriptor with an entityID; exactly one IDPSSODescriptor that
 * supports SAML 2.0; its KeyDescriptors for signing (use="signing" or no use) hold exactly one
 * distinct certificate (no key rollover); a SingleSignOnService with the HTTP-Redirect binding and
 * an http(s) Location. Metadata signatures are not checked: the file is trusted as the
 * administrator's upload, as IAM does with a SAML provider's metadata document.
 */
public final class IdpMetadata {
    /** The SAML 2.0 metadata namespace. */
    public static final String METADATA_NS = "urn:oasis:names:tc:SAML:2.0:metadata";
    /** The HTTP-Redirect binding, the one the endpoint sends AuthnRequests with. */
    public static final String HTTP_REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    /** The Content-Type metadata is served with. */
    public static final String CONTENT_TYPE = "application/samlmetadata+xml";
    /** Larger metadata files are refused before parsing. */
    public static final int MAX_BYTES = 1024 * 1024;

    private IdpMetadata() {}

    /** The metadata document describing {@code idp}. */
    public static String render(TrustedIdp idp) {
        String certificate;
        try {
            certificate = Base64.getEncoder().encodeToString(idp.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the IdP certificate cannot be encoded", e);
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<md:EntityDescriptor xmlns:md=\"" + METADATA_NS + "\" entityID=\"" + attr(idp.entityId()) + "\">\n"
                + "  <md:IDPSSODescriptor WantAuthnRequestsSigned=\"false\" protocolSupportEnumeration=\""
                + SamlNames.PROTOCOL_NS + "\">\n"
                + "    <md:KeyDescriptor use=\"signing\">\n"
                + "      <ds:KeyInfo xmlns:ds=\"" + XMLSignature.XMLNS + "\"><ds:X509Data><ds:X509Certificate>"
                + certificate + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>\n"
                + "    </md:KeyDescriptor>\n"
                + "    <md:NameIDFormat>" + SamlNames.EMAIL_FORMAT + "</md:NameIDFormat>\n"
                + "    <md:SingleSignOnService Binding=\"" + HTTP_REDIRECT_BINDING + "\" Location=\""
                + attr(idp.ssoUrl()) + "\"/>\n"
                + "  </md:IDPSSODescriptor>\n"
                + "</md:EntityDescriptor>\n";
    }

    /** Reads the IdP out of a metadata document, or says in one sentence why it cannot. */
    public static TrustedIdp parse(byte[] xml) throws InvalidIdpMetadataException {
        if (xml.length > MAX_BYTES) {
            throw new InvalidIdpMetadataException("the metadata is larger than " + MAX_BYTES + " bytes");
        }
        Element root;
        try {
            root = SecureXml.parse(xml).getDocumentElement();
        } catch (SAXException e) {
            throw new InvalidIdpMetadataException(SecureXml.DOCTYPE_REFUSED.equals(e.getMessage())
                    ? "the metadata contains a DOCTYPE, which is not allowed"
                    : "the metadata is not well-formed XML");
        }
        if (!is(root, METADATA_NS, "EntityDescriptor")) {
            throw new InvalidIdpMetadataException("the metadata's root is not one md:EntityDescriptor"
                    + (is(root, METADATA_NS, "EntitiesDescriptor") ? " (an EntitiesDescriptor holds several"
                    + " entities; give the IdP's own)" : ""));
        }
        String entityId = root.getAttribute("entityID").strip();
        if (entityId.isEmpty()) {
            throw new InvalidIdpMetadataException("the EntityDescriptor has no entityID");
        }
        List<Element> descriptors = children(root, METADATA_NS, "IDPSSODescriptor");
        if (descriptors.size() != 1) {
            throw new InvalidIdpMetadataException(descriptors.isEmpty() ? "the metadata has no IDPSSODescriptor"
                    : "the metadata has more than one IDPSSODescriptor");
        }
        Element idp = descriptors.get(0);
        if (!Arrays.asList(idp.getAttribute("protocolSupportEnumeration").trim().split("\\s+"))
                .contains(SamlNames.PROTOCOL_NS)) {
            throw new InvalidIdpMetadataException("the IDPSSODescriptor does not support SAML 2.0"
                    + " (protocolSupportEnumeration)");
        }
        return new TrustedIdp(signingCertificate(idp), redirectLocation(idp), entityId);
    }

    private static X509Certificate signingCertificate(Element idp) throws InvalidIdpMetadataException {
        List<X509Certificate> found = new ArrayList<>();
        for (Element key : children(idp, METADATA_NS, "KeyDescriptor")) {
            String use = key.getAttribute("use");
            if (!use.isEmpty() && !"signing".equals(use)) {
                continue;
            }
            Element info = single(key, XMLSignature.XMLNS, "KeyInfo");
            Element data = info == null ? null : single(info, XMLSignature.XMLNS, "X509Data");
            Element text = data == null ? null : single(data, XMLSignature.XMLNS, "X509Certificate");
            if (text == null) {
                throw new InvalidIdpMetadataException("a signing KeyDescriptor has no"
                        + " ds:KeyInfo/ds:X509Data/ds:X509Certificate");
            }
            X509Certificate certificate = certificate(text.getTextContent());
            if (found.stream().noneMatch(certificate::equals)) {
                found.add(certificate);
            }
        }
        if (found.isEmpty()) {
            throw new InvalidIdpMetadataException("the IDPSSODescriptor has no signing certificate (KeyDescriptor)");
        }
        if (found.size() > 1) {
            throw new InvalidIdpMetadataException("the IDPSSODescriptor has " + found.size() + " different signing"
                    + " certificates; the endpoint pins exactly one");
        }
        return found.get(0);
    }

    private static X509Certificate certificate(String base64) throws InvalidIdpMetadataException {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64.strip());
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            throw new InvalidIdpMetadataException("the signing certificate is not a base64 X.509 certificate");
        }
    }

    private static String redirectLocation(Element idp) throws InvalidIdpMetadataException {
        for (Element service : children(idp, METADATA_NS, "SingleSignOnService")) {
            if (HTTP_REDIRECT_BINDING.equals(service.getAttribute("Binding"))) {
                String location = service.getAttribute("Location").strip();
                try {
                    URI uri = new URI(location);
                    if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                            && uri.getFragment() == null) {
                        return location;
                    }
                } catch (URISyntaxException e) {
                    // refused below
                }
                throw new InvalidIdpMetadataException("the HTTP-Redirect SingleSignOnService Location \""
                        + location + "\" is not an http(s) URL");
            }
        }
        throw new InvalidIdpMetadataException("the IDPSSODescriptor has no SingleSignOnService with the"
                + " HTTP-Redirect binding");
    }

    private static Element single(Element parent, String ns, String local) {
        List<Element> found = children(parent, ns, local);
        return found.size() == 1 ? found.get(0) : null;
    }

    private static boolean is(Element e, String ns, String local) {
        return ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
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

    private static String attr(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
