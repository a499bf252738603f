package dev.corridor.it;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, with a throw-away profile and DevTools on a free loopback
 * port; {@link #close()} (or the shutdown hook, if the JVM dies first) kills it and its children
 * and removes the profile.
 *
 * <pre>
 * start ─► chromium --headless=new --remote-debugging-port=0 --user-data-dir=TEMP
 *          stderr: "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID"  ─► connect
 * close ─► Browser.close ─► (5 s) ─► kill children, kill chromium ─► delete TEMP
 * </pre>
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final int KEPT_LINES = 40;

    private final Process process;
    private final Path profile;
    private final Deque<String> stderrTail;
    private final Thread shutdownHook;
    private DevToolsConnection devTools;

    private HeadlessChromium(Process process, Path profile, Deque<String> stderrTail) {
        this.process = process;
        this.profile = profile;
        this.stderrTail = stderrTail;
        this.shutdownHook = new Thread(this::kill, "chromium-cleanup");
    }

    /**
     * The chromium program on PATH; fails (does not skip) when it is missing, since this is the
     * one thing the browser test is about.
     */
    static Path program() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("Debian's chromium is not installed; ./run-tests installs it when run as root"
                + " (or: apt-get install chromium)");
    }

    /** Starts Chromium and connects to its DevTools endpoint within {@code timeout}. */
    static HeadlessChromium start(Duration timeout) throws Exception {
        Path program = program();
        Path profile = Files.createTempDirectory("corridor-chromium-");
        Process process;
        try {
            process = new ProcessBuilder(List.of(program.toString(), "--headless=new", "--no-sandbox",
                    "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--remote-debugging-port=0", "--user-data-dir=" + profile))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            deleteTree(profile);
            throw e;
        }
        Deque<String> tail = new ArrayDeque<>();
        HeadlessChromium chromium = new HeadlessChromium(process, profile, tail);
        Runtime.getRuntime().addShutdownHook(chromium.shutdownHook);
        try {
            CompletableFuture<URI> endpoint = readStderr(process, tail);
            URI address;
            try {
                address = endpoint.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IOException("chromium printed no DevTools address within " + timeout.toSeconds() + " s; "
                        + chromium.stderrTail());
            } catch (ExecutionException e) {
                throw new IOException(e.getCause().getMessage() + "; " + chromium.stderrTail());
            }
            chromium.devTools = DevToolsConnection.open(address, Duration.ofSeconds(15));
            return chromium;
        } catch (Exception e) {
            chromium.close();
            throw e;
        }
    }

    /**
     * Lets pages save downloads into {@code folder} under the name the server gives
     * (DevTools {@code Browser.setDownloadBehavior}); headless Chromium refuses downloads otherwise.
     */
    void allowDownloads(Path folder) throws Exception {
        devTools.call(Optional.empty(), "Browser.setDownloadBehavior", DevToolsConnection.params()
                .put("behavior", "allow").put("downloadPath", folder.toAbsolutePath().toString()));
    }

    /**
     * Waits until Chromium has finished saving {@code name} in {@code folder} (while it downloads the
     * file is {@code NAME.crdownload}); returns its path.
     */
    static Path awaitDownload(Path folder, String name, Duration timeout) throws Exception {
        Path file = folder.resolve(name);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.isRegularFile(file) || Files.exists(folder.resolve(name + ".crdownload"))) {
            if (System.nanoTime() > deadline) {
                try (Stream<Path> present = Files.list(folder)) {
                    throw new AssertionError("Chromium saved no " + name + " in " + folder + " within "
                            + timeout.toSeconds() + " s; the folder holds " + present.map(p -> p.getFileName()
                                    .toString()).toList());
                }
            }
            Thread.sleep(50);
        }
        return file;
    }

    /** A new blank page. */
    ChromiumTab newTab() throws Exception {
        return ChromiumTab.open(devTools);
    }

    /** The last lines Chromium wrote on stderr, for failure messages. */
    String stderrTail() {
        synchronized (stderrTail) {
            return "chromium stderr:\n" + String.join("\n", stderrTail);
        }
    }

    @Override
    public void close() {
        if (devTools != null) {
            try {
                devTools.call(Optional.empty(), "Browser.close", DevToolsConnection.params());
            } catch (Exception e) {
                // It may already be gone; it is killed below either way.
            }
            devTools.close();
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down; the hook does the same.
        }
    }

    /** Kills Chromium's children, then Chromium, then removes the profile. */
    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(profile);
    }

    /** Reads stderr to its end: completes with the DevTools address, keeps the last lines. */
    private static CompletableFuture<URI> readStderr(Process process, Deque<String> tail) {
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        endpoint.complete(URI.create(listening.group(1)));
                    }
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > KEPT_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // The stream closes when chromium is killed.
            }
            endpoint.completeExceptionally(new IOException("chromium exited before printing its DevTools address"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return endpoint;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: a profile left in /tmp is harmless, and the failure would hide the real one.
        }
    }
}
