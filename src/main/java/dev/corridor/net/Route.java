package dev.corridor.net;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A route Corridor adds: destination, optional next hop, the interface, and why it is there.
 *
 * @param destination the network
 * @param gateway     the next hop; empty for a route straight onto the link
 * @param link        the interface
 * @param purpose     why the planner added it (for reports and the journal)
 */
public record Route(IpPrefix destination, Optional<InetAddress> gateway, String link, Purpose purpose) {

    public Route {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(purpose, "purpose");
        if (gateway.isPresent() && gateway.get().getAddress().length != destination.network().getAddress().length) {
            throw new IllegalArgumentException("gateway " + Addresses.format(gateway.get())
                    + " is of another address family than " + destination);
        }
    }

    /** True for an IPv4 route. */
    public boolean isIpv4() {
        return destination.isIpv4();
    }

    @Override
    public String toString() {
        return destination + gateway.map(g -> " via " + Addresses.format(g)).orElse("") + " dev " + link
                + " (" + purpose.label + ")";
    }

    /** Why a route exists. */
    public enum Purpose {
        SPLIT("pushed route"),
        FULL_TUNNEL("redirect-gateway"),
        SERVER_BYPASS("VPN server outside the tunnel"),
        GATEWAY_BYPASS("local gateway outside the tunnel"),
        DHCP_BYPASS("DHCP server outside the tunnel"),
        BLOCK_LOCAL("local network into the tunnel"),
        IPV6_GUARD("IPv6 leak guard");

        private final String label;

        Purpose(String label) {
            this.label = label;
        }

        /** A few words for reports. */
        public String label() {
            return label;
        }
    }
}
