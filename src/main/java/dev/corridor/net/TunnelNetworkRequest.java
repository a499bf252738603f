package dev.corridor.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the tunnel wants from the host network, in plain values: the link, its addresses,
 * routes, redirect-gateway flags, DNS, the VPN server's addresses and the IPv6 leak guard setting.
 * The {@link Builder} accepts the strings the client engine already holds (e.g. {@code 10.0.0.0/255.0.0.0}).
 *
 * @param link            the TUN interface's name, e.g. {@code tun0} or {@code utun4}
 * @param mtu             the link MTU
 * @param ipv4            the IPv4 tunnel address, when the server gave one
 * @param ipv6            the IPv6 tunnel address with its prefix length (ifconfig-ipv6), when given
 * @param ipv6Gateway     the IPv6 peer of ifconfig-ipv6, when given
 * @param routes          IPv4 routes into the tunnel
 * @param routesIpv6      IPv6 routes into the tunnel (honoured only when the tunnel has an IPv6 address)
 * @param redirectGateway redirect-gateway flags ({@link RedirectGateway#NONE} for a split tunnel)
 * @param dnsServers      resolvers reached through the tunnel
 * @param searchDomains   search domains (DOMAIN and DOMAIN-SEARCH)
 * @param serverAddresses the VPN server's addresses, kept outside the tunnel in full tunnel
 * @param ipv6LeakGuard   whether to route global IPv6 into the tunnel when it carries no IPv6
 */
public record TunnelNetworkRequest(String link, int mtu, Optional<Ipv4Tunnel> ipv4, Optional<InterfaceAddress> ipv6,
        Optional<InetAddress> ipv6Gateway, List<RouteRequest> routes, List<RouteRequest> routesIpv6,
        RedirectGateway redirectGateway, List<InetAddress> dnsServers, List<String> searchDomains,
        List<InetAddress> serverAddresses, Ipv6LeakGuard ipv6LeakGuard) {

    public TunnelNetworkRequest {
        Objects.requireNonNull(link, "link");
        if (!link.matches("[A-Za-z0-9_.:@{}\\- ]{1,255}")) {
            throw new IllegalArgumentException("not a usable interface name: '" + link + "'");
        }
        if (mtu < 576 || mtu > 65535) {
            throw new IllegalArgumentException("MTU " + mtu + " is out of range 576..65535");
        }
        Objects.requireNonNull(ipv4, "ipv4");
        Objects.requireNonNull(ipv6, "ipv6");
        Objects.requireNonNull(ipv6Gateway, "ipv6Gateway");
        if (ipv6.isPresent() && ipv6.get().isIpv4()) {
            throw new IllegalArgumentException("ifconfig-ipv6 address is not IPv6: " + ipv6.get());
        }
        routes = List.copyOf(routes);
        routesIpv6 = List.copyOf(routesIpv6);
        for (RouteRequest route : routes) {
            if (!route.destination().isIpv4()) {
                throw new IllegalArgumentException("IPv6 network in the IPv4 routes: " + route.destination());
            }
        }
        for (RouteRequest route : routesIpv6) {
            if (!route.destination().isIpv6()) {
                throw new IllegalArgumentException("IPv4 network in the IPv6 routes: " + route.destination());
            }
        }
        Objects.requireNonNull(redirectGateway, "redirectGateway");
        dnsServers = List.copyOf(dnsServers);
        searchDomains = List.copyOf(searchDomains);
        for (String domain : searchDomains) {
            if (!domain.matches("[A-Za-z0-9_.\\-]{1,253}")) {
                throw new IllegalArgumentException("not a usable search domain: '" + domain + "'");
            }
        }
        serverAddresses = List.copyOf(serverAddresses);
        Objects.requireNonNull(ipv6LeakGuard, "ipv6LeakGuard");
    }

    /** Starts a request for the TUN interface {@code link} with the given MTU. */
    public static Builder builder(String link, int mtu) {
        return new Builder(link, mtu);
    }

    /** True when IPv6 travels through the tunnel (the tunnel has an IPv6 address). */
    public boolean carriesIpv6() {
        return ipv6.isPresent();
    }

    /**
     * The IPv4 side of the tunnel.
     *
     * @param address       our tunnel address
     * @param netmaskOrPeer the netmask (topology subnet) or the peer address (net30, p2p)
     * @param topology      subnet, net30 or p2p
     * @param gateway       route-gateway; for net30/p2p the peer when none was pushed
     */
    public record Ipv4Tunnel(InetAddress address, InetAddress netmaskOrPeer, Topology topology,
            Optional<InetAddress> gateway) {
        public Ipv4Tunnel {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(netmaskOrPeer, "netmaskOrPeer");
            Objects.requireNonNull(topology, "topology");
            Objects.requireNonNull(gateway, "gateway");
            if (!(address instanceof Inet4Address) || !(netmaskOrPeer instanceof Inet4Address)) {
                throw new IllegalArgumentException("ifconfig needs IPv4 addresses: " + Addresses.format(address)
                        + " " + Addresses.format(netmaskOrPeer));
            }
            if (topology == Topology.SUBNET) {
                IpPrefix.of(address, netmaskOrPeer); // rejects a non-contiguous netmask
            }
            if (gateway.isEmpty() && topology.pointToPoint()) {
                gateway = Optional.of(netmaskOrPeer);
            }
        }

        /** The address with its prefix: address/netmask for subnet, address/32 for point-to-point. */
        public InterfaceAddress interfaceAddress() {
            return new InterfaceAddress(address,
                    topology.pointToPoint() ? 32 : IpPrefix.of(address, netmaskOrPeer).bits());
        }
    }

    /**
     * One route into the tunnel.
     *
     * @param destination the network
     * @param gateway     its gateway inside the tunnel; the tunnel gateway when empty
     */
    public record RouteRequest(IpPrefix destination, Optional<InetAddress> gateway) {
        public RouteRequest {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(gateway, "gateway");
        }

        /** Parses {@code 10.0.0.0/255.0.0.0}, {@code 10.0.0.0/8} or {@code 2001:db8::/32}, without a gateway. */
        public static RouteRequest parse(String network) {
            return new RouteRequest(IpPrefix.parse(network), Optional.empty());
        }
    }

    /** Collects a request from the strings the client engine holds; every value is checked on {@link #build()}. */
    public static final class Builder {
        private final String link;
        private final int mtu;
        private Optional<Ipv4Tunnel> ipv4 = Optional.empty();
        private Optional<InterfaceAddress> ipv6 = Optional.empty();
        private Optional<InetAddress> ipv6Gateway = Optional.empty();
        private final List<RouteRequest> routes = new ArrayList<>();
        private final List<RouteRequest> routesIpv6 = new ArrayList<>();
        private RedirectGateway redirectGateway = RedirectGateway.NONE;
        private final List<InetAddress> dnsServers = new ArrayList<>();
        private final List<String> searchDomains = new ArrayList<>();
        private final List<InetAddress> serverAddresses = new ArrayList<>();
        private Ipv6LeakGuard ipv6LeakGuard = Ipv6LeakGuard.AUTO;

        private Builder(String link, int mtu) {
            this.link = link;
            this.mtu = mtu;
        }

        /** {@code ifconfig address netmaskOrPeer} with its topology and the route-gateway, if any. */
        public Builder ipv4(String address, String netmaskOrPeer, String topology, Optional<String> gateway) {
            ipv4 = Optional.of(new Ipv4Tunnel(Addresses.parse(address), Addresses.parse(netmaskOrPeer),
                    Topology.parse(topology), gateway.map(Addresses::parse)));
            return this;
        }

        /** {@code ifconfig-ipv6 address/bits}, e.g. {@code fd15:53b6:dead::2/64}. */
        public Builder ipv6(String addressWithPrefix) {
            ipv6 = Optional.of(InterfaceAddress.parse(addressWithPrefix));
            return this;
        }

        /** {@code ifconfig-ipv6 address/bits} when present (as client.TunnelSettings holds it). */
        public Builder ipv6(Optional<String> addressWithPrefix) {
            addressWithPrefix.ifPresent(this::ipv6);
            return this;
        }

        /** The ifconfig-ipv6 peer, when known. */
        public Builder ipv6Gateway(String address) {
            ipv6Gateway = Optional.of(Addresses.parse(address));
            return this;
        }

        /** IPv4 routes as {@code network/netmask} or {@code network/bits}. */
        public Builder routes(List<String> networks) {
            networks.forEach(n -> routes.add(RouteRequest.parse(n)));
            return this;
        }

        /** One IPv4 route with its own gateway inside the tunnel. */
        public Builder route(String network, Optional<String> gateway) {
            routes.add(new RouteRequest(IpPrefix.parse(network), gateway.map(Addresses::parse)));
            return this;
        }

        /** IPv6 routes as {@code prefix/bits}. */
        public Builder routesIpv6(List<String> networks) {
            networks.forEach(n -> routesIpv6.add(RouteRequest.parse(n)));
            return this;
        }

        /** redirect-gateway words, e.g. {@code [def1, bypass-dhcp]}; empty for a split tunnel. */
        public Builder redirectGateway(List<String> flags) {
            redirectGateway = RedirectGateway.parse(flags);
            return this;
        }

        /** DNS server addresses (IPv4 or IPv6). */
        public Builder dnsServers(List<String> servers) {
            servers.forEach(s -> dnsServers.add(Addresses.parse(s)));
            return this;
        }

        /** Search domains. */
        public Builder searchDomains(List<String> domains) {
            searchDomains.addAll(domains);
            return this;
        }

        /** The VPN server's address(es) the transport actually talks to. */
        public Builder serverAddresses(List<InetAddress> addresses) {
            serverAddresses.addAll(addresses);
            return this;
        }

        /** The IPv6 leak guard setting (default {@link Ipv6LeakGuard#AUTO}). */
        public Builder ipv6LeakGuard(Ipv6LeakGuard guard) {
            ipv6LeakGuard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        public TunnelNetworkRequest build() {
            return new TunnelNetworkRequest(link, mtu, ipv4, ipv6, ipv6Gateway, routes, routesIpv6, redirectGateway,
                    dnsServers, searchDomains, serverAddresses, ipv6LeakGuard);
        }
    }
}
