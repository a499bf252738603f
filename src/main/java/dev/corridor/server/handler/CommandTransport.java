package dev.corridor.server.handler;

import dev.corridor.platform.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Calls the handler as an external command: the executable is started directly (no shell, no
 * arguments), reads the request JSON on standard input and writes the response JSON on standard
 * output. Both are owner-only temporary files, so neither side can block on a full pipe.
 *
 * <pre>
 *   request ──► in.tmp ──stdin──► executable ──stdout──► out.tmp ──► HandlerReply.Body (exit 0)
 *                                     │        ──stderr──► err.tmp ──► tail in the failure detail
 *                                     └── still running at the timeout: it and its descendants are killed
 *
 *   cannot be started          -> client-connect-handler-service-error
 *   runs past the timeout      -> client-connect-handler-timed-out
 *   exits with a non-zero code -> client-connect-handler-other-execution-error
 *   more than 64 KiB of output -> client-connect-handler-invalid-response
 * </pre>
 *
 * The command runs in its own folder with a small environment (PATH, HOME, LANG, LC_ALL, TZ,
 * TMPDIR, SYSTEMROOT when set), not the server's whole environment.
 */
public final class CommandTransport implements HandlerTransport {
    private static final List<String> PASSED_VARIABLES = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR",
            "SYSTEMROOT");
    private static final int STDERR_TAIL_CHARACTERS = 200;
    private static final long REAP_MILLIS = 2_000;

    private final Path executable;
    private final Path scratch;

    private CommandTransport(Path executable, Path scratch) {
        this.executable = executable;
        this.scratch = scratch;
    }

    /**
     * A transport for {@code executable}; refused when it is not an executable regular file.
     *
     * @throws IllegalArgumentException naming the problem with the file
     * @throws UncheckedIOException     when the owner-only scratch folder cannot be created
     */
    public static CommandTransport of(Path executable) {
        Objects.requireNonNull(executable, "executable");
        Path absolute = executable.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalArgumentException("the client connect handler " + absolute + " is not a file");
        }
        if (!Files.isExecutable(absolute)) {
            throw new IllegalArgumentException("the client connect handler " + absolute + " is not executable");
        }
        try {
            Path scratch = OwnerOnly.createFolder(Files.createTempDirectory("corridor-connect-handler-"));
            return new CommandTransport(absolute, scratch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the handler's input and output", e);
        }
    }

    /** The executable this transport runs. */
    public Path executable() {
        return executable;
    }

    @Override
    public HandlerReply exchange(byte[] request, Duration timeout) throws InterruptedException {
        Path in = null;
        Path out = null;
        Path err = null;
        try {
            in = OwnerOnly.createTempFile(scratch, "request");
            out = OwnerOnly.createTempFile(scratch, "response");
            err = OwnerOnly.createTempFile(scratch, "stderr");
            Files.write(in, request);
            return run(in, out, err, timeout);
        } catch (IOException e) {
            return HandlerReply.NoAnswer.of(ConnectFailureReason.SERVICE_ERROR,
                    "cannot prepare the handler's input and output: " + e.getMessage());
        } finally {
            deleteQuietly(in);
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private HandlerReply run(Path in, Path out, Path err, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(executable.toString())
                .directory(executable.getParent().toFile())
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> environment = builder.environment();
        Map<String, String> inherited = Map.copyOf(environment);
        environment.clear();
        for (String name : PASSED_VARIABLES) {
            String value = inherited.get(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return HandlerReply.NoAnswer.of(ConnectFailureReason.SERVICE_ERROR,
                    "cannot start " + executable + ": " + e.getMessage());
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return HandlerReply.NoAnswer.of(ConnectFailureReason.TIMED_OUT,
                        executable.getFileName() + " gave no answer within " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        int status = process.exitValue();
        if (status != 0) {
            return HandlerReply.NoAnswer.of(ConnectFailureReason.OTHER_EXECUTION_ERROR,
                    executable.getFileName() + " exited with status " + status + stderrTail(err));
        }
        if (Files.size(out) > MAX_ANSWER_BYTES) {
            return HandlerReply.NoAnswer.of(ConnectFailureReason.INVALID_RESPONSE,
                    "the response is larger than " + MAX_ANSWER_BYTES + " bytes");
        }
        return new HandlerReply.Body(Files.readAllBytes(out));
    }

    /** Kills the command and everything it started (collected first: orphans lose their parent link). */
    private static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(REAP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static String stderrTail(Path err) throws IOException {
        String text = new String(Files.readAllBytes(err), StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "";
        }
        String tail = text.length() > STDERR_TAIL_CHARACTERS
                ? "…" + text.substring(text.length() - STDERR_TAIL_CHARACTERS) : text;
        return ": " + tail.replace('\n', ' ');
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the scratch folder is removed on close
            }
        }
    }

    @Override
    public void close() {
        try (var files = Files.list(scratch)) {
            files.forEach(CommandTransport::deleteQuietly);
        } catch (IOException e) {
            // best effort
        }
        deleteQuietly(scratch);
    }
}
