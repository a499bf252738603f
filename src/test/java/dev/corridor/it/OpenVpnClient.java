package dev.corridor.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's OpenVPN 2.6 running as a client inside a {@link NetnsLab} namespace with a given profile,
 * its log in a file and its management interface on a Unix socket next to it.
 *
 * <pre>
 *   namespace covc-n: openvpn --config PROFILE [--auth-user-pass FILE] --management SOCK unix
 *                     [--management-query-passwords]      tun0 ◄── ping ──  ip netns exec covc-n ping
 *          │ UDP/TCP
 *          ▼
 *   host: EndpointServer on the veth address (in the test JVM)
 * </pre>
 *
 * Closing stops the process (SIGTERM, then SIGKILL); the lab's own clean-up kills whatever is left in
 * the namespace, also from its shutdown hook.
 */
final class OpenVpnClient implements AutoCloseable {
    private static final Pattern RECEIVED = Pattern.compile("(\\d+) received");

    private final InNamespace lab;
    private final Process process;
    private final Path log;
    private final ManagementConsole management;
    private final long startedNanos;

    private OpenVpnClient(InNamespace lab, Process process, Path log, ManagementConsole management, long startedNanos) {
        this.lab = lab;
        this.process = process;
        this.log = log;
        this.management = management;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts OpenVPN with {@code profile}.
     *
     * @param folder         where the log and the management socket go
     * @param credentials    a file for {@code --auth-user-pass} (username, password), if the profile asks for one
     * @param queryPasswords true to have OpenVPN ask the management interface for credentials instead
     *                       (the way a GUI answers a static challenge)
     * @param extraOptions   more command-line options, e.g. {@code --explicit-exit-notify 1}
     */
    static OpenVpnClient start(InNamespace lab, Path profile, Path folder, Optional<Path> credentials,
            boolean queryPasswords, String... extraOptions) throws IOException, InterruptedException {
        Path log = folder.resolve("openvpn-client.log");
        Path socket = folder.resolve("management.sock");
        List<String> command = new ArrayList<>(List.of("openvpn", "--config", profile.toString(),
                "--management", socket.toString(), "unix"));
        credentials.ifPresent(file -> command.addAll(List.of("--auth-user-pass", file.toString())));
        if (queryPasswords) {
            command.add("--management-query-passwords");
        }
        command.addAll(List.of(extraOptions));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(lab.exec(command.toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            ManagementConsole console = ManagementConsole.connect(socket, Duration.ofSeconds(10), process);
            return new OpenVpnClient(lab, process, log, console, started);
        } catch (RuntimeException | IOException | InterruptedException e) {
            stop(process);
            throw new IllegalStateException(e.getMessage() + "\nopenvpn log:\n" + read(log), e);
        }
    }

    ManagementConsole management() {
        return management;
    }

    String log() {
        return read(log);
    }

    /** Waits until the log contains {@code text}; fails with the log when OpenVPN exits first or time runs out. */
    Duration awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("openvpn exited " + process.exitValue() + " before logging \"" + text
                        + "\":\n" + log());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("openvpn did not log \"" + text + "\" within " + timeout + ":\n" + log());
    }

    /** Sends OpenVPN SIGTERM, as Ctrl-C or a service stop would, without waiting for it to exit. */
    void terminate() {
        process.destroy();
    }

    /** Waits for OpenVPN to exit by itself; its exit code, or empty when it is still running. */
    Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue())
                : Optional.empty();
    }

    /** Pings {@code address} from inside the namespace {@code count} times; how many replies came back. */
    int ping(String address, int count) {
        Shell.Result result = Shell.run(lab.exec("ping", "-n", "-c", String.valueOf(count), "-i", "0.2", "-W", "2",
                address));
        Matcher matcher = RECEIVED.matcher(result.output());
        if (!matcher.find()) {
            throw new IllegalStateException("cannot read ping's output: " + result.output());
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            management.close();
        } finally {
            stop(process);
        }
    }
}
