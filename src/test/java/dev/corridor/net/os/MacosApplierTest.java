package dev.corridor.net.os;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.net.Addresses;
import dev.corridor.net.HostSnapshot;
import dev.corridor.net.InterfaceAddress;
import dev.corridor.net.IpPrefix;
import dev.corridor.net.NetworkApplier;
import dev.corridor.net.NetworkChange;
import dev.corridor.net.RecordingRunner;
import dev.corridor.net.Route;
import dev.corridor.net.Undo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The macOS applier against recorded {@code route}, {@code ifconfig}, {@code netstat} and {@code scutil}. */
class MacosApplierTest {
    private static final String ROUTE_GET = "   route to: default\ndestination: default\n       mask: default\n"
            + "    gateway: 192.168.1.1\n  interface: en0\n      flags: <UP,GATEWAY,DONE,STATIC,PRCLONING>\n";
    private static final String IFCONFIG = "lo0: flags=8049<UP,LOOPBACK,RUNNING,MULTICAST> mtu 16384\n"
            + "\tinet 127.0.0.1 netmask 0xff000000\n\tinet6 ::1 prefixlen 128\n"
            + "en0: flags=8863<UP,BROADCAST,SMART,RUNNING,SIMPLEX,MULTICAST> mtu 1500\n"
            + "\tinet6 fe80::1c2a:1b3c:4d5e:6f70%en0 prefixlen 64 secured scopeid 0x6\n"
            + "\tinet 192.168.1.23 netmask 0xffffff00 broadcast 192.168.1.255\n"
            + "\tinet6 2001:db8:5::23 prefixlen 64 autoconf secured\n"
            + "utun4: flags=8050<POINTOPOINT,RUNNING,MULTICAST> mtu 1380\n";
    private static final String NETSTAT4 = "Routing tables\n\nInternet:\n"
            + "Destination        Gateway            Flags        Netif Expire\n"
            + "default            192.168.1.1        UGScg          en0\n"
            + "10.8/16            link#20            UCS          utun4\n"
            + "127                127.0.0.1          UCS            lo0\n"
            + "192.168.1          link#6             UCS            en0      !\n"
            + "192.168.1.1/32     link#6             UCS            en0      !\n"
            + "203.0.113.10       192.168.1.1        UGHS           en0\n";
    private static final String NETSTAT6 = "Routing tables\n\nInternet6:\n"
            + "Destination                             Gateway                         Flags         Netif Expire\n"
            + "default                                 fe80::1%en0                     UGcg            en0\n"
            + "::1                                     ::1                             UHL             lo0\n"
            + "2001:db8:5::/64                         link#6                          UC              en0\n";

    private final RecordingRunner runner = new RecordingRunner()
            .answer("route -n get default", ROUTE_GET)
            .fail("route -n get -inet6 default", 1, "route: writing to routing socket: not in table")
            .answer("ifconfig utun4", "utun4: flags=8050<POINTOPOINT,RUNNING,MULTICAST> mtu 1380\n")
            .answer("ifconfig", IFCONFIG)
            .answer("netstat -rn -f inet6", NETSTAT6)
            .answer("netstat -rn -f inet", NETSTAT4);
    private final MacosApplier applier = new MacosApplier(runner);

    @Test
    void readsGatewayAddressesAndShortenedRoutes() throws Exception {
        HostSnapshot snapshot = applier.snapshot();

        assertThat(snapshot.defaultGatewayIpv4()).contains(
                new HostSnapshot.Gateway(Optional.of(Addresses.parse("192.168.1.1")), "en0"));
        assertThat(snapshot.defaultGatewayIpv6()).isEmpty();
        assertThat(snapshot.hasGlobalIpv6()).isTrue();
        assertThat(snapshot.ipv4NetworksOf("en0")).containsExactly(IpPrefix.parse("192.168.1.0/24"));
        assertThat(snapshot.routes()).extracting(r -> r.destination().toString()).contains("0.0.0.0/0",
                "10.8.0.0/16", "127.0.0.0/8", "192.168.1.0/24", "192.168.1.1/32", "203.0.113.10/32", "::/0",
                "2001:db8:5::/64");
        assertThat(snapshot.routeTo(IpPrefix.parse("203.0.113.10/32")).flatMap(HostSnapshot.HostRoute::gateway))
                .contains(Addresses.parse("192.168.1.1"));
    }

    @Test
    void appliesLinkAddressesAndRoutesWithIfconfigAndRoute() throws Exception {
        List<NetworkChange> changes = List.of(
                new NetworkChange.ConfigureLink("utun4", 1400),
                new NetworkChange.AddAddress("utun4", InterfaceAddress.parse("10.8.0.2/24"), Optional.empty()),
                new NetworkChange.AddAddress("utun4", InterfaceAddress.parse("fd00:8::2/64"), Optional.empty()),
                new NetworkChange.AddRoute(new Route(IpPrefix.parse("203.0.113.10/32"),
                        Optional.of(Addresses.parse("192.168.1.1")), "en0", Route.Purpose.SERVER_BYPASS)),
                new NetworkChange.AddRoute(new Route(IpPrefix.parse("0.0.0.0/1"), Optional.of(
                        Addresses.parse("10.8.0.1")), "utun4", Route.Purpose.FULL_TUNNEL)),
                new NetworkChange.AddRoute(new Route(IpPrefix.parse("2000::/3"), Optional.empty(), "utun4",
                        Route.Purpose.IPV6_GUARD)));
        List<String> undo = new java.util.ArrayList<>();
        for (NetworkChange change : changes) {
            applier.undoFor(change).forEach(u -> undo.add(String.join(" ", ((Undo.RunCommand) u).command())));
        }
        runner.clear();
        for (NetworkChange change : changes) {
            applier.apply(change);
        }

        assertThat(runner.commands()).containsExactly(
                "ifconfig utun4 mtu 1400 up",
                "ifconfig utun4 inet 10.8.0.2 10.8.0.2 netmask 255.255.255.0 alias",
                "route -n add -net 10.8.0.0/24 -interface utun4",
                "ifconfig utun4 inet6 fd00:8::2 prefixlen 64 alias",
                "route -n add -host 203.0.113.10 192.168.1.1",
                "route -n add -net 0.0.0.0/1 10.8.0.1",
                "route -n add -inet6 -net 2000::/3 -interface utun4");
        assertThat(undo).containsExactly(
                "ifconfig utun4 mtu 1380",
                "ifconfig utun4 down",
                "route -n delete -net 10.8.0.0/24 -interface utun4",
                "ifconfig utun4 inet 10.8.0.2 -alias",
                "ifconfig utun4 inet6 fd00:8::2 -alias",
                "route -n delete -host 203.0.113.10 192.168.1.1",
                "route -n delete -net 0.0.0.0/1 10.8.0.1",
                "route -n delete -inet6 -net 2000::/3 -interface utun4");
    }

    @Test
    void splitDnsIsASupplementalServiceKey() throws Exception {
        NetworkChange.SetDns dns = new NetworkChange.SetDns("utun4", List.of(Addresses.parse("10.8.0.53")),
                List.of("corp.example"), false);

        List<Undo> undo = applier.undoFor(dns);
        runner.clear();
        applier.apply(dns);

        assertThat(runner.commands()).containsExactly("scutil", "dscacheutil -flushcache");
        assertThat(runner.inputs().get(0)).isEqualTo("d.init\nd.add ServerAddresses * 10.8.0.53\n"
                + "d.add SearchDomains * corp.example\nd.add SupplementalMatchDomains * corp.example\n"
                + "d.add SupplementalMatchDomainsNoSearch # 1\nset State:/Network/Service/Corridor-utun4/DNS\nquit\n");
        assertThat(undo).containsExactly(
                new Undo.RunCommand(List.of("scutil"),
                        Optional.of("remove State:/Network/Service/Corridor-utun4/DNS\nquit\n")),
                Undo.RunCommand.of("dscacheutil", "-flushcache"));
    }

    @Test
    void fullTunnelDnsReplacesThePrimaryServicesDnsAndJournalsItsOldValue() throws Exception {
        runner.answer("scutil", "<dictionary> {\n  PrimaryInterface : en0\n  PrimaryService : 8F2A-11\n"
                + "  ServerAddresses : <array> {\n    0 : 192.168.1.1\n  }\n  SearchDomains : <array> {\n"
                + "    0 : home.arpa\n  }\n}\n");
        NetworkChange.SetDns dns = new NetworkChange.SetDns("utun4", List.of(Addresses.parse("10.8.0.53")),
                List.of(), true);

        List<Undo> undo = applier.undoFor(dns);

        assertThat(((Undo.RunCommand) undo.get(1)).input()).contains("d.init\nd.add ServerAddresses * 192.168.1.1\n"
                + "d.add SearchDomains * home.arpa\nset State:/Network/Service/8F2A-11/DNS\nquit\n");
        runner.clear();
        applier.apply(dns);
        assertThat(runner.inputs()).anyMatch(i -> i.contains("set State:/Network/Service/8F2A-11/DNS"));
    }

    @Test
    void undoRecognisesMacosWordsForAlreadyGone() {
        runner.fail("route -n delete", 1, "route: writing to routing socket: not in table")
                .fail("ifconfig utun9", 1, "ifconfig: interface utun9 does not exist");

        assertThat(applier.undo(Undo.RunCommand.of("route", "-n", "delete", "-net", "0.0.0.0/1")).outcome())
                .isEqualTo(NetworkApplier.Outcome.ALREADY_GONE);
        assertThat(applier.undo(Undo.RunCommand.of("ifconfig", "utun9", "down")).outcome())
                .isEqualTo(NetworkApplier.Outcome.ALREADY_GONE);
    }
}
