package dev.corridor.server.saml;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.Deflater;

/**
 * The IdP URL that starts a browser sign-in: an unsigned AuthnRequest in the SAML HTTP-Redirect
 * binding, as Client VPN sends it (for the client's listener and for the self-service portal).
 *
 * <pre>
 *   &lt;samlp:AuthnRequest ID Destination=IdP AssertionConsumerServiceURL=ACS ProtocolBinding=HTTP-POST&gt;
 *     &lt;saml:Issuer&gt;urn:amazon:webservices:clientvpn&lt;/saml:Issuer&gt; &lt;samlp:NameIDPolicy email/&gt;
 *   ─► raw DEFLATE ─► base64 ─► IdP URL ? SAMLRequest=…(URL-encoded) &amp; RelayState=…
 * </pre>
 */
public final class AuthnRequestRedirect {
    private AuthnRequestRedirect() {}

    /**
     * The redirect URL.
     *
     * @param idpUrl     the IdP's HTTP-Redirect sign-in URL (may already carry a query)
     * @param requestId  the AuthnRequest's ID, which the response must answer (InResponseTo)
     * @param acsUrl     where the IdP is to send the response (Destination, Recipient)
     * @param relayState handed back by the IdP with the response
     * @param now        the IssueInstant
     */
    public static String url(String idpUrl, String requestId, String acsUrl, String relayState, Instant now) {
        return idpUrl + (idpUrl.contains("?") ? "&" : "?") + "SAMLRequest="
                + URLEncoder.encode(deflatedBase64(xml(idpUrl, requestId, acsUrl, now)), StandardCharsets.UTF_8)
                + "&RelayState=" + URLEncoder.encode(relayState, StandardCharsets.UTF_8);
    }

    private static String xml(String idpUrl, String requestId, String acsUrl, Instant now) {
        return "<samlp:AuthnRequest xmlns:samlp=\"" + SamlNames.PROTOCOL_NS + "\" xmlns:saml=\""
                + SamlNames.ASSERTION_NS + "\" ID=\"" + attr(requestId) + "\" Version=\"2.0\" IssueInstant=\""
                + now + "\" Destination=\"" + attr(idpUrl) + "\" AssertionConsumerServiceURL=\"" + attr(acsUrl)
                + "\" ProtocolBinding=\"" + SamlNames.HTTP_POST_BINDING + "\"><saml:Issuer>"
                + SamlNames.CLIENT_VPN_AUDIENCE + "</saml:Issuer><samlp:NameIDPolicy Format=\""
                + SamlNames.EMAIL_FORMAT + "\" AllowCreate=\"true\"/></samlp:AuthnRequest>";
    }

    private static String deflatedBase64(String xml) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(xml.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    private static String attr(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
