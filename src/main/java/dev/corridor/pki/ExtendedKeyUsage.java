package dev.corridor.pki;

/** The extended key usages Corridor puts into certificates (RFC 5280 §4.2.1.12). */
public enum ExtendedKeyUsage {
    /** "TLS Web Server Authentication", required by {@code remote-cert-tls server}. */
    SERVER_AUTH("1.3.6.1.5.5.7.3.1"),
    /** "TLS Web Client Authentication", required by {@code remote-cert-tls client}. */
    CLIENT_AUTH("1.3.6.1.5.5.7.3.2");

    private final String oid;

    ExtendedKeyUsage(String oid) {
        this.oid = oid;
    }

    /** The object identifier in dotted form. */
    public String oid() {
        return oid;
    }
}
