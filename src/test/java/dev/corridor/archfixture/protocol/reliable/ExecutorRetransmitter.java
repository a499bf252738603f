package dev.corridor.archfixture.protocol.reliable;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Breaks protocol-starts-no-threads: the protocol schedules on an executor of its own. */
public final class ExecutorRetransmitter {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    public void armRetransmit(Runnable resend) {
        timers.schedule(resend, 2, TimeUnit.SECONDS);
    }
}
