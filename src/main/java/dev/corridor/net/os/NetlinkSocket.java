package dev.corridor.net.os;

import java.io.IOException;

/**
 * A NETLINK_ROUTE socket reduced to what {@link RtnetlinkChannel} needs: send one datagram to the
 * kernel, receive one. {@link NativeNetlinkSocket} is the real one; tests answer with encoded replies.
 */
interface NetlinkSocket extends AutoCloseable {

    /** Sends one datagram (one or more encoded messages) to the kernel. */
    void send(byte[] datagram) throws IOException;

    /**
     * Receives one datagram into {@code buffer} and returns its length; a datagram larger than the
     * buffer, or no answer within the socket's time limit, is an {@link IOException}.
     */
    int receive(byte[] buffer) throws IOException;

    @Override
    void close();

    /** Opens a socket; one per snapshot or change. */
    @FunctionalInterface
    interface Opener {
        NetlinkSocket open() throws IOException;
    }
}
