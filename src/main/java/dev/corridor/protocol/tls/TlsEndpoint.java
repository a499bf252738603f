package dev.corridor.protocol.tls;

import dev.corridor.profile.TlsSettings;
import dev.corridor.protocol.Role;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * One TLS session of the OpenVPN control channel, as a non-blocking engine: ciphertext from the
 * reliable layer goes in, ciphertext for the peer and cleartext for the key-method layer come out.
 * No sockets, threads or clock of its own; the peer certificate is judged against the injected
 * {@link Clock}. Not thread-safe: the session thread owns it. No method throws to the caller;
 * problems show up in {@link #failure()} and the endpoint stops.
 *
 * <pre>
 *                    feedCiphertext ─┐         ┌─► readCleartext   (key-method 2, control messages)
 *   reliable layer ◄─ drainCiphertext┤  engine ├◄─ writeCleartext  (queued until the handshake is done)
 *
 *   HANDSHAKING ──handshake done──► ESTABLISHED ──close() or peer's close_notify──► CLOSED
 *        │                              │                    (peer's close: failure() = PEER_CLOSED)
 *        └───────── any failure ────────┴──────────────────────────────────────────► FAILED
 *                   (a close_notify during the handshake also ends in FAILED, kind PEER_CLOSED)
 * </pre>
 *
 * <h2>Why BouncyCastle and not the JDK's SSLEngine</h2>
 * OpenVPN's TLS-EKM key derivation (IV_PROTO bit 3, {@code key-derivation tls-ekm}, protocol.md §4.5)
 * takes the data-channel keys from the RFC 5705 keying-material exporter:
 * {@code TLS-Exporter("EXPORTER-OpenVPN-datakeys", no context, 256)}. JDK 17's {@code SSLEngine} offers
 * no exporter at all (neither public API nor a supported hook), so a JSSE-based client could never
 * offer TLS-EKM and would always fall back to the legacy PRF. BouncyCastle's low-level TLS API
 * ({@link TlsClientProtocol}/{@link TlsServerProtocol} in non-blocking mode: {@code offerInput},
 * {@code readOutput}, {@code readInput}, {@code writeApplicationData}) exposes
 * {@link TlsContext#exportKeyingMaterial}, speaks TLS 1.2 and 1.3 byte-for-byte like any other stack
 * (see the SunJSSE interop test), and lets us keep full control of certificate checks. BouncyCastle
 * wipes the exporter secret once the handshake callback returns, while OpenVPN exports only after
 * PUSH_REPLY; {@link ExporterSecret} keeps a copy and computes the same function later.
 *
 * <p><b>Exporter with no context.</b> OpenVPN 2.x calls OpenSSL's
 * {@code SSL_export_keying_material(..., use_context=0)}. BouncyCastle's
 * {@code exportKeyingMaterial(label, null, length)} matches it: in TLS 1.2 a null context leaves the
 * context out of the PRF seed entirely ({@code client_random + server_random}, RFC 5705 §4 "no
 * context"), exactly as OpenSSL does with {@code use_context=0}; in TLS 1.3 both treat "no context" as
 * the empty context (RFC 8446 §7.5). The OpenSSL interop test checks both versions against
 * {@code openssl s_server -keymatexport}. BouncyCastle refuses to export from a TLS 1.2 session without
 * extended_master_secret (RFC 7627 §5.4); OpenSSL 1.1.0 and later negotiate it by default, and
 * {@link TlsSessionInfo#keyingMaterialExportable()} tells the caller beforehand.
 *
 * <p><b>Records.</b> Each {@link #writeCleartext} call becomes its own TLS record(s) (one record up to
 * 16 KiB), which is how OpenVPN peers send key-method 2 and control messages (protocol.md §3).
 */
public final class TlsEndpoint {

    /** Where the session is in its life. */
    public enum State { HANDSHAKING, ESTABLISHED, CLOSED, FAILED }

    private static final byte[] NOTHING = new byte[0];

    private final Role role;
    private final TlsProtocol protocol;
    private final ControlChannelPeer peer;
    private final HandshakeNotes notes;
    private final TlsVersionRange versions;
    private final Deque<byte[]> pendingCleartext = new ArrayDeque<>();
    private State state = State.HANDSHAKING;
    private boolean handshakeDone;
    private TlsFailure failure;

    private TlsEndpoint(Role role, TlsProtocol protocol, ControlChannelPeer peer, HandshakeNotes notes,
            TlsVersionRange versions) {
        this.role = role;
        this.protocol = protocol;
        this.peer = peer;
        this.notes = notes;
        this.versions = versions;
    }

    /** An endpoint that failed before it could start, e.g. because the key could not be read. */
    private static TlsEndpoint failedAtStart(Role role, TlsFailure failure) {
        TlsEndpoint endpoint = new TlsEndpoint(role, null, null, new HandshakeNotes(), TlsVersionRange.DEFAULT);
        endpoint.fail(failure);
        return endpoint;
    }

    /**
     * A client endpoint for a profile's TLS settings; its ClientHello is ready in
     * {@link #drainCiphertext()}. When the settings cannot be used (unreadable CA, key, wrong
     * passphrase) the endpoint starts out {@link State#FAILED} with the reason. Reads and checks the
     * settings each time; {@link PreparedTlsClient} does that once for many sessions.
     *
     * @param passphrase decrypts an encrypted key; empty when there is none; not kept
     */
    public static TlsEndpoint client(TlsSettings settings, char[] passphrase, Clock clock, SecureRandom random) {
        return PreparedTlsClient.prepare(settings, passphrase).newSession(clock, random);
    }

    /**
     * A client endpoint (checks and converts the client key each time); its ClientHello is ready in
     * {@link #drainCiphertext()}.
     */
    public static TlsEndpoint client(TlsClientConfig config, Clock clock, SecureRandom random) {
        return PreparedTlsClient.prepare(config).newSession(clock, random);
    }

    /** A client endpoint that failed before it could start, for a configuration that cannot be used. */
    static TlsEndpoint failedClient(TlsFailure failure) {
        return failedAtStart(Role.CLIENT, failure);
    }

    /** A client endpoint for a prepared configuration whose key (if any) was checked once. */
    static TlsEndpoint client(TlsClientConfig config, Optional<SigningKey> signingKey, Clock clock,
            SecureRandom random) {
        Objects.requireNonNull(config, "config");
        if (config.trustedCas().isEmpty()) {
            return failedAtStart(Role.CLIENT, TlsFailure.of(TlsFailure.Kind.BAD_CONFIGURATION,
                    "there is no CA certificate (<ca>) to check the server against"));
        }
        HandshakeNotes notes = new HandshakeNotes();
        PeerCertificateVerifier verifier = new PeerCertificateVerifier(config.trustedCas(), config.crls(),
                config.remoteCertTlsServer() ? RequiredUsage.TLS_SERVER : RequiredUsage.ANY, config.verifyX509Name(),
                clock, "server");
        ControlChannelTlsClient client = new ControlChannelTlsClient(new BcTlsCrypto(random), config.versions(),
                verifier, signingKey, notes);
        TlsClientProtocol protocol = new TlsClientProtocol();
        TlsEndpoint endpoint = new TlsEndpoint(Role.CLIENT, protocol, client, notes, config.versions());
        try {
            protocol.connect(client);
        } catch (IOException | RuntimeException e) {
            endpoint.fail(endpoint.classify(e));
        }
        return endpoint;
    }

    /** A server endpoint waiting for a ClientHello (checks and converts the server key each time). */
    public static TlsEndpoint server(TlsServerConfig config, Clock clock, SecureRandom random) {
        return PreparedTlsServer.prepare(config).newSession(clock, random);
    }

    /** A server endpoint for a prepared configuration whose key was checked once. */
    static TlsEndpoint server(TlsServerConfig config, TlsResult<SigningKey> key, Clock clock, SecureRandom random) {
        Objects.requireNonNull(config, "config");
        if (config.clientCertificates() != ClientCertificatePolicy.NONE && config.clientCas().isEmpty()) {
            return failedAtStart(Role.SERVER, TlsFailure.of(TlsFailure.Kind.BAD_CONFIGURATION,
                    "client certificates are requested but no CA is configured to check them"));
        }
        if (key instanceof TlsResult.Failed<SigningKey> failed) {
            return failedAtStart(Role.SERVER, failed.failure());
        }
        HandshakeNotes notes = new HandshakeNotes();
        PeerCertificateVerifier verifier = new PeerCertificateVerifier(config.clientCas(), config.crls(),
                config.remoteCertTlsClient() ? RequiredUsage.TLS_CLIENT : RequiredUsage.ANY, Optional.empty(), clock,
                "client");
        ControlChannelTlsServer server = new ControlChannelTlsServer(new BcTlsCrypto(random), config.versions(),
                key.asOptional().orElseThrow(), config.clientCertificates(), config.clientCas(), verifier, notes);
        TlsServerProtocol protocol = new TlsServerProtocol();
        TlsEndpoint endpoint = new TlsEndpoint(Role.SERVER, protocol, server, notes, config.versions());
        try {
            protocol.accept(server);
        } catch (IOException | RuntimeException e) {
            endpoint.fail(endpoint.classify(e));
        }
        return endpoint;
    }

    /** Which end of the connection this is. */
    public Role role() {
        return role;
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /**
     * Hands over TLS bytes from the peer, in order, split anywhere. Ignored once the endpoint has
     * failed or closed. Bytes that are not TLS, or fail to decrypt, make the endpoint fail.
     */
    public void feedCiphertext(byte[] ciphertext) {
        if (!running() || ciphertext.length == 0) {
            return;
        }
        try {
            protocol.offerInput(ciphertext);
        } catch (IOException | RuntimeException e) {
            fail(classify(e));
            return;
        }
        afterInput();
    }

    /** TLS bytes to send to the peer (possibly empty); includes an alert after a failure. */
    public byte[] drainCiphertext() {
        if (protocol == null) {
            return NOTHING;
        }
        int available = protocol.getAvailableOutputBytes();
        if (available == 0) {
            return NOTHING;
        }
        byte[] out = new byte[available];
        protocol.readOutput(out, 0, available);
        return out;
    }

    /**
     * Sends {@code cleartext} to the peer as application data. Before the handshake completes it
     * is queued and sent, in order, as soon as it does.
     *
     * @return false when the endpoint has failed or closed and the data is dropped
     */
    public boolean writeCleartext(byte[] cleartext) {
        if (!running()) {
            return false;
        }
        if (cleartext.length == 0) {
            return true;
        }
        if (state == State.HANDSHAKING) {
            pendingCleartext.add(cleartext.clone());
            return true;
        }
        return write(cleartext);
    }

    /** Cleartext the peer sent (possibly empty), including what arrived before a close or failure. */
    public byte[] readCleartext() {
        if (protocol == null) {
            return NOTHING;
        }
        int available = protocol.getAvailableInputBytes();
        if (available == 0) {
            return NOTHING;
        }
        byte[] out = new byte[available];
        protocol.readInput(out, 0, available);
        return out;
    }

    /** True once the handshake has completed; stays true if the session later closes or fails. */
    public boolean handshakeComplete() {
        return handshakeDone;
    }

    /** Why the endpoint stopped: a failure, or {@link TlsFailure.Kind#PEER_CLOSED}; empty while healthy. */
    public Optional<TlsFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Keying material from the TLS exporter with no context (RFC 5705, RFC 8446 §7.5), as OpenVPN's
     * TLS-EKM uses it: {@code exportKeyingMaterial("EXPORTER-OpenVPN-datakeys", 256)}.
     */
    public KeyingMaterialExport exportKeyingMaterial(String label, int length) {
        if (!handshakeDone || protocol == null) {
            return new KeyingMaterialExport.Unavailable("the TLS handshake has not completed");
        }
        if (state == State.FAILED) {
            return new KeyingMaterialExport.Unavailable("the TLS session has failed");
        }
        if (label == null || label.isEmpty() || !label.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return new KeyingMaterialExport.Unavailable("an exporter label must be printable ASCII without spaces");
        }
        if (length < 1 || length > 0xFFFF) {
            return new KeyingMaterialExport.Unavailable("cannot export " + length + " bytes");
        }
        return notes.exporter().map(secret -> secret.export(label, length))
                .orElseGet(() -> new KeyingMaterialExport.Unavailable("the TLS handshake has not completed"));
    }

    /** What the handshake negotiated; empty until it completes. */
    public Optional<TlsSessionInfo> session() {
        if (!handshakeDone || protocol == null) {
            return Optional.empty();
        }
        SecurityParameters parameters = peer.tlsContext().getSecurityParametersConnection();
        if (parameters == null) {
            return Optional.empty();
        }
        Optional<TlsVersion> version = TlsVersion.fromWire(parameters.getNegotiatedVersion());
        if (version.isEmpty()) {
            return Optional.empty();
        }
        int group = parameters.getNegotiatedGroup();
        Optional<String> groupName = group >= 0 ? Optional.ofNullable(NamedGroup.getStandardName(group))
                : Optional.empty();
        boolean exportable = notes.exporter().map(ExporterSecret::available).orElse(false);
        return Optional.of(new TlsSessionInfo(version.get(), ControlChannelSuite.name(parameters.getCipherSuite()),
                groupName, notes.peer(), exportable));
    }

    /**
     * Ends the session politely: a close_notify (and user_canceled during the handshake) waits in
     * {@link #drainCiphertext()}. Further input is ignored.
     */
    public void close() {
        if (!running()) {
            return;
        }
        state = State.CLOSED;
        pendingCleartext.clear();
        notes.exporter().ifPresent(ExporterSecret::destroy);
        try {
            protocol.close();
        } catch (IOException | RuntimeException e) {
            // the alert could not be written; the session is over either way
        }
    }

    private boolean running() {
        return protocol != null && (state == State.HANDSHAKING || state == State.ESTABLISHED);
    }

    private void afterInput() {
        if (protocol.isClosed()) {
            if (state != State.FAILED) {
                state = State.CLOSED;
                notes.exporter().ifPresent(ExporterSecret::destroy);
                failure = TlsFailure.of(TlsFailure.Kind.PEER_CLOSED, "the " + peerName()
                        + " closed the TLS session (close_notify)");
            }
            return;
        }
        if (state == State.HANDSHAKING && protocol.isConnected()) {
            state = State.ESTABLISHED;
            handshakeDone = true;
            while (!pendingCleartext.isEmpty() && state == State.ESTABLISHED) {
                write(pendingCleartext.poll());
            }
        }
    }

    private boolean write(byte[] cleartext) {
        try {
            protocol.writeApplicationData(cleartext, 0, cleartext.length);
            return true;
        } catch (IOException | RuntimeException e) {
            fail(classify(e));
            return false;
        }
    }

    private void fail(TlsFailure reason) {
        if (failure == null || failure.kind() == TlsFailure.Kind.PEER_CLOSED) {
            failure = reason;
        }
        state = State.FAILED;
        pendingCleartext.clear();
        notes.exporter().ifPresent(ExporterSecret::destroy);
    }

    /** Turns what BouncyCastle threw into a failure, preferring the precise reason we recorded. */
    private TlsFailure classify(Throwable e) {
        Optional<TlsFailure> recorded = notes.rejection();
        if (recorded.isPresent()) {
            return recorded.get();
        }
        String phase = handshakeDone ? "session" : "handshake";
        if (e instanceof TlsFatalAlertReceived received) {
            return TlsFailure.of(TlsFailure.Kind.HANDSHAKE, explainReceived(received.getAlertDescription(), phase));
        }
        if (notes.lastAlertReceived() == AlertDescription.close_notify && !handshakeDone) {
            return TlsFailure.of(TlsFailure.Kind.PEER_CLOSED, "the " + peerName()
                    + " closed the TLS session during the handshake");
        }
        if (e instanceof TlsFatalAlert alert) {
            short description = alert.getAlertDescription();
            if (description == AlertDescription.protocol_version) {
                return TlsFailure.of(TlsFailure.Kind.HANDSHAKE, "the " + peerName() + " offers no TLS version in"
                        + " our range (" + versions.describe() + ")");
            }
            String detail = alert.getMessage() == null || alert.getMessage().isBlank()
                    || alert.getMessage().equals(AlertDescription.getText(description))
                    ? "" : " (" + PemText.describe(alert) + ")";
            return TlsFailure.of(TlsFailure.Kind.HANDSHAKE, "the TLS " + phase + " failed: "
                    + AlertDescription.getName(description) + detail);
        }
        if (e instanceof IOException) {
            return TlsFailure.of(TlsFailure.Kind.HANDSHAKE, "the TLS " + phase + " failed: " + PemText.describe(e));
        }
        return TlsFailure.of(TlsFailure.Kind.HANDSHAKE, "the TLS " + phase + " failed inside the TLS library ("
                + e.getClass().getSimpleName() + ": " + PemText.describe(e) + ")");
    }

    private String explainReceived(short description, String phase) {
        String name = AlertDescription.getName(description);
        String peerName = peerName();
        return switch (description) {
            case AlertDescription.protocol_version -> "the " + peerName + " supports no TLS version we offer ("
                    + versions.describe() + ")";
            case AlertDescription.handshake_failure -> "the " + peerName + " refused the handshake (handshake_failure):"
                    + " no cipher suite or signature scheme in common, or it requires a client certificate";
            case AlertDescription.certificate_required -> "the " + peerName + " requires a client certificate and"
                    + " none was sent (certificate_required)";
            case AlertDescription.bad_certificate, AlertDescription.unsupported_certificate,
                    AlertDescription.certificate_revoked, AlertDescription.certificate_expired,
                    AlertDescription.certificate_unknown, AlertDescription.unknown_ca, AlertDescription.access_denied ->
                    "the " + peerName + " refused our certificate (" + name + ")";
            case AlertDescription.decrypt_error, AlertDescription.bad_record_mac -> "the " + peerName
                    + " could not verify or decrypt our messages (" + name + ")";
            default -> "the " + peerName + " ended the TLS " + phase + " with alert " + name;
        };
    }

    private String peerName() {
        return role == Role.CLIENT ? "server" : "client";
    }

    /** Role and state only; nothing secret is held in a printable form. */
    @Override
    public String toString() {
        return "TlsEndpoint[" + role + ", " + state + failure().map(f -> ", " + f.kind()).orElse("") + "]";
    }
}
