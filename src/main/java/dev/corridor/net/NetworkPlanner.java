package dev.corridor.net;

import dev.corridor.net.HostSnapshot.Gateway;
import dev.corridor.net.TunnelNetworkRequest.Ipv4Tunnel;
import dev.corridor.net.TunnelNetworkRequest.RouteRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@link TunnelNetworkRequest} and the current {@link HostSnapshot} into a {@link NetworkPlan};
 * pure and deterministic.
 *
 * <pre>
 *   1  link up, MTU
 *   2  addresses: IPv4 (subnet: addr/mask; net30, p2p: addr/32 peer P), IPv6 (ifconfig-ipv6)
 *   3  bypass routes through the previous gateway, before anything points into the tunnel:
 *        VPN server /32 (unless redirect-gateway local), /128 when IPv6 is redirected or guarded,
 *        DHCP server (bypass-dhcp, when known and not on the local network),
 *        the local gateway itself (block-local)
 *   4  full tunnel IPv4: 0.0.0.0/1 + 128.0.0.0/1 via the tunnel gateway (the old default route stays;
 *        the two halves win by longest prefix, also without def1, so nothing of the host is deleted)
 *   5  block-local: each local IPv4 network of the default interface, split in two halves, into the tunnel
 *   6  split routes (route), then IPv6 routes (route-ipv6; ::/1 + 8000::/1 for redirect-gateway ipv6)
 *        only when the tunnel has an IPv6 address
 *   7  IPv6 leak guard: tunnel without IPv6, machine with global IPv6, guard on (AUTO = full tunnel):
 *        2000::/3 and fc00::/7 (unless the machine's own addresses are there) onto the TUN link,
 *        where the data plane drops them
 *   8  DNS: the pushed servers and domains, all queries in full tunnel
 * </pre>
 *
 * A wanted route whose destination already exists in the main table becomes
 * {@link NetworkChange.KeepExistingRoute}: it is neither added nor ever removed.
 */
public final class NetworkPlanner {
    private static final IpPrefix LOWER_HALF = IpPrefix.parse("0.0.0.0/1");
    private static final IpPrefix UPPER_HALF = IpPrefix.parse("128.0.0.0/1");
    private static final IpPrefix IPV6_LOWER_HALF = IpPrefix.parse("::/1");
    private static final IpPrefix IPV6_UPPER_HALF = IpPrefix.parse("8000::/1");
    /** Global unicast IPv6. */
    public static final IpPrefix GLOBAL_UNICAST = IpPrefix.parse("2000::/3");
    /** Unique-local IPv6. */
    public static final IpPrefix UNIQUE_LOCAL = IpPrefix.parse("fc00::/7");

    private NetworkPlanner() {}

    /** The plan for {@code request} on a host that currently looks like {@code host}. */
    public static NetworkPlan plan(TunnelNetworkRequest request, HostSnapshot host) {
        return new Planning(request, host).run();
    }

    /** One planning run: collects changes and notes. */
    private static final class Planning {
        private final TunnelNetworkRequest request;
        private final HostSnapshot host;
        private final RedirectGateway redirect;
        private final String link;
        private final List<NetworkChange> changes = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Planning(TunnelNetworkRequest request, HostSnapshot host) {
            this.request = request;
            this.host = host;
            this.redirect = request.redirectGateway();
            this.link = request.link();
        }

        NetworkPlan run() {
            changes.add(new NetworkChange.ConfigureLink(link, request.mtu()));
            request.ipv4().ifPresent(v4 -> changes.add(new NetworkChange.AddAddress(link, v4.interfaceAddress(),
                    v4.topology().pointToPoint() ? Optional.of(v4.netmaskOrPeer()) : Optional.empty())));
            request.ipv6().ifPresent(v6 -> changes.add(new NetworkChange.AddAddress(link, v6, Optional.empty())));
            boolean fullIpv4 = redirect.redirectsIpv4() && request.ipv4().isPresent();
            boolean fullIpv6 = redirect.redirectsIpv6() && request.carriesIpv6();
            boolean guard = guardActive();
            if (redirect.redirectsIpv4() && request.ipv4().isEmpty()) {
                notes.add("redirect-gateway ignored for IPv4: the tunnel has no IPv4 address");
            }
            if (redirect.redirectsIpv6() && !request.carriesIpv6()) {
                notes.add("redirect-gateway ipv6 ignored: the tunnel has no IPv6 address");
            }
            bypassRoutes(fullIpv4, fullIpv6 || guard);
            if (fullIpv4) {
                Ipv4Tunnel v4 = request.ipv4().get();
                if (!redirect.def1()) {
                    notes.add("redirect-gateway without def1 is applied as def1: the previous default route stays");
                }
                add(LOWER_HALF, v4.gateway(), Route.Purpose.FULL_TUNNEL);
                add(UPPER_HALF, v4.gateway(), Route.Purpose.FULL_TUNNEL);
                if (redirect.blockLocal()) {
                    blockLocal(v4);
                }
            }
            request.ipv4().ifPresent(v4 -> {
                for (RouteRequest route : request.routes()) {
                    add(route.destination(), route.gateway().or(v4::gateway), Route.Purpose.SPLIT);
                }
            });
            if (request.ipv4().isEmpty() && !request.routes().isEmpty()) {
                notes.add("IPv4 routes ignored: the tunnel has no IPv4 address");
            }
            if (request.carriesIpv6()) {
                for (RouteRequest route : request.routesIpv6()) {
                    add(route.destination(), route.gateway(), Route.Purpose.SPLIT);
                }
                if (fullIpv6) {
                    add(IPV6_LOWER_HALF, Optional.empty(), Route.Purpose.FULL_TUNNEL);
                    add(IPV6_UPPER_HALF, Optional.empty(), Route.Purpose.FULL_TUNNEL);
                }
            } else if (!request.routesIpv6().isEmpty()) {
                notes.add("IPv6 routes ignored: the tunnel has no IPv6 address");
            }
            if (guard) {
                add(GLOBAL_UNICAST, Optional.empty(), Route.Purpose.IPV6_GUARD);
                if (host.hasAddressIn(UNIQUE_LOCAL)) {
                    notes.add("IPv6 leak guard leaves fc00::/7 alone: this machine has addresses there");
                } else {
                    add(UNIQUE_LOCAL, Optional.empty(), Route.Purpose.IPV6_GUARD);
                }
            }
            dns();
            return new NetworkPlan(changes, notes);
        }

        private boolean guardActive() {
            if (request.carriesIpv6() || request.ipv6LeakGuard() == Ipv6LeakGuard.NEVER || !host.hasGlobalIpv6()) {
                return false;
            }
            return request.ipv6LeakGuard() == Ipv6LeakGuard.ALWAYS || redirect.enabled();
        }

        private void bypassRoutes(boolean fullIpv4, boolean ipv6IntoTunnel) {
            for (InetAddress server : request.serverAddresses()) {
                boolean v4 = server.getAddress().length == 4;
                if (server.isLoopbackAddress() || (v4 ? !fullIpv4 : !ipv6IntoTunnel)) {
                    continue;
                }
                if (v4 && redirect.local()) {
                    continue; // redirect-gateway local: the server is on the local network
                }
                bypass(server, v4 ? host.defaultGatewayIpv4() : host.defaultGatewayIpv6(),
                        Route.Purpose.SERVER_BYPASS);
            }
            if (fullIpv4 && redirect.bypassDhcp()) {
                Optional<InetAddress> dhcp = host.dhcpServer();
                if (dhcp.isEmpty()) {
                    notes.add("bypass-dhcp: the DHCP server is not known on this system; no route added");
                } else if (!onLink(dhcp.get())) {
                    bypass(dhcp.get(), host.defaultGatewayIpv4(), Route.Purpose.DHCP_BYPASS);
                }
            }
            if (fullIpv4 && redirect.blockLocal()) {
                host.defaultGatewayIpv4().flatMap(Gateway::address).ifPresent(gateway -> add(IpPrefix.host(gateway),
                        Optional.empty(), host.defaultGatewayIpv4().get().link(), Route.Purpose.GATEWAY_BYPASS));
            }
        }

        private void bypass(InetAddress target, Optional<Gateway> gateway, Route.Purpose purpose) {
            if (gateway.isEmpty()) {
                notes.add("no previous default gateway for " + Addresses.format(target) + ": no "
                        + purpose.label() + " route added");
                return;
            }
            Optional<InetAddress> via = onLink(target) ? Optional.empty() : gateway.get().address();
            add(IpPrefix.host(target), via, gateway.get().link(), purpose);
        }

        /** True when {@code address} lies in a network of the default interface (reachable without a gateway). */
        private boolean onLink(InetAddress address) {
            return host.defaultGatewayIpv4().map(g -> host.ipv4NetworksOf(g.link()).stream()
                    .anyMatch(n -> n.contains(address))).orElse(false);
        }

        private void blockLocal(Ipv4Tunnel v4) {
            Optional<Gateway> gateway = host.defaultGatewayIpv4();
            if (gateway.isEmpty()) {
                notes.add("block-local: no local network found (no IPv4 default gateway)");
                return;
            }
            for (IpPrefix network : host.ipv4NetworksOf(gateway.get().link())) {
                if (network.isHost()) {
                    continue;
                }
                for (IpPrefix half : network.halves()) {
                    add(half, v4.gateway(), Route.Purpose.BLOCK_LOCAL);
                }
            }
        }

        private void add(IpPrefix destination, Optional<InetAddress> gateway, Route.Purpose purpose) {
            add(destination, gateway, link, purpose);
        }

        private void add(IpPrefix destination, Optional<InetAddress> gateway, String device, Route.Purpose purpose) {
            Optional<InetAddress> sameFamily = gateway.filter(g -> g.getAddress().length
                    == destination.network().getAddress().length);
            Route route = new Route(destination, sameFamily, device, purpose);
            boolean planned = changes.stream().anyMatch(c -> c instanceof NetworkChange.AddRoute added
                    && added.route().destination().equals(destination));
            if (planned) {
                notes.add("route " + destination + " is wanted twice; kept once");
                return;
            }
            Optional<HostSnapshot.HostRoute> existing = host.routeTo(destination);
            changes.add(existing.<NetworkChange>map(e -> new NetworkChange.KeepExistingRoute(route, e))
                    .orElseGet(() -> new NetworkChange.AddRoute(route)));
        }

        private void dns() {
            if (request.dnsServers().isEmpty()) {
                if (!request.searchDomains().isEmpty()) {
                    notes.add("search domains ignored: no DNS server was pushed");
                }
                return;
            }
            changes.add(new NetworkChange.SetDns(link, request.dnsServers(), request.searchDomains(),
                    redirect.enabled()));
        }
    }
}
