package dev.corridor.protocol.tls.wrap;

/**
 * The sending side of the long-form replay packet-id: the counter starts at 1, rises by one for
 * every packet sent (retransmissions included), and carries the time of the first packet.
 *
 * <pre>
 *   first next(now):  time := now, id := 1 (or lastId + 1)
 *   later next(now):  id := id + 1
 *   id at 2^32-1:     if now &gt; time: time := now, id := 1   (long form may roll over)
 *                     else refuse: the packet cannot be sent yet
 * </pre>
 */
final class LongPacketIdCounter {
    private long id;
    private long time;
    private boolean started;

    /** A counter whose first packet gets id 1. */
    LongPacketIdCounter() {
        this(0);
    }

    /**
     * A counter whose first packet gets {@code lastId + 1}; tls-crypt-v2 early negotiation starts
     * after 0x0f000000.
     */
    LongPacketIdCounter(long lastId) {
        if (lastId < 0 || lastId > LongPacketId.MAX) {
            throw new IllegalArgumentException("the counter is a uint32");
        }
        this.id = lastId;
    }

    /** The id for the next packet sent at {@code nowSeconds} (unix time). */
    LongPacketId next(long nowSeconds) {
        long now = nowSeconds & LongPacketId.MAX;
        if (!started) {
            time = now;
            started = true;
        }
        if (id == LongPacketId.MAX) {
            if (now <= time) {
                throw new IllegalStateException("replay packet-id exhausted within one second; cannot send");
            }
            time = now;
            id = 0;
        }
        id++;
        return new LongPacketId(id, time);
    }
}
