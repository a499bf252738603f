package dev.corridor.cli.demo;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Prints alice's new MFA code on the terminal each time it changes (every 30 s) while the demo runs. */
public final class CodeTicker implements AutoCloseable {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    private CodeTicker(PrintWriter out, Clock clock) {
        thread = new Thread(() -> loop(out, clock), "corridor-demo-codes");
        thread.setDaemon(true);
    }

    /** Starts printing; the first line comes when the current code changes. */
    public static CodeTicker start(PrintWriter out, Clock clock) {
        CodeTicker ticker = new CodeTicker(out, clock);
        ticker.thread.start();
        return ticker;
    }

    private void loop(PrintWriter out, Clock clock) {
        try {
            // Whole seconds from mid-second wake up just after the 30-second boundary.
            while (!stop.await(DemoUser.secondsLeft(clock.instant()) * 1000L, TimeUnit.MILLISECONDS)) {
                Instant now = clock.instant();
                synchronized (out) {
                    out.println(DemoInfo.codeLine(now));
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops printing and waits for the thread to end. */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
