package dev.corridor.protocol.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a received TCP byte stream back into OpenVPN packets, whatever size the chunks arrive in.
 *
 * <pre>
 *   state machine (one per TCP connection):
 *
 *        +--------------------+  2 prefix bytes,  +---------------------+
 *        | READING_PREFIX     | ----------------> | READING_PACKET(len) |
 *        | (0..1 bytes held)  | &lt;---------------- | (0..len-1 held)     |
 *        +--------------------+   len bytes done  +---------------------+
 *                  |                                 -> emit packet
 *                  | len == 0 or len &gt; limit
 *                  v
 *        +--------------------+
 *        | BROKEN             |  every later chunk is refused; close the connection
 *        +--------------------+
 * </pre>
 *
 * Memory stays below {@code 2 + maxPacketLength} bytes per connection. Not thread-safe: one reader
 * per connection.
 */
public final class TcpStreamDeframer {
    private final int maxPacketLength;
    private final byte[] prefix = new byte[TcpFraming.PREFIX_LENGTH];
    private int prefixHeld;
    private byte[] packet;
    private int packetHeld;
    private String brokenReason;

    /** A deframer that refuses packets longer than {@code maxPacketLength} (1..65535). */
    public TcpStreamDeframer(int maxPacketLength) {
        if (maxPacketLength < 1 || maxPacketLength > TcpFraming.MAX_PACKET_LENGTH) {
            throw new IllegalArgumentException("the limit must be 1..65535, was " + maxPacketLength);
        }
        this.maxPacketLength = maxPacketLength;
    }

    /** Feeds a whole chunk. */
    public Deframed feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    /** Feeds {@code chunk[offset, offset + length)} and returns the packets it completes. */
    public Deframed feed(byte[] chunk, int offset, int length) {
        List<byte[]> done = new ArrayList<>();
        if (brokenReason != null) {
            return new Deframed.Broken(done, brokenReason);
        }
        if (offset < 0 || length < 0 || offset > chunk.length - length) {
            throw new IndexOutOfBoundsException("chunk range outside the array");
        }
        int at = offset;
        int end = offset + length;
        while (at < end) {
            if (packet == null) {
                prefix[prefixHeld++] = chunk[at++];
                if (prefixHeld < TcpFraming.PREFIX_LENGTH) {
                    continue;
                }
                prefixHeld = 0;
                int announced = (prefix[0] & 0xFF) << 8 | (prefix[1] & 0xFF);
                if (announced == 0) {
                    return breakWith(done, "length 0");
                }
                if (announced > maxPacketLength) {
                    return breakWith(done, "length " + announced + " is above the limit " + maxPacketLength);
                }
                packet = new byte[announced];
                packetHeld = 0;
            } else {
                int take = Math.min(end - at, packet.length - packetHeld);
                System.arraycopy(chunk, at, packet, packetHeld, take);
                at += take;
                packetHeld += take;
                if (packetHeld == packet.length) {
                    done.add(packet);
                    packet = null;
                }
            }
        }
        return new Deframed.Packets(done);
    }

    /** True when no partial packet or prefix is held (a clean place for the stream to end). */
    public boolean isAtBoundary() {
        return brokenReason == null && packet == null && prefixHeld == 0;
    }

    private Deframed breakWith(List<byte[]> done, String reason) {
        brokenReason = reason;
        packet = null;
        return new Deframed.Broken(done, reason);
    }
}
