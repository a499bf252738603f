package dev.corridor.server.config;

import java.util.Optional;

/**
 * An IPv4 network written as {@code a.b.c.d/prefix}, such as a client CIDR, a route destination or an
 * authorization rule's destination.
 *
 * <pre>
 *   10.200.0.0/22  ->  network = 0x0AC80000, prefix = 22, mask = 0xFFFFFC00
 *   addresses 10.200.0.0 .. 10.200.3.255 (1024 addresses)
 * </pre>
 *
 * @param network the address as an unsigned 32-bit value in an int (may have host bits set; see
 *                {@link #isNetworkAddress()})
 * @param prefix  the prefix length, 0 to 32
 */
public record Ipv4Cidr(int network, int prefix) {

    public Ipv4Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("an IPv4 prefix is 0 to 32, not " + prefix);
        }
    }

    /** Parses {@code a.b.c.d/n} strictly (decimal octets without leading zeros, prefix 0 to 32). */
    public static Optional<Ipv4Cidr> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<Ipv4Address> address = Ipv4Address.parse(text.substring(0, slash));
        String length = text.substring(slash + 1);
        if (address.isEmpty() || !length.matches("0|[1-9][0-9]?")) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(length);
        return prefix > 32 ? Optional.empty() : Optional.of(new Ipv4Cidr(address.get().value(), prefix));
    }

    /** The netmask, e.g. 0xFFFFFC00 for /22. */
    public int mask() {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    /** True when no host bits are set ({@code 10.0.0.0/16}, not {@code 10.0.0.1/16}). */
    public boolean isNetworkAddress() {
        return (network & ~mask()) == 0;
    }

    /** The same network with the host bits cleared. */
    public Ipv4Cidr normalized() {
        return new Ipv4Cidr(network & mask(), prefix);
    }

    /** True when {@code address} lies in this network. */
    public boolean contains(Ipv4Address address) {
        return (address.value() & mask()) == (network & mask());
    }

    /** True when the two networks share at least one address. */
    public boolean overlaps(Ipv4Cidr other) {
        int common = prefix < other.prefix ? mask() : other.mask();
        return (network & common) == (other.network & common);
    }

    /** How many addresses the network holds (2^(32 - prefix)). */
    public long size() {
        return 1L << (32 - prefix);
    }

    /** The first address of the network. */
    public Ipv4Address networkAddress() {
        return new Ipv4Address(network & mask());
    }

    /** The netmask in dotted form, as OpenVPN pushes it ({@code 255.255.252.0}). */
    public String dottedMask() {
        return new Ipv4Address(mask()).toString();
    }

    @Override
    public String toString() {
        return new Ipv4Address(network) + "/" + prefix;
    }
}
