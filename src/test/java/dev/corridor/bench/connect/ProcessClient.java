package dev.corridor.bench.connect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A VPN client as a fresh process per connect ({@code corridor connect} in a new JVM, or {@code openvpn}):
 * the time from just before the process starts to the first ping answered through the tunnel.
 */
final class ProcessClient {
    private final String label;
    private final List<String> command;
    private final Path log;
    private final PingProbe probe;

    ProcessClient(String label, List<String> command, Path log, PingProbe probe) {
        this.label = label;
        this.command = List.copyOf(command);
        this.log = log;
        this.probe = probe;
    }

    String label() {
        return label;
    }

    /** Starts the client, waits for the first answered ping, stops it with SIGTERM (it restores the network). */
    long connectOnce() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            long answered = probe.awaitAnswer(start + TimeUnit.SECONDS.toNanos(60), process::isAlive);
            if (answered < 0) {
                throw new IllegalStateException(label + ": no ping answered through the tunnel"
                        + (process.isAlive() ? " within 60 s" : " (it exited " + process.exitValue() + ")")
                        + "; see " + log);
            }
            return TimeUnit.NANOSECONDS.toMillis(answered - start);
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
