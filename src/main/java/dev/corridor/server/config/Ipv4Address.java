package dev.corridor.server.config;

import java.util.Optional;

/**
 * One IPv4 address, such as a DNS server the endpoint pushes.
 *
 * @param value the address as an unsigned 32-bit value held in an int ({@code 10.0.0.1} = 0x0A000001)
 */
public record Ipv4Address(int value) {

    /** Parses dotted decimal strictly: four octets 0-255, no leading zeros, nothing else. */
    public static Optional<Ipv4Address> parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        int value = 0;
        for (String part : parts) {
            if (!part.matches("0|[1-9][0-9]{0,2}")) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
        }
        return Optional.of(new Ipv4Address(value));
    }

    @Override
    public String toString() {
        return ((value >>> 24) & 0xFF) + "." + ((value >>> 16) & 0xFF) + "." + ((value >>> 8) & 0xFF) + "."
                + (value & 0xFF);
    }
}
