package dev.corridor.protocol.session;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.keys.Key2;
import dev.corridor.protocol.keys.KeyMethod2Framing;
import dev.corridor.protocol.keys.KeyMethod2Message;
import dev.corridor.protocol.keys.KeyMethod2ReadResult;
import dev.corridor.protocol.keys.KeyMethod2Writer;
import dev.corridor.protocol.keys.KeySource;
import dev.corridor.protocol.keys.PrfKeyDerivation;
import dev.corridor.protocol.keys.TlsEkmDerivation;
import dev.corridor.protocol.message.ControlMessage;
import dev.corridor.protocol.message.ControlMessageParser;
import dev.corridor.protocol.message.ControlText;
import dev.corridor.protocol.message.PushOptionsParser;
import dev.corridor.protocol.message.PushParseResult;
import dev.corridor.protocol.message.PushReplySplitter;
import dev.corridor.protocol.reliable.ControlPayloadSplitter;
import dev.corridor.protocol.reliable.InboundMessage;
import dev.corridor.protocol.reliable.Receipt;
import dev.corridor.protocol.reliable.ReliableChannel;
import dev.corridor.protocol.tls.KeyingMaterialExport;
import dev.corridor.protocol.tls.PeerCertificate;
import dev.corridor.protocol.tls.TlsFailure;
import dev.corridor.protocol.tls.TlsSessionInfo;
import dev.corridor.protocol.tls.wrap.Unwrapped;
import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.protocol.wire.SessionId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The server side of one client's OpenVPN control session as a pure state machine, the mirror of
 * {@link ClientControlSession}: wire packets and the current time go in; wire packets to send and
 * {@link ServerSessionEvent}s come out. The owner judges credentials, builds the pushed options and
 * runs the data channel; this class runs resets, TLS, key-method 2, PUSH_REPLY and renegotiations.
 *
 * <pre>
 *   open(HARD_RESET_CLIENT_V2) ─► HARD_RESET_SERVER_V2 (ack 0) ─► TLS server ◄─ ClientHello ...
 *   client's key-method 2 read ─► ours (stock framing) ─► ClientAuthenticationRequested(0)
 *      owner: reject(reason) ─► AUTH_FAILED,reason ─acked or 5 s─► Failed(AUTHENTICATION_REJECTED)
 *      owner: accept ─► (PUSH_REQUEST) ─► PushRequested ─► owner: sendPushReply(options, PRF | TLS_EKM)
 *         ─► PUSH_REPLY [split] ─► DataKeysReady(0) ─client acked the reply─► KeyConfirmed(0)
 *   renegotiation (reneg-sec here, or the client's SOFT_RESET_V1 on key id k+1; 7 wraps to 1):
 *      SOFT_RESET_V1 both ways ─► TLS ─► key-method 2 ─► ClientAuthenticationRequested(k)
 *      owner: accept ─► DataKeysReady(k) ─client acked our key-method 2─► KeyConfirmed(k)
 *      older keys retire 60 s after the newer one is confirmed ─► KeyRetired(old)
 * </pre>
 *
 * <p><b>Why two key events.</b> The client switches to a new key the moment it can derive it: for
 * key 0 on reading the PUSH_REPLY, on renegotiations on reading our key-method-2 message (2.x
 * behaves alike). The server hands out keys before that (so the client's first packets on the new
 * key decrypt), but may only <em>send</em> on them once the client has acknowledged every packet
 * carrying what it needed, as a 2.x server waits for S_ACTIVE (ssl.c {@code tls_process_state}).
 *
 * <p>Not thread-safe: one session thread owns it. Malformed, forged, replayed or foreign packets
 * are dropped and counted in {@link #counters()}; nothing from the network throws.
 */
public final class ServerControlSession {
    /** How long AUTH_FAILED may take to be acknowledged before the session ends anyway (2.x scheduled exit). */
    static final long REJECT_LINGER_MILLIS = 5_000;

    /** Where the initial PUSH_REQUEST / PUSH_REPLY exchange stands. */
    private enum PushStage { NOT_ASKED, ASKED_BEFORE_ACCEPT, ANNOUNCED, REPLIED }

    private final ServerSessionConfig config;
    private final SessionId ownSessionId;
    private final SessionId peerSessionId;
    private final ControlPayloadSplitter splitter;
    private final TreeMap<Integer, ServerKeyState> keys = new TreeMap<>();
    private final List<byte[]> outgoing = new ArrayList<>();
    private final List<ServerSessionEvent> events = new ArrayList<>();
    private final SessionCounters counters = new SessionCounters();
    private KeyDerivation derivation = KeyDerivation.UNDECIDED;
    private ServerKeyState initialKey;
    private PushStage push = PushStage.NOT_ASKED;
    private int latestKeyId = -1;
    private long latestConfirmedAt = -1;
    private long keySequence;
    private String rejection;
    private ServerKeyState rejectedKey;
    private long rejectGiveUpAt;
    private boolean failed;

    private ServerControlSession(ServerSessionConfig config, SessionId peerSessionId) {
        this.config = config;
        this.peerSessionId = peerSessionId;
        this.ownSessionId = SessionId.random(config.random());
        this.splitter = ControlPayloadSplitter.forWrapOverhead(config.wrap().overhead());
    }

    /**
     * A session for the client whose first packet is {@code hardReset}, with the answer already in
     * {@link #drainOutgoing()}; empty when the packet is not an authentic HARD_RESET_CLIENT_V2 with
     * key id 0 and message id 0 (the owner drops it and creates nothing). The config, and its wrap,
     * belong to the new session from now on.
     */
    public static Optional<ServerControlSession> open(ServerSessionConfig config, byte[] hardReset, long nowMillis) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(hardReset, "hardReset");
        if (!(config.wrap().unwrap(hardReset, nowMillis / 1000) instanceof Unwrapped.Ok ok)) {
            return Optional.empty();
        }
        ControlPacket packet = ok.packet();
        if (packet.opcode() != Opcode.CONTROL_HARD_RESET_CLIENT_V2 || packet.keyId() != 0
                || !packet.acks().isEmpty() || packet.messageId().orElse(-1) != 0 || !packet.sessionId().isDefined()) {
            return Optional.empty();
        }
        ServerControlSession session = new ServerControlSession(config, packet.sessionId());
        ServerKeyState key = session.newKeyState(0, nowMillis);
        session.initialKey = key;
        session.offer(key, Opcode.CONTROL_HARD_RESET_SERVER_V2, new byte[0], nowMillis);
        session.process(key, packet, nowMillis);
        session.flush(nowMillis);
        return Optional.of(session);
    }

    /** Handles one control packet from this client (the owner has sorted out data packets already). */
    public void receive(byte[] wire, long nowMillis) {
        if (failed) {
            return;
        }
        Unwrapped unwrapped = config.wrap().unwrap(wire, nowMillis / 1000);
        if (!(unwrapped instanceof Unwrapped.Ok ok)) {
            if (unwrapped instanceof Unwrapped.Malformed) {
                counters.malformed();
            } else if (unwrapped instanceof Unwrapped.Unauthentic) {
                counters.unauthentic();
            } else {
                counters.replayed();
            }
            return;
        }
        ControlPacket packet = ok.packet();
        if (!peerSessionId.equals(packet.sessionId())) {
            counters.foreign();
            return;
        }
        ServerKeyState key = keys.get(packet.keyId());
        if (key == null) {
            if (packet.opcode() != Opcode.CONTROL_SOFT_RESET_V1 || !acceptsRenegotiationTo(packet.keyId())) {
                counters.foreign();
                return;
            }
            key = newKeyState(packet.keyId(), nowMillis);
            offer(key, Opcode.CONTROL_SOFT_RESET_V1, new byte[0], nowMillis);
            events.add(new ServerSessionEvent.RenegotiationStarted(packet.keyId(), true));
        }
        process(key, packet, nowMillis);
        checkRejection(nowMillis);
        flush(nowMillis);
    }

    /** Lets time pass: retransmissions, hand-window, key retirement, renegotiation by reneg-sec. */
    public void tick(long nowMillis) {
        if (failed) {
            return;
        }
        for (ServerKeyState key : new ArrayList<>(keys.values())) {
            if (!key.exchanged() && nowMillis - key.startedAtMillis > config.handWindowMillis()) {
                fail(ServerSessionEvent.FailureKind.HANDSHAKE_TIMEOUT, (key.keyId == 0
                        ? "the client did not complete the handshake"
                        : "renegotiation of key " + key.keyId + " did not complete")
                        + " within " + config.handWindowMillis() / 1000 + " s (hand-window)");
                return;
            }
            if (key.phase == ServerKeyState.Phase.RETIRING && nowMillis >= key.retireAtMillis) {
                forget(key);
            }
        }
        checkRejection(nowMillis);
        if (failed) {
            return;
        }
        ServerKeyState latest = keys.get(latestKeyId);
        if (config.renegMillis() > 0 && latest != null && latest.confirmed
                && nowMillis - latestConfirmedAt >= config.renegMillis()) {
            renegotiate(nowMillis);
        }
        flush(nowMillis);
    }

    /**
     * The owner's verdict on {@link ServerSessionEvent.ClientAuthenticationRequested}: the client may
     * go on. On key 0 the session then waits for the PUSH_REQUEST; on a renegotiation the new keys
     * follow at once. Returns false when the key state is not waiting for a verdict (a stale answer,
     * or the session has ended).
     */
    public boolean accept(int keyId, long nowMillis) {
        ServerKeyState key = awaitingVerdict(keyId);
        if (key == null || key.phase != ServerKeyState.Phase.AUTHENTICATING) {
            return false;
        }
        if (derivation == KeyDerivation.UNDECIDED) {
            key.phase = ServerKeyState.Phase.CONFIGURING;
            if (push == PushStage.ASKED_BEFORE_ACCEPT) {
                push = PushStage.ANNOUNCED;
                events.add(new ServerSessionEvent.PushRequested(keyId));
            }
        } else {
            Optional<Key2> key2 = derive(key, derivation);
            if (key2.isEmpty()) {
                flush(nowMillis);
                return true;
            }
            pump(key, nowMillis);
            handOut(key, key2.get());
        }
        flush(nowMillis);
        return true;
    }

    /**
     * The owner refuses the client (on key 0, or on a renegotiation, or after accepting key 0 but
     * before the PUSH_REPLY): sends {@code AUTH_FAILED,<reason>} and ends the session once the client
     * acknowledged it, or after {@link #REJECT_LINGER_MILLIS}. {@code reason} is shown to the user and
     * must not contain control characters. Returns false when there is nothing to refuse.
     */
    public boolean reject(int keyId, String reason, long nowMillis) {
        Objects.requireNonNull(reason, "reason");
        ServerKeyState key = awaitingVerdict(keyId);
        if (key == null || !(key.phase == ServerKeyState.Phase.AUTHENTICATING
                || key.phase == ServerKeyState.Phase.CONFIGURING)) {
            return false;
        }
        byte[] message = ControlMessage.AuthFailed.plain(reason).toBytes();
        key.tls.writeCleartext(message);
        key.phase = ServerKeyState.Phase.REJECTED;
        rejection = reason;
        rejectedKey = key;
        rejectGiveUpAt = nowMillis + REJECT_LINGER_MILLIS;
        pump(key, nowMillis);
        flush(nowMillis);
        return true;
    }

    /**
     * Sends the client its settings, split into PUSH_REPLY messages of at most 1024 bytes, and hands
     * out the data keys of key 0 derived as {@code chosen} says; the options must agree with it (they
     * contain {@code key-derivation tls-ekm} or {@code protocol-flags ... tls-ekm} exactly when
     * {@code chosen} is TLS_EKM). Pick TLS_EKM only for a client that advertised IV_PROTO bit 3 and
     * whose {@link #tlsSession()} can export keys. Returns false when the session has ended
     * meanwhile (or ends now because the keys cannot be exported).
     *
     * @throws IllegalStateException    when no accepted client is waiting for its settings
     * @throws IllegalArgumentException when the options cannot be pushed or disagree with {@code chosen}
     */
    public boolean sendPushReply(List<String> options, KeyDerivation chosen, long nowMillis) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(chosen, "chosen");
        if (chosen == KeyDerivation.UNDECIDED) {
            throw new IllegalArgumentException("decide PRF or TLS_EKM");
        }
        if (failed || rejection != null) {
            return false;
        }
        ServerKeyState key = initialKey;
        if (key == null || key.phase != ServerKeyState.Phase.CONFIGURING || push == PushStage.REPLIED) {
            throw new IllegalStateException("no accepted client is waiting for its settings");
        }
        if (pushesTlsEkm(options) != (chosen == KeyDerivation.TLS_EKM)) {
            throw new IllegalArgumentException(chosen == KeyDerivation.TLS_EKM
                    ? "TLS-EKM chosen but the options push neither 'key-derivation tls-ekm'"
                            + " nor 'protocol-flags tls-ekm'"
                    : "the options push tls-ekm but PRF derivation was chosen");
        }
        List<ControlMessage.PushReply> parts = PushReplySplitter.split(options);
        Optional<Key2> key2 = derive(key, chosen);
        if (key2.isEmpty()) {
            flush(nowMillis);
            return false;
        }
        for (ControlMessage.PushReply part : parts) {
            key.tls.writeCleartext(part.toBytes());
        }
        derivation = chosen;
        push = PushStage.REPLIED;
        pump(key, nowMillis);
        handOut(key, key2.get());
        flush(nowMillis);
        return true;
    }

    /**
     * Starts a renegotiation from the server (soft reset on the next key id). Returns false when one
     * cannot start now: before the first key is confirmed, while another renegotiation runs, after
     * the session ended.
     */
    public boolean renegotiate(long nowMillis) {
        if (failed || rejection != null || derivation == KeyDerivation.UNDECIDED) {
            return false;
        }
        ServerKeyState latest = keys.get(latestKeyId);
        if (latest == null || latest.phase != ServerKeyState.Phase.ACTIVE || !latest.confirmed) {
            return false;
        }
        int next = ClientControlSession.nextKeyId(latestKeyId);
        ServerKeyState key = newKeyState(next, nowMillis);
        offer(key, Opcode.CONTROL_SOFT_RESET_V1, new byte[0], nowMillis);
        events.add(new ServerSessionEvent.RenegotiationStarted(next, false));
        flush(nowMillis);
        return true;
    }

    /**
     * Sends a control message (AUTH_PENDING, INFO, RESTART, HALT, EXIT, ...) on the newest key state
     * whose key exchange is done. Returns false when there is none, or the session has ended or is
     * refusing the client. Use {@link #sendPushReply} for the settings.
     */
    public boolean send(ControlMessage message, long nowMillis) {
        Objects.requireNonNull(message, "message");
        if (failed || rejection != null) {
            return false;
        }
        ServerKeyState newest = null;
        for (ServerKeyState key : keys.values()) {
            boolean usable = key.phase == ServerKeyState.Phase.AUTHENTICATING
                    || key.phase == ServerKeyState.Phase.CONFIGURING || key.phase == ServerKeyState.Phase.ACTIVE;
            if (usable && (newest == null || key.sequence > newest.sequence)) {
                newest = key;
            }
        }
        if (newest == null || !newest.tls.writeCleartext(message.toBytes())) {
            return false;
        }
        pump(newest, nowMillis);
        flush(nowMillis);
        return true;
    }

    /** Wire packets to send to the client, in order. */
    public List<byte[]> drainOutgoing() {
        List<byte[]> out = List.copyOf(outgoing);
        outgoing.clear();
        return out;
    }

    /** What happened since the last call, in order. */
    public List<ServerSessionEvent> drainEvents() {
        List<ServerSessionEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }

    /** When {@link #tick} next has work to do; empty when nothing is pending or the session ended. */
    public OptionalLong nextWakeup() {
        if (failed) {
            return OptionalLong.empty();
        }
        long next = Long.MAX_VALUE;
        for (ServerKeyState key : keys.values()) {
            OptionalLong wake = key.reliable.nextWakeup();
            if (wake.isPresent()) {
                next = Math.min(next, wake.getAsLong());
            }
            if (!key.exchanged()) {
                next = Math.min(next, key.startedAtMillis + config.handWindowMillis() + 1);
            }
            if (key.phase == ServerKeyState.Phase.RETIRING) {
                next = Math.min(next, key.retireAtMillis);
            }
        }
        if (rejection != null) {
            next = Math.min(next, rejectGiveUpAt);
        }
        if (config.renegMillis() > 0 && latestConfirmedAt >= 0) {
            next = Math.min(next, latestConfirmedAt + config.renegMillis());
        }
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /** Our session id (written in every packet we send). */
    public SessionId ownSessionId() {
        return ownSessionId;
    }

    /** The client's session id, from its hard reset. */
    public SessionId peerSessionId() {
        return peerSessionId;
    }

    /** Dropped control packets, by cause. */
    public SessionCounters counters() {
        return counters;
    }

    /** How data keys are derived: UNDECIDED until the PUSH_REPLY is sent. */
    public KeyDerivation keyDerivation() {
        return derivation;
    }

    /** True once the session failed, was refused to the end, or was closed. */
    public boolean failed() {
        return failed;
    }

    /** The TLS session of the newest completed handshake (EKM exportability, the client's certificate). */
    public Optional<TlsSessionInfo> tlsSession() {
        ServerKeyState newest = null;
        for (ServerKeyState key : keys.values()) {
            if (key.tls != null && key.tls.handshakeComplete() && (newest == null || key.sequence > newest.sequence)) {
                newest = key;
            }
        }
        return newest == null ? Optional.empty() : newest.tls.session();
    }

    /** Forgets secrets and stops: every key state's key material, TLS sessions closed without a word. */
    public void close() {
        failed = true;
        for (ServerKeyState key : keys.values()) {
            wipe(key);
        }
    }

    // ------------------------------------------------------------------------------------------

    private ServerKeyState newKeyState(int keyId, long nowMillis) {
        ServerKeyState previous = keys.get(keyId);
        if (previous != null) {
            forget(previous); // the id came round again (1..7) before the old key's retirement ended
        }
        ReliableChannel reliable = new ReliableChannel(config.reliable(), keyId, ownSessionId,
                Optional.of(peerSessionId));
        ServerKeyState key = new ServerKeyState(keyId, reliable,
                KeySource.random(Role.SERVER, config.random()), keySequence++, nowMillis);
        keys.put(keyId, key);
        latestKeyId = keyId;
        return key;
    }

    private void forget(ServerKeyState key) {
        keys.remove(key.keyId);
        wipe(key);
        if (key.keysHandedOut()) {
            events.add(new ServerSessionEvent.KeyRetired(key.keyId));
        }
    }

    private static void wipe(ServerKeyState key) {
        key.own.wipe();
        if (key.peer != null) {
            key.peer.wipe();
        }
        if (key.tls != null) {
            key.tls.close();
        }
    }

    /** A client soft reset may open key {@code keyId}: the next id, while the newest key has its keys. */
    private boolean acceptsRenegotiationTo(int keyId) {
        if (rejection != null || latestKeyId < 0 || keyId != ClientControlSession.nextKeyId(latestKeyId)) {
            return false;
        }
        ServerKeyState latest = keys.get(latestKeyId);
        return latest != null && latest.phase == ServerKeyState.Phase.ACTIVE;
    }

    private ServerKeyState awaitingVerdict(int keyId) {
        if (failed || rejection != null) {
            return null;
        }
        return keys.get(keyId);
    }

    private void offer(ServerKeyState key, Opcode opcode, byte[] payload, long nowMillis) {
        key.lastOfferedMessageId = key.reliable.offer(opcode, payload, nowMillis);
    }

    private void process(ServerKeyState key, ControlPacket packet, long nowMillis) {
        Receipt receipt = key.reliable.received(packet, nowMillis);
        if (receipt instanceof Receipt.Dropped) {
            counters.foreign();
        }
        for (InboundMessage message : receipt.deliveredMessages()) {
            deliver(key, message);
            if (failed) {
                return;
            }
        }
        pump(key, nowMillis);
    }

    private void deliver(ServerKeyState key, InboundMessage message) {
        Opcode expectedReset = key.keyId == 0 ? Opcode.CONTROL_HARD_RESET_CLIENT_V2 : Opcode.CONTROL_SOFT_RESET_V1;
        if (message.opcode() == expectedReset) {
            if (key.phase == ServerKeyState.Phase.RESETTING) {
                key.tls = config.tlsFactory().apply(key.keyId);
                key.phase = ServerKeyState.Phase.HANDSHAKING;
            }
        } else if (message.opcode() == Opcode.CONTROL_V1 && key.tls != null) {
            key.tls.feedCiphertext(message.payload());
        } else {
            counters.foreign();
        }
    }

    /** Moves bytes between TLS and the reliable layer, and reads what TLS decrypted. */
    private void pump(ServerKeyState key, long nowMillis) {
        if (key.tls == null) {
            return;
        }
        drainTls(key, nowMillis);
        if (key.tls.handshakeComplete() && !key.tlsReported) {
            key.tlsReported = true;
            key.tls.session().ifPresent(info -> events.add(new ServerSessionEvent.TlsEstablished(key.keyId, info)));
        }
        byte[] cleartext = key.tls.readCleartext();
        if (cleartext.length > 0) {
            readCleartext(key, cleartext);
            drainTls(key, nowMillis);
        }
        Optional<TlsFailure> failure = key.tls.failure();
        if (failure.isPresent() && !failed && key.phase != ServerKeyState.Phase.RETIRING) {
            if (rejection != null) {
                fail(ServerSessionEvent.FailureKind.AUTHENTICATION_REJECTED, refusedMessage());
            } else {
                fail(ServerSessionEvent.FailureKind.TLS, failure.get().message());
            }
        }
    }

    private void drainTls(ServerKeyState key, long nowMillis) {
        byte[] ciphertext = key.tls.drainCiphertext();
        if (ciphertext.length > 0) {
            for (byte[] chunk : splitter.split(ciphertext)) {
                offer(key, Opcode.CONTROL_V1, chunk, nowMillis);
            }
        }
    }

    private void readCleartext(ServerKeyState key, byte[] cleartext) {
        byte[] rest = cleartext;
        if (key.peer == null) {
            KeyMethod2ReadResult result = key.keyMethodReader.feed(cleartext);
            if (result instanceof KeyMethod2ReadResult.Malformed malformed) {
                fail(ServerSessionEvent.FailureKind.KEY_EXCHANGE, "the client's key-method-2 message is malformed: "
                        + malformed.reason());
                return;
            }
            if (!(result instanceof KeyMethod2ReadResult.Complete complete)) {
                return;
            }
            rest = complete.leftover();
            clientKeyMethodArrived(key, complete.message(), complete.framing());
        }
        if (rest.length > 0) {
            for (ControlText text : key.textReader.feed(rest)) {
                if (text instanceof ControlText.Text message) {
                    handleMessage(key, ControlMessageParser.parse(message.value()));
                } else {
                    counters.malformed();
                }
            }
        }
    }

    /** The client's key-method 2 is in: answer with ours and ask the owner about the credentials. */
    private void clientKeyMethodArrived(ServerKeyState key, KeyMethod2Message message, KeyMethod2Framing framing) {
        KeySource source = message.keySource();
        byte[] preMaster = source.preMaster();
        byte[] random1 = source.random1();
        byte[] random2 = source.random2();
        key.peer = KeySource.client(preMaster, random1, random2);
        Arrays.fill(preMaster, (byte) 0);
        Arrays.fill(random1, (byte) 0);
        Arrays.fill(random2, (byte) 0);

        KeyMethod2Message ours = KeyMethod2Message.withoutCredentials(key.own, config.occOptions(), config.peerInfo());
        byte[] encoded = KeyMethod2Writer.encode(ours, KeyMethod2Framing.STOCK);
        key.tls.writeCleartext(encoded);
        Arrays.fill(encoded, (byte) 0);
        key.phase = ServerKeyState.Phase.AUTHENTICATING;

        Optional<String> commonName = key.tls.session().flatMap(TlsSessionInfo::peer).map(PeerCertificate::commonName);
        char[] password = message.password();
        events.add(new ServerSessionEvent.ClientAuthenticationRequested(key.keyId, message.username(), password,
                message.peerInfo(), message.options(), framing, commonName));
        Arrays.fill(password, '\0');
        message.wipe();
    }

    private void handleMessage(ServerKeyState key, ControlMessage message) {
        if (rejection != null) {
            return;
        }
        if (!(message instanceof ControlMessage.PushRequest)) {
            events.add(new ServerSessionEvent.MessageReceived(message));
            return;
        }
        if (push != PushStage.NOT_ASKED) {
            return; // the client resends PUSH_REQUEST every 5 s until the reply arrives; 2.x ignores them too
        }
        if (initialKey != null && initialKey.phase == ServerKeyState.Phase.CONFIGURING) {
            push = PushStage.ANNOUNCED;
            events.add(new ServerSessionEvent.PushRequested(key.keyId));
        } else if (initialKey != null && initialKey.phase == ServerKeyState.Phase.AUTHENTICATING) {
            push = PushStage.ASKED_BEFORE_ACCEPT;
        }
    }

    private Optional<Key2> derive(ServerKeyState key, KeyDerivation chosen) {
        if (chosen == KeyDerivation.TLS_EKM) {
            KeyingMaterialExport export = key.tls.exportKeyingMaterial(TlsEkmDerivation.DATA_KEYS_LABEL, Key2.BYTES);
            if (export instanceof KeyingMaterialExport.Exported exported) {
                byte[] material = exported.material();
                try {
                    return Optional.of(Key2.of(material));
                } finally {
                    Arrays.fill(material, (byte) 0);
                }
            }
            fail(ServerSessionEvent.FailureKind.KEY_DERIVATION, "TLS-EKM key derivation was chosen but the TLS"
                    + " session cannot export keys: " + ((KeyingMaterialExport.Unavailable) export).reason());
            return Optional.empty();
        }
        return Optional.of(PrfKeyDerivation.deriveKey2(key.peer, key.own, peerSessionId.bytes(),
                ownSessionId.bytes()));
    }

    /** The keys go to the owner; the client holds them once everything sent so far is acknowledged. */
    private void handOut(ServerKeyState key, Key2 key2) {
        key.phase = ServerKeyState.Phase.ACTIVE;
        key.requireAcknowledgementOfAllSent();
        events.add(new ServerSessionEvent.DataKeysReady(key.keyId, key2, derivation));
        key.own.wipe();
        key.peer.wipe();
    }

    /** Reports keys the client now holds; the newest confirmed key retires the older ones. */
    private void checkConfirmations(long nowMillis) {
        for (ServerKeyState key : keys.values()) {
            if (key.phase != ServerKeyState.Phase.ACTIVE || key.confirmed || !key.acknowledgedUpToMark()) {
                continue;
            }
            key.confirmed = true;
            boolean newerConfirmed = keys.values().stream()
                    .anyMatch(other -> other.sequence > key.sequence && other.confirmed);
            if (newerConfirmed) {
                retire(key, nowMillis);
                continue;
            }
            events.add(new ServerSessionEvent.KeyConfirmed(key.keyId));
            latestConfirmedAt = nowMillis;
            for (ServerKeyState other : keys.values()) {
                if (other != key && other.phase == ServerKeyState.Phase.ACTIVE && other.sequence < key.sequence) {
                    retire(other, nowMillis);
                }
            }
        }
    }

    private static void retire(ServerKeyState key, long nowMillis) {
        key.phase = ServerKeyState.Phase.RETIRING;
        key.retireAtMillis = nowMillis + ClientControlSession.RETIRE_AFTER_MILLIS;
    }

    private void checkRejection(long nowMillis) {
        if (rejection != null && !failed && (rejectedKey.reliable.allAcknowledged() || nowMillis >= rejectGiveUpAt)) {
            fail(ServerSessionEvent.FailureKind.AUTHENTICATION_REJECTED, refusedMessage());
        }
    }

    private String refusedMessage() {
        return "the client was refused: " + rejection;
    }

    private void flush(long nowMillis) {
        for (ServerKeyState key : keys.values()) {
            pump(key, nowMillis);
            for (ControlPacket packet : key.reliable.due(nowMillis)) {
                outgoing.add(config.wrap().wrap(packet, nowMillis / 1000));
            }
        }
        if (!failed) {
            checkConfirmations(nowMillis);
        }
    }

    private void fail(ServerSessionEvent.FailureKind kind, String message) {
        failed = true;
        events.add(new ServerSessionEvent.Failed(kind, message));
    }

    /** Whether the options switch the client to TLS-EKM, read as the client's parser reads them. */
    static boolean pushesTlsEkm(List<String> options) {
        PushParseResult parsed = PushOptionsParser.parse(options);
        return parsed instanceof PushParseResult.Accepted accepted
                && accepted.options().dataChannel().usesTlsEkm();
    }
}
