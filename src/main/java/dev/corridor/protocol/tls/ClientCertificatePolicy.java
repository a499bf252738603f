package dev.corridor.protocol.tls;

/** Whether a TLS server asks its clients for a certificate, and whether it insists on one. */
public enum ClientCertificatePolicy {
    /** Send no CertificateRequest (password or SAML authentication only). */
    NONE,
    /** Ask for a certificate; verify it when sent, accept clients that send none. */
    OPTIONAL,
    /** Ask for a certificate and refuse clients without a valid one (mutual authentication). */
    REQUIRED
}
