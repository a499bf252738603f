package dev.corridor.server;

import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.ControlPacketCodec;
import dev.corridor.protocol.wire.Decoded;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.protocol.wire.SessionId;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A UDP socket on a chosen loopback source address that sends hand-made bytes to the endpoint and
 * reads what comes back, for tests of bad input: garbage, truncated or forged control packets,
 * floods of hard resets.
 */
final class RawPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress server;

    RawPeer(String sourceAddress, InetSocketAddress server) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
        this.server = server;
    }

    /** A plain-layout HARD_RESET_CLIENT_V2 (message id 0, no acks, no payload) with session id {@code id}. */
    static byte[] hardReset(long id) {
        return ControlPacketCodec.encode(ControlPacket.message(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0,
                SessionId.of(id), 0L, new byte[0]));
    }

    void send(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /**
     * The client session ids that HARD_RESET_SERVER_V2 replies acknowledged within {@code millis}
     * (retransmissions count once).
     */
    Set<Long> answeredResets(long millis) throws IOException {
        return answeredResets(Integer.MAX_VALUE, millis);
    }

    /** As {@link #answeredResets(long)}, but returns as soon as {@code enough} sessions were answered. */
    Set<Long> answeredResets(int enough, long millis) throws IOException {
        Set<Long> answered = new HashSet<>();
        long deadline = System.currentTimeMillis() + millis;
        byte[] buffer = new byte[2048];
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0 || answered.size() >= enough) {
                return answered;
            }
            socket.setSoTimeout((int) left);
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return answered;
            }
            answeredReset(Arrays.copyOf(buffer, packet.getLength())).ifPresent(answered::add);
        }
    }

    /** Whether the session {@code id} is answered within {@code millis} (other answers are skipped). */
    boolean answers(long id, long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (answeredResets(1, deadline - System.currentTimeMillis()).contains(id)) {
                return true;
            }
        }
        return false;
    }

    /** How many datagrams of any kind arrive within {@code millis}. */
    int datagramsWithin(long millis) throws IOException {
        int count = 0;
        long deadline = System.currentTimeMillis() + millis;
        byte[] buffer = new byte[2048];
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return count;
            }
            socket.setSoTimeout((int) left);
            try {
                socket.receive(new DatagramPacket(buffer, buffer.length));
                count++;
            } catch (SocketTimeoutException e) {
                return count;
            }
        }
    }

    private static Optional<Long> answeredReset(byte[] bytes) {
        if (ControlPacketCodec.decode(bytes) instanceof Decoded.Ok<ControlPacket> ok
                && ok.value().opcode() == Opcode.CONTROL_HARD_RESET_SERVER_V2) {
            return ok.value().peerSessionId().map(SessionId::asLong);
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        socket.close();
    }
}
