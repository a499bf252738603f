package dev.corridor.bench.connect;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits for the first ping answered through the tunnel, the way the tunnel benchmark's shell loop does:
 * {@code ping -c 1 -w 2 -i 0.02 TARGET} again and again (it fails at once while there is no route).
 */
final class PingProbe {
    private final String target;

    PingProbe(String target) {
        this.target = target;
    }

    /** True when one ping is answered within about a second; used to check the lab before a client starts. */
    boolean answersNow() throws IOException, InterruptedException {
        return ping(1);
    }

    /**
     * Pings until an answer comes or {@code alive} turns false or the deadline passes.
     *
     * @return nanoTime of the answer, or -1
     */
    long awaitAnswer(long deadlineNanos, java.util.function.BooleanSupplier alive)
            throws IOException, InterruptedException {
        while (System.nanoTime() < deadlineNanos && alive.getAsBoolean()) {
            if (ping(2)) {
                return System.nanoTime();
            }
            Thread.sleep(10);
        }
        return -1;
    }

    private boolean ping(int waitSeconds) throws IOException, InterruptedException {
        Process ping = new ProcessBuilder(List.of("ping", "-c", "1", "-w", String.valueOf(waitSeconds), "-i", "0.02",
                "-q", target)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!ping.waitFor(waitSeconds + 3L, TimeUnit.SECONDS)) {
            ping.destroyForcibly();
            return false;
        }
        return ping.exitValue() == 0;
    }
}
