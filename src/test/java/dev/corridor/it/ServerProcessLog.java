package dev.corridor.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The log file of a server process a lab started, and waiting for a line in it. */
record ServerProcessLog(String serverName, Process process, Path file) {
    String text() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits until the log contains {@code text}; fails with the log when the process exits first or time runs out. */
    void await(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (text().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(serverName + " exited " + process.exitValue() + ":\n" + text());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(serverName + " did not log \"" + text + "\" within " + timeout + ":\n"
                + text());
    }
}
