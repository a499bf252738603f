package dev.corridor.protocol.tls;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * A server TLS configuration whose key was checked and converted once, so that each new session
 * costs only its handshake: checking that the key belongs to the certificate signs and verifies a
 * test message, which for RSA doubled the private-key work of every handshake on a busy server.
 * Immutable; one instance serves every session until the configuration changes.
 */
public final class PreparedTlsServer {
    private final TlsServerConfig config;
    private final TlsResult<SigningKey> key;

    private PreparedTlsServer(TlsServerConfig config, TlsResult<SigningKey> key) {
        this.config = config;
        this.key = key;
    }

    /** Checks the configuration's key once; a key that cannot be used fails each session with the reason. */
    public static PreparedTlsServer prepare(TlsServerConfig config) {
        Objects.requireNonNull(config, "config");
        return new PreparedTlsServer(config, SigningKey.of(config.credentials(), TlsFailure.Kind.BAD_CONFIGURATION));
    }

    /** The configuration this was prepared from. */
    public TlsServerConfig config() {
        return config;
    }

    /** A server endpoint waiting for a ClientHello. */
    public TlsEndpoint newSession(Clock clock, SecureRandom random) {
        return TlsEndpoint.server(config, key, clock, random);
    }
}
