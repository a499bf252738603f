package dev.corridor.client;

import dev.corridor.transport.PacketLink;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A link for tests that keeps a copy of every datagram sent and never receives anything. */
class RecordingLink implements PacketLink {
    final List<byte[]> sent = new ArrayList<>();

    @Override
    public void send(ByteBuffer packet) {
        byte[] copy = new byte[packet.remaining()];
        packet.get(copy);
        sent.add(copy);
    }

    @Override
    public int receive(ByteBuffer destination) {
        return -1;
    }

    @Override
    public InetSocketAddress remote() {
        return new InetSocketAddress("127.0.0.1", 1194);
    }

    @Override
    public boolean stream() {
        return false;
    }

    @Override
    public long droppedOversized() {
        return 0;
    }

    @Override
    public void close() {}
}
