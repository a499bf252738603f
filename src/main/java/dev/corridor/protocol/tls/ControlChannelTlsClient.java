package dev.corridor.protocol.tls;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The client side as BouncyCastle sees it: which versions and suites to offer, how to judge the
 * server's certificate, and which certificate to send when asked.
 *
 * <p>Left at BouncyCastle's defaults on purpose: no SNI ({@code getSNIServerNames} is null, like
 * OpenVPN 2.x), no session to resume and no session-ticket extension, no PSK, renegotiation refused
 * ({@code RenegotiationPolicy.DENY}), extended_master_secret offered. OpenVPN rekeys with a new
 * TLS session, so there is nothing to resume.
 */
final class ControlChannelTlsClient extends AbstractTlsClient implements ControlChannelPeer {
    private final BcTlsCrypto crypto;
    private final TlsVersionRange versions;
    private final PeerCertificateVerifier verifier;
    private final Optional<SigningKey> signingKey;
    private final HandshakeNotes notes;

    ControlChannelTlsClient(BcTlsCrypto crypto, TlsVersionRange versions, PeerCertificateVerifier verifier,
            Optional<SigningKey> signingKey, HandshakeNotes notes) {
        super(crypto);
        this.crypto = crypto;
        this.versions = versions;
        this.verifier = verifier;
        this.signingKey = signingKey;
        this.notes = notes;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return versions.wireVersions();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return ControlChannelSuite.forClient(versions);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                boolean tls13 = TlsUtils.isTLSv13(context);
                TlsResult<List<X509Certificate>> chain = SigningKey.toX509(serverCertificate.getCertificate());
                TlsResult<PeerCertificate> verdict = chain instanceof TlsResult.Ok<List<X509Certificate>> ok
                        ? verifier.verify(ok.value()) : TlsResult.failed(chain.failureIfAny().orElseThrow());
                if (verdict instanceof TlsResult.Failed<PeerCertificate> failed) {
                    throw notes.refuse(failed.failure(), tls13);
                }
                notes.peerVerified(verdict.asOptional().orElseThrow());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                if (signingKey.isEmpty()) {
                    return null; // an empty Certificate message: the server decides whether that is enough
                }
                var signer = signingKey.get().signer(context, crypto,
                        HandshakeNotes.schemes(request.getSupportedSignatureAlgorithms()),
                        request.getCertificateRequestContext());
                if (signer.isEmpty()) {
                    throw notes.refuse(TlsFailure.of(TlsFailure.Kind.BAD_CLIENT_CREDENTIALS, "the server accepts no"
                            + " signature scheme that the client key (" + signingKey.get().family()
                            + ") can make"), TlsUtils.isTLSv13(context));
                }
                return signer.get();
            }
        };
    }

    /** The only moment BouncyCastle still holds the exporter secret: take a copy. */
    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        notes.handshakeCompleted(ExporterSecret.capture(context));
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        notes.alertReceived(alertDescription);
    }

    /** OpenVPN never renegotiates inside TLS (it starts a new TLS session); refuse it explicitly. */
    @Override
    public int getRenegotiationPolicy() {
        return org.bouncycastle.tls.RenegotiationPolicy.DENY;
    }

    @Override
    public TlsContext tlsContext() {
        return context;
    }
}
