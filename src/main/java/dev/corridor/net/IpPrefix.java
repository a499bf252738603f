package dev.corridor.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network written as {@code address/bits}, always stored with the host bits cleared
 * (so {@code 10.1.2.3/8} becomes {@code 10.0.0.0/8}); a host is a prefix of 32 or 128 bits.
 */
public record IpPrefix(InetAddress network, int bits) {

    public IpPrefix {
        Objects.requireNonNull(network, "network");
        int max = network.getAddress().length * 8;
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("prefix length " + bits + " is out of range 0.." + max
                    + " for " + Addresses.format(network));
        }
        network = masked(network, bits);
    }

    /** Parses {@code 10.0.0.0/8}, {@code 2000::/3} or a bare address (a host prefix). */
    public static IpPrefix parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            return host(Addresses.parse(trimmed));
        }
        InetAddress address = Addresses.parse(trimmed.substring(0, slash));
        String length = trimmed.substring(slash + 1);
        if (length.contains(".")) {
            return of(address, Addresses.parse(length));
        }
        try {
            return new IpPrefix(address, Integer.parseInt(length));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length in '" + text + "': '" + length + "'");
        }
    }

    /** The network {@code address/netmask}, e.g. 10.0.0.0 with 255.255.0.0; the netmask must be contiguous. */
    public static IpPrefix of(InetAddress address, InetAddress netmask) {
        if (!(address instanceof Inet4Address) || !(netmask instanceof Inet4Address)) {
            throw new IllegalArgumentException("a netmask applies to IPv4 only: " + Addresses.format(address)
                    + " " + Addresses.format(netmask));
        }
        int mask = toInt(netmask);
        int bits = Integer.bitCount(mask);
        if (mask != (bits == 0 ? 0 : -1 << (32 - bits))) {
            throw new IllegalArgumentException("netmask " + Addresses.format(netmask) + " is not contiguous");
        }
        return new IpPrefix(address, bits);
    }

    /** The host prefix (/32 or /128) for one address. */
    public static IpPrefix host(InetAddress address) {
        return new IpPrefix(address, address.getAddress().length * 8);
    }

    public boolean isIpv4() {
        return network instanceof Inet4Address;
    }

    public boolean isIpv6() {
        return network instanceof Inet6Address;
    }

    public boolean isHost() {
        return bits == network.getAddress().length * 8;
    }

    /** True when {@code address} is of the same family and inside this network. */
    public boolean contains(InetAddress address) {
        if (address.getAddress().length != network.getAddress().length) {
            return false;
        }
        return masked(address, bits).equals(network);
    }

    /** True when {@code other} lies entirely inside this network. */
    public boolean contains(IpPrefix other) {
        return other.bits >= bits && contains(other.network);
    }

    /** The two halves of this network (one bit longer each); used to cover a LAN more specifically. */
    public List<IpPrefix> halves() {
        int max = network.getAddress().length * 8;
        if (bits >= max) {
            throw new IllegalArgumentException(this + " is a host and has no halves");
        }
        byte[] upper = network.getAddress();
        upper[bits / 8] |= (byte) (0x80 >>> (bits % 8));
        return List.of(new IpPrefix(network, bits + 1), new IpPrefix(toAddress(upper), bits + 1));
    }

    /** The netmask of an IPv4 prefix, e.g. 255.255.255.0 for /24. */
    public InetAddress netmask() {
        if (!isIpv4()) {
            throw new IllegalStateException("IPv6 prefixes have no netmask: " + this);
        }
        int mask = bits == 0 ? 0 : -1 << (32 - bits);
        return toAddress(new byte[] {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask});
    }

    @Override
    public String toString() {
        return Addresses.format(network) + "/" + bits;
    }

    private static InetAddress masked(InetAddress address, int bits) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        return toAddress(bytes);
    }

    private static int toInt(InetAddress address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    private static InetAddress toAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(Arrays.copyOf(bytes, bytes.length));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address length: " + bytes.length, e);
        }
    }
}
