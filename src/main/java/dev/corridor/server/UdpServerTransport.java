package dev.corridor.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** The endpoint's UDP socket: one datagram per OpenVPN packet, one reader thread for all clients. */
final class UdpServerTransport implements ServerTransport {
    private final InetSocketAddress bind;
    private DatagramChannel channel;
    private Thread reader;

    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    UdpServerTransport(InetSocketAddress bind) {
        this.bind = bind;
    }

    @Override
    public void start(Receiver receiver) throws IOException {
        channel = DatagramChannel.open(bind.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        // One socket carries every client's data: a burst from many (or one fast) client must not
        // overflow the kernel's default queue of about 200 KB (drops become TCP retransmissions
        // inside the tunnel). The kernel caps this at net.core.rmem_max / wmem_max.
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        channel.bind(bind);
        reader = new Thread(() -> read(receiver), "corridor-server-udp");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Receiver receiver) {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_PACKET_BYTES);
        ReceiveBuffers buffers = new ReceiveBuffers();
        while (channel.isOpen()) {
            SocketAddress from;
            try {
                buffer.clear();
                from = channel.receive(buffer);
            } catch (IOException e) {
                return; // closed
            }
            if (from instanceof InetSocketAddress sender && buffer.position() > 0) {
                receiver.packet(sender, buffer.array(), buffer.position(), buffers);
            }
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the UDP socket is closed", e);
        }
    }

    @Override
    public void send(InetSocketAddress to, byte[] bytes, int offset, int length) {
        try {
            channel.send(ByteBuffer.wrap(bytes, offset, length), to);
        } catch (IOException e) {
            // a lost datagram; keepalives and retransmissions recover
        }
    }

    @Override
    public void disconnect(InetSocketAddress client) {
        // UDP has no connection to drop
    }

    @Override
    public boolean stream() {
        return false;
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        if (reader != null) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
