package dev.corridor.protocol.session;

import dev.corridor.protocol.reliable.ReliableSettings;
import dev.corridor.protocol.tls.TlsEndpoint;
import dev.corridor.protocol.tls.wrap.ControlWrap;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * What a server control session (one client's) is built from.
 *
 * @param wrap             tls-auth, tls-crypt or plain wrapping; one instance per session, since it
 *                         holds the replay window and send counter
 * @param reliable         reliability-layer settings (windows, first retransmit timeout)
 * @param tlsFactory       makes the TLS server for a new key state (argument: key id), e.g.
 *                         {@code id -> TlsEndpoint.server(tlsConfig, clock, random)}
 * @param occOptions       the server's OCC options string, sent in its key-method-2 message
 * @param peerInfo         the server's peer-info text ("" as 2.x servers send by default)
 * @param handWindowMillis a key state must read the client's key-method-2 message within this time
 * @param renegMillis      start a renegotiation this long after a key was confirmed; 0 = never
 * @param random           randomness for the session id and key material
 */
public record ServerSessionConfig(ControlWrap wrap, ReliableSettings reliable, IntFunction<TlsEndpoint> tlsFactory,
        String occOptions, String peerInfo, long handWindowMillis, long renegMillis, SecureRandom random) {

    /** OpenVPN's default {@code hand-window}: 60 s. */
    public static final long DEFAULT_HAND_WINDOW_MILLIS = 60_000;

    public ServerSessionConfig {
        Objects.requireNonNull(wrap, "wrap");
        Objects.requireNonNull(reliable, "reliable");
        Objects.requireNonNull(tlsFactory, "tlsFactory");
        Objects.requireNonNull(occOptions, "occOptions");
        Objects.requireNonNull(peerInfo, "peerInfo");
        Objects.requireNonNull(random, "random");
        if (handWindowMillis < 1) {
            throw new IllegalArgumentException("hand-window must be positive");
        }
        if (renegMillis < 0) {
            throw new IllegalArgumentException("reneg-sec must not be negative");
        }
    }
}
