package dev.corridor.protocol.session;

import dev.corridor.protocol.keys.KeyMethod2Framing;
import dev.corridor.protocol.reliable.ReliableSettings;
import dev.corridor.protocol.tls.TlsEndpoint;
import dev.corridor.protocol.tls.wrap.ControlWrap;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * What a client control session is built from.
 *
 * @param wrap              tls-auth, tls-crypt or plain wrapping of every control packet
 * @param reliable          reliability-layer settings (windows, first retransmit timeout)
 * @param tlsFactory        makes the TLS client for a new key state (argument: key id)
 * @param occOptions        the OCC options string sent in key-method 2
 * @param peerInfo          the peer-info text sent in key-method 2
 * @param framing           stock or AWS key-method-2 framing
 * @param handWindowMillis  a key state must be exchanged within this time ({@code hand-window})
 * @param renegMillis       start a renegotiation this long after a key became active; 0 = never
 * @param random            randomness for session ids and key material
 */
public record ClientSessionConfig(ControlWrap wrap, ReliableSettings reliable, IntFunction<TlsEndpoint> tlsFactory,
        String occOptions, String peerInfo, KeyMethod2Framing framing, long handWindowMillis, long renegMillis,
        SecureRandom random) {
    public ClientSessionConfig {
        Objects.requireNonNull(wrap, "wrap");
        Objects.requireNonNull(reliable, "reliable");
        Objects.requireNonNull(tlsFactory, "tlsFactory");
        Objects.requireNonNull(occOptions, "occOptions");
        Objects.requireNonNull(peerInfo, "peerInfo");
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(random, "random");
    }
}
