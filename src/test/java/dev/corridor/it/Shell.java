package dev.corridor.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host commands for integration tests and fails loudly, with the command's output, when they fail. */
final class Shell {
    private Shell() {}

    /** The result of a finished command. */
    record Result(int exit, String output) {}

    static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    static String ok(String... command) {
        Result result = run(List.of(command));
        if (result.exit() != 0) {
            throw new IllegalStateException("`" + String.join(" ", command) + "` exited " + result.exit() + ": "
                    + result.output().strip());
        }
        return result.output();
    }

    static void quietly(String... command) {
        run(List.of(command));
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name")) || run(List.of("id", "-u")).output().strip().equals("0");
    }

    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }
}
