package dev.corridor.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A demo endpoint served by a child {@code corridor server run --tun} in the lab's server namespace
 * ({@code ip netns exec}: a server in this process cannot live in another namespace).
 *
 * <pre>
 *   start: ip netns exec SRV java ... server run --config F --listen ADDR --tun NAME --stop-with-stdin
 *          its output ─► log, "[mode] " before each line; ready at its "Serving " line (120 s at most)
 *   stop:  SIGTERM (its shutdown hook: EXIT to clients, TUN device and NAT removed), SIGKILL after 20 s
 *   crash: when this process dies, the child's standard input closes and it stops itself
 * </pre>
 */
public final class NamespaceServer implements DemoServer {
    private static final long START_SECONDS = 120;
    private static final long STOP_SECONDS = 20;

    private final Process process;
    private final Thread reader;
    private final CountDownLatch serving = new CountDownLatch(1);
    private final Deque<String> lastLines = new ArrayDeque<>();

    private NamespaceServer(Process process, Consumer<String> log) {
        this.process = process;
        this.reader = new Thread(() -> read(log), "corridor-demo-server-" + process.pid());
        reader.setDaemon(true);
    }

    /**
     * Starts the server of {@code configFile} in {@code layout}'s server namespace and waits until it serves.
     *
     * @param home the child's data folder (not the user's: its leftover-network check must not act there)
     */
    static NamespaceServer start(LabLayout layout, DemoMode mode, Path configFile, Path home, Consumer<String> log)
            throws DemoException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", layout.serverNamespace()));
        command.addAll(ChildCorridor.commandLine(home, List.of("server", "run", "--config", configFile.toString(),
                "--listen", layout.serverAddress(), "--tun", layout.tunName(mode), "--stop-with-stdin")));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new DemoException("cannot start the " + mode.profileName() + " server: " + e.getMessage(), e);
        }
        NamespaceServer server = new NamespaceServer(process, log);
        server.reader.start();
        try {
            if (!server.awaitServing()) {
                server.stop();
                throw new DemoException("the " + mode.profileName() + " server did not start in "
                        + layout.serverNamespace() + ": " + server.lastLines());
            }
        } catch (InterruptedException e) {
            server.stop();
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted while starting the " + mode.profileName() + " server");
        }
        return server;
    }

    private boolean awaitServing() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (!serving.await(200, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive() && !reader.isAlive() || System.nanoTime() > deadline) {
                return false;
            }
        }
        return true;
    }

    private void read(Consumer<String> log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 10) {
                        lastLines.removeFirst();
                    }
                }
                if (line.startsWith("Serving ")) {
                    serving.countDown();
                }
                log.accept(line);
            }
        } catch (IOException e) {
            // the server ended
        }
    }

    private String lastLines() {
        synchronized (lastLines) {
            return lastLines.isEmpty() ? "(no output)" : String.join(" | ", lastLines);
        }
    }

    /** The child's process id ({@code ip netns exec} replaces itself with the server's JVM). */
    public long pid() {
        return process.pid();
    }

    /** SIGTERM, without waiting. */
    @Override
    public void beginStop() {
        process.destroy();
    }

    @Override
    public void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
