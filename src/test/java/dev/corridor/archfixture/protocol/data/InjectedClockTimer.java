package dev.corridor.archfixture.protocol.data;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Date;

/** Compliant: reads time only from an injected java.time.Clock, including Instant.now(clock). */
public final class InjectedClockTimer {
    private final Clock clock;

    public InjectedClockTimer(Clock clock) {
        this.clock = clock;
    }

    public boolean expired(Instant deadline) {
        return clock.millis() > deadline.toEpochMilli() || Instant.now(clock).isAfter(deadline);
    }

    public String stamp() {
        return LocalDateTime.now(clock) + " " + new Date(clock.millis()).getTime();
    }
}
