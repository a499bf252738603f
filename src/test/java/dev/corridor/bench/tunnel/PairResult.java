package dev.corridor.bench.tunnel;

import java.util.List;

/**
 * What one client/server pair measured.
 *
 * @param connectMillis each connect time (process start to first answered ping), in run order
 * @param cipher        the data cipher the client reported for the throughput session
 */
record PairResult(VpnClient client, ServerKind server, List<Double> connectMillis, IperfRun upload,
        IperfRun download, String cipher) {
    PairResult {
        connectMillis = List.copyOf(connectMillis);
    }

    /** The median connect time. */
    double connectMedian() {
        return median(connectMillis);
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
