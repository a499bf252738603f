package dev.corridor.profile;

import java.util.Objects;

/**
 * One {@code remote} line: where to connect and over which transport.
 *
 * @param host      host name or IP literal, as written
 * @param port      1..65535
 * @param transport UDP or TCP
 * @param family    address family constraint from the protocol suffix
 * @param line      line of the {@code remote} directive
 */
public record Remote(String host, int port, Transport transport, Transport.Family family, int line) {
    public Remote {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(family, "family");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** {@code host:port/udp}, for logs and the UI. */
    public String display() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return h + ":" + port + "/" + transport.wireName();
    }
}
