package dev.corridor.bench.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A VPN server under test, running in the lab's server namespace on {@code 192.0.2.1:1194/udp}. */
sealed interface VpnServer extends AutoCloseable permits CorridorVpnServer, OpenVpnServer {
    /** The name in the result table. */
    String label();

    /** A client profile for this server (AES-256-GCM only, route to the host network, no DNS). */
    String clientProfile();

    /** The server's output so far (for error messages). */
    String log();

    /** The server process's id (the JVM or {@code openvpn}), for its resident memory. */
    long pid();

    /** Stops the server (SIGTERM, then SIGKILL). */
    @Override
    void close() throws InterruptedException;

    /** Waits until the log file contains {@code text}; fails with the log when the process ends first. */
    static void awaitLog(Process process, Path log, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String output = read(log);
            if (output.contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited " + process.exitValue() + " before \"" + text
                        + "\":\n" + output);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server did not print \"" + text + "\" within " + timeout + ":\n"
                + read(log));
    }

    /** A log file's text, or a note why there is none. */
    static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The profile line that pins the data cipher for every pair. */
    String PINNED_CIPHER = "data-ciphers AES-256-GCM\n";
}
