package dev.corridor.profile;

import java.util.Locale;
import java.util.Optional;

/** The transport of a remote: UDP datagrams or a TCP stream, optionally pinned to one address family. */
public enum Transport {
    UDP, TCP;

    /** Address family constraint written as a {@code 4} or {@code 6} suffix on the protocol name. */
    public enum Family { ANY, IPV4, IPV6 }

    /** A protocol name as a profile writes it. */
    public record Choice(Transport transport, Family family) {}

    /** Parses {@code udp, udp4, udp6, tcp, tcp4, tcp6, tcp-client, tcp4-client, tcp6-client}. */
    public static Optional<Choice> parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        Transport transport;
        String rest;
        if (t.startsWith("udp")) {
            transport = UDP;
            rest = t.substring(3);
        } else if (t.startsWith("tcp")) {
            transport = TCP;
            rest = t.substring(3);
            if (rest.endsWith("-client")) {
                rest = rest.substring(0, rest.length() - "-client".length());
            }
        } else {
            return Optional.empty();
        }
        Family family = switch (rest) {
            case "" -> Family.ANY;
            case "4" -> Family.IPV4;
            case "6" -> Family.IPV6;
            default -> null;
        };
        return family == null ? Optional.empty() : Optional.of(new Choice(transport, family));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
