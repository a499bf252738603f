package dev.corridor.bench.tunnel;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Corridor server's memory with many sessions, measured by {@code ./bench/server-load}'s
 * {@code dev.corridor.bench.load.ServerLoadBenchmark} in a child JVM (server process on loopback UDP
 * with its virtual network, simulated clients doing real handshakes and pings; no TUN device) and
 * read from its report.
 *
 * <pre>
 *   server starts ─► idle VmRSS ─► N clients connect (64 in flight) ─► VmRSS all connected
 *     ─► hold 3 s (pings) ─► VmRSS + heap after full GC ─► clients leave ─► VmHWM
 * </pre>
 *
 * @param javaOptions    the server JVM's options ("" for the defaults)
 * @param clients        sessions asked for
 * @param connected      sessions that were established
 * @param idleMib        VmRSS of the freshly started, idle server
 * @param connectedMib   VmRSS right after all clients connected
 * @param heldMib        VmRSS after holding all sessions for 3 s
 * @param peakMib        VmHWM at the end
 * @param heapIdleMib    heap used after a full GC, idle
 * @param heapHeldMib    heap used after a full GC, with all sessions up
 */
record SessionsMemory(String javaOptions, int clients, int connected, long idleMib, long connectedMib, long heldMib,
        long peakMib, double heapIdleMib, double heapHeldMib) {
    private static final Pattern CONNECTED = Pattern.compile("connected (\\d+) of (\\d+) in ");
    private static final Pattern RSS = Pattern.compile("server RSS \\(VmRSS\\): idle (\\d+) MiB, all connected (\\d+)"
            + " MiB, after hold (\\d+) MiB, after all left \\d+ MiB; peak \\(VmHWM\\) (\\d+) MiB");
    private static final Pattern HEAP = Pattern.compile("server heap used after a full GC: idle ([0-9.,-]+) MiB,"
            + " \\d+ connected ([0-9.,-]+) MiB");

    /** Runs the server load benchmark with {@code clients} sessions; its files go under {@code out}. */
    static SessionsMemory measure(int clients, String javaOptions, Path out) {
        List<String> command = CorridorJvm.java("");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.corridor.bench.load.ServerLoadBenchmark", "--clients", Integer.toString(clients), "--in-flight",
                "64", "--hold-seconds", "3", "--out", out.toAbsolutePath().toString()));
        if (!javaOptions.isBlank()) {
            command.addAll(List.of("--server-java-options", javaOptions.strip()));
        }
        Commands.Result result = Commands.run(command, 900);
        return parse(javaOptions.strip(), result);
    }

    static SessionsMemory parse(String javaOptions, Commands.Result result) {
        String text = result.output();
        Matcher connected = CONNECTED.matcher(text);
        Matcher rss = RSS.matcher(text);
        Matcher heap = HEAP.matcher(text);
        if (result.exit() != 0 || !connected.find() || !rss.find() || !heap.find()) {
            throw new IllegalStateException("the server load benchmark exited " + result.exit()
                    + " without its figures:\n" + text);
        }
        return new SessionsMemory(javaOptions, Integer.parseInt(connected.group(2)),
                Integer.parseInt(connected.group(1)), Long.parseLong(rss.group(1)), Long.parseLong(rss.group(2)),
                Long.parseLong(rss.group(3)), Long.parseLong(rss.group(4)), mib(heap.group(1)), mib(heap.group(2)));
    }

    private static double mib(String text) {
        return Double.parseDouble(text.replace(",", "."));
    }
}
