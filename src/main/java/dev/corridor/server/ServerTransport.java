package dev.corridor.server;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Moves the endpoint's packets to and from its clients: one UDP socket shared by every client, or
 * one TCP connection per client with OpenVPN's 2-byte length framing.
 *
 * <p>Packets arrive on the transport's own reader threads (one for UDP, one per TCP connection);
 * each reader thread has its own {@link ReceiveBuffers}. {@link #send} may be called from any thread.
 */
interface ServerTransport extends AutoCloseable {
    /** Largest OpenVPN packet either transport carries. */
    int MAX_PACKET_BYTES = 65536;

    /** Where received packets go. Called on reader threads; must not block for long. */
    interface Receiver {
        /** One packet of {@code length} bytes (valid only during the call) from {@code from}. */
        void packet(InetSocketAddress from, byte[] packet, int length, ReceiveBuffers buffers);

        /** The client's TCP connection ended (never called for UDP). */
        void closed(InetSocketAddress from);
    }

    /** Scratch space owned by one reader thread: decrypted payload and the sealed answer. */
    final class ReceiveBuffers {
        final byte[] plain = new byte[MAX_PACKET_BYTES];
        final byte[] reply = new byte[MAX_PACKET_BYTES];
    }

    /** Binds and starts the reader threads. */
    void start(Receiver receiver) throws IOException;

    /** The bound address with its actual port. */
    InetSocketAddress localAddress();

    /** Sends one packet to a client; a failed send is a lost packet (the peers' timers recover). */
    void send(InetSocketAddress to, byte[] bytes, int offset, int length);

    /** Drops the client's connection (TCP); nothing to do for UDP. */
    void disconnect(InetSocketAddress client);

    /** True for TCP. */
    boolean stream();

    /** Closes the socket(s); reader threads end. */
    @Override
    void close();
}
