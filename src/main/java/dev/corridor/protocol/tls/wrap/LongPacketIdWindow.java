package dev.corridor.protocol.tls.wrap;

/**
 * The receiving side of the long-form replay packet-id (protocol.md 5.6): a sliding window of the
 * last 64 ids at the current sender time, with entries expiring after 15 seconds.
 *
 * <pre>
 *   test(id, time):
 *     id == 0                    -> reject (never valid)
 *     time &gt; window time         -> accept (the sender restarted its counter; add() resets)
 *     time &lt; window time         -> reject (older than what we follow)
 *     time == window time:
 *       id &gt; highest             -> accept
 *       highest - id &gt;= 64       -> reject (fell out of the window)
 *       slot seen or expired     -> reject (replay)
 *       slot unseen              -> accept (late but new)
 *
 *   window, newest first:   slot[0] = highest, slot[1] = highest-1, ... slot[63]
 *   each slot: UNSEEN | seen at local time t | EXPIRED
 *   reap(now): walking from newest to oldest, the first slot seen more than 15 s ago and every
 *              older slot (seen or not) become EXPIRED.
 * </pre>
 *
 * This is the control-channel (long form) window; the data channel's short-form window lives in
 * {@code dev.corridor.protocol.data}. Check a packet only after its HMAC or tag is verified.
 */
public final class LongPacketIdWindow {
    /** Default window size (OpenVPN {@code replay-window 64}). */
    public static final int DEFAULT_SIZE = 64;
    /** Default expiry in seconds (OpenVPN {@code replay-window 64 15}). */
    public static final int DEFAULT_BACKTRACK_SECONDS = 15;

    private static final long UNSEEN = Long.MIN_VALUE;
    private static final long EXPIRED = Long.MIN_VALUE + 1;

    private final long[] slots;
    private final int backtrackSeconds;
    private int head;
    private int size;
    private long highestId;
    private long time;

    /** A window of 64 ids that expire after 15 seconds. */
    public LongPacketIdWindow() {
        this(DEFAULT_SIZE, DEFAULT_BACKTRACK_SECONDS);
    }

    /** A window of {@code size} ids (1..65536) that expire after {@code backtrackSeconds} (0..600). */
    public LongPacketIdWindow(int size, int backtrackSeconds) {
        if (size < 1 || size > 65536) {
            throw new IllegalArgumentException("window size must be 1..65536, was " + size);
        }
        if (backtrackSeconds < 0 || backtrackSeconds > 600) {
            throw new IllegalArgumentException("backtrack must be 0..600 s, was " + backtrackSeconds);
        }
        this.slots = new long[size];
        this.backtrackSeconds = backtrackSeconds;
    }

    /** Tests and, if fresh, records the id: true when the packet is to be accepted. */
    public boolean accept(LongPacketId packetId, long nowSeconds) {
        if (!test(packetId, nowSeconds)) {
            return false;
        }
        add(packetId, nowSeconds);
        return true;
    }

    /** True when the id is fresh; expires old entries first but records nothing. */
    public boolean test(LongPacketId packetId, long nowSeconds) {
        reap(nowSeconds);
        long id = packetId.id();
        if (id == 0) {
            return false;
        }
        if (packetId.time() > time) {
            return true;
        }
        if (packetId.time() < time) {
            return false;
        }
        if (id > highestId) {
            return true;
        }
        long back = highestId - id;
        if (back >= size) {
            return false;
        }
        return slot((int) back) == UNSEEN;
    }

    /** Records the id as seen at {@code nowSeconds}; call only after {@link #test} accepted it. */
    public void add(LongPacketId packetId, long nowSeconds) {
        long id = packetId.id();
        int capacity = slots.length;
        if (size == 0 || packetId.time() > time || (id >= capacity && id - capacity > highestId)) {
            time = packetId.time();
            highestId = id > capacity ? id - capacity : 0;
            head = 0;
            size = 0;
        }
        while (highestId < id) {
            push(UNSEEN);
            highestId++;
        }
        long back = highestId - id;
        if (back < size) {
            setSlot((int) back, Math.max(nowSeconds, EXPIRED + 1));
        }
    }

    private void reap(long nowSeconds) {
        if (backtrackSeconds == 0) {
            return;
        }
        boolean expire = false;
        for (int i = 0; i < size; i++) {
            long seenAt = slot(i);
            if (seenAt == EXPIRED) {
                break;
            }
            if (!expire && seenAt != UNSEEN && seenAt + backtrackSeconds < nowSeconds) {
                expire = true;
            }
            if (expire) {
                setSlot(i, EXPIRED);
            }
        }
    }

    private void push(long value) {
        head = (head - 1 + slots.length) % slots.length;
        slots[head] = value;
        size = Math.min(size + 1, slots.length);
    }

    private long slot(int back) {
        return slots[(head + back) % slots.length];
    }

    private void setSlot(int back, long value) {
        slots[(head + back) % slots.length] = value;
    }
}
