package dev.corridor.bench.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One client process connected (or connecting) to a server: started, timed until the first ping
 * through the tunnel to the host behind the server is answered, and stopped with SIGTERM.
 *
 * <pre>
 *   t0 = before the client process starts
 *   in cbt-c: until ping -c 1 -w 2 -i 0.02 10.101.0.10; do sleep 0.02; done   (no route → fails at once)
 *   t1 = the loop ends with exit 0          connect time = t1 - t0
 * </pre>
 */
final class TunnelSession implements AutoCloseable {
    private static final String PROBE = "until ping -n -q -c 1 -w 2 -i 0.02 " + TunnelLab.HOST_ADDRESS
            + " >/dev/null 2>&1; do sleep 0.02; done";

    private final VpnClient client;
    private final Process process;
    private final Path log;
    private final long connectNanos;

    private TunnelSession(VpnClient client, Process process, Path log, long connectNanos) {
        this.client = client;
        this.process = process;
        this.log = log;
        this.connectNanos = connectNanos;
    }

    /** Starts {@code client} against {@code server} and returns once a ping through the tunnel is answered. */
    static TunnelSession open(TunnelLab lab, VpnClient client, VpnServer server, String javaOptions,
            long timeoutSeconds) throws IOException, InterruptedException {
        Commands.Result before = Commands.run(TunnelLab.exec(TunnelLab.CLIENT, "ip", "route", "get",
                TunnelLab.HOST_ADDRESS), 10);
        if (before.exit() == 0) {
            throw new IllegalStateException("the client namespace reaches " + TunnelLab.HOST_ADDRESS
                    + " before the client starts (a leftover of the previous client?):\n" + before.output()
                    + TunnelLab.in(TunnelLab.CLIENT, "ip", "addr"));
        }
        Path folder = Files.createTempDirectory(lab.folder(), "client-");
        Path log = folder.resolve("client.log");
        List<String> command = client.command(folder, server.clientProfile(), javaOptions);
        long started = System.nanoTime();
        Process process = lab.spawn(command, log);
        Process probe = lab.spawn(TunnelLab.exec(TunnelLab.CLIENT, "sh", "-c", PROBE), folder.resolve("probe.log"));
        long deadline = started + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            while (!probe.waitFor(5, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(client.label() + " against " + server.label()
                            + (process.isAlive() ? " did not pass a ping within " + timeoutSeconds + " s"
                                    : " exited " + process.exitValue()) + ":\n" + VpnServer.read(log)
                            + "\n--- server:\n" + server.log());
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            probe.destroyForcibly();
            TunnelLab.stop(process, 20);
            throw e;
        }
        long connected = System.nanoTime() - started;
        return new TunnelSession(client, process, log, connected);
    }

    /** From process start to the first answered ping, in milliseconds. */
    double connectMillis() {
        return connectNanos / 1e6;
    }

    /** The data cipher the client reports (waiting up to 5 s for the line), or "?". */
    String cipher() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            var cipher = client.cipher(VpnServer.read(log));
            if (cipher.isPresent() || System.nanoTime() > deadline) {
                return cipher.orElse("?");
            }
            Thread.sleep(50);
        }
    }

    String log() {
        return VpnServer.read(log);
    }

    /** The client process's id (the JVM or {@code openvpn}), for its resident memory. */
    long pid() {
        return ResidentMemory.workerPid(process);
    }

    /** SIGTERM and wait until the client has ended and its TUN device is gone. */
    @Override
    public void close() throws InterruptedException {
        TunnelLab.stop(process, 30);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline
                && TunnelLab.in(TunnelLab.CLIENT, "ip", "-o", "link").lines().anyMatch(l -> l.contains("tun"))) {
            Thread.sleep(50);
        }
    }
}
