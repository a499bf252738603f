package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.cli.demo.DemoEndpoint;
import dev.corridor.cli.demo.DemoEnvironment;
import dev.corridor.cli.demo.DemoException;
import dev.corridor.cli.demo.DemoFrontEnd;
import dev.corridor.cli.demo.DemoLab;
import dev.corridor.cli.demo.DemoMode;
import dev.corridor.cli.demo.DemoNetwork;
import dev.corridor.cli.demo.DemoUser;
import dev.corridor.cli.demo.LabLayout;
import dev.corridor.cli.demo.NamespaceServer;
import dev.corridor.net.HostNetwork;
import dev.corridor.platform.DataDirectory;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ProfileStore;
import dev.corridor.profile.StoredProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corridor demo} as root (integration test, root): the demo builds its namespace lab (here
 * named {@code cdemo-it-*} on 198.18.252.0/30, so a real demo on this machine is left alone), runs
 * its endpoints as {@code server run --tun} children, and a test front end connects with
 * {@code corridor connect} (child JVM, real TUN device on this machine) using the certificate and
 * the directory + MFA profiles, pings the lab host 10.100.0.10 through the tunnel, and checks that
 * this machine only gained the routes on the tunnel device and kept its resolver. After the demo
 * stops: namespaces, veth, child servers, routes, the undo journal and the demo profiles are gone.
 */
@Timeout(600)
class RootDemoIT {
    private static final LabLayout LAB = new LabLayout("cdemo-it-", 252);
    private static final Pattern TUN_UP = Pattern.compile("(\\S+) is up \\(MTU");

    @TempDir
    Path temp;
    private final Path data = DataDirectory.current();
    private final List<Process> connects = new CopyOnWriteArrayList<>();
    private final Thread cleanup = new Thread(this::removeEverything, "root-demo-it-cleanup");

    @BeforeEach
    void needsRootAndACleanMachine() {
        assertThat(System.getProperty("user.name")).as("RootDemoIT needs root (network namespaces)").isEqualTo("root");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    @AfterEach
    void removeWhatIsLeft() {
        removeEverything();
        Runtime.getRuntime().removeShutdownHook(cleanup);
    }

    /** What the test front end saw while the demo ran. */
    private static final class Seen {
        final Map<DemoMode, String> connectLogs = new LinkedHashMap<>();
        final Map<DemoMode, String> pings = new LinkedHashMap<>();
        final Map<DemoMode, List<String>> gainedIpv4 = new LinkedHashMap<>();
        final Map<DemoMode, List<String>> gainedIpv6 = new LinkedHashMap<>();
        final Map<DemoMode, List<String>> lost = new LinkedHashMap<>();
        final Map<DemoMode, List<String>> leftAfterDisconnect = new LinkedHashMap<>();
        final Map<DemoMode, String> tunNames = new LinkedHashMap<>();
        final List<Long> serverPids = new ArrayList<>();
        final List<String> namespacesWhileRunning = new ArrayList<>();
        boolean resolverKept = true;
        boolean windowWouldUseRealTunnel;
        Path folder;
        long frontEndStart;
        long frontEndEnd;
        final Map<DemoMode, Long> connectMillis = new LinkedHashMap<>();
    }

    @Test
    void connectsThroughRealTunnelsToTheLabHostAndStoppingLeavesNothing() throws Exception {
        Snapshot beforeDemo = Snapshot.take();
        byte[] resolvConf = Files.readAllBytes(Path.of("/etc/resolv.conf"));
        Seen seen = new Seen();
        DemoFrontEnd frontEnd = environment -> {
            seen.frontEndStart = System.nanoTime();
            try {
                look(environment, seen);
                for (DemoMode mode : List.of(DemoMode.CERTIFICATE, DemoMode.DIRECTORY_MFA)) {
                    connectPingDisconnect(mode, seen);
                    seen.resolverKept &= java.util.Arrays.equals(resolvConf,
                            Files.readAllBytes(Path.of("/etc/resolv.conf")));
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                seen.frontEndEnd = System.nanoTime();
            }
            return 0;
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();

        int exit = DemoCommand.run(data, new DemoNetwork.Namespaces(LAB), frontEnd, new PrintWriter(out, true),
                new PrintWriter(err, true));

        long end = System.nanoTime();
        System.out.printf("root demo: started in %d ms, connected in %s ms, stopped in %d ms (load %s)%n",
                TimeUnit.NANOSECONDS.toMillis(seen.frontEndStart - start), seen.connectMillis,
                TimeUnit.NANOSECONDS.toMillis(end - seen.frontEndEnd),
                Files.readString(Path.of("/proc/loadavg")).strip());
        String log = out + "\n" + err + "\n" + seen.connectLogs;
        assertThat(exit).as(log).isZero();
        assertThat(seen.namespacesWhileRunning).as(log).contains(LAB.serverNamespace(), LAB.lanNamespace());
        assertThat(seen.windowWouldUseRealTunnel).isTrue();
        assertThat(seen.serverPids).hasSize(3);
        for (DemoMode mode : List.of(DemoMode.CERTIFICATE, DemoMode.DIRECTORY_MFA)) {
            String tun = seen.tunNames.get(mode);
            assertThat(seen.connectLogs.get(mode)).as(log).contains("CONNECTED: ", "split tunnel",
                    "network changes taken back", "DISCONNECTED");
            assertThat(seen.pings.get(mode)).as(mode + ": " + log).contains("3 received");
            String cidr = LAB.clientCidr(mode);
            String clientNetwork = cidr.substring(0, cidr.indexOf('/'));
            assertThat(seen.gainedIpv4.get(mode)).as(mode + ": " + log).hasSize(2)
                    .anyMatch(l -> l.startsWith("10.100.0.0/16 via ") && l.contains(" dev " + tun + " "))
                    .anyMatch(l -> l.startsWith(clientNetwork + "/22 dev " + tun + " "));
            assertThat(seen.gainedIpv6.get(mode)).as(mode + ": only routes on the tunnel device")
                    .allMatch(l -> l.contains(" dev " + tun + " "));
            assertThat(seen.lost.get(mode)).as(mode + ": nothing of this machine's routes went").isEmpty();
            assertThat(seen.leftAfterDisconnect.get(mode)).as(mode + ": routes restored on disconnect").isEmpty();
        }
        assertThat(seen.resolverKept).as("/etc/resolv.conf unchanged while connected").isTrue();
        assertThat(out.toString()).contains("Demo stopped: its servers, test IdP, profiles and files are removed,"
                + " and its network namespaces.");

        // Nothing is left.
        assertThat(namespaces()).doesNotContain(LAB.serverNamespace(), LAB.lanNamespace());
        assertThat(run("ip", "link", "show", LAB.hostVeth()).exit).isNotZero();
        for (long pid : seen.serverPids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("server " + pid).isFalse();
        }
        assertThat(connects).allMatch(p -> !p.isAlive());
        assertThat(Snapshot.take().changesSince(beforeDemo, Set.of())).as("routes after the demo").isEmpty();
        assertThat(run("ip", "-4", "route", "show", "table", "all").output).doesNotContain(LAB.hostVeth());
        assertThat(data.resolve("network-journal.json")).doesNotExist();
        ProfileStore store = ProfileStore.open(data, ProfileParser.standard(), Clock.systemUTC());
        assertThat(store.list().stream().map(StoredProfile::name)).noneMatch(name -> name.startsWith("Demo"));
        assertThat(seen.folder).doesNotExist();
    }

    @Test
    void leftoversOfAKilledDemoAreRemovedAtTheNextStartAndASecondLabIsRefused() throws Exception {
        // What kill -9 of a demo leaves: its namespaces (with a process in them) and the host's veth.
        run("ip", "netns", "add", LAB.serverNamespace());
        run("ip", "netns", "add", LAB.lanNamespace());
        run("ip", "link", "add", LAB.hostVeth(), "type", "veth", "peer", "name", "cdemo-it-x", "netns",
                LAB.serverNamespace());
        Process leftover = new ProcessBuilder("ip", "netns", "exec", LAB.serverNamespace(), "sleep", "300").start();
        List<String> log = new CopyOnWriteArrayList<>();

        try (DemoLab lab = DemoLab.open(LAB, log::add)) {
            assertThat(leftover.waitFor(15, TimeUnit.SECONDS)).as("the leftover process was stopped").isTrue();
            assertThat(log).anyMatch(l -> l.contains("removed what an earlier demo left behind")
                    && l.contains("namespace " + LAB.serverNamespace() + " (1 process(es) stopped)"));
            assertThat(run("ip", "-n", LAB.serverNamespace(), "link", "show", "cdemo-it-x").exit).isNotZero();
            assertThat(run("ip", "netns", "exec", LAB.serverNamespace(), "ping", "-c", "1", "-W", "3",
                    LabLayout.LAB_HOST).exit).as("the new lab works").isZero();
            // one lab of a name per machine: a second demo is refused while this one holds it
            assertThatThrownBy(() -> DemoLab.open(LAB, line -> { })).isInstanceOf(DemoException.class)
                    .hasMessageContaining("another corridor demo runs the namespace lab (cdemo-it-srv)")
                    .hasMessageContaining("--virtual-network");
            assertThat(namespaces()).contains(LAB.serverNamespace(), LAB.lanNamespace());
        } finally {
            leftover.destroyForcibly();
        }
        assertThat(namespaces()).doesNotContain(LAB.serverNamespace(), LAB.lanNamespace());
    }

    private void look(DemoEnvironment environment, Seen seen) {
        seen.folder = environment.folder();
        seen.namespacesWhileRunning.addAll(namespaces());
        seen.windowWouldUseRealTunnel = environment.network() instanceof DemoNetwork.Namespaces;
        for (DemoEndpoint endpoint : environment.endpoints()) {
            seen.serverPids.add(((NamespaceServer) endpoint.server()).pid());
        }
    }

    /** {@code corridor connect PROFILE} as a child JVM: connected, routes and resolver checked, ping, SIGTERM. */
    private void connectPingDisconnect(DemoMode mode, Seen seen) throws Exception {
        List<String> args = new ArrayList<>(List.of("connect", mode.profileName(), "--timeout", "90"));
        if (mode == DemoMode.DIRECTORY_MFA) {
            Path credentials = temp.resolve("alice.pass");
            Files.writeString(credentials, "alice\n" + DemoUser.ALICE.password() + "\n"
                    + DemoUser.ALICE.code(Instant.now()).orElseThrow() + "\n");
            args.addAll(List.of("--auth-user-pass", credentials.toString()));
        }
        Snapshot before = Snapshot.take();
        Path output = temp.resolve(mode.folderName() + "-connect.log");
        Process connect = new ProcessBuilder(corridor(args)).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        connects.add(connect);
        long started = System.nanoTime();
        try {
            awaitLine(connect, output, "CONNECTED: ", Duration.ofSeconds(120));
            seen.connectMillis.put(mode, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            Matcher tun = TUN_UP.matcher(Files.readString(output, StandardCharsets.UTF_8));
            assertThat(tun.find()).as(Files.readString(output)).isTrue();
            seen.tunNames.put(mode, tun.group(1));
            Snapshot connected = Snapshot.take();
            Set<String> ours = Set.of(tun.group(1));
            seen.gainedIpv4.put(mode, connected.ipv4Gained(before, ours));
            seen.gainedIpv6.put(mode, connected.ipv6Gained(before, ours));
            seen.lost.put(mode, connected.lost(before));
            seen.pings.put(mode, run("ping", "-c", "3", "-W", "5", LabLayout.LAB_HOST).output);
        } finally {
            connect.destroy(); // SIGTERM: disconnect, network taken back
            if (!connect.waitFor(30, TimeUnit.SECONDS)) {
                connect.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            seen.connectLogs.put(mode, Files.readString(output, StandardCharsets.UTF_8));
        }
        seen.leftAfterDisconnect.put(mode, Snapshot.take().changesSince(before, Set.of()));
    }

    private List<String> corridor(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dcorridor.home=" + data, "-cp", System.getProperty("java.class.path"),
                "dev.corridor.cli.Main"));
        command.addAll(args);
        return command;
    }

    private static void awaitLine(Process process, Path output, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(output, StandardCharsets.UTF_8).contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no \"" + text + "\" from corridor connect: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            Thread.sleep(200);
        }
    }

    /** Stops connects, deletes the test lab and restores a leftover journal; for failures and the shutdown hook. */
    private synchronized void removeEverything() {
        for (Process process : connects) {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(20, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (String namespace : List.of(LAB.serverNamespace(), LAB.lanNamespace())) {
            for (String pid : run("ip", "netns", "pids", namespace).output.split("\\s+")) {
                if (pid.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            run("ip", "netns", "del", namespace);
        }
        run("ip", "link", "del", LAB.hostVeth());
        try {
            HostNetwork.forThisMachine(data).restoreAfterCrash();
        } catch (Exception e) {
            System.err.println("RootDemoIT: cannot restore the network journal: " + e);
        }
    }

    private static List<String> namespaces() {
        List<String> names = new ArrayList<>();
        for (String line : run("ip", "netns", "list").output.split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip().split("\\s+")[0]);
            }
        }
        return names;
    }

    private record Result(int exit, String output) {}

    private static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * This machine's main IPv4 and IPv6 route tables and its devices. Other tests on the machine add and
     * delete their own veths meanwhile, so a difference counts only on a device both snapshots know,
     * or on one of ours.
     */
    private record Snapshot(Set<String> ipv4, Set<String> ipv6, Set<String> devices) {
        static Snapshot take() {
            Set<String> devices = new LinkedHashSet<>();
            for (String line : run("ip", "-o", "link", "show").output.split("\n")) {
                String[] parts = line.split(":\\s+");
                if (parts.length > 1) {
                    devices.add(parts[1].replaceAll("@.*", ""));
                }
            }
            return new Snapshot(lines(run("ip", "-4", "route", "show", "table", "main").output),
                    lines(run("ip", "-6", "route", "show", "table", "main").output), devices);
        }

        private static Set<String> lines(String text) {
            Set<String> lines = new LinkedHashSet<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line.strip() + " ");
                }
            }
            return lines;
        }

        private boolean counts(String line, Snapshot other, Set<String> ours) {
            Matcher dev = Pattern.compile(" dev (\\S+) ").matcher(line);
            if (!dev.find()) {
                return true;
            }
            String device = dev.group(1);
            return ours.contains(device) || devices.contains(device) && other.devices.contains(device);
        }

        List<String> ipv4Gained(Snapshot before, Set<String> ours) {
            return ipv4.stream().filter(l -> !before.ipv4.contains(l)).filter(l -> counts(l, before, ours)).toList();
        }

        List<String> ipv6Gained(Snapshot before, Set<String> ours) {
            return ipv6.stream().filter(l -> !before.ipv6.contains(l)).filter(l -> counts(l, before, ours)).toList();
        }

        List<String> lost(Snapshot before) {
            List<String> lost = new ArrayList<>();
            before.ipv4.stream().filter(l -> !ipv4.contains(l)).filter(l -> counts(l, before, Set.of()))
                    .forEach(lost::add);
            before.ipv6.stream().filter(l -> !ipv6.contains(l)).filter(l -> counts(l, before, Set.of()))
                    .forEach(lost::add);
            return lost;
        }

        /** Every counted difference (gained or lost) since {@code before}; {@code ours} devices always count. */
        List<String> changesSince(Snapshot before, Set<String> ours) {
            List<String> changes = new ArrayList<>(ipv4Gained(before, ours));
            changes.addAll(ipv6Gained(before, ours));
            changes.addAll(lost(before));
            return changes;
        }
    }
}
