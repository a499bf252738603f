package dev.corridor.protocol.tls;

import java.util.Optional;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * What our BouncyCastle peer object learned during a handshake, read back by {@link TlsEndpoint}:
 * the verified peer certificate, and the precise failure we recorded just before BouncyCastle
 * turned it into an alert (so the endpoint reports "EXPIRED", not just "bad_certificate").
 */
final class HandshakeNotes {
    private TlsFailure rejection;
    private PeerCertificate peer;
    private short alertReceived = -1;
    private ExporterSecret exporter;

    /** Records why we refuse, and returns the alert to send for it. */
    TlsFatalAlert refuse(TlsFailure failure, boolean tls13) {
        if (rejection == null) {
            rejection = failure;
        }
        return new TlsFatalAlert(alertFor(failure.kind(), tls13), failure.message());
    }

    Optional<TlsFailure> rejection() {
        return Optional.ofNullable(rejection);
    }

    void peerVerified(PeerCertificate certificate) {
        peer = certificate;
    }

    Optional<PeerCertificate> peer() {
        return Optional.ofNullable(peer);
    }

    void handshakeCompleted(ExporterSecret secret) {
        exporter = secret;
    }

    /** The exporter secret captured at handshake completion, or empty before. */
    Optional<ExporterSecret> exporter() {
        return Optional.ofNullable(exporter);
    }

    void alertReceived(short description) {
        alertReceived = description;
    }

    /** The description of the last alert the peer sent, or -1. */
    short lastAlertReceived() {
        return alertReceived;
    }

    /** The TLS alert (RFC 8446 §6.2) that tells the peer why its certificate was refused. */
    static short alertFor(TlsFailure.Kind kind, boolean tls13) {
        return switch (kind) {
            case EXPIRED -> AlertDescription.certificate_expired;
            case REVOKED -> AlertDescription.certificate_revoked;
            case REVOCATION_UNKNOWN -> AlertDescription.certificate_unknown;
            case UNTRUSTED -> AlertDescription.unknown_ca;
            case WRONG_USAGE -> AlertDescription.unsupported_certificate;
            case NOT_YET_VALID, WRONG_NAME -> AlertDescription.bad_certificate;
            case MISSING_CERTIFICATE -> tls13 ? AlertDescription.certificate_required
                    : AlertDescription.handshake_failure;
            default -> AlertDescription.handshake_failure;
        };
    }

    /** BouncyCastle hands out raw vectors; this names what is in them. */
    @SuppressWarnings("unchecked")
    static Vector<SignatureAndHashAlgorithm> schemes(Vector<?> raw) {
        return (Vector<SignatureAndHashAlgorithm>) raw;
    }
}
