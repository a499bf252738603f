package dev.corridor.server.saml;

/** The SAML 2.0 namespaces, formats and fixed values both the validator and the test IdP use. */
public final class SamlNames {
    public static final String PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
    public static final String ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
    public static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
    public static final String EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    public static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    public static final String HTTP_POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    /** The audience (and AuthnRequest issuer) of AWS Client VPN. */
    public static final String CLIENT_VPN_AUDIENCE = "urn:amazon:webservices:clientvpn";
    /** The largest SAML response AWS accepts, in bytes of XML. */
    public static final int MAX_RESPONSE_BYTES = 128 * 1024;

    private SamlNames() {}

    /** The ACS URL of the client's listener on {@code port}. */
    public static String acsUrl(int port) {
        return "http://127.0.0.1:" + port;
    }
}
