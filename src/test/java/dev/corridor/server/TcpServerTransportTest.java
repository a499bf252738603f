package dev.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The TCP listener on loopback: OpenVPN's 2-byte framing into {@link ServerTransport.Receiver}, the
 * per-source connection limit, and the sweep that closes connections silent for longer than the
 * pushed ping-restart (read with a shifted clock, so nobody waits 60 s).
 */
@Timeout(30)
class TcpServerTransportTest {
    /** What the transport handed to the server. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<InetSocketAddress> closed = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private TcpServerTransport transport;

    private TcpServerTransport start(int perSourceLimit, Clock clock) throws IOException {
        transport = new TcpServerTransport(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                perSourceLimit, clock);
        transport.start(new ServerTransport.Receiver() {
            @Override
            public void packet(InetSocketAddress from, byte[] packet, int length, ServerTransport.ReceiveBuffers b) {
                received.add(from.getPort() + ":" + new String(Arrays.copyOf(packet, length)));
            }

            @Override
            public void closed(InetSocketAddress from) {
                closed.add(from);
            }
        });
        return transport;
    }

    @AfterEach
    void closeEverything() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    /** A client connection from {@code source} (a loopback address). */
    private Socket connect(String source) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        socket.connect(transport.localAddress(), 2_000);
        return socket;
    }

    private static void sendFramed(Socket socket, String payload) throws IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        byte[] bytes = payload.getBytes();
        out.writeShort(bytes.length);
        out.write(bytes);
        out.flush();
    }

    /** True when the server closed the connection (end of stream) within {@code millis}. */
    private static boolean closedByServer(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        InputStream in = socket.getInputStream();
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    private static boolean waitFor(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Test
    void framedPacketsArriveWithTheirSenderAndAnEndedConnectionIsReported() throws Exception {
        start(4, Clock.systemUTC());
        Socket client = connect("127.0.0.1");
        sendFramed(client, "first");
        sendFramed(client, "second");

        int port = client.getLocalPort();
        assertThat(waitFor(5_000, () -> received.size() == 2)).isTrue();
        assertThat(received).containsExactly(port + ":first", port + ":second");

        client.close();
        assertThat(waitFor(5_000, () -> closed.size() == 1)).isTrue();
        assertThat(closed.get(0).getPort()).isEqualTo(port);
        assertThat(transport.connectionCount()).isZero();
    }

    @Test
    void aSourceAddressHoldsAtMostItsLimitOfConnectionsAndAFreedSlotIsServedAgain() throws Exception {
        start(2, Clock.systemUTC());
        Socket first = connect("127.0.0.1");
        Socket second = connect("127.0.0.1");
        assertThat(waitFor(5_000, () -> transport.connectionCount() == 2)).isTrue();

        Socket third = connect("127.0.0.1"); // the kernel completes the handshake; the server closes it at once
        assertThat(closedByServer(third, 5_000)).isTrue();
        assertThat(transport.connectionCount()).isEqualTo(2);
        assertThat(closed).isEmpty(); // refused before it became a connection: nothing to report

        Socket other = connect("127.0.0.2"); // another source address has its own slots
        sendFramed(other, "other source");
        assertThat(waitFor(5_000, () -> received.contains(other.getLocalPort() + ":other source"))).isTrue();
        assertThat(transport.connectionCount()).isEqualTo(3);

        first.close();
        assertThat(waitFor(5_000, () -> transport.connectionCount() == 2)).isTrue();
        Socket again = connect("127.0.0.1");
        sendFramed(again, "again");
        assertThat(waitFor(5_000, () -> received.contains(again.getLocalPort() + ":again"))).isTrue();
        assertThat(closedByServer(second, 200)).isFalse();
    }

    @Test
    void aConnectionSilentForLongerThanPingRestartIsClosedAndOneThatSpokeIsKept() throws Exception {
        ShiftedClock clock = new ShiftedClock();
        start(4, clock);
        Socket silent = connect("127.0.0.1");
        Socket talking = connect("127.0.0.1");
        assertThat(waitFor(5_000, () -> transport.connectionCount() == 2)).isTrue();

        clock.shift(Duration.ofMillis(TcpServerTransport.SILENCE_LIMIT_MILLIS - 10_000));
        sendFramed(talking, "ping");
        assertThat(waitFor(5_000, () -> received.size() == 1)).isTrue();
        Thread.sleep(1_200); // a sweep (every second) inside the limit closes nothing
        assertThat(transport.connectionCount()).isEqualTo(2);

        clock.shift(Duration.ofMillis(12_000)); // the silent one: past the limit; the talking one: ~12 s quiet
        assertThat(closedByServer(silent, 3_000)).isTrue();
        assertThat(waitFor(2_000, () -> closed.size() == 1)).isTrue();
        assertThat(closed.get(0).getPort()).isEqualTo(silent.getLocalPort());
        assertThat(transport.connectionCount()).isEqualTo(1);
        assertThat(closedByServer(talking, 200)).isFalse();
    }
}
