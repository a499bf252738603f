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

/** The Windows applier against recorded {@code netsh} and PowerShell. */
class WindowsApplierTest {
    private static final String PS = "powershell -NoProfile -NonInteractive -Command ";
    private static final String ROUTES = "[{\"DestinationPrefix\":\"0.0.0.0/0\",\"NextHop\":\"192.168.1.1\","
            + "\"InterfaceAlias\":\"Wi-Fi\",\"RouteMetric\":0},{\"DestinationPrefix\":\"192.168.1.0/24\","
            + "\"NextHop\":\"0.0.0.0\",\"InterfaceAlias\":\"Wi-Fi\",\"RouteMetric\":256},"
            + "{\"DestinationPrefix\":\"::/0\",\"NextHop\":\"fe80::1\",\"InterfaceAlias\":\"Wi-Fi\",\"RouteMetric\":0}]";
    private static final String ADDRESSES = "[{\"IPAddress\":\"192.168.1.23\",\"PrefixLength\":24,\"InterfaceAlias\":"
            + "\"Wi-Fi\"},{\"IPAddress\":\"fe80::9%12\",\"PrefixLength\":64,\"InterfaceAlias\":\"Wi-Fi\"}]";

    private final RecordingRunner runner = new RecordingRunner()
            .answer(PS + "Get-NetRoute", ROUTES)
            .answer(PS + "Get-NetIPAddress", ADDRESSES)
            .answer(PS + "(Get-NetIPInterface", "1420\r\n")
            .answer(PS + "(Get-DnsClientGlobalSetting)", "home.arpa\r\n");
    private final WindowsApplier applier = new WindowsApplier(runner);

    @Test
    void readsRoutesAndAddressesFromPowershellJson() throws Exception {
        HostSnapshot snapshot = applier.snapshot();

        assertThat(snapshot.defaultGatewayIpv4()).contains(
                new HostSnapshot.Gateway(Optional.of(Addresses.parse("192.168.1.1")), "Wi-Fi"));
        assertThat(snapshot.defaultGatewayIpv6()).contains(
                new HostSnapshot.Gateway(Optional.of(Addresses.parse("fe80::1")), "Wi-Fi"));
        assertThat(snapshot.hasGlobalIpv6()).isFalse();
        assertThat(snapshot.routeTo(IpPrefix.parse("192.168.1.0/24")).flatMap(HostSnapshot.HostRoute::gateway))
                .isEmpty();
    }

    @Test
    void theDhcpServerOfTheDefaultInterfaceIsReadForBypassDhcp() throws Exception {
        assertThat(applier.snapshot().dhcpServer()).isEmpty();

        runner.answer(PS + "(Get-CimInstance Win32_NetworkAdapterConfiguration", "192.168.1.254\r\n");
        HostSnapshot snapshot = applier.snapshot();

        assertThat(snapshot.dhcpServer()).contains(Addresses.parse("192.168.1.254"));
        assertThat(runner.commands()).anyMatch(c -> c.contains("Get-NetAdapter -Name 'Wi-Fi'"));
    }

    @Test
    void aSingleRouteObjectIsReadAsAList() throws Exception {
        runner.answer(PS + "Get-NetRoute", "{\"DestinationPrefix\":\"0.0.0.0/0\",\"NextHop\":\"10.0.0.1\","
                + "\"InterfaceAlias\":\"Ethernet\",\"RouteMetric\":5}");

        assertThat(applier.snapshot().defaultGatewayIpv4()).contains(
                new HostSnapshot.Gateway(Optional.of(Addresses.parse("10.0.0.1")), "Ethernet"));
    }

    @Test
    void appliesWithNetshInTheActiveStore() throws Exception {
        List<NetworkChange> changes = List.of(
                new NetworkChange.ConfigureLink("Corridor", 1400),
                new NetworkChange.AddAddress("Corridor", InterfaceAddress.parse("10.8.0.6/32"),
                        Optional.of(Addresses.parse("10.8.0.5"))),
                new NetworkChange.AddAddress("Corridor", InterfaceAddress.parse("fd00:8::2/64"), Optional.empty()),
                new NetworkChange.AddRoute(new Route(IpPrefix.parse("203.0.113.10/32"),
                        Optional.of(Addresses.parse("192.168.1.1")), "Wi-Fi", Route.Purpose.SERVER_BYPASS)),
                new NetworkChange.AddRoute(new Route(IpPrefix.parse("2000::/3"), Optional.empty(), "Corridor",
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
                "netsh interface ipv4 set subinterface Corridor mtu=1400 store=active",
                "netsh interface ipv4 add address name=Corridor address=10.8.0.6 mask=255.255.255.252 store=active",
                "netsh interface ipv6 add address interface=Corridor address=fd00:8::2/64 store=active",
                "netsh interface ipv4 add route prefix=203.0.113.10/32 interface=Wi-Fi nexthop=192.168.1.1 store=active",
                "netsh interface ipv6 add route prefix=2000::/3 interface=Corridor store=active");
        assertThat(undo).containsExactly(
                "netsh interface ipv4 set subinterface Corridor mtu=1420 store=active",
                "netsh interface ipv4 delete address name=Corridor address=10.8.0.6",
                "netsh interface ipv6 delete address interface=Corridor address=fd00:8::2",
                "netsh interface ipv4 delete route prefix=203.0.113.10/32 interface=Wi-Fi nexthop=192.168.1.1"
                        + " store=active",
                "netsh interface ipv6 delete route prefix=2000::/3 interface=Corridor store=active");
    }

    @Test
    void dnsServersPerFamilySearchListAndMetricForFullTunnel() throws Exception {
        NetworkChange.SetDns dns = new NetworkChange.SetDns("Corridor", List.of(Addresses.parse("10.8.0.53"),
                Addresses.parse("10.8.0.54"), Addresses.parse("fd00:8::53")), List.of("corp.example"), true);

        List<Undo> undo = applier.undoFor(dns);
        runner.clear();
        applier.apply(dns);

        assertThat(runner.commands()).containsExactly(
                "netsh interface ipv4 set dnsservers name=Corridor source=static address=10.8.0.53 register=none"
                        + " validate=no",
                "netsh interface ipv4 add dnsservers name=Corridor address=10.8.0.54 index=2 validate=no",
                "netsh interface ipv6 set dnsservers name=Corridor source=static address=fd00:8::53 register=none"
                        + " validate=no",
                PS + "(Get-DnsClientGlobalSetting).SuffixSearchList -join ','",
                PS + "Set-DnsClientGlobalSetting -SuffixSearchList @('corp.example')",
                PS + "Set-NetIPInterface -InterfaceAlias 'Corridor' -InterfaceMetric 1");
        assertThat(undo).extracting(u -> String.join(" ", ((Undo.RunCommand) u).command())).containsExactly(
                "netsh interface ipv4 set dnsservers name=Corridor source=dhcp",
                "netsh interface ipv6 set dnsservers name=Corridor source=dhcp",
                PS + "Set-DnsClientGlobalSetting -SuffixSearchList @('home.arpa')",
                PS + "Set-NetIPInterface -InterfaceAlias 'Corridor' -AutomaticMetric Enabled");
    }

    @Test
    void elementNotFoundMeansAlreadyGone() {
        runner.fail("netsh interface ipv4 delete route", 1, "Element not found.");
        runner.fail("netsh interface ipv4 delete address", 1, "The requested operation requires elevation.");

        assertThat(applier.undo(Undo.RunCommand.of("netsh", "interface", "ipv4", "delete", "route")).outcome())
                .isEqualTo(NetworkApplier.Outcome.ALREADY_GONE);
        assertThat(applier.undo(Undo.RunCommand.of("netsh", "interface", "ipv4", "delete", "address")).outcome())
                .isEqualTo(NetworkApplier.Outcome.FAILED);
    }
}
