package dev.corridor.server;

import dev.corridor.transport.TcpLink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoint's TCP listener: one connection and one reader thread per client, packets framed with
 * OpenVPN's 2-byte length ({@link TcpLink}).
 *
 * <pre>
 *   acceptor ── accept ─► limits ok? ─► Connection(link, reader thread) ─► Receiver.packet ...
 *                                        EOF / error / silent too long ─► close ─► Receiver.closed
 * </pre>
 *
 * A connection that sends nothing for {@link #SILENCE_LIMIT_MILLIS} is closed by the acceptor's
 * periodic sweep: connected clients ping every few seconds, so only dead or half-open connections
 * are that quiet. Each source address may hold at most {@code perSourceLimit} connections.
 */
final class TcpServerTransport implements ServerTransport {
    /** A connection silent for this long is closed (the pushed ping-restart is the same length). */
    static final long SILENCE_LIMIT_MILLIS = PushedSettings.PING_RESTART_SECONDS * 1000L;
    /** At most this many connections at once, from all sources. */
    static final int MAX_CONNECTIONS = 4096;
    private static final long SWEEP_MILLIS = 1000;

    /** One client's TCP connection. */
    private final class Connection {
        final TcpLink link;
        volatile long lastReceivedMillis;

        Connection(TcpLink link) {
            this.link = link;
            this.lastReceivedMillis = clock.millis();
        }
    }

    private final InetSocketAddress bind;
    private final int perSourceLimit;
    private final Clock clock;
    private final Map<InetSocketAddress, Connection> connections = new ConcurrentHashMap<>();
    private ServerSocketChannel listener;
    private Thread acceptor;
    private Thread sweeper;
    private volatile boolean open;

    TcpServerTransport(InetSocketAddress bind, int perSourceLimit, Clock clock) {
        this.bind = bind;
        this.perSourceLimit = perSourceLimit;
        this.clock = clock;
    }

    @Override
    public void start(Receiver receiver) throws IOException {
        listener = ServerSocketChannel.open();
        listener.bind(bind, 128);
        open = true;
        acceptor = new Thread(() -> accept(receiver), "corridor-server-tcp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        sweeper = new Thread(this::sweep, "corridor-server-tcp-sweep");
        sweeper.setDaemon(true);
        sweeper.start();
    }

    private void accept(Receiver receiver) {
        while (open) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
                if (connections.size() >= MAX_CONNECTIONS || fromSource(remote.getAddress()) >= perSourceLimit) {
                    channel.close();
                    continue;
                }
                Connection connection = new Connection(TcpLink.accepted(channel));
                connections.put(remote, connection);
                Thread reader = new Thread(() -> read(remote, connection, receiver),
                        "corridor-server-tcp-" + remote.getAddress().getHostAddress() + ":" + remote.getPort());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                closeQuietly(channel);
            }
        }
    }

    private int fromSource(InetAddress source) {
        int count = 0;
        for (InetSocketAddress address : connections.keySet()) {
            if (address.getAddress().equals(source)) {
                count++;
            }
        }
        return count;
    }

    private void read(InetSocketAddress remote, Connection connection, Receiver receiver) {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_PACKET_BYTES);
        ReceiveBuffers buffers = new ReceiveBuffers();
        try {
            while (true) {
                int length = connection.link.receive(buffer);
                if (length < 0) {
                    break;
                }
                connection.lastReceivedMillis = clock.millis();
                receiver.packet(remote, buffer.array(), length, buffers);
            }
        } catch (IOException | RuntimeException e) {
            // a broken stream ends this client's connection like a close does
        } finally {
            connection.link.close();
            connections.remove(remote, connection);
            receiver.closed(remote);
        }
    }

    private void sweep() {
        while (open) {
            try {
                Thread.sleep(SWEEP_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = clock.millis();
            for (Connection connection : connections.values()) {
                if (now - connection.lastReceivedMillis > SILENCE_LIMIT_MILLIS) {
                    connection.link.close(); // the reader sees EOF and reports the close
                }
            }
        }
    }

    /** Open connections (for tests and the connection list). */
    int connectionCount() {
        return connections.size();
    }

    @Override
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the TCP listener is closed", e);
        }
    }

    @Override
    public void send(InetSocketAddress to, byte[] bytes, int offset, int length) {
        Connection connection = connections.get(to);
        if (connection == null) {
            return;
        }
        try {
            connection.link.send(ByteBuffer.wrap(bytes, offset, length));
        } catch (IOException e) {
            connection.link.close(); // the reader reports the close
        }
    }

    @Override
    public void disconnect(InetSocketAddress client) {
        Connection connection = connections.get(client);
        if (connection != null) {
            connection.link.close();
        }
    }

    @Override
    public boolean stream() {
        return true;
    }

    @Override
    public void close() {
        open = false;
        closeQuietly(listener);
        for (Connection connection : connections.values()) {
            connection.link.close();
        }
        for (Thread thread : new Thread[] {acceptor, sweeper}) {
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
