package dev.corridor.protocol.tls;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The server side as BouncyCastle sees it: our certificate and key, which suites fit that key,
 * whether to ask for a client certificate and how to judge it. No session IDs, no tickets (the
 * {@link AbstractTlsServer} defaults), so no resumption; renegotiation is refused.
 */
final class ControlChannelTlsServer extends AbstractTlsServer implements ControlChannelPeer {
    private final BcTlsCrypto crypto;
    private final TlsVersionRange versions;
    private final SigningKey signingKey;
    private final ClientCertificatePolicy policy;
    private final List<X509Certificate> clientCas;
    private final PeerCertificateVerifier verifier;
    private final HandshakeNotes notes;

    ControlChannelTlsServer(BcTlsCrypto crypto, TlsVersionRange versions, SigningKey signingKey,
            ClientCertificatePolicy policy, List<X509Certificate> clientCas, PeerCertificateVerifier verifier,
            HandshakeNotes notes) {
        super(crypto);
        this.crypto = crypto;
        this.versions = versions;
        this.signingKey = signingKey;
        this.policy = policy;
        this.clientCas = List.copyOf(clientCas);
        this.verifier = verifier;
        this.notes = notes;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return versions.wireVersions();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return ControlChannelSuite.forServer(versions, signingKey.family());
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        Vector<?> clientSchemes = context.getSecurityParametersHandshake().getClientSigAlgs();
        var signer = signingKey.signer(context, crypto, HandshakeNotes.schemes(clientSchemes), null);
        if (signer.isEmpty()) {
            throw notes.refuse(TlsFailure.of(TlsFailure.Kind.HANDSHAKE, "the client accepts no signature scheme"
                    + " that the server key (" + signingKey.family() + ") can make"), TlsUtils.isTLSv13(context));
        }
        return signer.get();
    }

    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        if (policy == ClientCertificatePolicy.NONE) {
            return null;
        }
        Vector<?> schemes = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        Vector<X500Name> authorities = new Vector<>();
        for (X509Certificate ca : clientCas) {
            authorities.add(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()));
        }
        if (TlsUtils.isTLSv13(context)) {
            return new CertificateRequest(TlsUtils.EMPTY_BYTES, schemes, null, authorities);
        }
        short[] types = {ClientCertificateType.rsa_sign, ClientCertificateType.ecdsa_sign};
        return new CertificateRequest(types, schemes, authorities);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        boolean tls13 = TlsUtils.isTLSv13(context);
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            if (policy == ClientCertificatePolicy.REQUIRED) {
                throw notes.refuse(TlsFailure.of(TlsFailure.Kind.MISSING_CERTIFICATE,
                        "the client sent no certificate, but this server requires one"), tls13);
            }
            return;
        }
        TlsResult<List<X509Certificate>> chain = SigningKey.toX509(clientCertificate);
        TlsResult<PeerCertificate> verdict = chain instanceof TlsResult.Ok<List<X509Certificate>> ok
                ? verifier.verify(ok.value()) : TlsResult.failed(chain.failureIfAny().orElseThrow());
        if (verdict instanceof TlsResult.Failed<PeerCertificate> failed) {
            throw notes.refuse(failed.failure(), tls13);
        }
        notes.peerVerified(verdict.asOptional().orElseThrow());
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
