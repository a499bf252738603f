package dev.corridor.archfixture.protocol.reliable;

import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/** Compliant: timers are requested from an injected scheduler, never a thread of its own. */
public final class InjectedSchedulerRetransmitter {
    private final BiConsumer<Long, Runnable> scheduler;
    private final LongSupplier clock;

    public InjectedSchedulerRetransmitter(BiConsumer<Long, Runnable> scheduler, LongSupplier clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    public void armRetransmit(Runnable resend) {
        scheduler.accept(clock.getAsLong() + 2_000L, resend);
    }
}
