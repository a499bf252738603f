package dev.corridor.archfixture.protocol.message;

import java.time.Instant;

/** Breaks protocol-reads-no-clock: the protocol calls Instant.now(). */
public final class InstantNowStamp {
    public Instant stamp() {
        return Instant.now();
    }
}
