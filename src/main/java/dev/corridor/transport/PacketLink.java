package dev.corridor.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A connection to one OpenVPN peer that moves whole packets: one datagram per packet over UDP, a
 * 2-byte length prefix per packet over TCP, or an in-memory queue in tests.
 *
 * <p>{@link #send} may be called from several threads (the session thread sends control packets
 * while the data loop sends data packets); {@link #receive} is called by one reader thread.
 */
public interface PacketLink extends Closeable {
    /** Sends the remaining bytes of {@code packet} as one packet; the buffer's position moves to its limit. */
    void send(ByteBuffer packet) throws IOException;

    /**
     * Blocks until a packet arrives and copies it into {@code destination} (cleared first, flipped
     * after). Returns its length, or -1 once the link is closed. A packet larger than the buffer is
     * dropped and counted, never truncated silently.
     */
    int receive(ByteBuffer destination) throws IOException;

    /** The peer's address. */
    InetSocketAddress remote();

    /** True for TCP, where OpenVPN frames packets with a length and the peer may close the stream. */
    boolean stream();

    /** Packets dropped because they did not fit the receive buffer or broke the framing. */
    long droppedOversized();

    /**
     * Segmented sends of several datagrams at once on this link's socket (Linux UDP), for the one
     * thread that sends data packets; empty on links that cannot do it (TCP, other systems).
     */
    default java.util.Optional<SegmentedSend> segmentedSend() {
        return java.util.Optional.empty();
    }

    /** Closes the link; a blocked {@link #receive} returns -1. */
    @Override
    void close();
}
