package dev.corridor.protocol.data;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * OpenVPN's sliding replay window (protocol.md §5.6; packet_id.c {@code packet_id_test} /
 * {@code packet_id_add} / {@code packet_id_reap}), in the short form used by the data channel and
 * the long form (id + time) used by tls-auth and tls-crypt.
 *
 * <pre>
 *   ids:      ... h-size+1 ........................ h-1   h     │ h+1 ...
 *             └──────────────── window (size) ─────────────────┘ │ always acceptable
 *   slot(id) = id mod size; each slot holds the local time the id was accepted, or UNSEEN
 *
 *   check(id, time):
 *     id == 0                        → INVALID_ID
 *     time < window time             → TIME_BACKTRACK   (long form)
 *     time > window time             → ACCEPTABLE       (long form: a new window will start)
 *     id > h                         → ACCEPTABLE
 *     h - id >= size                 → OUTSIDE_WINDOW
 *     slot seen                      → REPLAYED
 *     some id in [id, h] was accepted
 *       more than timeBacktrack ago  → EXPIRED
 *     otherwise                      → ACCEPTABLE
 * </pre>
 *
 * <p>The time rule is OpenVPN's "reap": once an accepted packet is older than the time backtrack,
 * every older unseen id is expired too, so a very late packet cannot slip in long after the
 * packets around it. Short form uses time 0 throughout.
 *
 * <p>Call {@link #check} before and {@link #commit} only after the packet has been authenticated, so
 * that forged packets cannot move the window. Not thread-safe: one window per receiving thread.
 * Checking and committing allocate nothing; an out-of-order id costs a scan of at most
 * {@code size} slots when the time backtrack is enabled.
 */
public final class ReplayWindow {
    /** OpenVPN's default {@code replay-window} size. */
    public static final int DEFAULT_SIZE = 64;
    /** OpenVPN's default {@code replay-window} time. */
    public static final Duration DEFAULT_TIME_BACKTRACK = Duration.ofSeconds(15);
    /** OpenVPN's MAX_SEQ_BACKTRACK. */
    public static final int MAX_SIZE = 65536;
    /** OpenVPN's MAX_TIME_BACKTRACK. */
    public static final Duration MAX_TIME_BACKTRACK = Duration.ofSeconds(600);

    private static final long UNSEEN = Long.MIN_VALUE;
    private static final long MAX_PACKET_ID = 0xFFFF_FFFFL;

    private final int size;
    private final Duration timeBacktrack;
    private final long backtrackMillis;
    /** Local time at which the id in each slot was accepted, or {@link #UNSEEN}. */
    private final long[] acceptedAt;
    private long highest;
    private long windowTime;
    private boolean started;

    /**
     * @param size          how many ids below the highest are still accepted, 1..65536
     * @param timeBacktrack how long after a newer packet an older unseen id expires, 0..600 s;
     *                      zero turns expiry off
     */
    public ReplayWindow(int size, Duration timeBacktrack) {
        Objects.requireNonNull(timeBacktrack, "timeBacktrack");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("replay window size must be 1.." + MAX_SIZE + ", got " + size);
        }
        if (timeBacktrack.isNegative() || timeBacktrack.compareTo(MAX_TIME_BACKTRACK) > 0) {
            throw new IllegalArgumentException(
                    "time backtrack must be 0.." + MAX_TIME_BACKTRACK + ", got " + timeBacktrack);
        }
        this.size = size;
        this.timeBacktrack = timeBacktrack;
        this.backtrackMillis = timeBacktrack.toMillis();
        this.acceptedAt = new long[size];
        reset();
    }

    /** A window with OpenVPN's defaults: 64 packets, 15 seconds. */
    public static ReplayWindow withDefaults() {
        return new ReplayWindow(DEFAULT_SIZE, DEFAULT_TIME_BACKTRACK);
    }

    /** Forgets every id and time, as a new window. */
    public void reset() {
        Arrays.fill(acceptedAt, UNSEEN);
        highest = 0;
        windowTime = 0;
        started = false;
    }

    /** Short form: whether a packet id may be accepted; changes nothing. */
    public ReplayVerdict check(long packetId, long nowMillis) {
        return check(packetId, 0, nowMillis);
    }

    /** Short form: records an authenticated, {@link ReplayVerdict#ACCEPTABLE} packet id. */
    public void commit(long packetId, long nowMillis) {
        commit(packetId, 0, nowMillis);
    }

    /** Short form: {@link #check}, and {@link #commit} when acceptable. Call only after authentication. */
    public ReplayVerdict checkAndCommit(long packetId, long nowMillis) {
        return checkAndCommit(packetId, 0, nowMillis);
    }

    /**
     * Long form: whether a packet with this id and sender time may be accepted; changes nothing.
     *
     * @param packetTime the sender's time field (seconds, as sent); 0 in short form
     * @param nowMillis  local time in milliseconds, from the caller's clock
     */
    public ReplayVerdict check(long packetId, long packetTime, long nowMillis) {
        if (packetId <= 0 || packetId > MAX_PACKET_ID) {
            return ReplayVerdict.INVALID_ID;
        }
        if (started && packetTime < windowTime) {
            return ReplayVerdict.TIME_BACKTRACK;
        }
        if (!started || packetTime > windowTime || packetId > highest) {
            return ReplayVerdict.ACCEPTABLE;
        }
        long distance = highest - packetId;
        if (distance >= size) {
            return ReplayVerdict.OUTSIDE_WINDOW;
        }
        if (acceptedAt[slot(packetId)] != UNSEEN) {
            return ReplayVerdict.REPLAYED;
        }
        return expired(distance, nowMillis) ? ReplayVerdict.EXPIRED : ReplayVerdict.ACCEPTABLE;
    }

    /**
     * Long form: records an authenticated packet that {@link #check} found acceptable. A newer time
     * starts a new window; ids the window cannot hold (or an older time) are ignored.
     */
    public void commit(long packetId, long packetTime, long nowMillis) {
        if (packetId <= 0 || packetId > MAX_PACKET_ID || (started && packetTime < windowTime)) {
            return;
        }
        if (!started || packetTime > windowTime || packetId - size > highest) {
            Arrays.fill(acceptedAt, UNSEEN);
            windowTime = packetTime;
            highest = packetId;
            started = true;
        } else if (packetId > highest) {
            for (long id = highest + 1; id < packetId; id++) {
                acceptedAt[slot(id)] = UNSEEN;
            }
            highest = packetId;
        } else if (highest - packetId >= size) {
            return;
        }
        acceptedAt[slot(packetId)] = nowMillis;
    }

    /** Long form: {@link #check}, and {@link #commit} when acceptable. Call only after authentication. */
    public ReplayVerdict checkAndCommit(long packetId, long packetTime, long nowMillis) {
        ReplayVerdict verdict = check(packetId, packetTime, nowMillis);
        if (verdict.acceptable()) {
            commit(packetId, packetTime, nowMillis);
        }
        return verdict;
    }

    /** Whether some id in (packetId, highest] was accepted more than the time backtrack before now. */
    private boolean expired(long distance, long nowMillis) {
        if (backtrackMillis == 0) {
            return false;
        }
        for (long newer = highest - distance + 1; newer <= highest; newer++) {
            long when = acceptedAt[slot(newer)];
            if (when != UNSEEN && when + backtrackMillis < nowMillis) {
                return true;
            }
        }
        return false;
    }

    private int slot(long packetId) {
        return (int) (packetId % size);
    }

    public int size() {
        return size;
    }

    public Duration timeBacktrack() {
        return timeBacktrack;
    }

    /** The highest id accepted so far, 0 before the first. */
    public long highestId() {
        return highest;
    }

    @Override
    public String toString() {
        return "ReplayWindow[size=" + size + ", timeBacktrack=" + timeBacktrack + ", highest=" + highest + "]";
    }
}
