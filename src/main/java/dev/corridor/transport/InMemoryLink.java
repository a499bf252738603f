package dev.corridor.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two connected in-process link ends for tests and benchmarks, with optional loss, duplication and
 * reordering decided by a seeded random source, so that a failing run can be replayed.
 */
public final class InMemoryLink implements PacketLink {
    private static final byte[] CLOSED = new byte[0];

    /** How the link mistreats packets; probabilities in [0, 1]. */
    public record Impairment(double loss, double duplication, double reordering, long seed) {
        public static final Impairment NONE = new Impairment(0, 0, 0, 0);
    }

    private final BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
    private final InetSocketAddress remote;
    private final Impairment impairment;
    private final Random random;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final List<byte[]> heldBack = new ArrayList<>();
    private InMemoryLink peer;

    private InMemoryLink(InetSocketAddress remote, Impairment impairment) {
        this.remote = remote;
        this.impairment = impairment;
        this.random = new Random(impairment.seed());
    }

    /** A connected pair; index 0 is the client end, 1 the server end. */
    public static InMemoryLink[] pair(Impairment impairment) {
        InMemoryLink client = new InMemoryLink(new InetSocketAddress("127.0.0.1", 1194), impairment);
        InMemoryLink server = new InMemoryLink(new InetSocketAddress("127.0.0.1", 40000),
                new Impairment(impairment.loss(), impairment.duplication(), impairment.reordering(),
                        impairment.seed() + 1));
        client.peer = server;
        server.peer = client;
        return new InMemoryLink[] {client, server};
    }

    @Override
    public void send(ByteBuffer packet) {
        byte[] copy = new byte[packet.remaining()];
        packet.get(copy);
        if (closed.get() || peer.closed.get()) {
            return;
        }
        sent.incrementAndGet();
        synchronized (heldBack) {
            if (random.nextDouble() < impairment.loss()) {
                lost.incrementAndGet();
                return;
            }
            if (random.nextDouble() < impairment.reordering()) {
                heldBack.add(copy); // delivered after the next packet
                return;
            }
            peer.inbox.add(copy);
            if (random.nextDouble() < impairment.duplication()) {
                peer.inbox.add(copy.clone());
            }
            for (byte[] late : heldBack) {
                peer.inbox.add(late);
            }
            heldBack.clear();
        }
    }

    @Override
    public int receive(ByteBuffer destination) {
        while (true) {
            byte[] packet;
            try {
                packet = inbox.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            if (packet == CLOSED) {
                inbox.add(CLOSED);
                return -1;
            }
            if (packet.length > destination.capacity()) {
                oversized.incrementAndGet();
                continue;
            }
            destination.clear();
            destination.put(packet).flip();
            return packet.length;
        }
    }

    /** Packets sent through this end (before impairment) and packets it lost. */
    public long sentCount() {
        return sent.get();
    }

    public long lostCount() {
        return lost.get();
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

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            inbox.add(CLOSED);
            peer.inbox.add(CLOSED);
        }
    }
}
