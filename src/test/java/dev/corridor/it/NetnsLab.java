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
 * Those are the {@link Naming#DEFAULT} names; a test class that must not collide with other labs
 * (or with {@link #removeStale}) passes its own {@link Naming}, e.g. {@code covc-<n>}, veths
 * {@code cv<n>h}/{@code cv<n>n} and 198.19.&lt;n&gt;.0/30.
 * Closing kills every process left in the namespace and deletes it (which deletes the veth pair);
 * a shutdown hook does the same if the JVM exits first, and {@link #removeStale} clears leftovers of
 * an earlier killed run.
 */
final class NetnsLab implements AutoCloseable, InNamespace {
    static final String PREFIX = "corr-it-";

    /**
     * How a lab names its namespace and veth pair and which /16 of 198.18.0.0/15 it numbers from.
     *
     * @param prefix      the namespace name before the lab number
     * @param vethStem    the veth names before the lab number (the stem plus up to 3 digits plus one letter must
     *                    fit the kernel's 15 characters)
     * @param secondOctet 18 or 19: the links are 198.&lt;secondOctet&gt;.&lt;n&gt;.0/30
     */
    record Naming(String prefix, String vethStem, int secondOctet) {
        static final Naming DEFAULT = new Naming(PREFIX, "ci", 18);

        Naming {
            if (!prefix.matches("[a-z][a-z0-9-]{0,10}") || !vethStem.matches("[a-z]{1,8}")) {
                throw new IllegalArgumentException("bad lab naming " + prefix + " / " + vethStem);
            }
            if (secondOctet != 18 && secondOctet != 19) {
                throw new IllegalArgumentException("the lab links live in 198.18.0.0/15, not 198." + secondOctet);
            }
        }

        String address(int subnet, int host) {
            return "198." + secondOctet + "." + subnet + "." + host;
        }
    }

    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 200) + 20);

    private final String namespace;
    private final String hostVeth;
    private final Naming naming;
    private final int subnet;
    private final Thread cleanup;
    private boolean closed;

    private NetnsLab(String namespace, String hostVeth, Naming naming, int subnet) {
        this.namespace = namespace;
        this.hostVeth = hostVeth;
        this.naming = naming;
        this.subnet = subnet;
        this.cleanup = new Thread(this::destroy, "netns-cleanup-" + namespace);
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    static NetnsLab create() {
        return create(Naming.DEFAULT);
    }

    /** A lab named and numbered as {@code naming} says. */
    static NetnsLab create(Naming naming) {
        if (!Shell.isRoot()) {
            throw new IllegalStateException("this integration test needs root (network namespaces); run ./run-tests"
                    + " as root");
        }
        int n = NEXT.getAndIncrement() % 250 + 1;
        String namespace = naming.prefix() + n;
        String hostVeth = naming.vethStem() + n + "h";
        String nsVeth = naming.vethStem() + n + "n";
        Shell.quietly("ip", "netns", "del", namespace);
        Shell.quietly("ip", "link", "del", hostVeth);
        NetnsLab lab = new NetnsLab(namespace, hostVeth, naming, n);
        try {
            Shell.ok("ip", "netns", "add", namespace);
            Shell.ok("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", nsVeth);
            Shell.ok("ip", "link", "set", nsVeth, "netns", namespace);
            Shell.ok("ip", "addr", "add", naming.address(n, 1) + "/30", "dev", hostVeth);
            Shell.ok("ip", "link", "set", hostVeth, "up");
            Shell.ok("ip", "-n", namespace, "addr", "add", naming.address(n, 2) + "/30", "dev", nsVeth);
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
        return address(naming.address(subnet, 2));
    }

    /** The host's address on the veth link. */
    InetAddress hostAddress() {
        return address(naming.address(subnet, 1));
    }

    /**
     * Gives the namespace a default route through the host's end of the veth, as a real client
     * machine has one: OpenVPN's {@code redirect-gateway} keeps the route to its server on this gateway.
     */
    void addDefaultRouteViaHost() {
        Shell.ok("ip", "-n", namespace, "route", "add", "default", "via", hostAddress().getHostAddress());
    }

    @Override
    public List<String> exec(String... command) {
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

    static void killAll(String namespace) {
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
