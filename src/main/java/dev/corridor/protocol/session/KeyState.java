package dev.corridor.protocol.session;

import dev.corridor.protocol.keys.KeyMethod2Reader;
import dev.corridor.protocol.keys.KeySource;
import dev.corridor.protocol.message.ControlTextReader;
import dev.corridor.protocol.reliable.ReliableChannel;
import dev.corridor.protocol.tls.TlsEndpoint;

/**
 * One key state of a control session: its reliable channel, TLS session and key-method-2 exchange.
 * Key id 0 starts with the hard reset; every renegotiation is a new key state (ids 1..7, wrapping to 1).
 *
 * <pre>
 *   RESETTING ──peer's reset arrived──> HANDSHAKING (TLS + key-method 2 in flight)
 *   HANDSHAKING ──both key-method-2 messages exchanged──> EXCHANGED
 *   EXCHANGED ──keys derived and handed out──> ACTIVE ──superseded by a newer key──> RETIRING
 * </pre>
 */
final class KeyState {
    enum Phase { RESETTING, HANDSHAKING, EXCHANGED, ACTIVE, RETIRING }

    final int keyId;
    final ReliableChannel reliable;
    final KeySource own;
    final long startedAtMillis;
    final KeyMethod2Reader keyMethodReader;
    final ControlTextReader textReader = new ControlTextReader();
    Phase phase = Phase.RESETTING;
    TlsEndpoint tls;
    KeySource peer;
    boolean tlsReported;
    long retireAtMillis = Long.MAX_VALUE;

    KeyState(int keyId, ReliableChannel reliable, KeySource own, KeyMethod2Reader keyMethodReader, long now) {
        this.keyId = keyId;
        this.reliable = reliable;
        this.own = own;
        this.keyMethodReader = keyMethodReader;
        this.startedAtMillis = now;
    }

    boolean exchanged() {
        return phase == Phase.EXCHANGED || phase == Phase.ACTIVE || phase == Phase.RETIRING;
    }
}
