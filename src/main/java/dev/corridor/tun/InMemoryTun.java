package dev.corridor.tun;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TUN device that lives in memory: what the "operating system" sends into the tunnel is
 * {@linkplain #inject injected} by a test or by {@code corridor check}, and what arrives from the
 * tunnel is {@linkplain #takeDelivered taken} from a queue. No host network is touched.
 */
public final class InMemoryTun implements TunDevice {
    private static final byte[] CLOSED = new byte[0];
    private static final long READ_WAIT_MILLIS = 200;

    private final String name;
    private final int mtu;
    private final BlockingQueue<byte[]> toTunnel = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> fromTunnel = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    public InMemoryTun(String name, int mtu) {
        this.name = name;
        this.mtu = mtu;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /** Queues an IP packet as if the OS had routed it into the tunnel. */
    public void inject(byte[] ipPacket) {
        if (ipPacket.length == 0 || ipPacket.length > mtu) {
            throw new IllegalArgumentException("an IP packet of " + ipPacket.length + " bytes does not fit MTU " + mtu);
        }
        if (!closed.get()) {
            toTunnel.add(ipPacket.clone());
        }
    }

    /** The next packet that came out of the tunnel, waiting at most {@code timeout}. */
    public Optional<byte[]> takeDelivered(Duration timeout) throws InterruptedException {
        byte[] packet = fromTunnel.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return packet == null || packet == CLOSED ? Optional.empty() : Optional.of(packet);
    }

    @Override
    public int readQueued(ByteBuffer destination) {
        while (true) {
            byte[] packet = toTunnel.poll();
            if (packet == null) {
                return 0;
            }
            if (packet == CLOSED) {
                toTunnel.add(CLOSED);
                return -1;
            }
            if (packet.length <= destination.capacity()) {
                destination.clear();
                destination.put(packet).flip();
                return packet.length;
            }
        }
    }

    @Override
    public int read(ByteBuffer destination) {
        while (true) {
            byte[] packet;
            try {
                packet = toTunnel.poll(READ_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            if (packet == null) {
                return 0;
            }
            if (packet == CLOSED) {
                toTunnel.add(CLOSED);
                return -1;
            }
            if (packet.length > destination.capacity()) {
                continue;
            }
            destination.clear();
            destination.put(packet).flip();
            return packet.length;
        }
    }

    @Override
    public void write(ByteBuffer packet) {
        byte[] copy = new byte[packet.remaining()];
        packet.get(copy);
        if (!closed.get()) {
            fromTunnel.add(copy);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            toTunnel.add(CLOSED);
            fromTunnel.add(CLOSED);
        }
    }
}
