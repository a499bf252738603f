package dev.corridor.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.net.HostSnapshot.Gateway;
import dev.corridor.net.HostSnapshot.HostRoute;
import dev.corridor.net.HostSnapshot.LinkAddress;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The planner on every push variant: split, full (def1, block-local, bypass-dhcp, ipv6, !ipv4), net30, guard. */
class NetworkPlannerTest {
    private static final InetAddress SERVER = Addresses.parse("203.0.113.10");

    /** A laptop on 192.168.1.0/24 behind 192.168.1.1, optionally with global IPv6. */
    static HostSnapshot laptop(boolean globalIpv6, HostRoute... extraRoutes) {
        List<LinkAddress> addresses = new ArrayList<>(List.of(
                new LinkAddress("lo", InterfaceAddress.parse("127.0.0.1/8")),
                new LinkAddress("wlan0", InterfaceAddress.parse("192.168.1.23/24")),
                new LinkAddress("wlan0", InterfaceAddress.parse("fe80::1234/64"))));
        if (globalIpv6) {
            addresses.add(new LinkAddress("wlan0", InterfaceAddress.parse("2001:db8:5::23/64")));
        }
        List<HostRoute> routes = new ArrayList<>(List.of(
                new HostRoute(IpPrefix.parse("0.0.0.0/0"), Optional.of(Addresses.parse("192.168.1.1")),
                        Optional.of("wlan0")),
                new HostRoute(IpPrefix.parse("192.168.1.0/24"), Optional.empty(), Optional.of("wlan0"))));
        routes.addAll(List.of(extraRoutes));
        return new HostSnapshot(Optional.of(new Gateway(Optional.of(Addresses.parse("192.168.1.1")), "wlan0")),
                globalIpv6 ? Optional.of(new Gateway(Optional.of(Addresses.parse("fe80::1")), "wlan0"))
                        : Optional.empty(),
                addresses, routes, Optional.empty());
    }

    static TunnelNetworkRequest.Builder subnetTunnel() {
        return TunnelNetworkRequest.builder("tun0", 1500)
                .ipv4("10.8.0.2", "255.255.255.0", "subnet", Optional.of("10.8.0.1"))
                .serverAddresses(List.of(SERVER));
    }

    /** The plan as lines, e.g. "add route 0.0.0.0/1 via 10.8.0.1 dev tun0 (redirect-gateway)". */
    static List<String> lines(NetworkPlan plan) {
        return plan.changes().stream().map(NetworkChange::describe).toList();
    }

    static List<String> routes(NetworkPlan plan) {
        return plan.changes().stream().filter(c -> c instanceof NetworkChange.AddRoute)
                .map(c -> ((NetworkChange.AddRoute) c).route().toString()).toList();
    }

    @Test
    void splitTunnelRoutesOnlyThePushedNetworksAndSetsSplitDns() {
        TunnelNetworkRequest request = subnetTunnel()
                .routes(List.of("10.100.0.0/255.255.0.0", "172.16.0.0/12"))
                .dnsServers(List.of("10.100.0.2")).searchDomains(List.of("corp.example")).build();

        NetworkPlan plan = NetworkPlanner.plan(request, laptop(true));

        assertThat(lines(plan)).containsExactly(
                "link tun0 up, mtu 1500",
                "address 10.8.0.2/24 on tun0",
                "route 10.100.0.0/16 via 10.8.0.1 dev tun0 (pushed route)",
                "route 172.16.0.0/12 via 10.8.0.1 dev tun0 (pushed route)",
                "DNS 10.100.0.2, search corp.example, split on tun0");
        assertThat(plan.notes()).isEmpty();
    }

    @Test
    void fullTunnelDef1AddsTheTwoHalvesAndKeepsTheServerOnThePreviousGateway() {
        TunnelNetworkRequest request = subnetTunnel().redirectGateway(List.of("def1"))
                .dnsServers(List.of("10.8.0.53")).build();

        NetworkPlan plan = NetworkPlanner.plan(request, laptop(false));

        assertThat(routes(plan)).containsExactly(
                "203.0.113.10/32 via 192.168.1.1 dev wlan0 (VPN server outside the tunnel)",
                "0.0.0.0/1 via 10.8.0.1 dev tun0 (redirect-gateway)",
                "128.0.0.0/1 via 10.8.0.1 dev tun0 (redirect-gateway)");
        assertThat(plan.changes().get(plan.changes().size() - 1))
                .isEqualTo(new NetworkChange.SetDns("tun0", List.of(Addresses.parse("10.8.0.53")), List.of(), true));
    }

    @Test
    void net30UsesThePeerAsAddressPeerAndGateway() {
        TunnelNetworkRequest request = TunnelNetworkRequest.builder("tun0", 1400)
                .ipv4("10.8.0.6", "10.8.0.5", "net30", Optional.empty())
                .routes(List.of("10.100.0.0/255.255.0.0")).build();

        NetworkPlan plan = NetworkPlanner.plan(request, laptop(false));

        assertThat(plan.changes()).contains(new NetworkChange.AddAddress("tun0", InterfaceAddress.parse("10.8.0.6/32"),
                Optional.of(Addresses.parse("10.8.0.5"))));
        assertThat(routes(plan)).containsExactly("10.100.0.0/16 via 10.8.0.5 dev tun0 (pushed route)");
    }

    @Test
    void p2pTopologyAlsoUsesThePeer() {
        TunnelNetworkRequest request = TunnelNetworkRequest.builder("tun0", 1400)
                .ipv4("10.9.0.2", "10.9.0.1", "p2p", Optional.empty()).redirectGateway(List.of("def1")).build();

        assertThat(routes(NetworkPlanner.plan(request, laptop(false))))
                .contains("0.0.0.0/1 via 10.9.0.1 dev tun0 (redirect-gateway)");
    }

    @Test
    void aRouteWithItsOwnGatewayKeepsIt() {
        TunnelNetworkRequest request = subnetTunnel().route("10.50.0.0/16", Optional.of("10.8.0.254")).build();

        assertThat(routes(NetworkPlanner.plan(request, laptop(false))))
                .containsExactly("10.50.0.0/16 via 10.8.0.254 dev tun0 (pushed route)");
    }

    @Test
    void blockLocalSendsTheLanIntoTheTunnelButKeepsItsGatewayOutside() {
        TunnelNetworkRequest request = subnetTunnel().redirectGateway(List.of("def1", "block-local")).build();

        assertThat(routes(NetworkPlanner.plan(request, laptop(false)))).containsExactly(
                "203.0.113.10/32 via 192.168.1.1 dev wlan0 (VPN server outside the tunnel)",
                "192.168.1.1/32 dev wlan0 (local gateway outside the tunnel)",
                "0.0.0.0/1 via 10.8.0.1 dev tun0 (redirect-gateway)",
                "128.0.0.0/1 via 10.8.0.1 dev tun0 (redirect-gateway)",
                "192.168.1.0/25 via 10.8.0.1 dev tun0 (local network into the tunnel)",
                "192.168.1.128/25 via 10.8.0.1 dev tun0 (local network into the tunnel)");
    }

    @Test
    void bypassDhcpRoutesAKnownRemoteDhcpServerOutsideAndSaysSoWhenUnknown() {
        TunnelNetworkRequest request = subnetTunnel().redirectGateway(List.of("def1", "bypass-dhcp")).build();
        HostSnapshot known = laptop(false);
        HostSnapshot withDhcp = new HostSnapshot(known.defaultGatewayIpv4(), known.defaultGatewayIpv6(),
                known.addresses(), known.routes(), Optional.of(Addresses.parse("10.20.30.40")));
        HostSnapshot onLinkDhcp = new HostSnapshot(known.defaultGatewayIpv4(), known.defaultGatewayIpv6(),
                known.addresses(), known.routes(), Optional.of(Addresses.parse("192.168.1.1")));

        assertThat(routes(NetworkPlanner.plan(request, withDhcp)))
                .contains("10.20.30.40/32 via 192.168.1.1 dev wlan0 (DHCP server outside the tunnel)");
        assertThat(routes(NetworkPlanner.plan(request, onLinkDhcp))).noneMatch(r -> r.contains("DHCP"));
        assertThat(NetworkPlanner.plan(request, known).notes()).anyMatch(n -> n.startsWith("bypass-dhcp"));
    }

    @Test
    void redirectGatewayLocalAddsNoServerRoute() {
        TunnelNetworkRequest request = subnetTunnel().redirectGateway(List.of("def1", "local")).build();

        assertThat(routes(NetworkPlanner.plan(request, laptop(false)))).noneMatch(r -> r.contains("203.0.113.10"));
    }

    @Test
    void withoutAPreviousGatewayTheServerRouteIsLeftOutWithANote() {
        HostSnapshot isolated = new HostSnapshot(Optional.empty(), Optional.empty(), List.of(), List.of(),
                Optional.empty());
        TunnelNetworkRequest request = subnetTunnel().redirectGateway(List.of("def1")).build();

        NetworkPlan plan = NetworkPlanner.plan(request, isolated);

        assertThat(routes(plan)).noneMatch(r -> r.contains("203.0.113.10"));
        assertThat(plan.notes()).anyMatch(n -> n.contains("no previous default gateway for 203.0.113.10"));
    }

    @Test
    void anOnLinkServerIsRoutedStraightOntoTheLink() {
        TunnelNetworkRequest request = TunnelNetworkRequest.builder("tun0", 1500)
                .ipv4("10.8.0.2", "255.255.255.0", "subnet", Optional.of("10.8.0.1"))
                .serverAddresses(List.of(Addresses.parse("192.168.1.50"))).redirectGateway(List.of("def1")).build();

        assertThat(routes(NetworkPlanner.plan(request, laptop(false))))
                .contains("192.168.1.50/32 dev wlan0 (VPN server outside the tunnel)");
    }

    @Test
    void notIpv4LeavesIpv4AloneAndIpv6RedirectUsesTheTwoIpv6Halves() {
        TunnelNetworkRequest request = subnetTunnel().ipv6("fd00:8::2/64")
                .serverAddresses(List.of(Addresses.parse("2001:db8:99::1")))
                .redirectGateway(List.of("def1", "ipv6", "!ipv4")).build();

        List<String> routes = routes(NetworkPlanner.plan(request, laptop(true)));

        assertThat(routes).containsExactly(
                "2001:db8:99::1/128 via fe80::1 dev wlan0 (VPN server outside the tunnel)",
                "::/1 dev tun0 (redirect-gateway)",
                "8000::/1 dev tun0 (redirect-gateway)");
    }

    @Test
    void redirectGatewayWithoutDef1IsAppliedAsDef1WithANote() {
        NetworkPlan plan = NetworkPlanner.plan(subnetTunnel().redirectGateway(List.of("bypass-dns")).build(),
                laptop(false));

        assertThat(routes(plan)).contains("0.0.0.0/1 via 10.8.0.1 dev tun0 (redirect-gateway)");
        assertThat(plan.notes()).anyMatch(n -> n.contains("without def1"));
    }

    @Test
    void aRouteThatAlreadyExistsIsKeptAndNeverAdded() {
        HostRoute existing = new HostRoute(IpPrefix.parse("10.100.0.0/16"), Optional.of(Addresses.parse("192.168.1.9")),
                Optional.of("wlan0"));
        TunnelNetworkRequest request = subnetTunnel().routes(List.of("10.100.0.0/255.255.0.0")).build();

        NetworkPlan plan = NetworkPlanner.plan(request, laptop(false, existing));

        assertThat(routes(plan)).isEmpty();
        assertThat(plan.changes()).anySatisfy(c -> {
            assertThat(c).isInstanceOf(NetworkChange.KeepExistingRoute.class);
            assertThat(((NetworkChange.KeepExistingRoute) c).existing()).isEqualTo(existing);
            assertThat(c.describe()).contains("already exists");
        });
    }

    @Test
    void aDuplicatedPushedRouteIsPlannedOnce() {
        NetworkPlan plan = NetworkPlanner.plan(subnetTunnel().routes(List.of("10.1.0.0/16", "10.1.0.0/255.255.0.0"))
                .build(), laptop(false));

        assertThat(routes(plan)).hasSize(1);
    }

    @Test
    void thePlanIsDeterministic() {
        TunnelNetworkRequest request = subnetTunnel().redirectGateway(List.of("def1", "block-local"))
                .routes(List.of("10.1.0.0/16")).dnsServers(List.of("10.8.0.53")).build();

        assertThat(NetworkPlanner.plan(request, laptop(true))).isEqualTo(NetworkPlanner.plan(request, laptop(true)));
    }

    @Nested
    class Ipv6LeakGuardVariants {
        @Test
        void fullTunnelWithoutTunnelIpv6RoutesGlobalAndUniqueLocalIpv6IntoTheTunnel() {
            TunnelNetworkRequest request = subnetTunnel().redirectGateway(List.of("def1")).build();

            assertThat(routes(NetworkPlanner.plan(request, laptop(true)))).contains(
                    "2000::/3 dev tun0 (IPv6 leak guard)", "fc00::/7 dev tun0 (IPv6 leak guard)");
        }

        @Test
        void anIpv6ServerStaysReachableAroundTheGuard() {
            TunnelNetworkRequest request = subnetTunnel().redirectGateway(List.of("def1"))
                    .serverAddresses(List.of(Addresses.parse("2001:db8:99::1"))).build();

            assertThat(routes(NetworkPlanner.plan(request, laptop(true))))
                    .contains("2001:db8:99::1/128 via fe80::1 dev wlan0 (VPN server outside the tunnel)");
        }

        @Test
        void splitTunnelHasNoGuardUnlessAsked() {
            TunnelNetworkRequest auto = subnetTunnel().routes(List.of("10.1.0.0/16")).build();
            TunnelNetworkRequest always = subnetTunnel().routes(List.of("10.1.0.0/16"))
                    .ipv6LeakGuard(Ipv6LeakGuard.ALWAYS).build();

            assertThat(routes(NetworkPlanner.plan(auto, laptop(true)))).noneMatch(r -> r.contains("leak guard"));
            assertThat(routes(NetworkPlanner.plan(always, laptop(true)))).contains("2000::/3 dev tun0 (IPv6 leak guard)");
        }

        @Test
        void neverMeansNever() {
            TunnelNetworkRequest request = subnetTunnel().redirectGateway(List.of("def1"))
                    .ipv6LeakGuard(Ipv6LeakGuard.NEVER).build();

            assertThat(routes(NetworkPlanner.plan(request, laptop(true)))).noneMatch(r -> r.contains("leak guard"));
        }

        @Test
        void aMachineWithoutGlobalIpv6NeedsNoGuard() {
            TunnelNetworkRequest request = subnetTunnel().redirectGateway(List.of("def1")).build();

            assertThat(routes(NetworkPlanner.plan(request, laptop(false)))).noneMatch(r -> r.contains("leak guard"));
        }

        @Test
        void uniqueLocalIpv6IsLeftAloneWhenTheMachineLivesThere() {
            HostSnapshot base = laptop(false);
            List<LinkAddress> addresses = new ArrayList<>(base.addresses());
            addresses.add(new LinkAddress("wlan0", InterfaceAddress.parse("fd12:3456::23/64")));
            HostSnapshot ula = new HostSnapshot(base.defaultGatewayIpv4(), base.defaultGatewayIpv6(), addresses,
                    base.routes(), Optional.empty());
            TunnelNetworkRequest request = subnetTunnel().redirectGateway(List.of("def1")).build();

            NetworkPlan plan = NetworkPlanner.plan(request, ula);

            assertThat(routes(plan)).contains("2000::/3 dev tun0 (IPv6 leak guard)")
                    .noneMatch(r -> r.startsWith("fc00::/7"));
            assertThat(plan.notes()).anyMatch(n -> n.contains("fc00::/7"));
        }

        @Test
        void aProfilesOwnIfconfigIpv6AndRouteIpv6AreHonouredInsteadOfTheGuard() {
            // the AWS advice: ifconfig-ipv6 fd15:53b6:dead::2/64 + route-ipv6 2000::/3 + route-ipv6 fc00::/7
            TunnelNetworkRequest request = subnetTunnel().redirectGateway(List.of("def1"))
                    .ipv6("fd15:53b6:dead::2/64").routesIpv6(List.of("2000::/3", "fc00::/7")).build();

            NetworkPlan plan = NetworkPlanner.plan(request, laptop(true));

            assertThat(plan.changes()).contains(new NetworkChange.AddAddress("tun0",
                    InterfaceAddress.parse("fd15:53b6:dead::2/64"), Optional.empty()));
            assertThat(routes(plan)).contains("2000::/3 dev tun0 (pushed route)", "fc00::/7 dev tun0 (pushed route)")
                    .noneMatch(r -> r.contains("leak guard"));
        }

        @Test
        void ipv6RoutesWithoutATunnelIpv6AddressAreIgnoredWithANote() {
            NetworkPlan plan = NetworkPlanner.plan(subnetTunnel().routesIpv6(List.of("2001:db8::/32")).build(),
                    laptop(true));

            assertThat(routes(plan)).isEmpty();
            assertThat(plan.notes()).contains("IPv6 routes ignored: the tunnel has no IPv6 address");
        }
    }
}
