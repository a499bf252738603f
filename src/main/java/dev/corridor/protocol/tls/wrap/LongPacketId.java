package dev.corridor.protocol.tls.wrap;

import java.nio.ByteBuffer;

/**
 * A long-form replay packet-id: a uint32 counter and the uint32 unix time at which the sender's
 * counter started. tls-auth and tls-crypt stamp every control packet with one.
 *
 * <pre>
 *   +----+----+----+----+----+----+----+----+
 *   |  id (uint32, BE)  | time (uint32, BE) |
 *   +----+----+----+----+----+----+----+----+
 * </pre>
 *
 * @param id   counter, 1..2^32-1 on the wire (0 is never valid)
 * @param time sender's start time in unix seconds, 0..2^32-1
 */
public record LongPacketId(long id, long time) {
    /** Length on the wire. */
    public static final int LENGTH = 8;
    /** Largest counter or time value. */
    public static final long MAX = 0xFFFF_FFFFL;

    public LongPacketId {
        if (id < 0 || id > MAX || time < 0 || time > MAX) {
            throw new IllegalArgumentException("id and time are uint32 values");
        }
    }

    /** Reads the 8 bytes at {@code offset}; the caller has checked that they are there. */
    static LongPacketId read(byte[] source, int offset) {
        ByteBuffer in = ByteBuffer.wrap(source, offset, LENGTH);
        return new LongPacketId(Integer.toUnsignedLong(in.getInt()), Integer.toUnsignedLong(in.getInt()));
    }

    /** Writes the 8 bytes at the buffer's position. */
    void writeTo(ByteBuffer target) {
        target.putInt((int) id).putInt((int) time);
    }
}
