package dev.corridor.protocol.session;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.keys.Key2;
import dev.corridor.protocol.keys.KeyMethod2Message;
import dev.corridor.protocol.keys.KeyMethod2ReadResult;
import dev.corridor.protocol.keys.KeyMethod2Reader;
import dev.corridor.protocol.keys.KeyMethod2Writer;
import dev.corridor.protocol.keys.KeySource;
import dev.corridor.protocol.keys.PrfKeyDerivation;
import dev.corridor.protocol.keys.TlsEkmDerivation;
import dev.corridor.protocol.message.ControlMessage;
import dev.corridor.protocol.message.ControlMessageParser;
import dev.corridor.protocol.message.ControlText;
import dev.corridor.protocol.reliable.ControlPayloadSplitter;
import dev.corridor.protocol.reliable.InboundMessage;
import dev.corridor.protocol.reliable.Receipt;
import dev.corridor.protocol.reliable.ReliableChannel;
import dev.corridor.protocol.tls.KeyingMaterialExport;
import dev.corridor.protocol.tls.TlsEndpoint;
import dev.corridor.protocol.tls.TlsFailure;
import dev.corridor.protocol.tls.wrap.Unwrapped;
import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.protocol.wire.SessionId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The client side of one OpenVPN control session as a pure state machine: wire packets and the
 * current time go in; wire packets to send and {@link SessionEvent}s come out. It runs the reset
 * exchange, TLS, key-method 2 and renegotiations, and carries control messages; the data channel
 * and timers such as PUSH_REQUEST resends belong to the owner.
 *
 * <pre>
 *   start ─► key 0: HARD_RESET_CLIENT_V2 ──► server's HARD_RESET_SERVER_V2 ──► TLS client hello ...
 *            TLS done + key-method 2 both ways ─► KeyExchangeComplete(0)
 *   owner: PUSH_REQUEST ... PUSH_REPLY ─► decideKeyDerivation(PRF | TLS_EKM) ─► DataKeysReady(0)
 *   renegotiation (either side): SOFT_RESET_V1 on key id k+1 (7 wraps to 1) ─► same exchange
 *            ─► DataKeysReady(k+1) at once (the derivation is already decided)
 * </pre>
 *
 * Not thread-safe: one session thread owns it, as the architecture says.
 */
public final class ClientControlSession {
    /** How long a superseded key state keeps answering (acks, late control messages). */
    static final long RETIRE_AFTER_MILLIS = 60_000;

    private final ClientSessionConfig config;
    private final SessionId ownSessionId;
    private final ControlPayloadSplitter splitter;
    private final TreeMap<Integer, KeyState> keys = new TreeMap<>();
    private final List<byte[]> outgoing = new ArrayList<>();
    private final List<SessionEvent> events = new ArrayList<>();
    private final SessionCounters counters = new SessionCounters();
    private SessionId peerSessionId;
    private KeyDerivation derivation = KeyDerivation.UNDECIDED;
    private String username = "";
    private char[] password;
    private int latestKeyId = -1;
    private long latestActivatedAt = -1;
    private boolean failed;

    public ClientControlSession(ClientSessionConfig config) {
        this.config = config;
        this.ownSessionId = SessionId.random(config.random());
        this.splitter = ControlPayloadSplitter.forWrapOverhead(config.wrap().overhead());
    }

    /** The credentials sent in key-method 2 (and again on every renegotiation); none for certificates only. */
    public void setCredentials(String username, char[] password) {
        if (this.password != null) {
            Arrays.fill(this.password, '\0');
        }
        this.username = username;
        this.password = password == null ? null : password.clone();
    }

    /** Sends the hard reset of key state 0. */
    public void start(long nowMillis) {
        if (!keys.isEmpty()) {
            throw new IllegalStateException("the session has already started");
        }
        KeyState key = newKeyState(0, nowMillis);
        key.reliable.offer(Opcode.CONTROL_HARD_RESET_CLIENT_V2, new byte[0], nowMillis);
        flush(nowMillis);
    }

    /** Handles one control packet from the wire (the owner has already sorted out data packets). */
    public void receive(byte[] wire, long nowMillis) {
        if (failed) {
            return;
        }
        Unwrapped unwrapped = config.wrap().unwrap(wire, nowMillis / 1000);
        ControlPacket packet;
        if (unwrapped instanceof Unwrapped.Ok ok) {
            packet = ok.packet();
        } else {
            if (unwrapped instanceof Unwrapped.Malformed) {
                counters.malformed();
            } else if (unwrapped instanceof Unwrapped.Unauthentic) {
                counters.unauthentic();
            } else {
                counters.replayed();
            }
            return;
        }
        if (peerSessionId != null && !peerSessionId.equals(packet.sessionId())) {
            counters.foreign();
            return;
        }
        if (peerSessionId == null && !packet.peerSessionId().filter(ownSessionId::equals).isPresent()) {
            // Until the server's reset is in, only a packet whose ack record names our session id can be
            // the server's (its reset acks ours); anything else would teach the reliable layer a forged
            // peer session id and lock the real server out.
            counters.foreign();
            return;
        }
        KeyState key = keys.get(packet.keyId());
        if (key == null) {
            if (packet.opcode() == Opcode.CONTROL_SOFT_RESET_V1 && latestKeyId >= 0 && peerSessionId != null
                    && packet.keyId() == nextKeyId(latestKeyId)) {
                key = newKeyState(packet.keyId(), nowMillis);
                key.reliable.offer(Opcode.CONTROL_SOFT_RESET_V1, new byte[0], nowMillis);
                events.add(new SessionEvent.RenegotiationStarted(packet.keyId(), true));
            } else {
                counters.foreign();
                return;
            }
        }
        Receipt receipt = key.reliable.received(packet, nowMillis);
        if (receipt instanceof Receipt.Dropped) {
            counters.foreign();
        }
        for (InboundMessage message : receipt.deliveredMessages()) {
            deliver(key, message, nowMillis);
            if (failed) {
                return;
            }
        }
        pump(key, nowMillis);
        flush(nowMillis);
    }

    /** Lets time pass: retransmissions, deadlines, renegotiation by {@code reneg-sec}. */
    public void tick(long nowMillis) {
        if (failed) {
            return;
        }
        for (KeyState key : new ArrayList<>(keys.values())) {
            if (!key.exchanged() && nowMillis - key.startedAtMillis > config.handWindowMillis()) {
                fail(SessionEvent.FailureKind.HANDSHAKE_TIMEOUT, key.keyId == 0
                        ? "the server did not complete the handshake within " + config.handWindowMillis() / 1000
                                + " s (hand-window)"
                        : "renegotiation of key " + key.keyId + " did not complete within "
                                + config.handWindowMillis() / 1000 + " s");
                return;
            }
            if (key.phase == KeyState.Phase.RETIRING && nowMillis >= key.retireAtMillis) {
                keys.remove(key.keyId);
                key.own.wipe();
                if (key.tls != null) {
                    key.tls.close();
                }
                events.add(new SessionEvent.KeyRetired(key.keyId));
            }
        }
        if (config.renegMillis() > 0 && latestActivatedAt >= 0 && keys.get(latestKeyId) != null
                && keys.get(latestKeyId).phase == KeyState.Phase.ACTIVE
                && nowMillis - latestActivatedAt >= config.renegMillis()) {
            renegotiate(nowMillis);
        }
        flush(nowMillis);
    }

    /** Starts a renegotiation from this side (soft reset on the next key id). */
    public void renegotiate(long nowMillis) {
        if (failed || peerSessionId == null || latestKeyId < 0 || derivation == KeyDerivation.UNDECIDED) {
            return;
        }
        KeyState latest = keys.get(latestKeyId);
        if (latest == null || latest.phase != KeyState.Phase.ACTIVE) {
            return; // one renegotiation at a time
        }
        int next = nextKeyId(latestKeyId);
        KeyState key = newKeyState(next, nowMillis);
        key.reliable.offer(Opcode.CONTROL_SOFT_RESET_V1, new byte[0], nowMillis);
        events.add(new SessionEvent.RenegotiationStarted(next, false));
        flush(nowMillis);
    }

    /**
     * Sends a control message on the newest exchanged key state. Returns false when no key state
     * has finished its exchange yet (the owner retries later).
     */
    public boolean send(ControlMessage message, long nowMillis) {
        KeyState key = newestExchanged().orElse(null);
        if (key == null || key.tls == null || failed) {
            return false;
        }
        if (!key.tls.writeCleartext(message.toBytes())) {
            return false;
        }
        pump(key, nowMillis);
        flush(nowMillis);
        return true;
    }

    /**
     * Records how data keys are derived, as the server's PUSH_REPLY decided, and hands out the keys
     * of every key state that was waiting for that decision.
     */
    public void decideKeyDerivation(KeyDerivation chosen, long nowMillis) {
        if (chosen == KeyDerivation.UNDECIDED) {
            throw new IllegalArgumentException("decide PRF or TLS_EKM");
        }
        if (derivation != KeyDerivation.UNDECIDED) {
            return;
        }
        derivation = chosen;
        for (KeyState key : keys.values()) {
            if (key.phase == KeyState.Phase.EXCHANGED) {
                activate(key, nowMillis);
            }
        }
    }

    public List<byte[]> drainOutgoing() {
        List<byte[]> out = List.copyOf(outgoing);
        outgoing.clear();
        return out;
    }

    public List<SessionEvent> drainEvents() {
        List<SessionEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }

    /** When {@link #tick} next has work to do. */
    public OptionalLong nextWakeup() {
        long next = Long.MAX_VALUE;
        for (KeyState key : keys.values()) {
            OptionalLong wake = key.reliable.nextWakeup();
            if (wake.isPresent()) {
                next = Math.min(next, wake.getAsLong());
            }
            if (!key.exchanged()) {
                next = Math.min(next, key.startedAtMillis + config.handWindowMillis() + 1);
            }
            if (key.phase == KeyState.Phase.RETIRING) {
                next = Math.min(next, key.retireAtMillis);
            }
        }
        if (config.renegMillis() > 0 && latestActivatedAt >= 0) {
            next = Math.min(next, latestActivatedAt + config.renegMillis());
        }
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    public SessionCounters counters() {
        return counters;
    }

    public KeyDerivation keyDerivation() {
        return derivation;
    }

    public boolean failed() {
        return failed;
    }

    /** The TLS session of the newest exchanged key, for the connection details. */
    public Optional<dev.corridor.protocol.tls.TlsSessionInfo> tlsSession() {
        return newestExchanged().flatMap(k -> k.tls == null ? Optional.empty() : k.tls.session());
    }

    /** Forgets secrets: the password and every key state's key material. */
    public void close() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
        for (KeyState key : keys.values()) {
            key.own.wipe();
            if (key.tls != null) {
                key.tls.close();
            }
        }
    }

    // ------------------------------------------------------------------------------------------

    private KeyState newKeyState(int keyId, long nowMillis) {
        ReliableChannel reliable = new ReliableChannel(config.reliable(), keyId, ownSessionId,
                Optional.ofNullable(peerSessionId));
        KeyState key = new KeyState(keyId, reliable, KeySource.random(Role.CLIENT, config.random()),
                KeyMethod2Reader.forMessageFrom(Role.SERVER), nowMillis);
        keys.put(keyId, key);
        latestKeyId = keyId;
        return key;
    }

    private void deliver(KeyState key, InboundMessage message, long nowMillis) {
        switch (message.opcode()) {
            case CONTROL_HARD_RESET_SERVER_V2, CONTROL_SOFT_RESET_V1 -> {
                if (key.phase == KeyState.Phase.RESETTING) {
                    if (peerSessionId == null) {
                        peerSessionId = key.reliable.peerSessionId().orElse(null);
                    }
                    events.add(new SessionEvent.PeerReached(key.keyId));
                    startTls(key);
                }
            }
            case CONTROL_V1 -> {
                if (key.tls != null) {
                    key.tls.feedCiphertext(message.payload());
                }
            }
            default -> counters.foreign();
        }
    }

    private void startTls(KeyState key) {
        key.tls = config.tlsFactory().apply(key.keyId);
        key.phase = KeyState.Phase.HANDSHAKING;
        KeyMethod2Message ours = password == null
                ? KeyMethod2Message.withoutCredentials(key.own, config.occOptions(), config.peerInfo())
                : KeyMethod2Message.withCredentials(key.own, config.occOptions(), username, password,
                        config.peerInfo());
        byte[] encoded = KeyMethod2Writer.encode(ours, config.framing());
        key.tls.writeCleartext(encoded);
        Arrays.fill(encoded, (byte) 0);
    }

    /** Moves bytes between TLS and the reliable layer, and reads what TLS decrypted. */
    private void pump(KeyState key, long nowMillis) {
        if (key.tls == null) {
            return;
        }
        byte[] ciphertext = key.tls.drainCiphertext();
        if (ciphertext.length > 0) {
            for (byte[] chunk : splitter.split(ciphertext)) {
                key.reliable.offer(Opcode.CONTROL_V1, chunk, nowMillis);
            }
        }
        if (key.tls.handshakeComplete() && !key.tlsReported) {
            key.tlsReported = true;
            key.tls.session().ifPresent(info -> events.add(new SessionEvent.TlsEstablished(key.keyId, info)));
        }
        byte[] cleartext = key.tls.readCleartext();
        if (cleartext.length > 0) {
            readCleartext(key, cleartext, nowMillis);
        }
        Optional<TlsFailure> failure = key.tls.failure();
        if (failure.isPresent() && !failed) {
            fail(SessionEvent.FailureKind.TLS, failure.get().message());
        }
    }

    private void readCleartext(KeyState key, byte[] cleartext, long nowMillis) {
        byte[] rest = cleartext;
        if (key.peer == null) {
            KeyMethod2ReadResult result = key.keyMethodReader.feed(cleartext);
            if (result instanceof KeyMethod2ReadResult.Malformed malformed) {
                fail(SessionEvent.FailureKind.KEY_EXCHANGE, "the server's key-method-2 message is malformed: "
                        + malformed.reason());
                return;
            }
            if (!(result instanceof KeyMethod2ReadResult.Complete complete)) {
                return;
            }
            key.peer = complete.message().keySource();
            rest = complete.leftover();
            key.phase = KeyState.Phase.EXCHANGED;
            events.add(new SessionEvent.KeyExchangeComplete(key.keyId));
            if (derivation != KeyDerivation.UNDECIDED) {
                activate(key, nowMillis);
            }
        }
        if (rest.length > 0) {
            for (ControlText text : key.textReader.feed(rest)) {
                if (text instanceof ControlText.Text message) {
                    events.add(new SessionEvent.MessageReceived(ControlMessageParser.parse(message.value())));
                } else {
                    counters.malformed();
                }
            }
        }
    }

    private void activate(KeyState key, long nowMillis) {
        Key2 key2;
        if (derivation == KeyDerivation.TLS_EKM) {
            KeyingMaterialExport export = key.tls.exportKeyingMaterial(TlsEkmDerivation.DATA_KEYS_LABEL, Key2.BYTES);
            if (export instanceof KeyingMaterialExport.Exported exported) {
                key2 = Key2.of(exported.material());
            } else {
                fail(SessionEvent.FailureKind.KEY_DERIVATION, "the server chose TLS-EKM key derivation but the TLS"
                        + " session cannot export keys: " + ((KeyingMaterialExport.Unavailable) export).reason());
                return;
            }
        } else {
            key2 = PrfKeyDerivation.deriveKey2(key.own, key.peer, ownSessionId.bytes(), peerSessionId.bytes());
        }
        key.phase = KeyState.Phase.ACTIVE;
        for (KeyState other : keys.values()) {
            if (other != key && other.phase == KeyState.Phase.ACTIVE) {
                other.phase = KeyState.Phase.RETIRING;
                other.retireAtMillis = nowMillis + RETIRE_AFTER_MILLIS;
            }
        }
        latestActivatedAt = nowMillis;
        events.add(new SessionEvent.DataKeysReady(key.keyId, key2, derivation));
    }

    private Optional<KeyState> newestExchanged() {
        KeyState best = null;
        for (KeyState key : keys.values()) {
            if (key.exchanged() && key.phase != KeyState.Phase.RETIRING
                    && (best == null || key.startedAtMillis >= best.startedAtMillis)) {
                best = key;
            }
        }
        return Optional.ofNullable(best);
    }

    private void flush(long nowMillis) {
        for (KeyState key : keys.values()) {
            pump(key, nowMillis);
            for (ControlPacket packet : key.reliable.due(nowMillis)) {
                outgoing.add(config.wrap().wrap(packet, nowMillis / 1000));
            }
        }
    }

    private void fail(SessionEvent.FailureKind kind, String message) {
        failed = true;
        events.add(new SessionEvent.Failed(kind, message));
    }

    static int nextKeyId(int keyId) {
        return keyId >= Opcode.MAX_KEY_ID ? 1 : keyId + 1;
    }
}
