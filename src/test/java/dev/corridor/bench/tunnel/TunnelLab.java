package dev.corridor.bench.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Three network namespaces for the tunnel benchmark: a VPN client, a VPN server and a host behind the
 * server running {@code iperf3 -s}; processes started through {@link #spawn} are killed and everything
 * is removed on {@link #close()}, or by a shutdown hook when the JVM ends first (Ctrl-C).
 *
 * <pre>
 *  cbt-c (client)              cbt-s (server)                      cbt-h (host)
 *  eth0 192.0.2.2/24 ───────── eth0 192.0.2.1/24
 *  no default route            VPN server listens :1194/udp
 *  (only the tunnel reaches    priv 10.101.0.1/24 ──────────────── eth0 10.101.0.10/24
 *   10.101.0.0/24)             ip_forward=1                        default via 10.101.0.1, iperf3 -s
 * </pre>
 */
final class TunnelLab implements AutoCloseable {
    static final String PREFIX = "cbt-";
    static final String CLIENT = PREFIX + "c";
    static final String SERVER = PREFIX + "s";
    static final String HOST = PREFIX + "h";
    static final List<String> NAMESPACES = List.of(CLIENT, SERVER, HOST);

    static final String SERVER_ADDRESS = "192.0.2.1";
    static final String HOST_ADDRESS = "10.101.0.10";
    static final String HOST_NETWORK = "10.101.0.0";

    private final Path folder;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final Thread cleanup = new Thread(this::destroy, "cbt-lab-cleanup");
    private boolean closed;

    private TunnelLab(Path folder) {
        this.folder = folder;
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Removes what a killed earlier run left (only {@code cbt-*}), then builds the namespaces and iperf3 server. */
    static TunnelLab create(Path parent) throws IOException {
        if (!"0".equals(Commands.ok("id", "-u").strip())) {
            throw new IllegalStateException("bench/tunnel needs root (network namespaces, TUN devices)");
        }
        removeAll();
        Files.createDirectories(parent);
        TunnelLab lab = new TunnelLab(Files.createTempDirectory(parent.toAbsolutePath(), PREFIX + "run-"));
        try {
            lab.build();
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void build() throws IOException {
        for (String ns : NAMESPACES) {
            Commands.ok("ip", "netns", "add", ns);
            in(ns, "ip", "link", "set", "lo", "up");
        }
        // a resolver file of the client's own, so that a client changing DNS never touches the machine's
        Path resolv = Path.of("/etc/netns", CLIENT, "resolv.conf");
        Files.createDirectories(resolv.getParent());
        Files.writeString(resolv, "# cbt-c (bench/tunnel)\nnameserver 192.0.2.1\n");

        in(CLIENT, "ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", SERVER);
        in(CLIENT, "ip", "addr", "add", "192.0.2.2/24", "dev", "eth0");
        in(CLIENT, "ip", "link", "set", "eth0", "up");
        in(SERVER, "ip", "addr", "add", SERVER_ADDRESS + "/24", "dev", "eth0");
        in(SERVER, "ip", "link", "set", "eth0", "up");
        in(SERVER, "ip", "link", "add", "priv", "type", "veth", "peer", "name", "eth0", "netns", HOST);
        in(SERVER, "ip", "addr", "add", "10.101.0.1/24", "dev", "priv");
        in(SERVER, "ip", "link", "set", "priv", "up");
        in(HOST, "ip", "addr", "add", HOST_ADDRESS + "/24", "dev", "eth0");
        in(HOST, "ip", "link", "set", "eth0", "up");
        in(HOST, "ip", "route", "add", "default", "via", "10.101.0.1");
        enableForwarding();

        Process iperf = spawn(exec(HOST, "iperf3", "--server", "--bind", HOST_ADDRESS), folder.resolve("iperf3-server.log"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Commands.run(exec(HOST, "ss", "-lnt"), 10).output().contains(":5201 ")) {
            if (!iperf.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("iperf3 -s did not start:\n" + Files.readString(folder.resolve(
                        "iperf3-server.log")));
            }
            sleep(50);
        }
    }

    /**
     * Switches IPv4 forwarding on in the server namespace; Corridor's server switches it off again
     * when it stops, so this runs before each server starts.
     */
    void enableForwarding() {
        in(SERVER, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    }

    /** Runs {@code command} in namespace {@code ns} and returns its output; fails loudly. */
    static String in(String ns, String... command) {
        return Commands.ok(exec(ns, command).toArray(String[]::new));
    }

    /** {@code ip netns exec NS COMMAND...}. */
    static List<String> exec(String ns, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return full;
    }

    /** Starts a long-running process whose output goes to {@code log}; the lab kills it at the latest on close. */
    Process spawn(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    /** Sends SIGTERM, waits up to {@code seconds}, then SIGKILL; the exit code (or -1). */
    static int stop(Process process, long seconds) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** This run's folder for configurations, data folders and logs, removed on close. */
    Path folder() {
        return folder;
    }

    /** Kills every process in the cbt-* namespaces, deletes them and their /etc/netns folders. */
    static void removeAll() {
        List<String> existing = Commands.run(List.of("ip", "netns", "list"), 20).output().lines()
                .map(line -> line.split("\\s+")[0]).filter(name -> name.startsWith(PREFIX)).toList();
        for (String ns : existing) {
            Commands.run(List.of("ip", "netns", "pids", ns), 20).output().lines().map(String::strip)
                    .filter(pid -> !pid.isEmpty()).forEach(pid -> Commands.quietly("kill", "-9", pid));
        }
        for (String ns : existing) {
            Commands.quietly("ip", "netns", "del", ns);
        }
        for (String ns : NAMESPACES) {
            deleteTree(Path.of("/etc/netns", ns));
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort; the next run removes it
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private synchronized void destroy() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process process : processes) {
            process.destroy(); // SIGTERM first: Corridor's processes undo their TUN devices and NAT
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (Process process : processes) {
            try {
                process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        processes.forEach(Process::destroyForcibly);
        removeAll();
        if (!Boolean.getBoolean("cbt.keep")) {
            deleteTree(folder);
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs destroy(), which is idempotent
        }
    }
}
