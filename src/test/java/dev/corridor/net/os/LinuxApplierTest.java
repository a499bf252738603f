package dev.corridor.net.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.net.Addresses;
import dev.corridor.net.HostNetwork;
import dev.corridor.net.HostSnapshot;
import dev.corridor.net.InterfaceAddress;
import dev.corridor.net.IpPrefix;
import dev.corridor.net.NetworkApplier;
import dev.corridor.net.NetworkChange;
import dev.corridor.net.NetworkChangeException;
import dev.corridor.net.RecordingRunner;
import dev.corridor.net.Route;
import dev.corridor.net.TunnelNetworkRequest;
import dev.corridor.net.Undo;
import dev.corridor.net.UndoJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux applier against a recording fake of {@code ip} and {@code resolvectl}. */
class LinuxApplierTest {
    static final String ROUTES4 = "[{\"dst\":\"default\",\"gateway\":\"192.168.1.1\",\"dev\":\"wlan0\",\"protocol\":"
            + "\"dhcp\",\"metric\":600,\"flags\":[]},{\"dst\":\"default\",\"gateway\":\"10.0.0.1\",\"dev\":\"eth0\","
            + "\"metric\":100,\"flags\":[]},{\"dst\":\"192.168.1.0/24\",\"dev\":\"wlan0\",\"protocol\":\"kernel\","
            + "\"scope\":\"link\",\"prefsrc\":\"192.168.1.23\",\"flags\":[]},{\"type\":\"blackhole\",\"dst\":"
            + "\"10.99.0.0/16\",\"flags\":[]}]";
    static final String ROUTES6 = "[{\"dst\":\"2001:db8:5::/64\",\"dev\":\"wlan0\",\"metric\":256,\"flags\":[]},"
            + "{\"dst\":\"default\",\"gateway\":\"fe80::1\",\"dev\":\"wlan0\",\"metric\":1024,\"flags\":[]}]";
    static final String ADDRESSES = "[{\"ifindex\":1,\"ifname\":\"lo\",\"addr_info\":[{\"family\":\"inet\","
            + "\"local\":\"127.0.0.1\",\"prefixlen\":8,\"scope\":\"host\"}]},{\"ifindex\":3,\"ifname\":\"wlan0\","
            + "\"addr_info\":[{\"family\":\"inet\",\"local\":\"192.168.1.23\",\"prefixlen\":24,\"scope\":\"global\"},"
            + "{\"family\":\"inet6\",\"local\":\"2001:db8:5::23\",\"prefixlen\":64,\"scope\":\"global\"}]},"
            + "{\"ifindex\":9,\"ifname\":\"tun0\",\"addr_info\":[]}]";
    static final String TUN_LINK = "[{\"ifindex\":9,\"ifname\":\"tun0\",\"flags\":[\"POINTOPOINT\",\"NOARP\"],"
            + "\"mtu\":1500}]";

    @TempDir
    Path folder;

    private final RecordingRunner runner = new RecordingRunner()
            .answer("ip -j -4 route show table main", ROUTES4)
            .answer("ip -j -6 route show table main", ROUTES6)
            .answer("ip -j addr show", ADDRESSES)
            .answer("ip -j link show dev tun0", TUN_LINK)
            .fail("resolvectl", 127, "cannot run resolvectl: No such file or directory");

    private LinuxApplier applier() {
        return new LinuxApplier(runner, folder.resolve("resolv.conf"));
    }

    @Test
    void readsGatewaysAddressesAndRoutesFromIpJson() throws Exception {
        HostSnapshot snapshot = applier().snapshot();

        assertThat(snapshot.defaultGatewayIpv4()).contains(
                new HostSnapshot.Gateway(Optional.of(Addresses.parse("10.0.0.1")), "eth0")); // lowest metric
        assertThat(snapshot.defaultGatewayIpv6()).contains(
                new HostSnapshot.Gateway(Optional.of(Addresses.parse("fe80::1")), "wlan0"));
        assertThat(snapshot.hasGlobalIpv6()).isTrue();
        assertThat(snapshot.ipv4NetworksOf("wlan0")).containsExactly(IpPrefix.parse("192.168.1.0/24"));
        assertThat(snapshot.routeTo(IpPrefix.parse("10.99.0.0/16"))).isPresent();
        assertThat(snapshot.routes()).hasSize(6);
    }

    @Test
    void unreadableIpOutputIsAClearError() {
        runner.answer("ip -j -4 route show table main", "not json");

        assertThatThrownBy(() -> applier().snapshot()).isInstanceOf(NetworkChangeException.class)
                .hasMessageContaining("cannot read the output of ip route -j");
    }

    @Test
    void appliesEachChangeWithTheIpCommandAndJournalsItsExactInverse() throws Exception {
        LinuxApplier applier = applier();
        List<NetworkChange> changes = List.of(
                new NetworkChange.ConfigureLink("tun0", 1400),
                new NetworkChange.AddAddress("tun0", InterfaceAddress.parse("10.8.0.6/32"),
                        Optional.of(Addresses.parse("10.8.0.5"))),
                new NetworkChange.AddAddress("tun0", InterfaceAddress.parse("fd00:8::2/64"), Optional.empty()),
                new NetworkChange.AddRoute(new Route(IpPrefix.parse("0.0.0.0/1"), Optional.of(
                        Addresses.parse("10.8.0.5")), "tun0", Route.Purpose.FULL_TUNNEL)),
                new NetworkChange.AddRoute(new Route(IpPrefix.parse("2000::/3"), Optional.empty(), "tun0",
                        Route.Purpose.IPV6_GUARD)));
        List<String> undo = new java.util.ArrayList<>();
        for (NetworkChange change : changes) {
            for (Undo step : applier.undoFor(change)) {
                undo.add(String.join(" ", ((Undo.RunCommand) step).command()));
            }
            applier.apply(change);
        }

        assertThat(runner.commandsExcept("ip -j")).containsExactly(
                "ip link set dev tun0 mtu 1400 up",
                "ip -4 addr add 10.8.0.6/32 peer 10.8.0.5 dev tun0",
                "ip -6 addr add fd00:8::2/64 dev tun0",
                "ip -4 route add 0.0.0.0/1 via 10.8.0.5 dev tun0",
                "ip -6 route add 2000::/3 dev tun0");
        assertThat(undo).containsExactly(
                "ip link set dev tun0 mtu 1500",
                "ip link set dev tun0 down",
                "ip -4 addr del 10.8.0.6/32 peer 10.8.0.5 dev tun0",
                "ip -6 addr del fd00:8::2/64 dev tun0",
                "ip -4 route del 0.0.0.0/1 via 10.8.0.5 dev tun0",
                "ip -6 route del 2000::/3 dev tun0");
    }

    @Test
    void aFailingCommandNamesItselfAndTheKernelsAnswer() {
        runner.fail("ip -4 route add", 2, "RTNETLINK answers: File exists");

        assertThatThrownBy(() -> applier().apply(new NetworkChange.AddRoute(new Route(IpPrefix.parse("10.1.0.0/16"),
                Optional.empty(), "tun0", Route.Purpose.SPLIT)))).isInstanceOf(NetworkChangeException.class)
                .hasMessage("`ip -4 route add 10.1.0.0/16 dev tun0` failed: RTNETLINK answers: File exists");
    }

    @Test
    void undoTellsAlreadyGoneFromRealFailures() {
        runner.fail("ip -4 route del 10.1", 2, "RTNETLINK answers: No such process")
                .fail("ip -4 addr del", 2, "Error: ipv4: Address not found.")
                .fail("ip link set dev tun0", 1, "Cannot find device \"tun0\"")
                .fail("ip -4 route del 10.2", 2, "RTNETLINK answers: Operation not permitted");
        LinuxApplier applier = applier();

        assertThat(applier.undo(Undo.RunCommand.of("ip", "-4", "route", "del", "10.1.0.0/16")).outcome())
                .isEqualTo(NetworkApplier.Outcome.ALREADY_GONE);
        assertThat(applier.undo(Undo.RunCommand.of("ip", "-4", "addr", "del", "10.8.0.2/24")).outcome())
                .isEqualTo(NetworkApplier.Outcome.ALREADY_GONE);
        assertThat(applier.undo(Undo.RunCommand.of("ip", "link", "set", "dev", "tun0", "down")).outcome())
                .isEqualTo(NetworkApplier.Outcome.ALREADY_GONE);
        NetworkApplier.UndoResult denied = applier.undo(Undo.RunCommand.of("ip", "-4", "route", "del", "10.2.0.0/16"));
        assertThat(denied.outcome()).isEqualTo(NetworkApplier.Outcome.FAILED);
        assertThat(denied.detail()).isEqualTo("ip -4 route del 10.2.0.0/16: RTNETLINK answers: Operation not permitted");
        assertThat(applier.undo(Undo.RunCommand.of("ip", "-4", "route", "del", "10.3.0.0/16")).outcome())
                .isEqualTo(NetworkApplier.Outcome.UNDONE);
        assertThat(applier.undo(new Undo.Nothing("existed before")).outcome())
                .isEqualTo(NetworkApplier.Outcome.NOTHING_TO_DO);
    }

    @Test
    void withSystemdResolvedDnsGoesToTheLinkWithARoutingDomainForFullTunnel() throws Exception {
        runner.answer("resolvectl", "");
        LinuxApplier applier = applier();
        NetworkChange.SetDns full = new NetworkChange.SetDns("tun0",
                List.of(Addresses.parse("10.8.0.53"), Addresses.parse("fd00:8::53")), List.of("corp.example"), true);

        List<Undo> undo = applier.undoFor(full);
        applier.apply(full);
        applier.apply(new NetworkChange.SetDns("tun1", List.of(Addresses.parse("10.9.0.53")), List.of("a.example"),
                false));

        assertThat(undo).containsExactly(Undo.RunCommand.of("resolvectl", "revert", "tun0"));
        assertThat(runner.commandsExcept("resolvectl --no-pager")).containsExactly(
                "resolvectl dns tun0 10.8.0.53 fd00:8::53",
                "resolvectl domain tun0 corp.example ~.",
                "resolvectl default-route tun0 true",
                "resolvectl dns tun1 10.9.0.53",
                "resolvectl domain tun1 a.example",
                "resolvectl default-route tun1 false");
        assertThat(Files.exists(folder.resolve("resolv.conf"))).isFalse();
    }

    @Test
    void withoutResolvedResolvConfIsReplacedAndRestoredByteForByte() throws Exception {
        Path resolv = folder.resolve("resolv.conf");
        byte[] original = "# managed by hand\nnameserver 192.168.1.1\nsearch home.arpa\noptions edns0\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(resolv, original);
        Files.setPosixFilePermissions(resolv, PosixFilePermissions.fromString("rw-r-----"));
        LinuxApplier applier = applier();
        NetworkChange.SetDns split = new NetworkChange.SetDns("tun0", List.of(Addresses.parse("10.8.0.53")),
                List.of("corp.example"), false);

        List<Undo> undo = applier.undoFor(split);
        applier.apply(split);

        assertThat(Files.readString(resolv)).isEqualTo(ResolvConfText.HEADER + "\nnameserver 10.8.0.53\n"
                + "nameserver 192.168.1.1\nsearch corp.example home.arpa\noptions edns0\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(resolv))).isEqualTo("rw-r--r--");
        assertThat(applier.undo(undo.get(0)).outcome()).isEqualTo(NetworkApplier.Outcome.UNDONE);
        assertThat(Files.readAllBytes(resolv)).isEqualTo(original);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(resolv))).isEqualTo("rw-r-----");
        assertThat(applier.undo(undo.get(0)).outcome()).isEqualTo(NetworkApplier.Outcome.ALREADY_GONE);
    }

    @Test
    void aResolvConfRewrittenBySomeoneElseMeanwhileIsLeftAlone() throws Exception {
        Path resolv = folder.resolve("resolv.conf");
        Files.writeString(resolv, "nameserver 192.168.1.1\n");
        LinuxApplier applier = applier();
        NetworkChange.SetDns dns = new NetworkChange.SetDns("tun0", List.of(Addresses.parse("10.8.0.53")), List.of(),
                true);
        List<Undo> undo = applier.undoFor(dns);
        applier.apply(dns);
        Files.writeString(resolv, "# NetworkManager\nnameserver 172.16.0.1\n"); // the user moved to another network

        NetworkApplier.UndoResult result = applier.undo(undo.get(0));

        assertThat(result.outcome()).isEqualTo(NetworkApplier.Outcome.ALREADY_GONE);
        assertThat(result.detail()).endsWith("was changed by something else since; left as it is");
        assertThat(Files.readString(resolv)).isEqualTo("# NetworkManager\nnameserver 172.16.0.1\n");
    }

    @Test
    void fullTunnelResolvConfHoldsOnlyTheTunnelsServers() throws Exception {
        Path resolv = folder.resolve("resolv.conf");
        Files.writeString(resolv, "nameserver 192.168.1.1\nsearch home.arpa\n");

        applier().apply(new NetworkChange.SetDns("tun0", List.of(Addresses.parse("10.8.0.53")), List.of(), true));

        assertThat(Files.readString(resolv)).isEqualTo(ResolvConfText.HEADER + "\nnameserver 10.8.0.53\n");
    }

    @Test
    void aSymlinkedResolvConfComesBackAsTheSameSymlink() throws Exception {
        Path target = folder.resolve("stub-resolv.conf");
        Files.writeString(target, "nameserver 127.0.0.53\n");
        Path resolv = folder.resolve("resolv.conf");
        Files.createSymbolicLink(resolv, Path.of("stub-resolv.conf"));
        LinuxApplier applier = applier();
        NetworkChange.SetDns dns = new NetworkChange.SetDns("tun0", List.of(Addresses.parse("10.8.0.53")), List.of(),
                true);

        List<Undo> undo = applier.undoFor(dns);
        applier.apply(dns);
        assertThat(Files.isSymbolicLink(resolv)).isFalse();
        applier.undo(undo.get(0));

        assertThat(Files.readSymbolicLink(resolv)).isEqualTo(Path.of("stub-resolv.conf"));
        assertThat(Files.readString(target)).isEqualTo("nameserver 127.0.0.53\n");
    }

    @Test
    void aPlannedFullTunnelBecomesTheseCommands() throws Exception {
        HostNetwork network = new HostNetwork(applier(), UndoJournal.in(folder.resolve("data")));
        TunnelNetworkRequest request = TunnelNetworkRequest.builder("tun0", 1500)
                .ipv4("10.8.0.2", "255.255.255.0", "subnet", Optional.of("10.8.0.1"))
                .redirectGateway(List.of("def1")).serverAddresses(List.of(Addresses.parse("198.51.100.7"))).build();

        network.apply(request).close();

        assertThat(runner.commandsExcept("ip -j")).containsExactly(
                "ip link set dev tun0 mtu 1500 up",
                "ip -4 addr add 10.8.0.2/24 dev tun0",
                "ip -4 route add 198.51.100.7/32 via 10.0.0.1 dev eth0",
                "ip -4 route add 0.0.0.0/1 via 10.8.0.1 dev tun0",
                "ip -4 route add 128.0.0.0/1 via 10.8.0.1 dev tun0",
                "ip -6 route add 2000::/3 dev tun0",
                "ip -6 route add fc00::/7 dev tun0",
                "ip -6 route del fc00::/7 dev tun0",
                "ip -6 route del 2000::/3 dev tun0",
                "ip -4 route del 128.0.0.0/1 via 10.8.0.1 dev tun0",
                "ip -4 route del 0.0.0.0/1 via 10.8.0.1 dev tun0",
                "ip -4 route del 198.51.100.7/32 via 10.0.0.1 dev eth0",
                "ip -4 addr del 10.8.0.2/24 dev tun0",
                "ip link set dev tun0 mtu 1500",
                "ip link set dev tun0 down");
    }
}
