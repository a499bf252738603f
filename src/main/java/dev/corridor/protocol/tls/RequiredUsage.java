package dev.corridor.protocol.tls;

/**
 * The {@code remote-cert-tls} check on the peer certificate: the extended key usage it must carry,
 * plus a keyUsage extension that must be present (OpenVPN's OPENVPN_KU_REQUIRED).
 */
enum RequiredUsage {
    /** No EKU check ({@code remote-cert-tls} not given). */
    ANY(null, null),
    /** {@code remote-cert-tls server}: EKU "TLS Web Server Authentication". */
    TLS_SERVER("1.3.6.1.5.5.7.3.1", "TLS Web Server Authentication"),
    /** {@code remote-cert-tls client}: EKU "TLS Web Client Authentication". */
    TLS_CLIENT("1.3.6.1.5.5.7.3.2", "TLS Web Client Authentication");

    private final String oid;
    private final String label;

    RequiredUsage(String oid, String label) {
        this.oid = oid;
        this.label = label;
    }

    String oid() {
        return oid;
    }

    String label() {
        return label;
    }
}
