package dev.corridor.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP link to one server: a connected {@link DatagramChannel} on an ephemeral local port
 * ({@code nobind}), so the kernel drops datagrams from any other address.
 */
public final class UdpLink implements PacketLink {
    /** Socket buffers large enough to absorb bursts of full-size packets at a few hundred Mbit/s. */
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final DatagramChannel channel;
    private final InetSocketAddress remote;
    private final AtomicLong oversized = new AtomicLong();

    private UdpLink(DatagramChannel channel, InetSocketAddress remote) {
        this.channel = channel;
        this.remote = remote;
    }

    /** Opens a UDP socket and connects it to {@code remote} (no packet is sent by connecting). */
    public static UdpLink connect(InetSocketAddress remote) throws IOException {
        DatagramChannel channel = DatagramChannel.open(remote.getAddress() instanceof java.net.Inet6Address
                ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.connect(remote);
            return new UdpLink(channel, remote);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void send(ByteBuffer packet) throws IOException {
        channel.write(packet);
    }

    @Override
    public java.util.Optional<SegmentedSend> segmentedSend() {
        return dev.corridor.transport.os.LinuxUdpSegments.forChannel(channel);
    }

    @Override
    public int receive(ByteBuffer destination) throws IOException {
        while (true) {
            destination.clear();
            int length;
            try {
                length = channel.read(destination);
            } catch (ClosedChannelException e) {
                return -1;
            } catch (java.net.PortUnreachableException e) {
                continue; // ICMP port unreachable from an earlier send: the server may not be up yet
            }
            if (length < 0) {
                return -1;
            }
            if (!destination.hasRemaining() && length == destination.capacity()) {
                // The datagram may have been cut to the buffer size: check with a larger buffer next time.
                oversized.incrementAndGet();
                continue;
            }
            destination.flip();
            return length;
        }
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public boolean stream() {
        return false;
    }

    @Override
    public long droppedOversized() {
        return oversized.get();
    }

    /** The local address the kernel chose. */
    public InetSocketAddress local() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a datagram channel does not fail in a way anyone could act on
        }
    }
}
