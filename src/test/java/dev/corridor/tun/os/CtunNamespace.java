package dev.corridor.tun.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace {@code ctun-<n>} for the TUN integration tests, deleted on {@link #close} and,
 * should the JVM exit first, by a shutdown hook. Also runs the host commands the tests need.
 */
final class CtunNamespace implements AutoCloseable {
    static final String PREFIX = "ctun-";
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 200) + 20);

    private final String name;
    private final int number;
    private final Thread cleanup;
    private boolean closed;

    /** The result of a finished command. */
    record Result(int exit, String output) {}

    private CtunNamespace(int number) {
        this.number = number;
        this.name = PREFIX + number;
        this.cleanup = new Thread(this::destroy, "netns-cleanup-" + name);
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    static CtunNamespace create() {
        if (!run("id", "-u").output().strip().equals("0")) {
            throw new IllegalStateException("this integration test needs root (network namespaces, TUN devices)");
        }
        int number = NEXT.getAndIncrement() % 250 + 1;
        run("ip", "netns", "del", PREFIX + number);
        run("ip", "link", "del", PREFIX + number);
        CtunNamespace namespace = new CtunNamespace(number);
        try {
            ok("ip", "netns", "add", namespace.name);
            ok("ip", "-n", namespace.name, "link", "set", "lo", "up");
            return namespace;
        } catch (RuntimeException e) {
            namespace.close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    /** A number (1..250) unique to this namespace among the test's namespaces, for names and subnets. */
    int number() {
        return number;
    }

    /** Runs {@code command} inside the namespace. */
    Result exec(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return run(full.toArray(String[]::new));
    }

    static Result run(String... command) {
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
        Result result = run(command);
        if (result.exit() != 0) {
            throw new IllegalStateException("`" + String.join(" ", command) + "` exited " + result.exit() + ": "
                    + result.output().strip());
        }
        return result.output();
    }

    private synchronized void destroy() {
        if (closed) {
            return;
        }
        closed = true;
        for (String pid : run("ip", "netns", "pids", name).output().split("\\s+")) {
            if (!pid.isBlank()) {
                run("kill", "-9", pid.strip());
            }
        }
        run("ip", "netns", "del", name);
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs destroy(), which is idempotent
        }
    }
}
