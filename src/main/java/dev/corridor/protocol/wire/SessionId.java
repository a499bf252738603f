package dev.corridor.protocol.wire;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An OpenVPN session id: 8 random bytes that name one end of a session in every control packet.
 * All zero means "undefined" (no session yet); a generated id is never all zero.
 *
 * <pre>
 *   +--+--+--+--+--+--+--+--+
 *   |b0|b1|b2|b3|b4|b5|b6|b7|   stored as one big-endian long
 *   +--+--+--+--+--+--+--+--+
 * </pre>
 *
 * Session ids are not secret (they travel in the clear), so {@link #toString()} shows them.
 */
public final class SessionId {
    /** Length on the wire. */
    public static final int LENGTH = 8;
    /** The all-zero id, meaning "no session id yet". */
    public static final SessionId UNDEFINED = new SessionId(0L);

    private final long value;

    private SessionId(long value) {
        this.value = value;
    }

    /** A fresh random, defined id. */
    public static SessionId random(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        long value;
        do {
            value = random.nextLong();
        } while (value == 0L);
        return new SessionId(value);
    }

    /** The id held in exactly 8 bytes. */
    public static SessionId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a session id has 8 bytes, not " + bytes.length);
        }
        return read(bytes, 0);
    }

    /** The id whose big-endian bytes are this long. */
    public static SessionId of(long value) {
        return value == 0L ? UNDEFINED : new SessionId(value);
    }

    /** Reads 8 bytes at {@code offset}; the caller has checked that they are there. */
    static SessionId read(byte[] source, int offset) {
        return of(ByteBuffer.wrap(source, offset, LENGTH).getLong());
    }

    /** False for the all-zero id. */
    public boolean isDefined() {
        return value != 0L;
    }

    /** The id as a big-endian long. */
    public long asLong() {
        return value;
    }

    /** A new copy of the 8 bytes. */
    public byte[] bytes() {
        return ByteBuffer.allocate(LENGTH).putLong(value).array();
    }

    /** Writes the 8 bytes at the buffer's position. */
    public void writeTo(ByteBuffer target) {
        target.putLong(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionId that && that.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes());
    }
}
