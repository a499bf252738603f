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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Corridor against OpenVPN 2.6 through a real tunnel (not a test; {@code ./bench/tunnel} runs it as
 * root): in namespaces of its own ({@link TunnelLab}), each server in turn, each client against it,
 * AES-256-GCM over UDP for all four pairs. Measures, as {@code --parts} selects: connect time
 * (process start to the first ping answered through the tunnel, {@code --connect-runs} times), iperf3
 * TCP both ways and iperf3 UDP floods at 64 and 1400 byte payloads both ways ({@code --seconds} each),
 * resident memory of client and server idle and under TCP load, and the Corridor server's memory with
 * {@code --sessions} simulated sessions ({@link SessionsMemory}). Prints the tables and ratios and
 * appends them to {@code docs/benchmarks.md}.
 *
 * <pre>
 *   [memory] Corridor server with N sessions (default JVM, then -Xmx)
 *   lab ─► for server in (Corridor, OpenVPN):
 *            start server ─► for client in (Corridor, OpenVPN):
 *                              [connect] N × (start client ─► first ping ─► SIGTERM)
 *                              start client ─► first ping ─► [memory] 3 s idle, VmRSS
 *                                ─► [tcp|memory] iperf3 upload, download (VmRSS sampled)
 *                                ─► [udp] iperf3 -u 64 B up, down, 1400 B up, down ─► SIGTERM
 *            stop server
 *        ─► tables ─► docs/benchmarks.md
 * </pre>
 */
public final class TunnelBenchmark {
    private static final long CONNECT_TIMEOUT_SECONDS = 90;
    private static final long IDLE_MILLIS = 3000;
    private static final int[] UDP_PAYLOADS = {64, 1400};

    /** The command line. */
    record Options(int seconds, int connectRuns, String javaOptions, Path out, Path doc, boolean appendToDoc,
            Set<Part> parts, int sessions, String sessionsXmx, List<String> args) {
        private static final List<String> NAMES = List.of("seconds", "connect-runs", "java-options", "out", "doc",
                "append", "parts", "sessions", "sessions-xmx");

        Options {
            parts = Set.copyOf(parts);
            args = List.copyOf(args);
        }

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
            String xmx = given.getOrDefault("sessions-xmx", "256m");
            if (!xmx.equals("none") && !xmx.matches("\\d+[kKmMgG]?")) {
                throw new IllegalArgumentException("--sessions-xmx must be a heap size such as 256m, or none, not "
                        + xmx);
            }
            Options options = new Options(number(given, "seconds", 10), number(given, "connect-runs", 5),
                    given.getOrDefault("java-options", ""), Path.of(given.getOrDefault("out", System.getProperty("java.io.tmpdir"))),
                    Path.of(given.getOrDefault("doc", "docs/benchmarks.md")), Boolean.parseBoolean(append),
                    Part.parse(given.getOrDefault("parts", "tcp,udp,connect,memory")), number(given, "sessions", 1000),
                    xmx, List.of(args));
            if (options.seconds() < 1 || options.connectRuns() < 1 || options.sessions() < 0) {
                throw new IllegalArgumentException("--seconds and --connect-runs must be at least 1, --sessions"
                        + " at least 0");
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

        boolean has(Part part) {
            return parts.contains(part);
        }

        /** The command as given, for the result section. */
        String commandLine() {
            StringBuilder line = new StringBuilder("./bench/tunnel");
            for (String arg : args) {
                line.append(' ').append(arg.isEmpty() || arg.contains(" ") ? "\"" + arg + "\"" : arg);
            }
            return line.toString();
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
        List<SessionsMemory> sessions = options.has(Part.MEMORY) && options.sessions() > 0 ? sessions(options)
                : List.of();
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
        String jvmStart = "";
        if (options.has(Part.CONNECT)) {
            jvmStart = String.format(Locale.ROOT, "For reference, a bare JVM start: `corridor --version` (same class"
                    + " path and JVM options) takes %,.0f ms (median of %d), which every Corridor client connect time"
                    + " above includes.%n", jvmStartMillis(options), options.connectRuns());
        }
        String loadAfter = loadAverage();
        String tables = new ResultTable(pairs, options.parts(), sessions).markdown() + jvmStart;
        System.out.println();
        System.out.println(tables);
        String section = section(started, options, loadBefore, loadAfter, tables);
        if (options.appendToDoc()) {
            Files.writeString(options.doc(), "\n" + section, StandardOpenOption.APPEND);
            System.out.println("appended to " + options.doc());
        }
    }

    /** The Corridor server with {@code --sessions} sessions: with the run's JVM options, then with -Xmx added. */
    private static List<SessionsMemory> sessions(Options options) throws IOException {
        List<String> javaOptions = new ArrayList<>(List.of(options.javaOptions().strip()));
        if (!options.sessionsXmx().equals("none")) {
            javaOptions.add((options.javaOptions().strip() + " -Xmx" + options.sessionsXmx()).strip());
        }
        List<SessionsMemory> results = new ArrayList<>();
        for (String java : javaOptions) {
            Path out = Files.createTempDirectory(options.out().toAbsolutePath(), TunnelLab.PREFIX + "sessions-");
            try {
                System.out.println("== Corridor server with " + options.sessions() + " sessions, JVM options \""
                        + java + "\"");
                SessionsMemory result = SessionsMemory.measure(options.sessions(), java, out);
                System.out.printf(Locale.ROOT, "%d of %d connected; RSS idle %d MiB, all connected %d MiB, held %d"
                        + " MiB, VmHWM %d MiB%n", result.connected(), result.clients(), result.idleMib(),
                        result.connectedMib(), result.heldMib(), result.peakMib());
                results.add(result);
            } finally {
                if (!Boolean.getBoolean("cbt.keep")) {
                    TunnelLab.deleteTree(out);
                }
            }
        }
        return results;
    }

    private static PairResult measure(TunnelLab lab, VpnClient client, ServerKind kind, VpnServer server,
            Options options) throws IOException, InterruptedException {
        String pair = client.label() + " -> " + kind.label();
        List<Double> connects = new ArrayList<>();
        for (int run = 1; options.has(Part.CONNECT) && run <= options.connectRuns(); run++) {
            try (TunnelSession session = TunnelSession.open(lab, client, server, options.javaOptions(),
                    CONNECT_TIMEOUT_SECONDS)) {
                connects.add(session.connectMillis());
                System.out.printf(Locale.ROOT, "%s: connect %d/%d %.0f ms%n", pair, run, options.connectRuns(),
                        session.connectMillis());
            }
        }
        try (TunnelSession session = TunnelSession.open(lab, client, server, options.javaOptions(),
                CONNECT_TIMEOUT_SECONDS)) {
            String cipher = session.cipher();
            if (!cipher.equalsIgnoreCase("AES-256-GCM")) {
                throw new IllegalStateException(client.label() + " against " + kind.label() + " uses cipher " + cipher
                        + ", not AES-256-GCM:\n" + session.log());
            }
            long clientIdle = 0;
            long serverIdle = 0;
            if (options.has(Part.MEMORY)) {
                Thread.sleep(IDLE_MILLIS);
                clientIdle = ResidentMemory.kibOf(session.pid());
                serverIdle = ResidentMemory.kibOf(server.pid());
            }
            Optional<PairResult.TcpResult> tcp = Optional.empty();
            Optional<PairResult.PairMemory> memory = Optional.empty();
            if (options.has(Part.TCP) || options.has(Part.MEMORY)) {
                ResidentMemory clientMemory = ResidentMemory.sample(session.pid());
                ResidentMemory serverMemory = ResidentMemory.sample(server.pid());
                IperfRun upload;
                IperfRun download;
                try {
                    upload = IperfRun.measure(options.seconds(), false);
                    download = IperfRun.measure(options.seconds(), true);
                } finally {
                    clientMemory.close();
                    serverMemory.close();
                }
                System.out.printf(Locale.ROOT, "%s: TCP upload %.0f Mbit/s, download %.0f Mbit/s%n", pair,
                        upload.mbitPerSecond(), download.mbitPerSecond());
                if (options.has(Part.TCP)) {
                    tcp = Optional.of(new PairResult.TcpResult(upload, download));
                }
                if (options.has(Part.MEMORY)) {
                    memory = Optional.of(new PairResult.PairMemory(clientIdle, clientMemory.peakKib(), serverIdle,
                            serverMemory.peakKib()));
                    System.out.printf(Locale.ROOT, "%s: RSS client idle %d MiB, peak %d MiB; server idle %d MiB,"
                            + " peak %d MiB%n", pair, clientIdle / 1024, clientMemory.peakKib() / 1024,
                            serverIdle / 1024, serverMemory.peakKib() / 1024);
                }
            }
            List<UdpRun> udp = new ArrayList<>();
            for (int payload : options.has(Part.UDP) ? UDP_PAYLOADS : new int[0]) {
                for (boolean download : new boolean[] {false, true}) {
                    UdpRun run = UdpRun.measure(options.seconds(), payload, download);
                    System.out.printf(Locale.ROOT, "%s: UDP %d B %s: %,.0f pps received of %,.0f sent (%.1f %% lost)%n",
                            pair, payload, run.direction(), run.receivedPps(), run.sentPps(), run.lossPercent());
                    udp.add(run);
                }
            }
            return new PairResult(client, kind, cipher.toUpperCase(Locale.ROOT), connects, tcp, udp, memory);
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
                + "* Command: `" + options.commandLine() + "`.\n"
                + "* Machine: " + Runtime.getRuntime().availableProcessors() + " vCPUs \"" + cpuModel()
                + "\", shared with other engineers' builds, so the numbers are noisy; load average " + loadBefore
                + " before, " + loadAfter + " after. Linux " + firstLine("uname", "-r") + ", Java "
                + System.getProperty("java.vm.version") + " (" + (options.javaOptions().isBlank() ? "default JVM flags"
                        : "JVM options `" + options.javaOptions().strip() + "`") + ": " + heap(options.javaOptions())
                + "), " + firstLine("openvpn", "--version").replaceAll(" \\[.*", "") + ", "
                + firstLine("iperf3", "--version") + ".\n\n" + tables;
    }

    /** The garbage collector and heap sizes the JVM picks with {@code javaOptions} on this machine. */
    static String heap(String javaOptions) {
        List<String> command = CorridorJvm.java(javaOptions);
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Map<String, String> flags = new HashMap<>();
        Matcher flag = Pattern.compile("(?m)^\\s*\\S+\\s+(\\w+)\\s+:?=\\s+(\\S+)").matcher(Commands.run(command, 60)
                .output());
        while (flag.find()) {
            flags.put(flag.group(1), flag.group(2));
        }
        String gc = List.of("G1", "Serial", "Parallel", "Z", "Shenandoah").stream()
                .filter(name -> "true".equals(flags.get("Use" + name + "GC"))).findFirst().orElse("?");
        return String.format(Locale.ROOT, "%s GC, initial heap %,d MiB, max heap %,d MiB", gc,
                mib(flags.get("InitialHeapSize")), mib(flags.get("MaxHeapSize")));
    }

    private static long mib(String bytes) {
        return bytes == null ? -1 : Long.parseLong(bytes) / (1024 * 1024);
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
