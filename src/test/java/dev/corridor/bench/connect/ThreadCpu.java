package dev.corridor.bench.connect;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of a JVM's threads by kind, from Linux's per-thread {@code /proc/<pid>/task/<tid>/schedstat}
 * (nanoseconds on the CPU) and {@code comm} (the thread name, cut to 15 characters), so that a connect's
 * cost shows where it went: the JIT compilers, the garbage collector, the client's threads. Threads that
 * ended between two snapshots are lost; the client's threads are per connect, so snapshots are taken
 * while they run (see {@link HandshakeBenchmark}).
 */
final class ThreadCpu {
    private ThreadCpu() {}

    /** Nanoseconds on the CPU so far, per thread id of this JVM, with the thread's kind. */
    static Map<String, Long> snapshot() {
        return snapshot("self", "");
    }

    /**
     * The same for process {@code pid} ("self": this JVM), each kind prefixed with {@code label}.
     */
    static Map<String, Long> snapshot(String pid, String label) {
        Map<String, Long> perThread = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    long nanos = Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                    perThread.put(task.getFileName() + " " + label + kind(name), nanos);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return perThread;
    }

    /** Milliseconds per kind between two snapshots (threads that started meanwhile count from zero). */
    static Map<String, Double> between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Double> perKind = new TreeMap<>();
        after.forEach((thread, nanos) -> {
            String kind = thread.substring(thread.indexOf(' ') + 1);
            perKind.merge(kind, (nanos - before.getOrDefault(thread, 0L)) / 1e6, Double::sum);
        });
        return perKind;
    }

    private static String kind(String name) {
        if (name.startsWith("C1 ") || name.startsWith("C2 ")) {
            return "JIT";
        }
        if (name.startsWith("G1 ") || name.startsWith("GC ") || name.startsWith("VM Thread")) {
            return "GC+VM";
        }
        if (name.startsWith("corridor-serve")) {
            return "server";
        }
        if (name.startsWith("corridor-")) {
            return "client";
        }
        if (name.startsWith("relay-")) {
            return "relay";
        }
        if (name.equals("java") || name.equals("main")) {
            return "main";
        }
        return "other";
    }
}
