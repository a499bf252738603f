package dev.corridor.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host network looks like before the tunnel changes it, read by a {@link NetworkApplier}
 * and handed to the {@link NetworkPlanner} as data.
 *
 * @param defaultGatewayIpv4 the IPv4 default route's gateway and interface, if any
 * @param defaultGatewayIpv6 the IPv6 default route's gateway and interface, if any
 * @param addresses          every address on every interface
 * @param routes             the routes of the main routing table
 * @param dhcpServer         the DHCP server of the default interface, when the OS tells
 */
public record HostSnapshot(Optional<Gateway> defaultGatewayIpv4, Optional<Gateway> defaultGatewayIpv6,
        List<LinkAddress> addresses, List<HostRoute> routes, Optional<InetAddress> dhcpServer) {

    public HostSnapshot {
        Objects.requireNonNull(defaultGatewayIpv4, "defaultGatewayIpv4");
        Objects.requireNonNull(defaultGatewayIpv6, "defaultGatewayIpv6");
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        Objects.requireNonNull(dhcpServer, "dhcpServer");
    }

    /** True when some interface has a global-scope IPv6 address (including unique-local fc00::/7). */
    public boolean hasGlobalIpv6() {
        return addresses.stream().anyMatch(a -> !a.address().isIpv4() && isGlobal(a.address().address()));
    }

    /** True when some interface address lies in {@code network}. */
    public boolean hasAddressIn(IpPrefix network) {
        return addresses.stream().anyMatch(a -> network.contains(a.address().address()));
    }

    /** The IPv4 networks of {@code link} (used by block-local). */
    public List<IpPrefix> ipv4NetworksOf(String link) {
        return addresses.stream().filter(a -> a.link().equals(link) && a.address().isIpv4())
                .map(a -> a.address().network()).distinct().toList();
    }

    /** The main-table route with exactly this destination, if one exists. */
    public Optional<HostRoute> routeTo(IpPrefix destination) {
        return routes.stream().filter(r -> r.destination().equals(destination)).findFirst();
    }

    private static boolean isGlobal(InetAddress address) {
        return !address.isLinkLocalAddress() && !address.isLoopbackAddress() && !address.isMulticastAddress()
                && !address.isAnyLocalAddress();
    }

    /** A gateway: the next hop (absent for an on-link default route) and the interface. */
    public record Gateway(Optional<InetAddress> address, String link) {
        public Gateway {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(link, "link");
        }

        @Override
        public String toString() {
            return address.map(a -> Addresses.format(a) + " dev " + link).orElse("dev " + link);
        }
    }

    /** One address on one interface. */
    public record LinkAddress(String link, InterfaceAddress address) {
        public LinkAddress {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(address, "address");
        }
    }

    /** One route of the main table: destination, optional next hop, optional interface. */
    public record HostRoute(IpPrefix destination, Optional<InetAddress> gateway, Optional<String> link) {
        public HostRoute {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(link, "link");
        }

        @Override
        public String toString() {
            return destination + gateway.map(g -> " via " + Addresses.format(g)).orElse("")
                    + link.map(l -> " dev " + l).orElse("");
        }
    }
}
