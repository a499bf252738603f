package dev.corridor.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code corridor connect} running as a child JVM in the lab's client namespace, with its own data
 * folder ({@code -Dcorridor.home}) so that its undo journal is isolated; output goes to a file.
 */
final class ConnectProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private ConnectProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Runs {@code corridor ARGS...} in the client namespace and returns at once. */
    static ConnectProcess start(Path home, Path output, String... args) throws IOException {
        Process process = new ProcessBuilder(command(home, args)).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new ConnectProcess(process, output);
    }

    /** Runs {@code corridor ARGS...} in the client namespace to its end; the exit code and output. */
    static Shell.Result run(Path home, String... args) {
        return Shell.run(command(home, args));
    }

    private static List<String> command(Path home, String... args) {
        return ConnectLab.exec(ConnectLab.CLIENT, CorridorCommandLine.of(home, args).toArray(String[]::new));
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Waits until the output contains {@code text}; fails with the output when the process ends first. */
    void await(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("corridor exited " + process.exitValue() + " before \"" + text
                        + "\":\n" + output());
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("corridor did not print \"" + text + "\" within " + timeout + ":\n"
                + output());
    }

    /** Sends {@code signal} (TERM, INT, KILL) and waits for the exit code. */
    int signalAndWait(String signal, Duration timeout) throws InterruptedException {
        Shell.ok("kill", "-" + signal, Long.toString(process.pid()));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("corridor did not end within " + timeout + " after SIG" + signal
                    + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself; its exit code. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("corridor did not end within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
