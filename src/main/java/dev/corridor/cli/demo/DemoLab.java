package dev.corridor.cli.demo;

import dev.corridor.net.CommandRunner;
import dev.corridor.net.IpPrefix;
import dev.corridor.net.os.SystemCommandRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The root demo's network namespaces and veth pairs ({@link LabLayout}), built at start and
 * deleted at close.
 *
 * <pre>
 *   open:  lock LabLayout.lockFile ─► leftovers of a killed demo: processes in the lab's namespaces
 *          (SIGTERM, then SIGKILL), the namespaces, the host veth ─► refuse when a route of this
 *          machine overlaps the lab's networks ─► namespaces, veth pairs, addresses, lab host's route
 *   close: processes left in the namespaces killed ─► namespaces deleted (their veths with them)
 *          ─► host veth deleted if still there ─► lock released (the empty lock file stays)
 * </pre>
 */
public final class DemoLab implements AutoCloseable {
    /** Words that can open a line of {@code ip route show} before the destination. */
    private static final Set<String> ROUTE_TYPES = Set.of("unicast", "local", "broadcast", "multicast", "anycast",
            "blackhole", "unreachable", "prohibit", "throw", "nat");

    private final LabLayout layout;
    private final CommandRunner commands;
    private final LockedFile lock;
    private boolean closed;

    private DemoLab(LabLayout layout, CommandRunner commands, LockedFile lock) {
        this.layout = layout;
        this.commands = commands;
        this.lock = lock;
    }

    /**
     * Why the lab cannot be built on this machine (not Linux, no {@code ip} or {@code nft}); empty
     * when it can. Root is checked by the caller.
     */
    public static Optional<String> unavailable() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return Optional.of("network namespaces exist on Linux only");
        }
        CommandRunner commands = new SystemCommandRunner();
        if (!commands.run(List.of("ip", "netns", "list")).ok()) {
            return Optional.of("the `ip` command (iproute2) with network namespaces is not available");
        }
        if (commands.run(List.of("nft", "--version")).exitCode() == CommandRunner.Result.NOT_FOUND) {
            return Optional.of("the `nft` command (the servers' source NAT) is not installed");
        }
        return Optional.empty();
    }

    /** Builds the lab of {@code layout}; {@code log} hears what leftovers were removed. */
    public static DemoLab open(LabLayout layout, Consumer<String> log) throws DemoException {
        Optional<LockedFile> lock;
        try {
            lock = LockedFile.tryLock(layout.lockFile());
        } catch (IOException e) {
            throw new DemoException("cannot lock " + layout.lockFile() + ": " + e.getMessage(), e);
        }
        if (lock.isEmpty()) {
            throw new DemoException("another corridor demo runs the namespace lab (" + layout.serverNamespace()
                    + ") on this machine; stop it first, or start this one with --virtual-network");
        }
        DemoLab lab = new DemoLab(layout, new SystemCommandRunner(), lock.get());
        try {
            lab.removeLeftovers(log);
            lab.checkNetworksFree();
            lab.build();
            return lab;
        } catch (DemoException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    public LabLayout layout() {
        return layout;
    }

    /** Removes what a demo killed with SIGKILL left: its servers, namespaces and the host's veth. */
    private void removeLeftovers(Consumer<String> log) {
        List<String> removed = new ArrayList<>();
        List<String> existing = namespaces();
        for (String namespace : List.of(layout.serverNamespace(), layout.lanNamespace())) {
            if (existing.contains(namespace)) {
                int processes = stopProcessesIn(namespace);
                commands.run(List.of("ip", "netns", "del", namespace));
                removed.add("namespace " + namespace + (processes > 0 ? " (" + processes + " process(es) stopped)"
                        : ""));
            }
        }
        if (commands.run(List.of("ip", "link", "del", layout.hostVeth())).ok()) {
            removed.add("device " + layout.hostVeth());
        }
        if (!removed.isEmpty()) {
            log.accept("removed what an earlier demo left behind: " + String.join(", ", removed));
        }
    }

    private List<String> namespaces() {
        List<String> names = new ArrayList<>();
        for (String line : commands.run(List.of("ip", "netns", "list")).stdout().split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip().split("\\s+")[0]);
            }
        }
        return names;
    }

    /** SIGTERM to every process in {@code namespace}, SIGKILL to those still running 10 s later. */
    private int stopProcessesIn(String namespace) {
        List<ProcessHandle> processes = new ArrayList<>();
        for (String pid : commands.run(List.of("ip", "netns", "pids", namespace)).stdout().split("\\s+")) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(processes::add);
            }
        }
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                process.destroyForcibly();
            }
        }
        return processes.size();
    }

    /** Refuses when a route of this machine (any table) overlaps the link, the routed network or the client CIDRs. */
    private void checkNetworksFree() throws DemoException {
        CommandRunner.Result routes = commands.run(List.of("ip", "-4", "route", "show", "table", "all"));
        if (!routes.ok()) {
            throw new DemoException("cannot read this machine's routes: " + routes.message());
        }
        Optional<String> clash = clash(routes.stdout(), layout.networksUsed());
        if (clash.isPresent()) {
            throw new DemoException("the root demo's lab needs " + layout.networksUsed() + ", but this machine"
                    + " already has the route \"" + clash.get() + "\"; start the demo with --virtual-network");
        }
    }

    /** The first line of {@code ip -4 route show} output whose destination overlaps one of {@code wanted}. */
    static Optional<String> clash(String routeTable, List<IpPrefix> wanted) {
        for (String line : routeTable.split("\n")) {
            String[] words = line.strip().split("\\s+");
            int at = words.length > 1 && ROUTE_TYPES.contains(words[0]) ? 1 : 0;
            if (words[at].isEmpty() || words[at].equals("default")) {
                continue;
            }
            IpPrefix destination;
            try {
                destination = IpPrefix.parse(words[at]);
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (IpPrefix network : wanted) {
                if (network.contains(destination.network()) || destination.contains(network.network())) {
                    return Optional.of(line.strip());
                }
            }
        }
        return Optional.empty();
    }

    private void build() throws DemoException {
        String server = layout.serverNamespace();
        String lan = layout.lanNamespace();
        ok("ip", "netns", "add", server);
        ok("ip", "netns", "add", lan);
        ok("ip", "-n", server, "link", "set", "lo", "up");
        ok("ip", "-n", lan, "link", "set", "lo", "up");
        ok("ip", "link", "add", layout.hostVeth(), "type", "veth", "peer", "name", layout.serverVeth(), "netns",
                server);
        ok("ip", "addr", "add", layout.hostAddress() + "/30", "dev", layout.hostVeth());
        ok("ip", "link", "set", layout.hostVeth(), "up");
        ok("ip", "-n", server, "addr", "add", layout.serverAddress() + "/30", "dev", layout.serverVeth());
        ok("ip", "-n", server, "link", "set", layout.serverVeth(), "up");
        ok("ip", "link", "add", layout.serverLanVeth(), "netns", server, "type", "veth", "peer", "name",
                layout.labHostVeth(), "netns", lan);
        ok("ip", "-n", server, "addr", "add", LabLayout.LAN_GATEWAY + "/" + LabLayout.LAN_BITS, "dev",
                layout.serverLanVeth());
        ok("ip", "-n", server, "link", "set", layout.serverLanVeth(), "up");
        ok("ip", "-n", lan, "addr", "add", LabLayout.LAB_HOST + "/" + LabLayout.LAN_BITS, "dev",
                layout.labHostVeth());
        ok("ip", "-n", lan, "link", "set", layout.labHostVeth(), "up");
        ok("ip", "-n", lan, "route", "add", "default", "via", LabLayout.LAN_GATEWAY);
    }

    private void ok(String... command) throws DemoException {
        CommandRunner.Result result = commands.run(List.of(command));
        if (!result.ok()) {
            throw new DemoException("cannot build the demo's namespace lab: `" + String.join(" ", command)
                    + "` failed: " + result.message());
        }
    }

    /** Stops what still runs in the lab and deletes it; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            List<String> existing = namespaces();
            for (String namespace : List.of(layout.serverNamespace(), layout.lanNamespace())) {
                if (existing.contains(namespace)) {
                    stopProcessesIn(namespace);
                    commands.run(List.of("ip", "netns", "del", namespace));
                }
            }
            commands.run(List.of("ip", "link", "del", layout.hostVeth())); // normally gone with its peer
        } finally {
            try {
                lock.close(); // the empty lock file stays: deleting it could let two demos lock two files
            } catch (IOException e) {
                // the lock ends with the process at the latest
            }
        }
    }
}
