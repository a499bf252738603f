package dev.corridor.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code corridor connect} on a real TUN device in {@link ConnectLab}'s client namespace, against
 * Debian's OpenVPN 2.6 ({@link OpenVpnLabServer}); another {@link LabServer.Kind} can be run through the
 * same cases. Checks where packets go ({@code ip route get}), that the private host and its test-zone
 * name answer, the IPv6 leak guard, the resolver, iperf3 through the tunnel, and that SIGTERM, Ctrl-C,
 * a server HALT, and kill -9 followed by {@code corridor net restore} or by any other command leave the
 * client namespace exactly as it was.
 */
class ConnectIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(40);
    /** The server the tests run against; {@link ConnectCorridorServerIT} runs them against Corridor's own. */
    LabServer.Kind server() {
        return OpenVpnLabServer::start;
    }
    private static ConnectLab lab;

    @BeforeAll
    static void buildLab() throws IOException {
        lab = ConnectLab.create();
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    /** The client namespace's network state, compared before connecting and after the end. */
    record State(String routes4, String routes6, String addresses, String links, String resolvConf) {
        static State now() throws IOException {
            return new State(ConnectLab.in(ConnectLab.CLIENT, "ip", "route", "show", "table", "all"),
                    ConnectLab.in(ConnectLab.CLIENT, "ip", "-6", "route", "show", "table", "all"),
                    ConnectLab.in(ConnectLab.CLIENT, "ip", "addr"),
                    ConnectLab.in(ConnectLab.CLIENT, "ip", "link"),
                    Files.readString(ConnectLab.clientResolvConf()));
        }
    }

    @Test
    void splitTunnelRoutesOnlyThePushedNetworkAndSigtermRestores() throws Exception {
        State before = State.now();
        try (LabServer server = server().start(lab, LabServer.Push.SPLIT_TUNNEL)) {
            Path home = Files.createTempDirectory(lab.folder(), "home-");
            long started = System.nanoTime();
            try (ConnectProcess connect = connect(server, home)) {
                connect.await("tunnel address", CONNECT_TIMEOUT);
                connect.await("Welcome to the Corridor connect lab", CONNECT_TIMEOUT);
                System.out.printf("ConnectIT split: connected and routed in %d ms%n", millisSince(started));
                assertThat(connect.output()).contains("message from the server").contains("split tunnel")
                        .contains("network changes applied");

                assertThat(routeGet(ConnectLab.PRIVATE_HOST)).contains("dev tun");
                assertThat(routeGet(ConnectLab.INTERNET_HOST)).contains("via " + ConnectLab.CLIENT_GATEWAY + " dev eth0");
                assertThat(routeGet(ConnectLab.SERVER_ADDRESS)).contains("dev eth0");
                assertThat(ConnectLab.in(ConnectLab.CLIENT, "ip", "-6", "route", "get", ConnectLab.INTERNET_HOST6))
                        .contains("dev eth0"); // auto leak guard: off for a split tunnel
                assertThat(curl("http://" + ConnectLab.PRIVATE_HOST + "/")).isEqualTo(ConnectLab.WEB_PAGE);
                String resolver = Files.readString(ConnectLab.clientResolvConf());
                assertThat(resolver).contains("nameserver " + ConnectLab.PRIVATE_HOST)
                        .contains("nameserver " + ConnectLab.CLIENT_GATEWAY);
                assertThat(resolver.indexOf(ConnectLab.PRIVATE_HOST))
                        .isLessThan(resolver.indexOf("nameserver " + ConnectLab.CLIENT_GATEWAY));

                long stopping = System.nanoTime();
                int exit = connect.signalAndWait("TERM", Duration.ofSeconds(30));
                System.out.printf("ConnectIT split: SIGTERM to exit (network restored) in %d ms%n",
                        millisSince(stopping));
                assertThat(exit).as(connect.output()).isEqualTo(143);
                assertThat(connect.output()).contains("network changes taken back")
                        .contains("disconnected");
            }
            assertRestored(before, home);
        }
    }

    @Test
    void fullTunnelCarriesEverythingButTheServerAndBlocksIpv6() throws Exception {
        State before = State.now();
        assertThat(lookup("where.test")).isEqualTo(ConnectLab.INTERNET_HOST);
        assertThat(ping6()).as("IPv6 works before connecting").isTrue();
        try (LabServer server = server().start(lab, LabServer.Push.FULL_TUNNEL)) {
            Path home = Files.createTempDirectory(lab.folder(), "home-");
            long started = System.nanoTime();
            try (ConnectProcess connect = connect(server, home)) {
                connect.await("tunnel address", CONNECT_TIMEOUT);
                System.out.printf("ConnectIT full: connected and routed in %d ms%n", millisSince(started));
                assertThat(connect.output()).contains("full tunnel");

                // (2) everything through the tunnel except the server itself
                assertThat(routeGet(ConnectLab.INTERNET_HOST)).contains("dev tun");
                assertThat(routeGet("8.8.8.8")).contains("dev tun");
                assertThat(routeGet(ConnectLab.PRIVATE_HOST)).contains("dev tun");
                assertThat(routeGet(ConnectLab.SERVER_ADDRESS)).contains("via " + ConnectLab.CLIENT_GATEWAY + " dev eth0");
                // the private host answers, by address and by its test-zone name through the pushed DNS
                assertThat(curl("http://" + ConnectLab.PRIVATE_HOST + "/")).isEqualTo(ConnectLab.WEB_PAGE);
                assertThat(lookup("web.corridor.test")).isEqualTo(ConnectLab.PRIVATE_HOST);
                assertThat(curl("http://web.corridor.test/")).isEqualTo(ConnectLab.WEB_PAGE);
                // (4) the pushed resolver answers while connected
                assertThat(Files.readString(ConnectLab.clientResolvConf()))
                        .contains("nameserver " + ConnectLab.PRIVATE_HOST)
                        .doesNotContain("nameserver " + ConnectLab.CLIENT_GATEWAY);
                assertThat(lookup("where.test")).isEqualTo(ConnectLab.PRIVATE_HOST);
                // (3) the IPv6 leak guard: global IPv6 goes into the tunnel and is dropped there
                assertThat(ConnectLab.in(ConnectLab.CLIENT, "ip", "-6", "route", "get", ConnectLab.INTERNET_HOST6))
                        .contains("dev tun");
                assertThat(ping6()).as("no IPv6 answer around the tunnel").isFalse();
                // (6) iperf3 TCP to the private host through the tunnel
                Shell.Result iperf = ConnectLab.tryIn(ConnectLab.CLIENT, "iperf3", "--client", ConnectLab.PRIVATE_HOST,
                        "--time", "3", "--connect-timeout", "5000");
                assertThat(iperf.exit()).as(iperf.output()).isZero();
                System.out.println("ConnectIT full: iperf3 through the tunnel:\n" + receiverLine(iperf.output()));

                long stopping = System.nanoTime();
                int exit = connect.signalAndWait("TERM", Duration.ofSeconds(30));
                System.out.printf("ConnectIT full: SIGTERM to exit (network restored) in %d ms%n",
                        millisSince(stopping));
                assertThat(exit).as(connect.output()).isEqualTo(143);
                assertThat(connect.output()).contains("network changes taken back");
                Matcher dropped = Pattern.compile("ipv6_not_carried=(\\d+)").matcher(connect.output());
                assertThat(dropped.find()).as("the IPv6 pings were counted as dropped:\n" + connect.output())
                        .isTrue();
                assertThat(Long.parseLong(dropped.group(1))).isPositive();
                System.out.println("ConnectIT full: corridor connect printed:\n" + connect.output());
            }
            assertThat(State.now()).isEqualTo(before);
            // (3) and (4) after the disconnect: IPv6 and the previous resolver work again
            assertThat(ping6()).as("IPv6 works again after disconnecting").isTrue();
            assertThat(lookup("where.test")).isEqualTo(ConnectLab.INTERNET_HOST);
        }
    }

    @Test
    void killedConnectIsRestoredByNetRestore() throws Exception {
        State before = State.now();
        try (LabServer server = server().start(lab, LabServer.Push.FULL_TUNNEL)) {
            Path home = Files.createTempDirectory(lab.folder(), "home-");
            try (ConnectProcess connect = connect(server, home)) {
                connect.await("network changes applied", CONNECT_TIMEOUT);
                assertThat(routeGet(ConnectLab.INTERNET_HOST)).contains("dev tun");
                assertThat(State.now()).isNotEqualTo(before);
                connect.signalAndWait("KILL", Duration.ofSeconds(10));
                assertThat(home.resolve("network-journal.json")).exists();
                long restoring = System.nanoTime();
                Shell.Result restore = ConnectProcess.run(home, "net", "restore");
                System.out.printf("ConnectIT crash: corridor net restore took %d ms%n", millisSince(restoring));
                assertThat(restore.exit()).as(restore.output()).isZero();
                assertThat(restore.output()).contains("Restored the host network");
            }
            assertRestored(before, home);
        }
    }

    @Test
    void afterAKilledConnectTheNextCorridorCommandRestoresFirst() throws Exception {
        State before = State.now();
        try (LabServer server = server().start(lab, LabServer.Push.FULL_TUNNEL)) {
            Path home = Files.createTempDirectory(lab.folder(), "home-");
            try (ConnectProcess connect = connect(server, home)) {
                connect.await("network changes applied", CONNECT_TIMEOUT);
                assertThat(Files.readString(ConnectLab.clientResolvConf()))
                        .contains("nameserver " + ConnectLab.PRIVATE_HOST);
                connect.signalAndWait("KILL", Duration.ofSeconds(10));
                assertThat(home.resolve("network-journal.json")).exists();
                // any command, here one that has nothing to do with the network
                Shell.Result list = ConnectProcess.run(home, "profile", "list");
                assertThat(list.exit()).as(list.output()).isZero();
                assertThat(list.output())
                        .contains("corridor: a Corridor run ended abruptly; restored the host network it had changed:")
                        .contains("undone:");
            }
            assertRestored(before, home);
        }
    }

    @Test
    void aReconnectWithUnchangedSettingsKeepsTheDeviceAndRoutesAndCtrlCRestores() throws Exception {
        State before = State.now();
        try (LabServer server = server().start(lab, LabServer.Push.FULL_TUNNEL)) {
            Path home = Files.createTempDirectory(lab.folder(), "home-");
            try (ConnectProcess connect = connect(server, home)) {
                connect.await("tunnel address", CONNECT_TIMEOUT);
                String routes = ConnectLab.in(ConnectLab.CLIENT, "ip", "route", "show", "table", "all");
                String links = ConnectLab.in(ConnectLab.CLIENT, "ip", "link");
                long restarting = System.nanoTime();
                server.endClientSession(false);
                connect.await("keeping tun", CONNECT_TIMEOUT);
                connect.await("CONNECTED", CONNECT_TIMEOUT);
                assertThat(curl("http://" + ConnectLab.PRIVATE_HOST + "/")).isEqualTo(ConnectLab.WEB_PAGE);
                System.out.printf("ConnectIT reconnect: RESTART to the page answering again in %d ms%n",
                        millisSince(restarting));
                assertThat(ConnectLab.in(ConnectLab.CLIENT, "ip", "route", "show", "table", "all")).isEqualTo(routes);
                assertThat(ConnectLab.in(ConnectLab.CLIENT, "ip", "link")).isEqualTo(links);
                assertThat(connect.output()).containsOnlyOnce("network changes applied");
                // Ctrl-C in the terminal: SIGINT, exit code 130 once the network is restored
                assertThat(connect.signalAndWait("INT", Duration.ofSeconds(30))).as(connect.output()).isEqualTo(130);
                assertThat(connect.output()).contains("network changes taken back").contains("disconnected");
            }
            assertRestored(before, home);
        }
    }

    @Test
    void aServerHaltEndsConnectWithExitCode3AndRestoresTheNetwork() throws Exception {
        State before = State.now();
        try (LabServer server = server().start(lab, LabServer.Push.SPLIT_TUNNEL)) {
            Path home = Files.createTempDirectory(lab.folder(), "home-");
            try (ConnectProcess connect = connect(server, home)) {
                connect.await("tunnel address", CONNECT_TIMEOUT);
                assertThat(routeGet(ConnectLab.PRIVATE_HOST)).contains("dev tun");
                server.endClientSession(true);
                int exit = connect.waitFor(Duration.ofSeconds(30));
                assertThat(exit).as(connect.output()).isEqualTo(3);
                assertThat(connect.output()).contains("the server ended the connection")
                        .contains("network changes taken back");
            }
            assertThat(State.now()).isEqualTo(before);
        }
    }

    @Test
    void withoutNetworkPrivilegesConnectPointsToCheck() throws Exception {
        Path home = Files.createTempDirectory(lab.folder(), "home-");
        Path profile = Files.writeString(home.resolve("p.ovpn"), "client\nremote 192.0.2.9 1194\n");
        // capsh drops CAP_NET_ADMIN from the bounding and effective sets of the child JVM
        List<String> command = new java.util.ArrayList<>(List.of("capsh", "--drop=cap_net_admin", "--",
                "-c", String.join(" ", CorridorCommandLine.of(home, "connect", "--config", profile.toString()))));
        org.junit.jupiter.api.Assumptions.assumeTrue(Shell.run(List.of("which", "capsh")).exit() == 0,
                "capsh is not installed");
        Shell.Result result = Shell.run(command);
        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("needs root or CAP_NET_ADMIN").contains("corridor check --config");
    }

    /** {@code corridor connect --config PROFILE} for {@code server}, with {@code home} as its data folder. */
    private static ConnectProcess connect(LabServer server, Path home) throws IOException {
        return ConnectProcess.start(home, home.resolve("out.txt"), "connect", "--config",
                server.writeClientProfile(home).toString());
    }

    /** The client namespace equals {@code before} and no undo journal is left in {@code home}. */
    private static void assertRestored(State before, Path home) throws IOException {
        assertThat(State.now()).isEqualTo(before);
        assertThat(home.resolve("network-journal.json")).doesNotExist();
    }

    private static String routeGet(String address) {
        return ConnectLab.in(ConnectLab.CLIENT, "ip", "route", "get", address);
    }

    private static String curl(String url) {
        Shell.Result result = ConnectLab.tryIn(ConnectLab.CLIENT, "curl", "--silent", "--show-error", "--max-time",
                "5", url);
        assertThat(result.exit()).as("curl " + url + ": " + result.output()).isZero();
        return result.output();
    }

    private static String lookup(String name) {
        Shell.Result result = ConnectLab.tryIn(ConnectLab.CLIENT, "getent", "ahostsv4", name);
        assertThat(result.exit()).as("getent " + name + ": " + result.output()).isZero();
        return result.output().split("\\s+")[0];
    }

    private static boolean ping6() {
        return ConnectLab.tryIn(ConnectLab.CLIENT, "ping", "-6", "-c", "2", "-i", "0.2", "-W", "1",
                ConnectLab.INTERNET_HOST6).exit() == 0;
    }

    private static String receiverLine(String iperf) {
        return iperf.lines().filter(line -> line.contains("receiver") || line.contains("sender"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
