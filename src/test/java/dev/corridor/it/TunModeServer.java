package dev.corridor.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code corridor server run --tun DEVICE} as a child JVM inside one namespace, its output collected
 * line by line.
 *
 * <pre>
 *   start ──► "Serving ..." printed ──► clients connect: "TIME connect &lt;connection-id&gt; &lt;identity&gt; from ..."
 *                                    └─► close(): SIGTERM; the server's shutdown hook removes the TUN
 *                                        device, its nft table and the forwarding switch (SIGKILL after 30 s)
 * </pre>
 */
final class TunModeServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** A connect line, after the time stamp: {@code 2026-...Z connect cvpn-connection-000...1 bob from ...}. */
    private static final Pattern CONNECT = Pattern.compile("^(?:\\S+ )?connect (\\S+) ");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private TunModeServer(Process process) {
        this.process = process;
    }

    /** Starts the server for {@code config} in {@code namespace}, listening on {@code address}; returns once it serves. */
    static TunModeServer start(InNamespace namespace, Path config, String address, String device)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(namespace.exec(CorridorCommandLine.of(home(), "server", "run",
                "--config", config.toString(), "--listen", address, "--tun", device).toArray(String[]::new)))
                .redirectErrorStream(true).start();
        TunModeServer server = new TunModeServer(process);
        try {
            server.collectOutput();
            server.awaitServing();
            return server;
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    /** The {@code corridor.home} the tests' child JVMs use. */
    static Path home() {
        return Path.of(System.getProperty("corridor.home", "target/test-home"));
    }

    /** Every line the server printed so far. */
    List<String> output() {
        return List.copyOf(output);
    }

    /**
     * The connection id of the first {@code connect} line after the first {@code skip} lines of output,
     * waiting up to {@code timeout} for it; fails with the output when none comes.
     */
    String awaitConnect(int skip, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> lines = output();
            for (String line : lines.subList(Math.min(skip, lines.size()), lines.size())) {
                Matcher connect = CONNECT.matcher(line);
                if (connect.find()) {
                    return connect.group(1);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server logged no connect within " + timeout + ": " + lines);
            }
            Thread.sleep(50);
        }
    }

    private void collectOutput() {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the server ended
            }
        }, "tun-mode-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void awaitServing() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (output.stream().noneMatch(l -> l.startsWith("Serving "))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the server did not start: " + output);
            }
            Thread.sleep(100);
        }
    }

    /** Stops the server (SIGTERM, SIGKILL after 30 s) and waits for it; nothing when it has already ended. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
