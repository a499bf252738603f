package dev.corridor.server.config;

import java.util.Objects;

/**
 * The local metrics endpoint (AWS: the endpoint's CloudWatch metrics): whether it is on and where
 * it listens. It serves the Prometheus text format at {@code GET /metrics} without authentication,
 * so it listens on the loopback address unless the administrator names another.
 *
 * @param enabled       whether the metrics endpoint runs
 * @param listenAddress the IPv4 address to bind, default 127.0.0.1
 * @param port          the TCP port, 0 for any free port
 */
public record MetricsOptions(boolean enabled, Ipv4Address listenAddress, int port) {
    /** Where the endpoint listens unless told otherwise. */
    public static final Ipv4Address DEFAULT_LISTEN_ADDRESS = Ipv4Address.parse("127.0.0.1").orElseThrow();
    /** The port unless told otherwise (a conventional exporter port). */
    public static final int DEFAULT_PORT = 9464;

    public MetricsOptions {
        Objects.requireNonNull(listenAddress, "listenAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a TCP port is 0 to 65535: " + port);
        }
    }

    /** Metrics off. */
    public static MetricsOptions disabled() {
        return new MetricsOptions(false, DEFAULT_LISTEN_ADDRESS, DEFAULT_PORT);
    }
}
