package dev.corridor.archfixture.protocol;

/** Breaks protocol-reads-no-clock: the protocol calls System.currentTimeMillis(). */
public final class ClockReadingTimer {
    public boolean expired(long deadlineMillis) {
        return System.currentTimeMillis() > deadlineMillis;
    }
}
