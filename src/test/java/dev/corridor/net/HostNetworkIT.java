package dev.corridor.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.net.os.NamespaceNetlink;
import dev.corridor.net.os.SystemCommandRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applies a full-tunnel plan over real rtnetlink inside a network namespace (the applier's netlink
 * sockets are opened in it, see {@link dev.corridor.net.os.NamespaceNetlink}) and checks that undo, and restore after a
 * SIGKILLed child JVM, put routes (v4, v6, all tables), addresses, links and resolv.conf back exactly
 * as they were.
 *
 * <pre>
 *   namespace cnet-&lt;n&gt;  (its resolver: /etc/netns/cnet-&lt;n&gt;/resolv.conf)
 *     cnet-wan ── veth ── cnet-wanp     192.0.2.2/24, default via 192.0.2.1
 *                                       2001:db8:1::2/64, default via 2001:db8:1::1  (global IPv6)
 *                                       172.30.0.0/16 via 192.0.2.1 (exists before: must survive)
 *     cnet-tun   tuntap, mode tun, down (the "TUN device")
 * </pre>
 */
class HostNetworkIT {
    private static final String TUN = "cnet-tun";
    private static final String RESOLV = "# the namespace's own resolver\nnameserver 192.0.2.53\nsearch home.test\n";

    @TempDir
    Path data;

    private String namespace;
    private Path netnsFolder;
    private Thread cleanup;

    /** The request the tests and the crash child apply: full tunnel with block-local, split route, DNS. */
    static TunnelNetworkRequest fullTunnelRequest() throws IOException {
        return TunnelNetworkRequest.builder(TUN, 1400)
                .ipv4("10.77.0.2", "255.255.255.0", "subnet", Optional.of("10.77.0.1"))
                .routes(List.of("172.30.0.0/255.255.0.0", "10.100.0.0/255.255.0.0"))
                .redirectGateway(List.of("def1", "block-local", "bypass-dhcp"))
                .dnsServers(List.of("10.77.0.53"))
                .searchDomains(List.of("corp.test"))
                .serverAddresses(List.of(InetAddress.getByName("203.0.113.10")))
                .build();
    }

    @BeforeEach
    void createNamespace() throws IOException {
        assertThat(run("id", "-u").strip()).as("HostNetworkIT needs root (network namespaces)").isEqualTo("0");
        namespace = "cnet-" + (ProcessHandle.current().pid() % 900 + 10);
        netnsFolder = Path.of("/etc/netns", namespace);
        cleanup = new Thread(this::destroy, "cleanup-" + namespace);
        Runtime.getRuntime().addShutdownHook(cleanup);
        destroy(); // leftovers of a killed earlier run with the same number
        ok("ip", "netns", "add", namespace);
        Files.createDirectories(netnsFolder);
        Path resolv = netnsFolder.resolve("resolv.conf");
        Files.writeString(resolv, RESOLV);
        Files.setPosixFilePermissions(resolv, PosixFilePermissions.fromString("rw-r--r--"));
        // No duplicate address detection: link-local addresses must not change state behind the snapshots.
        ok("ip", "netns", "exec", namespace, "sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0");
        ok("ip", "netns", "exec", namespace, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0");
        ns("link", "set", "lo", "up");
        ns("link", "add", "cnet-wan", "type", "veth", "peer", "name", "cnet-wanp");
        ns("link", "set", "cnet-wan", "up");
        ns("link", "set", "cnet-wanp", "up");
        ns("addr", "add", "192.0.2.2/24", "dev", "cnet-wan");
        ns("route", "add", "default", "via", "192.0.2.1");
        ns("-6", "addr", "add", "2001:db8:1::2/64", "dev", "cnet-wan", "nodad");
        ns("-6", "route", "add", "default", "via", "2001:db8:1::1");
        ns("route", "add", "172.30.0.0/16", "via", "192.0.2.1", "dev", "cnet-wan");
        ns("tuntap", "add", "dev", TUN, "mode", "tun");
        // The kernel gives a link its default queueing discipline the first time it goes up and keeps it;
        // up and down once so that this one-way kernel step is not in the comparison.
        ns("link", "set", TUN, "up");
        ns("link", "set", TUN, "down");
    }

    @AfterEach
    void removeNamespace() {
        destroy();
        Runtime.getRuntime().removeShutdownHook(cleanup);
    }

    @Test
    void appliesAFullTunnelAndUndoesItExactly() throws Exception {
        State before = state();
        HostNetwork network = network();

        try (AppliedNetwork applied = network.apply(fullTunnelRequest())) {
            assertFullTunnelApplied();
            assertThat(applied.plan().changes()).anyMatch(c -> c instanceof NetworkChange.KeepExistingRoute);
            assertThat(network.journal().exists()).isTrue();
            assertThat(network.hasLeftover()).as("a live tunnel's journal is not a leftover").isFalse();
            assertThat(network.restoreAfterCrash().status()).isEqualTo(RestoreReport.Status.IN_USE);
        }

        assertThat(state()).isEqualTo(before);
        assertThat(network.journal().exists()).isFalse();
    }

    @Test
    void restoresAfterTheProcessIsKilled() throws Exception {
        State before = state();
        Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                "-Dcorridor.home=" + data.resolve("child-home"), HostNetworkCrashChild.class.getName(), namespace,
                data.toString(), netnsFolder.resolve("resolv.conf").toString())
                .redirectErrorStream(true).start();
        try {
            List<String> output = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null && !line.startsWith("APPLIED")) {
                    output.add(line);
                }
                assertThat(line).as("child output: %s", output).startsWith("APPLIED");
            }
            assertFullTunnelApplied();
        } finally {
            child.destroyForcibly(); // SIGKILL: no undo, no shutdown hooks
            child.waitFor(30, TimeUnit.SECONDS);
        }
        HostNetwork network = network();
        assertThat(network.hasLeftover()).isTrue();

        RestoreReport report = network.restoreAfterCrash();

        assertThat(report.status()).isEqualTo(RestoreReport.Status.RESTORED);
        assertThat(report.complete()).as(String.join("\n", report.describe())).isTrue();
        assertThat(report.lines()).anyMatch(l -> l.outcome() == NetworkApplier.Outcome.NOTHING_TO_DO
                && l.change().contains("172.30.0.0/16"));
        assertThat(state()).isEqualTo(before);
        assertThat(network.journal().exists()).isFalse();
        assertThat(network.restoreAfterCrash().status()).isEqualTo(RestoreReport.Status.NO_JOURNAL);
    }

    @Test
    void aVersionOneJournalOfIpCommandsStillRestores() throws Exception {
        State before = state();
        // what the ip-based Corridor did and journaled, by hand
        ns("link", "set", "dev", TUN, "mtu", "1400", "up");
        ns("-4", "addr", "add", "10.77.0.2/24", "dev", TUN);
        ns("-4", "route", "add", "10.100.0.0/16", "via", "10.77.0.1", "dev", TUN);
        String journal = "{\"format\":\"corridor-network-journal\",\"version\":1,\"os\":\"linux\",\"pid\":1,"
                + "\"entries\":["
                + entry(1, "ip", "link", "set", "dev", TUN, "mtu", "1500") + ","
                + entry(1, "ip", "link", "set", "dev", TUN, "down") + ","
                + entry(2, "ip", "-4", "addr", "del", "10.77.0.2/24", "dev", TUN) + ","
                + entry(3, "ip", "-4", "route", "del", "10.100.0.0/16", "via", "10.77.0.1", "dev", TUN) + ","
                + entry(4, "ip", "-4", "route", "del", "10.101.0.0/16", "dev", TUN) + "]}"; // never added: gone
        Files.writeString(data.resolve(UndoJournal.FILE_NAME), journal);

        RestoreReport report = network().restoreAfterCrash();

        assertThat(report.complete()).as(String.join("\n", report.describe())).isTrue();
        assertThat(report.lines()).anyMatch(l -> l.outcome() == NetworkApplier.Outcome.ALREADY_GONE);
        assertThat(state()).isEqualTo(before);
    }

    private static String entry(int step, String... command) {
        return "{\"step\":" + step + ",\"change\":\"step " + step + "\",\"undo\":[{\"kind\":\"command\","
                + "\"command\":[\"" + String.join("\",\"", command) + "\"],\"input\":null}]}";
    }

    private void assertFullTunnelApplied() throws IOException {
        String routes = ok("ip", "-n", namespace, "-4", "route", "show", "table", "main");
        assertThat(routes).contains("0.0.0.0/1 via 10.77.0.1 dev cnet-tun")
                .contains("128.0.0.0/1 via 10.77.0.1 dev cnet-tun")
                .contains("203.0.113.10 via 192.0.2.1 dev cnet-wan")
                .contains("192.0.2.1 dev cnet-wan")
                .contains("192.0.2.0/25 via 10.77.0.1 dev cnet-tun")
                .contains("192.0.2.128/25 via 10.77.0.1 dev cnet-tun")
                .contains("10.100.0.0/16 via 10.77.0.1 dev cnet-tun")
                .contains("172.30.0.0/16 via 192.0.2.1 dev cnet-wan")
                .contains("default via 192.0.2.1 dev cnet-wan");
        // where packets actually go now
        assertThat(ok("ip", "-n", namespace, "route", "get", "198.51.100.1")).contains("via 10.77.0.1 dev cnet-tun");
        assertThat(ok("ip", "-n", namespace, "route", "get", "203.0.113.10")).contains("via 192.0.2.1 dev cnet-wan");
        assertThat(ok("ip", "-n", namespace, "route", "get", "192.0.2.77")).contains("via 10.77.0.1 dev cnet-tun");
        assertThat(ok("ip", "-n", namespace, "route", "get", "192.0.2.1")).contains("dev cnet-wan")
                .doesNotContain("cnet-tun");
        assertThat(ok("ip", "-n", namespace, "-6", "route", "get", "2606:4700::1")).contains("dev cnet-tun");
        assertThat(ok("ip", "-n", namespace, "-6", "route", "get", "fd99::1")).contains("dev cnet-tun");
        String routes6 = ok("ip", "-n", namespace, "-6", "route", "show", "table", "main");
        assertThat(routes6).contains("2000::/3 dev cnet-tun").contains("fc00::/7 dev cnet-tun");
        assertThat(ok("ip", "-n", namespace, "addr", "show", "dev", TUN)).contains("inet 10.77.0.2/24")
                .contains("mtu 1400");
        String resolver = ok("ip", "netns", "exec", namespace, "cat", "/etc/resolv.conf");
        assertThat(resolver).contains("nameserver 10.77.0.53").contains("search corp.test")
                .doesNotContain("192.0.2.53");
    }

    private HostNetwork network() {
        return new HostNetwork(NamespaceNetlink.applierIn(namespace, new NamespaceCommandRunner(namespace),
                netnsFolder.resolve("resolv.conf")), UndoJournal.in(data));
    }

    /** Everything restore must give back. */
    record State(String routes4, String routes6, String addresses, String links, String resolvConf,
            String resolvMode) {}

    private State state() throws IOException {
        Path resolv = netnsFolder.resolve("resolv.conf");
        return new State(ok("ip", "-n", namespace, "-4", "route", "show", "table", "all"),
                ok("ip", "-n", namespace, "-6", "route", "show", "table", "all"),
                ok("ip", "-n", namespace, "addr", "show"),
                ok("ip", "-n", namespace, "link", "show"),
                Files.readString(resolv),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(resolv)));
    }

    private void ns(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", namespace));
        command.addAll(List.of(args));
        ok(command.toArray(String[]::new));
    }

    private static String ok(String... command) {
        CommandRunner.Result result = new SystemCommandRunner().run(List.of(command));
        if (!result.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.message());
        }
        return result.stdout();
    }

    private static String run(String... command) {
        return new SystemCommandRunner().run(List.of(command)).stdout();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void destroy() {
        new SystemCommandRunner().run(List.of("ip", "netns", "del", namespace));
        try {
            Path resolv = netnsFolder.resolve("resolv.conf");
            Files.deleteIfExists(resolv);
            try (var leftovers = Files.list(netnsFolder)) {
                for (Path file : leftovers.toList()) {
                    Files.deleteIfExists(file); // temporary files of an interrupted resolv.conf write
                }
            }
            Files.deleteIfExists(netnsFolder);
        } catch (IOException e) {
            // already gone
        }
    }
}
