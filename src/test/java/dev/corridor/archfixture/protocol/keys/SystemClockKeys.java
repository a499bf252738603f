package dev.corridor.archfixture.protocol.keys;

import java.time.Clock;

/** Breaks protocol-reads-no-clock: the protocol makes its own Clock.systemUTC(). */
public final class SystemClockKeys {
    private final Clock clock = Clock.systemUTC();

    public long keyAgeMillis(long createdMillis) {
        return clock.millis() - createdMillis;
    }
}
