package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.net.Addresses;
import dev.corridor.net.InterfaceAddress;
import dev.corridor.net.IpPrefix;
import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.net.TunnelNetworkRequest;
import dev.corridor.net.TunnelNetworkRequest.RouteRequest;
import dev.corridor.profile.Routing;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pushed settings merged with the profile's own routing lines into a host-network request. */
class HostNetworkRequestsTest {
    private static final InetAddress SERVER = Addresses.parse("198.51.100.2");

    @Test
    void pushedSettingsAloneBecomeTheRequest() {
        TunnelNetworkRequest request = HostNetworkRequests.build("tun0", TunnelFixtures.pushed(
                List.of("10.100.0.0/255.255.255.0")), TunnelFixtures.routing(), SERVER, Ipv6LeakGuard.AUTO).request();
        assertThat(request.link()).isEqualTo("tun0");
        assertThat(request.mtu()).isEqualTo(1500);
        assertThat(request.ipv4().orElseThrow().interfaceAddress()).isEqualTo(InterfaceAddress.parse("10.77.0.2/24"));
        assertThat(request.routes()).containsExactly(RouteRequest.parse("10.100.0.0/24"));
        assertThat(request.redirectGateway().enabled()).isFalse();
        assertThat(request.dnsServers()).containsExactly(Addresses.parse("10.100.0.10"));
        assertThat(request.searchDomains()).containsExactly("corridor.test");
        assertThat(request.serverAddresses()).containsExactly(SERVER);
        assertThat(request.ipv6LeakGuard()).isEqualTo(Ipv6LeakGuard.AUTO);
        assertThat(request.carriesIpv6()).isFalse();
    }

    @Test
    void theProfilesOwnLinesAreAddedToThePushedOnes() {
        Routing routing = new Routing(
                List.of(new Routing.Route("172.16.0.0", "255.240.0.0", Optional.empty(), OptionalInt.empty(), 3),
                        new Routing.Route("192.168.7.0", "255.255.255.0", Optional.of("vpn_gateway"),
                                OptionalInt.empty(), 4),
                        new Routing.Route("192.168.8.0", "255.255.255.0", Optional.of("10.77.0.9"),
                                OptionalInt.empty(), 5)),
                List.of(new Routing.Route6("2000::/4", Optional.empty(), OptionalInt.empty(), 6)),
                Optional.of(new Routing.Ifconfig6("fd15:53b6:dead::2/64", "fd15:53b6:dead::1")),
                Optional.of(Set.of("bypass-dhcp")), false, false, Optional.empty(), OptionalInt.empty(),
                List.of(new Routing.DhcpOption("DNS", Optional.of("10.0.0.2")),
                        new Routing.DhcpOption("DOMAIN-SEARCH", Optional.of("corp.example"))),
                List.of());
        TunnelNetworkRequest request = HostNetworkRequests.build("tun0", TunnelFixtures.pushed(
                List.of("10.100.0.0/255.255.255.0"), List.of("def1"), List.of("10.100.0.10"), 1400), routing, SERVER,
                Ipv6LeakGuard.AUTO).request();
        assertThat(request.routes()).containsExactly(RouteRequest.parse("10.100.0.0/24"),
                RouteRequest.parse("172.16.0.0/12"), RouteRequest.parse("192.168.7.0/24"),
                new RouteRequest(IpPrefix.parse("192.168.8.0/24"), Optional.of(Addresses.parse("10.77.0.9"))));
        assertThat(request.routesIpv6()).containsExactly(RouteRequest.parse("2000::/4"));
        assertThat(request.ipv6()).contains(InterfaceAddress.parse("fd15:53b6:dead::2/64"));
        assertThat(request.ipv6Gateway()).contains(Addresses.parse("fd15:53b6:dead::1"));
        assertThat(request.redirectGateway().def1()).isTrue();
        assertThat(request.redirectGateway().bypassDhcp()).isTrue();
        assertThat(request.dnsServers()).containsExactly(Addresses.parse("10.100.0.10"), Addresses.parse("10.0.0.2"));
        assertThat(request.searchDomains()).containsExactly("corridor.test", "corp.example");
        assertThat(request.mtu()).isEqualTo(1400);
    }

    @Test
    void routeNopullDropsPushedRoutesButKeepsTheProfilesAndSaysSo() {
        Routing routing = new Routing(
                List.of(new Routing.Route("172.16.0.0", "255.240.0.0", Optional.empty(), OptionalInt.empty(), 3)),
                List.of(), Optional.empty(), Optional.empty(), false, true, Optional.empty(), OptionalInt.empty(),
                List.of(), List.of());
        HostNetworkRequests.Built built = HostNetworkRequests.build("tun0", TunnelFixtures.pushed(
                List.of("10.100.0.0/255.255.255.0")), routing, SERVER, Ipv6LeakGuard.AUTO);
        assertThat(built.request().routes()).containsExactly(RouteRequest.parse("172.16.0.0/12"));
        assertThat(built.notes()).anyMatch(note -> note.contains("route-nopull"));
    }

    @Test
    void aBareRedirectGatewayLineMeansDef1AndBlockIpv6TurnsTheGuardOn() {
        Routing routing = new Routing(List.of(), List.of(), Optional.empty(), Optional.of(Set.of()), true, false,
                Optional.empty(), OptionalInt.empty(), List.of(), List.of());
        TunnelNetworkRequest request = HostNetworkRequests.build("tun0", TunnelFixtures.pushed(List.of()), routing,
                SERVER, Ipv6LeakGuard.NEVER).request();
        assertThat(request.redirectGateway().enabled()).isTrue();
        assertThat(request.ipv6LeakGuard()).isEqualTo(Ipv6LeakGuard.ALWAYS);
    }

    @Test
    void routesThatCannotBeAppliedAreLeftOutWithANote() {
        Routing routing = new Routing(
                List.of(new Routing.Route("intranet.example", "255.255.255.255", Optional.empty(), OptionalInt.empty(),
                        3), new Routing.Route("192.0.2.0", "255.255.255.0", Optional.of("net_gateway"),
                                OptionalInt.empty(), 4)),
                List.of(), Optional.empty(), Optional.empty(), false, false, Optional.empty(), OptionalInt.empty(),
                List.of(), List.of());
        HostNetworkRequests.Built built = HostNetworkRequests.build("tun0", TunnelFixtures.pushed(List.of()),
                routing, SERVER, Ipv6LeakGuard.AUTO);
        assertThat(built.request().routes()).isEmpty();
        assertThat(built.notes()).hasSize(2).anyMatch(n -> n.contains("line 3")).anyMatch(n -> n.contains("line 4"));
    }

    @Test
    void anUnusablePushedValueIsAClearError() {
        assertThatThrownBy(() -> HostNetworkRequests.build("tun0", TunnelFixtures.pushed(List.of("10.0.0.0/bogus")),
                TunnelFixtures.routing(), SERVER, Ipv6LeakGuard.AUTO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bogus");
    }
}
