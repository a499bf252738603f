package dev.corridor.protocol.data;

/** The answer of {@link ReplayWindow#check}: whether a packet id may be accepted, and if not, why. */
public enum ReplayVerdict {
    /** New: higher than any seen, or inside the window, unseen and not expired. */
    ACCEPTABLE,
    /** Packet id 0 (or more than 32 bits), which no OpenVPN peer sends. */
    INVALID_ID,
    /** This id was already accepted. */
    REPLAYED,
    /** So far below the highest id that the window no longer covers it. */
    OUTSIDE_WINDOW,
    /** Inside the window and unseen, but a newer packet was accepted longer ago than the time backtrack. */
    EXPIRED,
    /** Long form only: the packet's time is older than the window's time. */
    TIME_BACKTRACK;

    public boolean acceptable() {
        return this == ACCEPTABLE;
    }
}
