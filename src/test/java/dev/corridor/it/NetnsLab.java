package dev.corridor.it;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace joined to the host by a veth pair, for integration tests that need a real
 * peer on a real network path without touching the host's own network.
 *
 * <pre>
 *   host namespace                          namespace corr-it-&lt;n&gt;
 *   veth ci&lt;n&gt;h  198.18.&lt;n&gt;.1/30  &lt;────&gt;  veth ci&lt;n&gt;n  198.18.&lt;n&gt;.2/30
 * </pre>
 *
 * 198.18.0.0/15 is the range set aside for benchmarks (RFC 2544), so nothing real lives there.
 * Closing kills every process left in the namespace and deletes it (which deletes the veth pair);
 * a shutdown hook does the same if the JVM exits first, and {@link #removeStale} clears leftovers of
 * an earlier killed run.
 */
final class NetnsLab implements AutoCloseable {
    static final String PREFIX = "corr-it-";
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 200) + 20);

    private final String namespace;
    private final String hostVeth;
    private final int subnet;
    private final Thread cleanup;
    private boolean closed;

    private NetnsLab(String namespace, String hostVeth, int subnet) {
        this.namespace = namespace;
        this.hostVeth = hostVeth;
        this.subnet = subnet;
        this.cleanup = new Thread(this::destroy, "netns-cleanup-" + namespace);
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    static NetnsLab create() {
        if (!Shell.isRoot()) {
            throw new IllegalStateException("this integration test needs root (network namespaces); run ./run-tests"
                    + " as root");
        }
        int n = NEXT.getAndIncrement() % 250 + 1;
        String namespace = PREFIX + n;
        String hostVeth = "ci" + n + "h";
        String nsVeth = "ci" + n + "n";
        Shell.quietly("ip", "netns", "del", namespace);
        Shell.quietly("ip", "link", "del", hostVeth);
        NetnsLab lab = new NetnsLab(namespace, hostVeth, n);
        try {
            Shell.ok("ip", "netns", "add", namespace);
            Shell.ok("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", nsVeth);
            Shell.ok("ip", "link", "set", nsVeth, "netns", namespace);
            Shell.ok("ip", "addr", "add", "198.18." + n + ".1/30", "dev", hostVeth);
            Shell.ok("ip", "link", "set", hostVeth, "up");
            Shell.ok("ip", "-n", namespace, "addr", "add", "198.18." + n + ".2/30", "dev", nsVeth);
            Shell.ok("ip", "-n", namespace, "link", "set", nsVeth, "up");
            Shell.ok("ip", "-n", namespace, "link", "set", "lo", "up");
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** Deletes namespaces a killed earlier run left behind. */
    static void removeStale() {
        if (!Shell.isRoot()) {
            return;
        }
        for (String line : Shell.lines(Shell.run(List.of("ip", "netns", "list")).output())) {
            String name = line.split("\\s+")[0];
            if (name.startsWith(PREFIX)) {
                killAll(name);
                Shell.quietly("ip", "netns", "del", name);
            }
        }
    }

    String namespace() {
        return namespace;
    }

    /** The namespace's address on the veth link (where a server inside listens). */
    InetAddress insideAddress() {
        return address("198.18." + subnet + ".2");
    }

    /** The host's address on the veth link. */
    InetAddress hostAddress() {
        return address("198.18." + subnet + ".1");
    }

    /** {@code ip netns exec <ns>} followed by {@code command}. */
    List<String> exec(String... command) {
        List<String> full = new java.util.ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return full;
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void killAll(String namespace) {
        for (String pid : Shell.lines(Shell.run(List.of("ip", "netns", "pids", namespace)).output())) {
            Shell.quietly("kill", "-9", pid);
        }
    }

    private synchronized void destroy() {
        if (closed) {
            return;
        }
        closed = true;
        killAll(namespace);
        Shell.quietly("ip", "netns", "del", namespace);
        Shell.quietly("ip", "link", "del", hostVeth);
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs destroy(), which is idempotent
        }
    }
}
