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
 * Closing it after a failed assertion still leaves the namespace as it was (see {@link #close()}).
 */
final class ConnectProcess implements AutoCloseable {
    private final Process process;
    private final Path home;
    private final Path output;

    private ConnectProcess(Process process, Path home, Path output) {
        this.process = process;
        this.home = home;
        this.output = output;
    }

    /** Runs {@code corridor ARGS...} in the client namespace and returns at once. */
    static ConnectProcess start(Path home, Path output, String... args) throws IOException {
        Process process = new ProcessBuilder(command(home, args)).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new ConnectProcess(process, home, output);
    }

    /** Runs {@code corridor ARGS...} in the client namespace to its end; the exit code and output. */
    static Shell.Result run(Path home, String... args) {
        return Shell.run(command(home, args));
    }

    /**
     * {@code ip netns exec CLIENT env --default-signal=INT java … ARGS}: a test run started from a
     * background job inherits SIGINT ignored, and a JVM that starts with SIGINT ignored keeps ignoring it,
     * so without the reset a Ctrl-C test would prove nothing about Corridor.
     */
    private static List<String> command(Path home, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(CorridorCommandLine.of(home, args));
        return ConnectLab.exec(ConnectLab.CLIENT, command.toArray(String[]::new));
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

    /**
     * Ends a process a test left running (an assertion failed) the way a user would, with SIGTERM, so
     * that it takes its network changes back; if it does not end, kills it and runs
     * {@code corridor net restore} on its journal, so that the next test starts from a clean namespace.
     */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (Files.exists(home.resolve("network-journal.json"))) {
            Shell.Result restore = run(home, "net", "restore");
            System.err.println("ConnectProcess: a journal was left in " + home + "; corridor net restore exited "
                    + restore.exit() + ":\n" + restore.output());
        }
    }
}
