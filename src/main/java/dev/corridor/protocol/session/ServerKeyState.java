package dev.corridor.protocol.session;

import dev.corridor.protocol.Role;
import dev.corridor.protocol.keys.KeyMethod2Reader;
import dev.corridor.protocol.keys.KeySource;
import dev.corridor.protocol.message.ControlTextReader;
import dev.corridor.protocol.reliable.ReliableChannel;
import dev.corridor.protocol.tls.TlsEndpoint;

/**
 * One key state of a server control session: its reliable channel, TLS server, the client's
 * key-method-2 message, and whether the client holds the resulting data keys yet.
 *
 * <pre>
 *   RESETTING ──client's reset delivered──► HANDSHAKING (TLS server running)
 *   HANDSHAKING ──client's key-method 2 read, ours written──► AUTHENTICATING (owner judges)
 *   AUTHENTICATING ──accept, key 0──► CONFIGURING ──sendPushReply──► ACTIVE
 *   AUTHENTICATING ──accept, key k>0─────────────────────────────► ACTIVE
 *   AUTHENTICATING ──reject──► REJECTED (AUTH_FAILED in flight; the session ends)
 *   ACTIVE ──a newer key is confirmed──► RETIRING ──60 s──► removed
 *
 *   confirmed: every message id up to {@code confirmUpTo} (the one that carried what the client
 *   needs to derive the keys) has been acknowledged, so the client holds the keys.
 * </pre>
 */
final class ServerKeyState {
    enum Phase { RESETTING, HANDSHAKING, AUTHENTICATING, CONFIGURING, ACTIVE, REJECTED, RETIRING }

    final int keyId;
    final ReliableChannel reliable;
    final KeySource own;
    /** Creation order within the session (key ids wrap, so they cannot tell which key is newer). */
    final long sequence;
    final long startedAtMillis;
    final KeyMethod2Reader keyMethodReader = KeyMethod2Reader.forMessageFrom(Role.CLIENT);
    final ControlTextReader textReader = new ControlTextReader();
    Phase phase = Phase.RESETTING;
    TlsEndpoint tls;
    KeySource peer;
    boolean tlsReported;
    /** The highest message id offered on this key state so far, -1 before the first. */
    long lastOfferedMessageId = -1;
    /** Message ids up to this one must be acknowledged before the keys count as confirmed; -1 = not set. */
    long confirmUpTo = -1;
    /** Message ids below this one are known to be acknowledged. */
    long acknowledgedBelow;
    boolean confirmed;
    long retireAtMillis = Long.MAX_VALUE;

    ServerKeyState(int keyId, ReliableChannel reliable, KeySource own, long sequence, long nowMillis) {
        this.keyId = keyId;
        this.reliable = reliable;
        this.own = own;
        this.sequence = sequence;
        this.startedAtMillis = nowMillis;
    }

    /** True once the client's key-method-2 message has been read. */
    boolean exchanged() {
        return phase.compareTo(Phase.AUTHENTICATING) >= 0;
    }

    /** True once data keys were handed out for this key state. */
    boolean keysHandedOut() {
        return phase == Phase.ACTIVE || phase == Phase.RETIRING;
    }

    /** Marks everything offered so far as what the client must acknowledge to hold the keys. */
    void requireAcknowledgementOfAllSent() {
        confirmUpTo = lastOfferedMessageId;
    }

    /** True once every message id up to {@link #confirmUpTo} is acknowledged (advances a cursor). */
    boolean acknowledgedUpToMark() {
        if (confirmUpTo < 0) {
            return false;
        }
        while (acknowledgedBelow <= confirmUpTo && reliable.isAcknowledged(acknowledgedBelow)) {
            acknowledgedBelow++;
        }
        return acknowledgedBelow > confirmUpTo;
    }
}
