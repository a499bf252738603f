package dev.corridor.bench.network;

import dev.corridor.net.AppliedNetwork;
import dev.corridor.net.HostNetwork;
import dev.corridor.net.TunnelNetworkRequest;
import dev.corridor.net.UndoJournal;
import dev.corridor.net.os.OsAppliers;
import dev.corridor.platform.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Times {@code HostNetwork.apply} and {@code close} of a split-tunnel plan (link up with MTU, one
 * address, two routes) on this machine's applier, to be run inside a throw-away namespace by
 * {@code ./bench/host-network}; it also times the undo journal's atomic writes (an fsync'd temporary
 * file, a rename and an fsync of the folder: since journal version 2 only its creation, the
 * appended lines are not counted there). Put the journal folder on tmpfs to see the time without fsyncs.
 *
 * <pre>
 *   per round:  apply ─► close      (journal: create, one write per change, delete)
 *   prints:     ROUND|n|apply ms|close ms|atomic-write ms      then      MEDIAN|apply|close|total|atomic writes
 * </pre>
 */
public final class HostNetworkBenchmark {
    private HostNetworkBenchmark() {}

    /** Arguments: TUN link name, rounds, journal folder (on the disk to measure), warm-up rounds. */
    public static void main(String[] args) throws Exception {
        String link = args[0];
        int rounds = Integer.parseInt(args[1]);
        Path folder = Files.createDirectories(Path.of(args[2]));
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        TimedWriter writer = new TimedWriter();
        HostNetwork network = new HostNetwork(OsAppliers.forThisMachine(),
                new UndoJournal(folder.resolve(UndoJournal.FILE_NAME), writer));
        TunnelNetworkRequest request = TunnelNetworkRequest.builder(link, 1400)
                .ipv4("10.77.0.2", "255.255.255.0", "subnet", Optional.of("10.77.0.1"))
                .routes(List.of("10.100.0.0/255.255.0.0", "172.31.0.0/255.255.0.0"))
                .build();
        List<double[]> samples = new ArrayList<>();
        for (int i = 0; i < warmUp + rounds; i++) {
            writer.nanos = 0;
            long start = System.nanoTime();
            AppliedNetwork applied = network.apply(request);
            long applied_ = System.nanoTime();
            applied.close();
            long closed = System.nanoTime();
            double apply = (applied_ - start) / 1e6;
            double close = (closed - applied_) / 1e6;
            double journal = writer.nanos / 1e6;
            if (i >= warmUp) {
                samples.add(new double[] {apply, close, apply + close, journal});
                System.out.printf("ROUND|%d|%.2f|%.2f|%.2f|changes=%d%n", i - warmUp + 1, apply, close, journal,
                        applied.plan().changes().size());
            }
        }
        System.out.printf("MEDIAN|apply %.2f ms|close %.2f ms|total %.2f ms|journal atomic writes %.2f ms|n=%d%n",
                median(samples, 0), median(samples, 1), median(samples, 2), median(samples, 3), samples.size());
    }

    private static double median(List<double[]> samples, int column) {
        double[] values = samples.stream().mapToDouble(s -> s[column]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** The journal's writer, adding up the time its atomic, fsync'd writes take. */
    private static final class TimedWriter extends AtomicFileWriter {
        long nanos;

        @Override
        public void write(Path target, byte[] content) throws IOException {
            long start = System.nanoTime();
            super.write(target, content);
            nanos += System.nanoTime() - start;
        }
    }
}
