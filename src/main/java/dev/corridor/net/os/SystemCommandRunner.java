package dev.corridor.net.os;

import dev.corridor.net.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs commands as child processes with the C locale (so error texts such as "No such process" can be
 * recognised), a time limit, and stdout and stderr read apart.
 */
public final class SystemCommandRunner implements CommandRunner {
    private static final long TIMEOUT_SECONDS = 30;

    @Override
    public Result run(List<String> command, Optional<String> input) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("LANG", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(Result.NOT_FOUND, "", "cannot run " + command.get(0) + ": " + e.getMessage());
        }
        try {
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            try (OutputStream stdin = process.getOutputStream()) {
                if (input.isPresent()) {
                    stdin.write(input.get().getBytes(StandardCharsets.UTF_8));
                }
            }
            String stdout = drain(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(124, stdout, String.join(" ", command) + " timed out after "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), stdout, stderr.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (IOException | UncheckedIOException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            return new Result(1, "", "error while running " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(1, "", "interrupted while running " + command.get(0));
        }
    }

    private static String drain(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
