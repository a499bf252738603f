package dev.corridor.protocol.tls;

import java.util.Objects;

/**
 * Why a TLS endpoint stopped: a kind for code to branch on and a sentence for the person reading
 * the log or the error dialog. Messages name certificates by subject and dates, never key material.
 *
 * @param kind    what went wrong
 * @param message what went wrong, in words
 */
public record TlsFailure(Kind kind, String message) {

    /** The distinct ways a control-channel TLS session can fail. */
    public enum Kind {
        /** A certificate in the peer's chain (or the CA) is past its notAfter date. */
        EXPIRED,
        /** A certificate in the peer's chain is before its notBefore date (often a wrong clock). */
        NOT_YET_VALID,
        /** The peer's certificate (or an intermediate) is listed in the CRL. */
        REVOKED,
        /** A CRL is configured but none valid covers the certificate: expired, not yet valid, wrong issuer. */
        REVOCATION_UNKNOWN,
        /** The peer's chain does not lead to a trusted CA, or a signature in it does not verify. */
        UNTRUSTED,
        /** {@code verify-x509-name} does not match, or the certificate has no usable common name. */
        WRONG_NAME,
        /** The certificate lacks the extended key usage or key usage the configuration requires. */
        WRONG_USAGE,
        /** The peer sent no certificate although one is required. */
        MISSING_CERTIFICATE,
        /** The TLS handshake or record layer failed: an alert, no common version or suite, bad bytes. */
        HANDSHAKE,
        /** Our own certificate or private key cannot be read or do not belong together. */
        BAD_CLIENT_CREDENTIALS,
        /** The private key is encrypted and the passphrase is missing or wrong. */
        BAD_PASSPHRASE,
        /** The configuration cannot be used: unreadable CA or CRL, impossible TLS version range. */
        BAD_CONFIGURATION,
        /** The peer closed the TLS session (close_notify). */
        PEER_CLOSED
    }

    public TlsFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    static TlsFailure of(Kind kind, String message) {
        return new TlsFailure(kind, message);
    }
}
