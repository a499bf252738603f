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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux applier against a fake kernel (netlink requests answered with encoded replies) and a recording {@code resolvectl}. */
class LinuxApplierTest {
    private static final int RT_TABLE_LOCAL = 255;
    private static final int RTN_BLACKHOLE = 6;
    private static final int RTN_LOCAL = 2;

    @TempDir
    Path folder;

    private final FakeRtnetlink kernel = new FakeRtnetlink()
            .link(1, "lo", 65536, true).link(2, "eth0", 1500, true).link(3, "wlan0", 1500, true)
            .link(9, "tun0", 1500, false)
            .address(1, "127.0.0.1", 8).address(3, "192.168.1.23", 24).address(3, "2001:db8:5::23", 64)
            .route("0.0.0.0", 0, 254, 1, 0, "192.168.1.1", 3, 600)
            .route("0.0.0.0", 0, 254, 1, 0, "10.0.0.1", 2, 100)
            .route("192.168.1.0", 24, 254, 1, 0, null, 3, 0)
            .route("10.99.0.0", 16, 254, RTN_BLACKHOLE, 0, null, 0, 0)
            .route("192.168.1.23", 32, RT_TABLE_LOCAL, RTN_LOCAL, 0, null, 3, 0)          // table local: not shown
            .route("192.168.1.77", 32, 254, 1, RtnetlinkReplies.RTM_F_CLONED, null, 3, 0)  // a cached clone
            .route("2001:db8:5::", 64, 254, 1, 0, null, 3, 256)
            .route("::", 0, 254, 1, 0, "fe80::1", 3, 1024)
            .route("::1", 128, RT_TABLE_LOCAL, RTN_LOCAL, 0, null, 1, 0);
    private final RecordingRunner runner = new RecordingRunner()
            .fail("resolvectl", 127, "cannot run resolvectl: No such file or directory");

    private LinuxApplier applier() {
        return new LinuxApplier(kernel, runner, folder.resolve("resolv.conf"));
    }

    @Test
    void readsGatewaysAddressesAndRoutesFromTheKernelsDumps() throws Exception {
        HostSnapshot snapshot = applier().snapshot();

        assertThat(snapshot.defaultGatewayIpv4()).contains(
                new HostSnapshot.Gateway(Optional.of(Addresses.parse("10.0.0.1")), "eth0")); // lowest metric
        assertThat(snapshot.defaultGatewayIpv6()).contains(
                new HostSnapshot.Gateway(Optional.of(Addresses.parse("fe80::1")), "wlan0"));
        assertThat(snapshot.hasGlobalIpv6()).isTrue();
        assertThat(snapshot.ipv4NetworksOf("wlan0")).containsExactly(IpPrefix.parse("192.168.1.0/24"));
        assertThat(snapshot.routeTo(IpPrefix.parse("10.99.0.0/16"))).contains(new HostSnapshot.HostRoute(
                IpPrefix.parse("10.99.0.0/16"), Optional.empty(), Optional.empty()));
        assertThat(snapshot.routes()).hasSize(6).noneMatch(r -> r.destination().isHost());
        assertThat(kernel.requests()).containsExactly("dump links", "dump addresses", "dump routes inet",
                "dump routes inet6");
        assertThat(kernel.opened()).as("one socket for the whole snapshot").isEqualTo(1);
    }

    @Test
    void aMalformedKernelAnswerIsAClearErrorNotACrash() {
        kernel.withDumpGarbage(RtnetlinkCodecTest.hex("20000000 1000 0200 00000000 00000000"
                + "00 00 0000 09000000 01000000 00000000")); // a link without a name

        assertThatThrownBy(() -> applier().snapshot()).isInstanceOf(NetworkChangeException.class)
                .hasMessage("cannot read the host network over netlink: malformed netlink message: link 9 without"
                        + " a name");
    }

    @Test
    void aSocketThatCannotBeOpenedIsAClearError() {
        LinuxApplier applier = new LinuxApplier(() -> {
            throw new IOException("cannot open a netlink socket: Address family not supported (EAFNOSUPPORT)");
        }, runner, folder.resolve("resolv.conf"));

        assertThatThrownBy(() -> applier.apply(new NetworkChange.ConfigureLink("tun0", 1400)))
                .isInstanceOf(NetworkChangeException.class)
                .hasMessage("netlink `link set dev tun0 mtu 1400 up` failed: cannot open a netlink socket: Address"
                        + " family not supported (EAFNOSUPPORT)");
    }

    @Test
    void appliesEachChangeOverNetlinkAndJournalsItsExactInverse() throws Exception {
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
        List<Undo> undo = new ArrayList<>();
        for (NetworkChange change : changes) {
            undo.addAll(applier.undoFor(change));
            applier.apply(change);
        }

        assertThat(kernel.changes()).containsExactly(
                "link set tun0 mtu 1400 up",
                "addr add 10.8.0.6/32 peer 10.8.0.5 index 9",
                "addr add fd00:8::2/64 index 9",
                "route add 0.0.0.0/1 via 10.8.0.5 oif 9",
                "route add 2000::/3 oif 9 scope link");
        assertThat(kernel.state("tun0")).isEqualTo("mtu 1400 up");
        assertThat(undo).containsExactly(
                new Undo.RestoreLink("tun0", 1500, false),
                new Undo.RemoveAddress("tun0", InterfaceAddress.parse("10.8.0.6/32"),
                        Optional.of(Addresses.parse("10.8.0.5"))),
                new Undo.RemoveAddress("tun0", InterfaceAddress.parse("fd00:8::2/64"), Optional.empty()),
                new Undo.RemoveRoute(IpPrefix.parse("0.0.0.0/1"), Optional.of(Addresses.parse("10.8.0.5")), "tun0"),
                new Undo.RemoveRoute(IpPrefix.parse("2000::/3"), Optional.empty(), "tun0"));
        assertThat(runner.commands()).as("no process is started for links, addresses or routes").isEmpty();

        for (int i = undo.size() - 1; i >= 0; i--) {
            assertThat(applier.undo(undo.get(i)).outcome()).isEqualTo(NetworkApplier.Outcome.UNDONE);
        }
        assertThat(kernel.changes().subList(5, 10)).containsExactly(
                "route del 2000::/3 oif 9",
                "route del 0.0.0.0/1 via 10.8.0.5 oif 9",
                "addr del fd00:8::2/64 index 9",
                "addr del 10.8.0.6/32 peer 10.8.0.5 index 9",
                "link set tun0 mtu 1500 down");
        assertThat(kernel.state("tun0")).isEqualTo("mtu 1500 down");
    }

    @Test
    void aLinkThatWasUpKeepsItsStateOnUndoOnlyTheMtuGoesBack() throws Exception {
        kernel.link(9, "tun0", 1500, true);
        LinuxApplier applier = applier();
        List<Undo> undo = applier.undoFor(new NetworkChange.ConfigureLink("tun0", 1400));

        assertThat(undo).containsExactly(new Undo.RestoreLink("tun0", 1500, true));
        assertThat(applier.undo(undo.get(0)).outcome()).isEqualTo(NetworkApplier.Outcome.UNDONE);
        assertThat(kernel.changes()).containsExactly("link set tun0 mtu 1500");
    }

    @Test
    void aRefusedChangeNamesItselfAndTheKernelsAnswer() {
        kernel.fail("route add 10.1.0.0/16", NetlinkErrno.EEXIST);

        assertThatThrownBy(() -> applier().apply(new NetworkChange.AddRoute(new Route(IpPrefix.parse("10.1.0.0/16"),
                Optional.empty(), "tun0", Route.Purpose.SPLIT)))).isInstanceOf(NetworkChangeException.class)
                .hasMessage("netlink `route add 10.1.0.0/16 dev tun0` failed: File exists (EEXIST): it is already"
                        + " there");
        assertThatThrownBy(() -> applier().apply(new NetworkChange.AddAddress("tun7",
                InterfaceAddress.parse("10.8.0.2/24"), Optional.empty()))).isInstanceOf(NetworkChangeException.class)
                .hasMessage("netlink `addr add 10.8.0.2/24 dev tun7` failed: No such device (ENODEV)");
    }

    @Test
    void undoTellsAlreadyGoneFromRealFailuresByErrno() {
        kernel.fail("route del 10.1.0.0/16", NetlinkErrno.ESRCH)
                .fail("addr del 10.8.0.2/24", NetlinkErrno.EADDRNOTAVAIL)
                .fail("route del 10.2.0.0/16", NetlinkErrno.EPERM);
        LinuxApplier applier = applier();

        assertThat(applier.undo(new Undo.RemoveRoute(IpPrefix.parse("10.1.0.0/16"), Optional.empty(), "tun0"))
                .outcome()).isEqualTo(NetworkApplier.Outcome.ALREADY_GONE);
        assertThat(applier.undo(new Undo.RemoveAddress("tun0", InterfaceAddress.parse("10.8.0.2/24"),
                Optional.empty())).outcome()).isEqualTo(NetworkApplier.Outcome.ALREADY_GONE);
        assertThat(applier.undo(new Undo.RestoreLink("tun5", 1500, false)).outcome())
                .as("the TUN device went away with the crashed process").isEqualTo(NetworkApplier.Outcome.ALREADY_GONE);
        assertThat(applier.undo(new Undo.RemoveRoute(IpPrefix.parse("10.9.0.0/16"), Optional.empty(), "tun5"))
                .outcome()).isEqualTo(NetworkApplier.Outcome.ALREADY_GONE);
        NetworkApplier.UndoResult denied = applier.undo(new Undo.RemoveRoute(IpPrefix.parse("10.2.0.0/16"),
                Optional.empty(), "tun0"));
        assertThat(denied.outcome()).isEqualTo(NetworkApplier.Outcome.FAILED);
        assertThat(denied.detail()).isEqualTo("route del 10.2.0.0/16 dev tun0: Operation not permitted (EPERM) — run"
                + " as root or with CAP_NET_ADMIN");
        assertThat(applier.undo(new Undo.RemoveRoute(IpPrefix.parse("10.3.0.0/16"), Optional.empty(), "tun0"))
                .outcome()).isEqualTo(NetworkApplier.Outcome.UNDONE);
        assertThat(applier.undo(new Undo.Nothing("existed before")).outcome())
                .isEqualTo(NetworkApplier.Outcome.NOTHING_TO_DO);
    }

    @Test
    void aVersionOneJournalsIpCommandsStillRunAsCommands() {
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
        assertThat(runner.commands()).hasSize(5);
        assertThat(kernel.requests()).isEmpty();
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
                .getBytes(StandardCharsets.UTF_8);
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
    void aPlannedFullTunnelBecomesTheseRequests() throws Exception {
        HostNetwork network = new HostNetwork(applier(), UndoJournal.in(folder.resolve("data")));
        TunnelNetworkRequest request = TunnelNetworkRequest.builder("tun0", 1500)
                .ipv4("10.8.0.2", "255.255.255.0", "subnet", Optional.of("10.8.0.1"))
                .redirectGateway(List.of("def1")).serverAddresses(List.of(Addresses.parse("198.51.100.7"))).build();

        network.apply(request).close();

        assertThat(kernel.changes()).containsExactly(
                "link set tun0 mtu 1500 up",
                "addr add 10.8.0.2/24 index 9",
                "route add 198.51.100.7/32 via 10.0.0.1 oif 2",
                "route add 0.0.0.0/1 via 10.8.0.1 oif 9",
                "route add 128.0.0.0/1 via 10.8.0.1 oif 9",
                "route add 2000::/3 oif 9 scope link",
                "route add fc00::/7 oif 9 scope link",
                "route del fc00::/7 oif 9",
                "route del 2000::/3 oif 9",
                "route del 128.0.0.0/1 via 10.8.0.1 oif 9",
                "route del 0.0.0.0/1 via 10.8.0.1 oif 9",
                "route del 198.51.100.7/32 via 10.0.0.1 oif 2",
                "addr del 10.8.0.2/24 index 9",
                "link set tun0 mtu 1500 down");
        assertThat(kernel.state("tun0")).isEqualTo("mtu 1500 down");
    }
}
