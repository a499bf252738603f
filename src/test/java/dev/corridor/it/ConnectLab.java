package dev.corridor.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Four network namespaces for {@code corridor connect} tests: a client with its own "internet" and
 * resolver, a router standing for the internet, a VPN server, and a private network behind the server.
 *
 * <pre>
 *  ccon-c (client)            ccon-i (internet router)           ccon-s (server)          ccon-p (private)
 *  eth0 192.0.2.2/24  ─────── 192.0.2.1/24   ci-s 198.51.100.1 ── 198.51.100.2 eth0
 *       2001:db8:1::2/64      2001:db8:1::1/64                   10.100.0.1/24 priv ───── 10.100.0.10/24 eth0
 *  default via 192.0.2.1      lo: 203.0.113.1 (an "internet" host)   VPN server listens     web page :80
 *  default via 2001:db8:1::1      2001:db8:ffff::1 (global IPv6)      on 198.51.100.2         dnsmasq: corridor.test,
 *  /etc/netns/ccon-c/resolv.conf  dnsmasq 192.0.2.1: where.test =    forwards to ccon-p        where.test = 10.100.0.10
 *   nameserver 192.0.2.1           203.0.113.1                                                 iperf3 -s
 * </pre>
 *
 * The private network routes back to the server ({@code default via 10.100.0.1}) and the server
 * forwards between its tunnel and 10.100.0.0/24, so tunnel addresses reach the private host without NAT.
 * Everything is removed on {@link #close()}, by a shutdown hook if the JVM ends first, and stale
 * {@code ccon-*} namespaces of a killed earlier run are removed before a new lab starts.
 */
final class ConnectLab implements AutoCloseable {
    static final String PREFIX = "ccon-";
    static final String CLIENT = PREFIX + "c";
    static final String INTERNET = PREFIX + "i";
    static final String SERVER = PREFIX + "s";
    static final String PRIVATE = PREFIX + "p";
    static final List<String> NAMESPACES = List.of(CLIENT, INTERNET, SERVER, PRIVATE);

    static final String CLIENT_ADDRESS = "192.0.2.2";
    static final String CLIENT_GATEWAY = "192.0.2.1";
    static final String SERVER_ADDRESS = "198.51.100.2";
    static final String INTERNET_HOST = "203.0.113.1";
    static final String INTERNET_HOST6 = "2001:db8:ffff::1";
    static final String PRIVATE_HOST = "10.100.0.10";
    static final String PRIVATE_NETWORK = "10.100.0.0";
    static final String WEB_PAGE = "corridor private web page\n";
    static final String RESOLV_CONF = "# ccon-c's resolver before Corridor\nnameserver 192.0.2.1\nsearch home.test\n";

    private final Path folder;
    private final List<Process> services = new ArrayList<>();
    private final Thread cleanup = new Thread(this::destroy, "ccon-lab-cleanup");
    private boolean closed;

    private ConnectLab(Path folder) {
        this.folder = folder;
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    static ConnectLab create() throws IOException {
        if (!Shell.isRoot()) {
            throw new IllegalStateException("ConnectIT needs root (network namespaces); run ./run-tests as root");
        }
        removeAll(); // only ccon-*: what a killed earlier run of this test left behind
        ConnectLab lab = new ConnectLab(Files.createTempDirectory("ccon-lab-"));
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
            Shell.ok("ip", "netns", "add", ns);
            in(ns, "ip", "link", "set", "lo", "up");
            in(ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0");
            in(ns, "sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0");
        }
        Path resolv = Path.of("/etc/netns", CLIENT, "resolv.conf");
        Files.createDirectories(resolv.getParent());
        Files.writeString(resolv, RESOLV_CONF);
        // the web server looks up its own name at start; answer from a hosts file instead of a resolver
        // that the private network cannot reach
        Path hosts = Path.of("/etc/netns", PRIVATE, "hosts");
        Files.createDirectories(hosts.getParent());
        Files.writeString(hosts, "127.0.0.1 localhost\n" + PRIVATE_HOST + " web.corridor.test\n");

        // client <-> internet
        in(CLIENT, "ip", "link", "add", "eth0", "type", "veth", "peer", "name", "ci-c", "netns", INTERNET);
        in(CLIENT, "ip", "addr", "add", CLIENT_ADDRESS + "/24", "dev", "eth0");
        in(CLIENT, "ip", "addr", "add", "2001:db8:1::2/64", "dev", "eth0", "nodad");
        in(CLIENT, "ip", "link", "set", "eth0", "up");
        in(CLIENT, "ip", "route", "add", "default", "via", CLIENT_GATEWAY);
        in(CLIENT, "ip", "-6", "route", "add", "default", "via", "2001:db8:1::1");
        in(INTERNET, "ip", "addr", "add", CLIENT_GATEWAY + "/24", "dev", "ci-c");
        in(INTERNET, "ip", "addr", "add", "2001:db8:1::1/64", "dev", "ci-c", "nodad");
        in(INTERNET, "ip", "link", "set", "ci-c", "up");
        in(INTERNET, "ip", "addr", "add", INTERNET_HOST + "/32", "dev", "lo");
        in(INTERNET, "ip", "addr", "add", INTERNET_HOST6 + "/128", "dev", "lo");
        in(INTERNET, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        // internet <-> server
        in(INTERNET, "ip", "link", "add", "ci-s", "type", "veth", "peer", "name", "eth0", "netns", SERVER);
        in(INTERNET, "ip", "addr", "add", "198.51.100.1/24", "dev", "ci-s");
        in(INTERNET, "ip", "link", "set", "ci-s", "up");
        in(SERVER, "ip", "addr", "add", SERVER_ADDRESS + "/24", "dev", "eth0");
        in(SERVER, "ip", "link", "set", "eth0", "up");
        in(SERVER, "ip", "route", "add", "default", "via", "198.51.100.1");
        in(SERVER, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        // server <-> private
        in(SERVER, "ip", "link", "add", "priv", "type", "veth", "peer", "name", "eth0", "netns", PRIVATE);
        in(SERVER, "ip", "addr", "add", "10.100.0.1/24", "dev", "priv");
        in(SERVER, "ip", "link", "set", "priv", "up");
        in(PRIVATE, "ip", "addr", "add", PRIVATE_HOST + "/24", "dev", "eth0");
        in(PRIVATE, "ip", "link", "set", "eth0", "up");
        in(PRIVATE, "ip", "route", "add", "default", "via", "10.100.0.1");

        // services: the "internet" resolver, the private resolver, web page, iperf3
        start("dns-internet", exec(INTERNET, "dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=" + CLIENT_GATEWAY,
                "--user=root", "--pid-file=" + folder.resolve("dns-internet.pid"),
                "--address=/where.test/" + INTERNET_HOST));
        start("dns-private", exec(PRIVATE, "dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=" + PRIVATE_HOST,
                "--user=root", "--pid-file=" + folder.resolve("dns-private.pid"),
                "--address=/where.test/" + PRIVATE_HOST, "--address=/web.corridor.test/" + PRIVATE_HOST));
        Path www = Files.createDirectories(folder.resolve("www"));
        Files.writeString(www.resolve("index.html"), WEB_PAGE, StandardCharsets.UTF_8);
        start("web", exec(PRIVATE, "/usr/bin/python3", "-m", "http.server", "80", "--bind", PRIVATE_HOST, "--directory",
                www.toString()));
        start("iperf3", exec(PRIVATE, "iperf3", "--server", "--bind", PRIVATE_HOST));
        awaitListening(PRIVATE, ":80 ");
        awaitListening(PRIVATE, ":5201 ");
        awaitListening(PRIVATE, ":53 ");
        awaitListening(INTERNET, ":53 ");
    }

    /** Runs {@code command} in namespace {@code ns} and returns its output; fails loudly. */
    static String in(String ns, String... command) {
        return Shell.ok(exec(ns, command).toArray(String[]::new));
    }

    /** The same without failing: the result as it is. */
    static Shell.Result tryIn(String ns, String... command) {
        return Shell.run(exec(ns, command));
    }

    static List<String> exec(String ns, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return full;
    }

    /** A folder for this lab's files (server PKI, client data folders), removed on close. */
    Path folder() {
        return folder;
    }

    /** The client namespace's resolver file, as seen from the host. */
    static Path clientResolvConf() {
        return Path.of("/etc/netns", CLIENT, "resolv.conf");
    }

    private void start(String name, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".log").toFile()).start();
        services.add(process);
    }

    private void awaitListening(String ns, String port) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (tryIn(ns, "ss", "-lntu").output().contains(port)) {
                return;
            }
            for (Process service : services) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("a lab service exited: " + service.info().commandLine()
                            .orElse("?") + "\n" + logs());
                }
            }
            sleep(50);
        }
        throw new IllegalStateException("nothing listens on " + port + " in " + ns + ":\n"
                + tryIn(ns, "ss", "-lntu").output() + logs());
    }

    String logs() {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(folder)) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                text.append("--- ").append(log.getFileName()).append('\n').append(Files.readString(log));
            }
        } catch (IOException e) {
            text.append("(logs: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Kills every process in the ccon-* namespaces, deletes them and their /etc/netns folders. */
    static void removeAll() {
        List<String> existing = Shell.lines(Shell.run(List.of("ip", "netns", "list")).output()).stream()
                .map(line -> line.split("\\s+")[0]).filter(name -> name.startsWith(PREFIX)).toList();
        for (String ns : existing) {
            for (String pid : Shell.lines(Shell.run(List.of("ip", "netns", "pids", ns)).output())) {
                Shell.quietly("kill", "-9", pid);
            }
        }
        for (String ns : existing) {
            Shell.quietly("ip", "netns", "del", ns);
        }
        for (String ns : NAMESPACES) {
            deleteTree(Path.of("/etc/netns", ns));
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort; the next run removes it
        }
    }

    private synchronized void destroy() {
        if (closed) {
            return;
        }
        closed = true;
        services.forEach(Process::destroyForcibly);
        removeAll();
        deleteTree(folder);
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
