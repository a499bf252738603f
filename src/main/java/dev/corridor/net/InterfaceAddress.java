package dev.corridor.net;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An address assigned to an interface together with its prefix length, e.g. {@code 10.8.0.2/24};
 * unlike {@link IpPrefix} the host bits are kept.
 */
public record InterfaceAddress(InetAddress address, int bits) {
    public InterfaceAddress {
        Objects.requireNonNull(address, "address");
        new IpPrefix(address, bits); // checks the length
    }

    /** Parses {@code 10.8.0.2/24} or {@code fd00::2/64}; a bare address is a host (/32, /128). */
    public static InterfaceAddress parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        int slash = trimmed.indexOf('/');
        InetAddress address = Addresses.parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
        return new InterfaceAddress(address, IpPrefix.parse(trimmed).bits());
    }

    /** The network this address lives in. */
    public IpPrefix network() {
        return new IpPrefix(address, bits);
    }

    public boolean isIpv4() {
        return network().isIpv4();
    }

    @Override
    public String toString() {
        return Addresses.format(address) + "/" + bits;
    }
}
