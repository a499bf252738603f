package dev.corridor.bench.tunnel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short host commands ({@code ip}, {@code kill}, {@code iperf3}) to their end and returns their output. */
final class Commands {
    private Commands() {}

    /** A finished command: exit code and stdout + stderr. */
    record Result(int exit, String output) {}

    /** Runs {@code command}; gives up (and kills it) after {@code timeoutSeconds}. */
    static Result run(List<String> command, long timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[][] output = new byte[1][];
            Thread reader = new Thread(() -> {
                try {
                    output[0] = process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    output[0] = new byte[0];
                }
            }, "cbt-command-output");
            reader.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                reader.join(2000);
                return new Result(-1, "(timed out after " + timeoutSeconds + " s: " + command + ")");
            }
            reader.join(5000);
            return new Result(process.exitValue(), output[0] == null ? ""
                    : new String(output[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Runs {@code command} and fails with its output unless it exits 0. */
    static String ok(String... command) {
        Result result = run(List.of(command), 60);
        if (result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.exit() + ":\n"
                    + result.output());
        }
        return result.output();
    }

    /** Runs {@code command} and ignores how it ends (clean-up). */
    static void quietly(String... command) {
        try {
            run(List.of(command), 20);
        } catch (RuntimeException e) {
            // best effort
        }
    }
}
