package dev.corridor.bench.tunnel;

import java.util.List;
import java.util.Optional;

/**
 * What one client/server pair measured; a part not selected ({@code --parts}) is empty.
 *
 * @param cipher        the data cipher the client reported for the traffic session
 * @param connectMillis each connect time (process start to first answered ping), in run order
 * @param tcp           iperf3 TCP upload and download
 * @param udp           iperf3 UDP floods, by payload size and direction
 * @param memory        resident memory of the client and server processes
 */
record PairResult(VpnClient client, ServerKind server, String cipher, List<Double> connectMillis,
        Optional<TcpResult> tcp, List<UdpRun> udp, Optional<PairMemory> memory) {
    PairResult {
        connectMillis = List.copyOf(connectMillis);
        udp = List.copyOf(udp);
    }

    /** iperf3 TCP both ways through one session. */
    record TcpResult(IperfRun upload, IperfRun download) {}

    /**
     * VmRSS in KiB: idle is a few seconds after connecting (no traffic), peak is the highest sample
     * (every 100 ms) during the TCP upload and download.
     */
    record PairMemory(long clientIdleKib, long clientPeakKib, long serverIdleKib, long serverPeakKib) {}

    /** The UDP flood of {@code payloadBytes} in {@code direction}, if measured. */
    Optional<UdpRun> udp(int payloadBytes, String direction) {
        return udp.stream().filter(run -> run.payloadBytes() == payloadBytes && run.direction().equals(direction))
                .findFirst();
    }

    /** The median connect time; NaN when not measured. */
    double connectMedian() {
        return connectMillis.isEmpty() ? Double.NaN : median(connectMillis);
    }

    /** The median of {@code values}; the mean of the middle two for an even count. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double connectMin() {
        return connectMillis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double connectMax() {
        return connectMillis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
