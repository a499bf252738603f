package dev.corridor.bench.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The resident memory ({@code VmRSS} of {@code /proc/<pid>/status}) of one process: read once, or
 * sampled every {@value #PERIOD_MILLIS} ms on a thread of its own until closed, keeping the peak.
 */
final class ResidentMemory implements AutoCloseable {
    private static final long PERIOD_MILLIS = 100;

    private final long pid;
    private final AtomicLong peakKib = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private ResidentMemory(long pid) {
        this.pid = pid;
        this.sampler = new Thread(this::sample, "cbt-rss-" + pid);
        sampler.setDaemon(true);
    }

    /** Starts sampling process {@code pid}. */
    static ResidentMemory sample(long pid) {
        ResidentMemory memory = new ResidentMemory(pid);
        memory.peakKib.set(kibOf(pid));
        memory.sampler.start();
        return memory;
    }

    /** The process's VmRSS now in KiB; 0 once it has ended. */
    static long kibOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The process that does the work: {@code ip netns exec} replaces itself with its command, so
     * normally {@code process} itself; its first child when it is still {@code ip} (a forking ip).
     */
    static long workerPid(Process process) {
        ProcessHandle handle = process.toHandle();
        boolean stillIp = handle.info().command().map(command -> command.endsWith("/ip")).orElse(false);
        return stillIp ? handle.children().findFirst().map(ProcessHandle::pid).orElse(handle.pid()) : handle.pid();
    }

    /** The highest VmRSS seen so far, in KiB. */
    long peakKib() {
        return peakKib.get();
    }

    private void sample() {
        while (running) {
            peakKib.accumulateAndGet(kibOf(pid), Math::max);
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(1000);
        peakKib.accumulateAndGet(kibOf(pid), Math::max);
    }
}
