package dev.corridor.net;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs an operating-system command ({@code resolvectl}, {@code route}, {@code netsh}, ...) and returns
 * its result; the macOS and Windows appliers make every read and change through it, Linux its DNS
 * steps and the {@code ip} commands of old journals (links, addresses and routes go over rtnetlink),
 * so that tests can record the commands and answer them.
 */
public interface CommandRunner {

    /**
     * Runs {@code command} with {@code input} on standard input. A program that cannot be started
     * gives exit code {@link Result#NOT_FOUND} rather than an exception.
     */
    Result run(List<String> command, Optional<String> input);

    /** Runs {@code command} without standard input. */
    default Result run(List<String> command) {
        return run(command, Optional.empty());
    }

    /** What a command printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        /** The exit code used when the program could not be started at all. */
        public static final int NOT_FOUND = 127;

        public Result {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }

        public boolean ok() {
            return exitCode == 0;
        }

        /** The error text: stderr, or stdout when stderr is empty (netsh prints errors on stdout). */
        public String message() {
            String text = stderr.isBlank() ? stdout : stderr;
            return text.strip();
        }
    }
}
