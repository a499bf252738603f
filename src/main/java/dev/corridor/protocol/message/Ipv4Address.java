package dev.corridor.protocol.message;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * An IPv4 address or netmask from a pushed option, held as its 32 bits (big-endian order, so
 * {@code 10.0.0.1} is {@code 0x0A000001}). Parsing accepts only plain dotted quads: four decimal
 * numbers 0..255 without signs or leading zeros (a leading zero means octal to inet_aton, so such
 * text is ambiguous and refused).
 */
public record Ipv4Address(int bits) {

    /** The address {@code text} spells, or empty when it is not a plain dotted quad. */
    public static Optional<Ipv4Address> parse(String text) {
        if (text == null || text.length() < 7 || text.length() > 15) {
            return Optional.empty();
        }
        int value = 0;
        int octets = 0;
        int at = 0;
        while (at <= text.length()) {
            int end = text.indexOf('.', at);
            if (end < 0) {
                end = text.length();
            }
            String part = text.substring(at, end);
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return Optional.empty();
            }
            int octet = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < '0' || c > '9') {
                    return Optional.empty();
                }
                octet = octet * 10 + (c - '0');
            }
            if (octet > 255 || ++octets > 4) {
                return Optional.empty();
            }
            value = value << 8 | octet;
            at = end + 1;
        }
        return octets == 4 ? Optional.of(new Ipv4Address(value)) : Optional.empty();
    }

    /** The four bytes, most significant first. */
    public byte[] toBytes() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    /** For a netmask: the prefix length, or empty when the one-bits are not contiguous from the top. */
    public OptionalInt prefixLength() {
        int ones = Integer.bitCount(bits);
        int expected = ones == 0 ? 0 : -1 << (32 - ones);
        return bits == expected ? OptionalInt.of(ones) : OptionalInt.empty();
    }

    /** Dotted-quad text. */
    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
    }
}
