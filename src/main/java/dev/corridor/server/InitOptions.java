package dev.corridor.server;

import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.TransportProtocol;
import java.util.Objects;

/**
 * What {@code corridor server init} was asked for.
 *
 * @param auth        how clients authenticate
 * @param transport   UDP or TCP
 * @param port        443 or 1194
 * @param splitTunnel whether the endpoint uses split tunnel
 * @param hostname    the name or address clients connect to (written into {@code remote})
 */
public record InitOptions(AuthMode auth, TransportProtocol transport, int port, boolean splitTunnel,
        String hostname) {
    /** Where the profiles point unless told otherwise. */
    public static final String DEFAULT_HOSTNAME = "127.0.0.1";

    public InitOptions {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(hostname, "hostname");
        if (!EndpointConfig.ALLOWED_PORTS.contains(port)) {
            throw new IllegalArgumentException("the port must be 443 or 1194, not " + port);
        }
        if (!hostname.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("\"" + hostname + "\" is not a host name or IPv4 address");
        }
    }

    /** The defaults: mutual authentication over UDP 443, full tunnel, 127.0.0.1. */
    public static InitOptions defaults() {
        return new InitOptions(AuthMode.MUTUAL, TransportProtocol.UDP, 443, false, DEFAULT_HOSTNAME);
    }
}
