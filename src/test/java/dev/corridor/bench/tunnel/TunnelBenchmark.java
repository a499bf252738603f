package dev.corridor.bench.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Corridor against OpenVPN 2.6 through a real tunnel (not a test; {@code ./bench/tunnel} runs it as
 * root): in namespaces of its own ({@link TunnelLab}), each server in turn, each client against it,
 * AES-256-GCM over UDP for all four pairs. Measures connect time (process start to the first ping
 * answered through the tunnel, {@code --connect-runs} times) and iperf3 TCP both ways
 * ({@code --seconds} each), prints the tables and ratios, and appends them to {@code docs/benchmarks.md}.
 *
 * <pre>
 *   lab ─► for server in (Corridor, OpenVPN):
 *            start server ─► for client in (Corridor, OpenVPN):
 *                              N × (start client ─► first ping ─► SIGTERM)
 *                              start client ─► first ping ─► iperf3 upload ─► iperf3 download ─► SIGTERM
 *            stop server
 *        ─► tables ─► docs/benchmarks.md
 * </pre>
 */
public final class TunnelBenchmark {
    private static final long CONNECT_TIMEOUT_SECONDS = 90;

    /** The command line. */
    record Options(int seconds, int connectRuns, String javaOptions, Path out, Path doc, boolean appendToDoc) {
        private static final List<String> NAMES = List.of("seconds", "connect-runs", "java-options", "out", "doc",
                "append");

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("usage: --name value ...; bad argument " + args[i]);
                }
                given.put(args[i].substring(2), args[++i]);
            }
            if (!NAMES.containsAll(given.keySet())) {
                throw new IllegalArgumentException("unknown option(s): " + given.keySet() + "; known: " + NAMES);
            }
            String append = given.getOrDefault("append", "true");
            if (!append.equals("true") && !append.equals("false")) {
                throw new IllegalArgumentException("--append must be true or false, not " + append);
            }
            Options options = new Options(number(given, "seconds", 10), number(given, "connect-runs", 5),
                    given.getOrDefault("java-options", ""), Path.of(given.getOrDefault("out", System.getProperty("java.io.tmpdir"))),
                    Path.of(given.getOrDefault("doc", "docs/benchmarks.md")), Boolean.parseBoolean(append));
            if (options.seconds() < 1 || options.connectRuns() < 1) {
                throw new IllegalArgumentException("--seconds and --connect-runs must be at least 1");
            }
            return options;
        }

        private static int number(Map<String, String> given, String name, int fallback) {
            String text = given.get(name);
            try {
                return text == null ? fallback : Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, not " + text);
            }
        }
    }

    private TunnelBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench/tunnel: " + e.getMessage());
            System.exit(2);
            return;
        }
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        String loadBefore = loadAverage();
        List<PairResult> pairs = new ArrayList<>();
        try (TunnelLab lab = TunnelLab.create(options.out())) {
            for (ServerKind kind : ServerKind.values()) {
                System.out.println("== starting " + kind.label());
                try (VpnServer server = kind.start(lab, options.javaOptions())) {
                    for (VpnClient client : VpnClient.values()) {
                        pairs.add(measure(lab, client, kind, server, options));
                    }
                }
            }
        }
        double jvmStart = jvmStartMillis(options);
        String loadAfter = loadAverage();
        String tables = new ResultTable(pairs).markdown() + String.format(Locale.ROOT, "%nFor reference, a bare"
                + " JVM start: `corridor --version` (same class path and JVM options)"
                + " takes %,.0f ms (median of %d), which every Corridor client connect time above includes.%n",
                jvmStart, options.connectRuns());
        System.out.println();
        System.out.println(tables);
        String section = section(started, options, loadBefore, loadAfter, tables);
        if (options.appendToDoc()) {
            Files.writeString(options.doc(), "\n" + section, StandardOpenOption.APPEND);
            System.out.println("appended to " + options.doc());
        }
    }

    private static PairResult measure(TunnelLab lab, VpnClient client, ServerKind kind, VpnServer server,
            Options options) throws IOException, InterruptedException {
        List<Double> connects = new ArrayList<>();
        for (int run = 1; run <= options.connectRuns(); run++) {
            try (TunnelSession session = TunnelSession.open(lab, client, server, options.javaOptions(),
                    CONNECT_TIMEOUT_SECONDS)) {
                connects.add(session.connectMillis());
                System.out.printf(Locale.ROOT, "%s -> %s: connect %d/%d %.0f ms%n", client.label(), kind.label(), run,
                        options.connectRuns(), session.connectMillis());
            }
        }
        try (TunnelSession session = TunnelSession.open(lab, client, server, options.javaOptions(),
                CONNECT_TIMEOUT_SECONDS)) {
            String cipher = session.cipher();
            if (!cipher.equalsIgnoreCase("AES-256-GCM")) {
                throw new IllegalStateException(client.label() + " against " + kind.label() + " uses cipher " + cipher
                        + ", not AES-256-GCM:\n" + session.log());
            }
            IperfRun upload = IperfRun.measure(options.seconds(), false);
            IperfRun download = IperfRun.measure(options.seconds(), true);
            System.out.printf(Locale.ROOT, "%s -> %s: upload %.0f Mbit/s, download %.0f Mbit/s%n", client.label(),
                    kind.label(), upload.mbitPerSecond(), download.mbitPerSecond());
            return new PairResult(client, kind, connects, upload, download, cipher.toUpperCase(Locale.ROOT));
        }
    }

    /** The median time of {@code corridor --version} in the client namespace: the JVM's own share of a connect. */
    private static double jvmStartMillis(Options options) throws IOException {
        Path home = Files.createTempDirectory(options.out().toAbsolutePath(), TunnelLab.PREFIX + "jvm-");
        try {
            List<Double> times = new ArrayList<>();
            for (int run = 0; run < options.connectRuns(); run++) {
                long started = System.nanoTime();
                Commands.Result result = Commands.run(CorridorJvm.command(home, options.javaOptions(), "--version"), 60);
                if (result.exit() != 0) {
                    throw new IllegalStateException("corridor --version exited " + result.exit() + ":\n"
                            + result.output());
                }
                times.add((System.nanoTime() - started) / 1e6);
            }
            return PairResult.median(times);
        } finally {
            TunnelLab.deleteTree(home);
        }
    }

    private static String section(ZonedDateTime started, Options options, String loadBefore, String loadAfter,
            String tables) throws IOException {
        return "### Run of " + started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd, HH:mm 'UTC'")) + "\n\n"
                + "* Command: `./bench/tunnel --seconds " + options.seconds() + " --connect-runs "
                + options.connectRuns() + (options.javaOptions().isBlank() ? "" : " --java-options \""
                        + options.javaOptions() + "\"") + "`.\n"
                + "* Machine: " + Runtime.getRuntime().availableProcessors() + " vCPUs \"" + cpuModel()
                + "\", shared with other engineers' builds, so the numbers are noisy; load average " + loadBefore
                + " before, " + loadAfter + " after. Linux " + firstLine("uname", "-r") + ", Java "
                + System.getProperty("java.vm.version") + " (default JVM flags), " + firstLine("openvpn", "--version")
                .replaceAll(" \\[.*", "") + ", " + firstLine("iperf3", "--version") + ".\n\n" + tables;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return fields[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("?");
    }

    private static String firstLine(String... command) {
        return Commands.run(List.of(command), 10).output().lines().findFirst().orElse("?").strip();
    }
}
