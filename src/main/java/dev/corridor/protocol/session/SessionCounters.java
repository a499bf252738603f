package dev.corridor.protocol.session;

/**
 * Control-channel packets a session dropped, by cause: damaged, failing authentication, replayed, or
 * belonging to a key or session it does not know. Mutable; owned by the session thread.
 */
public final class SessionCounters {
    private long malformed;
    private long unauthentic;
    private long replayed;
    private long foreign;

    void malformed() {
        malformed++;
    }

    void unauthentic() {
        unauthentic++;
    }

    void replayed() {
        replayed++;
    }

    void foreign() {
        foreign++;
    }

    public long malformedCount() {
        return malformed;
    }

    public long unauthenticCount() {
        return unauthentic;
    }

    public long replayedCount() {
        return replayed;
    }

    public long foreignCount() {
        return foreign;
    }

    public long total() {
        return malformed + unauthentic + replayed + foreign;
    }
}
