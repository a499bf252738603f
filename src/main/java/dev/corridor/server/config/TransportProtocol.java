package dev.corridor.server.config;

import java.util.Locale;
import java.util.Optional;

/** The transport an endpoint listens on; fixed when the endpoint is created, as on AWS. */
public enum TransportProtocol {
    UDP,
    TCP;

    /** The name used in {@code endpoint.json} and in {@code proto} lines: {@code udp} or {@code tcp}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The protocol named {@code label} ({@code udp} or {@code tcp}, exactly). */
    public static Optional<TransportProtocol> fromLabel(String label) {
        for (TransportProtocol protocol : values()) {
            if (protocol.label().equals(label)) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }
}
