package dev.corridor.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoint under test as its own process ({@code corridor server run} on this JVM's class
 * path), so that its resident memory and CPU time can be read from {@code /proc/<pid>} apart
 * from the load generator's. Its output is copied to a log file and its connect, refuse and
 * disconnect lines are counted.
 */
final class EndpointProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile(
            "Serving \\S+ on udp ([0-9.]+):(\\d+); server tunnel address ([0-9.]+);");
    private static final Pattern DISCONNECT = Pattern.compile(" disconnect \\S+ .* after \\d+ s: (.*)$");
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern THREAD_CPU = Pattern.compile("\"(corridor-server[^\"]*)\".*? cpu=([0-9.]+)ms");
    /** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    /** Where the server listens and its tunnel address. */
    record Serving(String host, int port, String tunnelAddress) {}

    /** Memory of the process from /proc/<pid>/status, in KiB. */
    record Memory(long rssKib, long peakRssKib) {}

    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final Map<String, Integer> disconnects = new TreeMap<>();
    private volatile Serving serving;

    private EndpointProcess(Process process, Path log) {
        this.process = process;
        Thread reader = new Thread(() -> copy(log), "endpoint-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code corridor server run --config CONFIG --port-override 0} and waits until it serves. */
    static EndpointProcess start(Path config, Path log, String javaOptions) throws IOException, InterruptedException {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new java.util.ArrayList<String>();
        command.add(javaBinary);
        command.add("--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED"); // as the jar's manifest: AES-GCM's GHASH intrinsic
        if (!javaOptions.isBlank()) {
            command.addAll(java.util.List.of(javaOptions.trim().split("\\s+")));
        }
        command.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), "dev.corridor.cli.Main",
                "server", "run", "--config", config.toString(), "--listen", "127.0.0.1", "--port-override", "0"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        EndpointProcess endpoint = new EndpointProcess(process, log);
        if (!endpoint.ready.await(60, TimeUnit.SECONDS)) {
            endpoint.close();
            throw new IOException("the endpoint did not start within 60 s; see " + log);
        }
        return endpoint;
    }

    private void copy(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); var out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                count(line);
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            ready.countDown();
        }
    }

    private void count(String line) {
        Matcher serving = SERVING.matcher(line);
        if (serving.find()) {
            this.serving = new Serving(serving.group(1), Integer.parseInt(serving.group(2)), serving.group(3));
            ready.countDown();
        } else if (line.contains(" connect cvpn-")) {
            connects.incrementAndGet();
        } else if (line.contains(" refused ")) {
            refusals.incrementAndGet();
        } else {
            Matcher disconnect = DISCONNECT.matcher(line);
            if (disconnect.find()) {
                synchronized (disconnects) {
                    disconnects.merge(disconnect.group(1), 1, Integer::sum);
                }
            }
        }
    }

    Serving serving() {
        if (serving == null) {
            throw new IllegalStateException("the endpoint exited before serving (exit " + exitCode() + ")");
        }
        return serving;
    }

    private String exitCode() {
        return process.isAlive() ? "none yet" : String.valueOf(process.exitValue());
    }

    long pid() {
        return process.pid();
    }

    int connects() {
        return connects.get();
    }

    int refusals() {
        return refusals.get();
    }

    /** Disconnect lines by reason. */
    Map<String, Integer> disconnects() {
        synchronized (disconnects) {
            return new TreeMap<>(disconnects);
        }
    }

    /** VmRSS and VmHWM now. */
    Memory memory() throws IOException {
        long rss = 0;
        long hwm = 0;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = kib(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = kib(line);
            }
        }
        return new Memory(rss, hwm);
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /**
     * The server's Java heap in use right after a full collection, in KiB ({@code jcmd <pid> GC.run},
     * then {@code GC.heap_info}); -1 when jcmd is not there or its answer cannot be read.
     */
    long heapUsedAfterGcKib() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        run(jcmd.toString(), String.valueOf(pid()), "GC.run");
        Matcher used = HEAP_USED.matcher(run(jcmd.toString(), String.valueOf(pid()), "GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) : -1;
    }

    /**
     * CPU time of each of the server's own threads ({@code corridor-server-*}) in milliseconds, from
     * {@code jcmd <pid> Thread.print}; empty when jcmd is not there.
     */
    Map<String, Double> threadCpuMillis() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Map<String, Double> cpu = new TreeMap<>();
        if (Files.isExecutable(jcmd)) {
            Matcher thread = THREAD_CPU.matcher(run(jcmd.toString(), String.valueOf(pid()), "Thread.print"));
            while (thread.find()) {
                cpu.put(thread.group(1), Double.parseDouble(thread.group(2)));
            }
        }
        return cpu;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    /** User plus system CPU time of the process so far, in milliseconds. */
    long cpuMillis() throws IOException {
        return cpuMillisOf(pid());
    }

    /** User plus system CPU time of process {@code pid}, from /proc/<pid>/stat fields 14 and 15. */
    static long cpuMillisOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // the command name (field 2) is in parentheses and may contain spaces; count from after it
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** Stops the server as Ctrl-C would (its shutdown hook says goodbye to connected clients). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
