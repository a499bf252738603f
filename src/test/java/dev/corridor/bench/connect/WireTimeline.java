package dev.corridor.bench.connect;

import dev.corridor.protocol.wire.Opcode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A loopback UDP relay between one client and one server that notes when each datagram passed and what
 * it was (direction, opcode, key id, size), so that a connect can be read as a timeline on the wire: the
 * gap before a server packet is the server's time, the gap before a client packet the client's.
 *
 * <pre>
 *   client ──► relay (front socket) ──► server      each datagram: t ns, C→S | S→C, opcode/key, bytes
 *   client ◄── relay (front socket) ◄── server        (the last client address is where answers go)
 * </pre>
 */
final class WireTimeline implements AutoCloseable {
    /** One datagram that passed: {@code nanos} from {@link System#nanoTime}. */
    record Passage(long nanos, boolean fromClient, String what, int bytes) {}

    private final DatagramSocket front;
    private final DatagramSocket back;
    private final List<Passage> passages = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile SocketAddress client;

    WireTimeline(InetSocketAddress server) throws SocketException {
        front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        back.connect(server);
        threads.add(pump("relay-up", front, true));
        threads.add(pump("relay-down", back, false));
        threads.forEach(Thread::start);
    }

    /** Where the client should connect. */
    int port() {
        return front.getLocalPort();
    }

    /** Takes what passed since the last call, oldest first. */
    List<Passage> drain() {
        synchronized (passages) {
            List<Passage> out = List.copyOf(passages);
            passages.clear();
            return out;
        }
    }

    /** One line per datagram, in ms since {@code startNanos}. */
    static String describe(List<Passage> timeline, long startNanos) {
        StringBuilder text = new StringBuilder();
        long previous = startNanos;
        for (Passage passage : timeline) {
            text.append(String.format("    %7.2f ms (+%6.2f) %s %-26s %5d B%n",
                    (passage.nanos() - startNanos) / 1e6, (passage.nanos() - previous) / 1e6,
                    passage.fromClient() ? "C→S" : "S→C", passage.what(), passage.bytes()));
            previous = passage.nanos();
        }
        return text.toString();
    }

    private Thread pump(String name, DatagramSocket from, boolean up) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65_535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                while (true) {
                    packet.setLength(buffer.length);
                    from.receive(packet);
                    long now = System.nanoTime();
                    if (up) {
                        client = packet.getSocketAddress();
                        back.send(new DatagramPacket(buffer, packet.getLength()));
                    } else if (client != null) {
                        front.send(new DatagramPacket(buffer, packet.getLength(), client));
                    }
                    String what = Opcode.fromByte(buffer[0]).map(Enum::name).orElse("?")
                            + "/" + Opcode.keyIdOf(buffer[0]);
                    synchronized (passages) {
                        passages.add(new Passage(now, up, what, packet.getLength()));
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() throws InterruptedException {
        front.close();
        back.close();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        }
    }
}
