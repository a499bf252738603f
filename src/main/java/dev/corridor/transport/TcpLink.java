package dev.corridor.transport;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP link to one server. Each OpenVPN packet travels with a 2-byte big-endian length in front:
 *
 * <pre>
 *   +--------+--------+------------------- ... ---+
 *   | len hi | len lo |  packet (len bytes)        |   len = 1..65535, not counting itself
 *   +--------+--------+------------------- ... ---+
 * </pre>
 */
public final class TcpLink implements PacketLink {
    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final ByteBuffer sendHeader = ByteBuffer.allocate(2);
    private final ByteBuffer receiveHeader = ByteBuffer.allocate(2);
    private final ByteBuffer discard = ByteBuffer.allocate(4096);
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private final AtomicLong oversized = new AtomicLong();

    private TcpLink(SocketChannel channel, InetSocketAddress remote) {
        this.channel = channel;
        this.remote = remote;
    }

    /** Connects to {@code remote}, giving up after {@code timeoutMillis} ({@code server-poll-timeout}). */
    public static TcpLink connect(InetSocketAddress remote, int timeoutMillis) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(remote, timeoutMillis);
            return new TcpLink(channel, remote);
        } catch (SocketTimeoutException e) {
            channel.close();
            throw new SocketTimeoutException("no TCP connection to " + remote + " within " + timeoutMillis + " ms");
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Wraps an accepted connection (server side). */
    public static TcpLink accepted(SocketChannel channel) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return new TcpLink(channel, (InetSocketAddress) channel.getRemoteAddress());
    }

    @Override
    public void send(ByteBuffer packet) throws IOException {
        int length = packet.remaining();
        if (length == 0 || length > 0xffff) {
            throw new IllegalArgumentException("an OpenVPN packet over TCP has 1..65535 bytes, not " + length);
        }
        synchronized (sendHeader) {
            sendHeader.clear();
            sendHeader.putShort((short) length).flip();
            gather[0] = sendHeader;
            gather[1] = packet;
            while (packet.hasRemaining() || sendHeader.hasRemaining()) {
                channel.write(gather);
            }
            gather[1] = null;
        }
    }

    @Override
    public int receive(ByteBuffer destination) throws IOException {
        try {
            while (true) {
                receiveHeader.clear();
                if (!readFully(receiveHeader)) {
                    return -1;
                }
                int length = receiveHeader.getShort(0) & 0xffff;
                if (length == 0) {
                    oversized.incrementAndGet(); // an empty frame carries nothing: skip it
                    continue;
                }
                if (length > destination.capacity()) {
                    oversized.incrementAndGet();
                    skip(length);
                    continue;
                }
                destination.clear().limit(length);
                if (!readFully(destination)) {
                    return -1;
                }
                destination.flip();
                return length;
            }
        } catch (ClosedChannelException e) {
            return -1;
        }
    }

    private boolean readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("the server closed the TCP connection in the middle of a packet");
            }
        }
        return true;
    }

    private void skip(int length) throws IOException {
        int left = length;
        while (left > 0) {
            discard.clear().limit(Math.min(left, discard.capacity()));
            if (!readFully(discard)) {
                throw new EOFException("the server closed the TCP connection in the middle of a packet");
            }
            left -= discard.limit();
        }
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public boolean stream() {
        return true;
    }

    @Override
    public long droppedOversized() {
        return oversized.get();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing useful to do when closing fails
        }
    }
}
