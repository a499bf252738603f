package dev.corridor.it;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Three network namespaces in a row, for a VPN server that forwards into a private network:
 *
 * <pre>
 *   client ns cstm-c&lt;n&gt;                 server ns cstm-s&lt;n&gt;                     private ns cstm-p&lt;n&gt;
 *   veth 198.19.250.2/30 ◄──────────► veth 198.19.250.1/30
 *   default via 198.19.250.1            veth 10.100.0.1/24 ◄──────────────────► veth 10.100.0.10/24
 *                                                                               (no default route: replies
 *                                                                                reach clients only via NAT)
 * </pre>
 *
 * The host namespace is not touched. Everything is removed on {@link #close} and by a shutdown hook
 * when the JVM ends first.
 */
final class ForwardingLab implements AutoCloseable {
    static final String PREFIX = "cstm-";
    static final String SERVER_ADDRESS = "198.19.250.1";
    static final String PRIVATE_HOST = "10.100.0.10";
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 200) + 20);

    /** One namespace of the lab. */
    record Namespace(String name) implements InNamespace {
        @Override
        public List<String> exec(String... command) {
            List<String> full = new java.util.ArrayList<>(List.of("ip", "netns", "exec", name));
            full.addAll(List.of(command));
            return full;
        }
    }

    final Namespace client;
    final Namespace server;
    final Namespace privateNetwork;
    private final Thread cleanup;
    private boolean closed;

    private ForwardingLab(int n) {
        client = new Namespace(PREFIX + "c" + n);
        server = new Namespace(PREFIX + "s" + n);
        privateNetwork = new Namespace(PREFIX + "p" + n);
        cleanup = new Thread(this::destroy, "forwarding-lab-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    static ForwardingLab create() {
        if (!Shell.isRoot()) {
            throw new IllegalStateException("this integration test needs root (network namespaces); run ./run-tests"
                    + " as root");
        }
        int n = NEXT.getAndIncrement() % 250 + 1;
        ForwardingLab lab = new ForwardingLab(n);
        lab.destroyNamespaces();
        try {
            for (Namespace ns : List.of(lab.client, lab.server, lab.privateNetwork)) {
                Shell.ok("ip", "netns", "add", ns.name());
                Shell.ok("ip", "-n", ns.name(), "link", "set", "lo", "up");
            }
            link(lab.client, "tc" + n + "c", "198.19.250.2/30", lab.server, "tc" + n + "s", SERVER_ADDRESS + "/30");
            link(lab.server, "tp" + n + "s", "10.100.0.1/24", lab.privateNetwork, "tp" + n + "p",
                    PRIVATE_HOST + "/24");
            Shell.ok("ip", "-n", lab.client.name(), "route", "add", "default", "via", SERVER_ADDRESS);
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private static void link(Namespace a, String aName, String aAddress, Namespace b, String bName,
            String bAddress) {
        Shell.ok("ip", "link", "add", aName, "netns", a.name(), "type", "veth", "peer", "name", bName, "netns",
                b.name());
        Shell.ok("ip", "-n", a.name(), "addr", "add", aAddress, "dev", aName);
        Shell.ok("ip", "-n", b.name(), "addr", "add", bAddress, "dev", bName);
        Shell.ok("ip", "-n", a.name(), "link", "set", aName, "up");
        Shell.ok("ip", "-n", b.name(), "link", "set", bName, "up");
    }

    private void destroyNamespaces() {
        for (Namespace ns : List.of(client, server, privateNetwork)) {
            NetnsLab.killAll(ns.name());
            Shell.quietly("ip", "netns", "del", ns.name());
        }
    }

    private synchronized void destroy() {
        if (!closed) {
            closed = true;
            destroyNamespaces();
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }
}
