package dev.corridor.archfixture.protocol.data;

import java.util.function.LongSupplier;

/** Breaks protocol-reads-no-clock: the protocol takes System::nanoTime as its time source. */
public final class NanoTimeReference {
    private final LongSupplier now = System::nanoTime;

    public long now() {
        return now.getAsLong();
    }
}
