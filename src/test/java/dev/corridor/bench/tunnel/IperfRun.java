package dev.corridor.bench.tunnel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One iperf3 TCP test from the client namespace to the host behind the server, read from iperf3's
 * JSON ({@code end.sum_received.bits_per_second}: what the receiving side got; {@code
 * end.sum_sent.retransmits}: TCP retransmissions of the sender).
 *
 * @param direction   "upload" (client sends) or "download" ({@code --reverse}, the host sends)
 * @param mbitPerSecond receiver's throughput, Mbit/s
 * @param retransmits   the sender's TCP retransmissions
 */
record IperfRun(String direction, double mbitPerSecond, long retransmits) {
    /** Runs {@code iperf3 --client 10.101.0.10 --time SECONDS --omit 2 --json [--reverse]} in the client namespace. */
    static IperfRun measure(int seconds, boolean download) throws IOException {
        String direction = download ? "download" : "upload";
        JsonNode end = end(direction, Commands.run(command(seconds, download, "--omit",
                Integer.toString(WARM_UP_SECONDS)), seconds + WARM_UP_SECONDS + 30L));
        return new IperfRun(direction, end.path("sum_received").path("bits_per_second").asDouble() / 1e6,
                end.path("sum_sent").path("retransmits").asLong());
    }

    /**
     * Seconds iperf3 sends before it starts counting ({@code --omit}): a Corridor JVM has just
     * started when the first transfer begins, and its first seconds run interpreted code while C2
     * compiles the data path, which would otherwise count against whichever direction runs first.
     * The same warm-up applies to every pair. TCP only: the UDP runs come after the TCP ones (so the
     * code is warm by then), and iperf3 3.12 counts UDP loss from sequence numbers that include the
     * omitted seconds.
     */
    static final int WARM_UP_SECONDS = 2;

    /** {@code iperf3 --client 10.101.0.10 --time SECONDS --json [--reverse] EXTRA...} in the client namespace. */
    static List<String> command(int seconds, boolean download, String... extra) {
        List<String> command = new ArrayList<>(TunnelLab.exec(TunnelLab.CLIENT, "iperf3", "--client",
                TunnelLab.HOST_ADDRESS, "--time", Integer.toString(seconds), "--connect-timeout", "5000", "--json"));
        String mss = System.getenv("BENCH_IPERF_MSS"); // e.g. 1380: TCP segments whose tunnel packets fit the veth MTU
        if (mss != null && !mss.isBlank()) {
            command.addAll(List.of("--set-mss", mss.strip()));
        }
        if (download) {
            command.add("--reverse");
        }
        command.addAll(List.of(extra));
        return command;
    }

    /** The {@code end} object of iperf3's JSON output; fails with the output when iperf3 failed. */
    static JsonNode end(String what, Commands.Result result) throws IOException {
        String text = result.output();
        int start = text.indexOf('{');
        if (start < 0) {
            throw new IllegalStateException("iperf3 " + what + " exited " + result.exit() + " without JSON:\n" + text);
        }
        JsonNode root = new ObjectMapper().readTree(text.substring(start));
        if (root.has("error") || result.exit() != 0) {
            throw new IllegalStateException("iperf3 " + what + " failed: " + root.path("error").asText(text));
        }
        return root.path("end");
    }
}
