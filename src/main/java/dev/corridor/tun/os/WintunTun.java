package dev.corridor.tun.os;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.corridor.tun.TunDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TUN device on a Wintun session: packets are taken from and put into the session's shared-memory
 * rings; a read with nothing waiting blocks in {@code WaitForMultipleObjects} on the session's read
 * event and a quit event that {@link #close} sets.
 *
 * <pre>
 *  read:  ReceivePacket ── packet ──> copy, ReleaseReceivePacket, return length
 *            │ ERROR_NO_MORE_ITEMS
 *            v
 *         wait {read event, quit event} until the read deadline
 *            ├─ read event  -> ReceivePacket again
 *            ├─ quit event  -> -1
 *            └─ timeout     -> 0
 *  write: AllocateSendPacket ── room ──> copy, SendPacket
 *            └─ ERROR_BUFFER_OVERFLOW (ring full) -> packet dropped and counted
 * </pre>
 *
 * The steady state allocates nothing: two reusable {@link Pointer}s are re-aimed at each packet.
 */
final class WintunTun implements TunDevice {
    private static final Logger LOG = LoggerFactory.getLogger(WintunTun.class);

    static final int DEFAULT_WAIT_MILLIS = 200;
    static final int ERROR_HANDLE_EOF = 38;
    static final int ERROR_BUFFER_OVERFLOW = 111;
    static final int ERROR_NO_MORE_ITEMS = 259;
    static final int WAIT_OBJECT_0 = 0;
    static final int WAIT_TIMEOUT = 258;
    /** WINTUN_MAX_IP_PACKET_SIZE. */
    static final int MAX_PACKET = 0xFFFF;
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final Wintun wintun;
    private final long adapter;
    private final long session;
    private final long quitEvent;
    private final String name;
    private final int mtu;
    private final long waitNanos;
    private final InFlightGuard guard = new InFlightGuard();
    private final AtomicLong droppedWrites = new AtomicLong();

    private final Memory waitHandles = new Memory(16);
    private final Memory receivedSize = new Memory(4);
    private final Pointer received = new Pointer(0);
    private final byte[] readCopy = new byte[MAX_PACKET];
    private final Pointer sending = new Pointer(0);
    private final byte[] writeCopy = new byte[MAX_PACKET];

    /** Takes over the adapter, the session and the quit event; {@link #close} releases them. */
    WintunTun(Wintun wintun, long adapter, long session, long quitEvent, String name, int mtu, int waitMillis) {
        this.wintun = wintun;
        this.adapter = adapter;
        this.session = session;
        this.quitEvent = quitEvent;
        this.name = name;
        this.mtu = mtu;
        this.waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
        waitHandles.setLong(0, wintun.readWaitEvent(session));
        waitHandles.setLong(8, quitEvent);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /** Packets written while the send ring was full, and so dropped. */
    long droppedWrites() {
        return droppedWrites.get();
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        if (!guard.enter()) {
            return -1;
        }
        try {
            long deadline = System.nanoTime() + waitNanos;
            while (true) {
                long packet = wintun.receivePacket(session, receivedSize);
                if (packet != 0) {
                    return deliver(packet, destination);
                }
                int error = wintun.lastError();
                if (error == ERROR_HANDLE_EOF) {
                    if (guard.isClosed()) {
                        return -1;
                    }
                    throw new IOException(name + ": the Wintun adapter went away");
                }
                if (error != ERROR_NO_MORE_ITEMS) {
                    throw new IOException(name + ": WintunReceivePacket failed with Windows error " + error);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return 0;
                }
                int waitMillis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining));
                int woken = wintun.waitForMultipleObjects(2, waitHandles, waitMillis);
                if (woken == WAIT_OBJECT_0 + 1 || guard.isClosed()) {
                    return -1;
                }
                if (woken == WAIT_TIMEOUT) {
                    return 0;
                }
                if (woken != WAIT_OBJECT_0) {
                    throw new IOException(name + ": WaitForMultipleObjects failed with Windows error "
                            + wintun.lastError());
                }
            }
        } finally {
            guard.leave();
        }
    }

    private int deliver(long packet, ByteBuffer destination) {
        try {
            int size = receivedSize.getInt(0);
            destination.clear();
            if (size > destination.capacity()) {
                return 0; // larger than the caller's buffer: dropped
            }
            Pointer.nativeValue(received, packet);
            if (destination.hasArray()) {
                received.read(0, destination.array(), destination.arrayOffset(), size);
            } else {
                received.read(0, readCopy, 0, size);
                destination.put(0, readCopy, 0, size);
            }
            destination.limit(size);
            return size;
        } finally {
            wintun.releaseReceivePacket(session, packet);
        }
    }

    @Override
    public void write(ByteBuffer packet) throws IOException {
        int length = packet.remaining();
        if (length == 0) {
            return;
        }
        if (length > MAX_PACKET) {
            throw new IOException(name + ": a packet of " + length + " bytes is larger than any IP packet");
        }
        if (!guard.enter()) {
            return; // closed: dropped, as the device is gone
        }
        try {
            long slot = wintun.allocateSendPacket(session, length);
            if (slot == 0) {
                int error = wintun.lastError();
                if (error == ERROR_BUFFER_OVERFLOW) {
                    droppedWrites.incrementAndGet(); // the adapter is not keeping up: drop, as a full link would
                    packet.position(packet.limit());
                    return;
                }
                throw new IOException(name + (error == ERROR_HANDLE_EOF ? ": the Wintun adapter went away"
                        : ": WintunAllocateSendPacket failed with Windows error " + error));
            }
            Pointer.nativeValue(sending, slot);
            if (packet.hasArray()) {
                sending.write(0, packet.array(), packet.arrayOffset() + packet.position(), length);
            } else {
                packet.get(packet.position(), writeCopy, 0, length);
                sending.write(0, writeCopy, 0, length);
            }
            wintun.sendPacket(session, slot);
            packet.position(packet.limit());
        } finally {
            guard.leave();
        }
    }

    @Override
    public void close() {
        if (!guard.beginClose()) {
            return;
        }
        wintun.setEvent(quitEvent);
        if (!guard.awaitIdle(CLOSE_WAIT_MILLIS)) {
            LOG.warn("{}: a read or write did not return within {} ms; leaving the Wintun session open", name,
                    CLOSE_WAIT_MILLIS);
            return;
        }
        wintun.endSession(session);
        wintun.closeAdapter(adapter);
        wintun.closeHandle(quitEvent);
        waitHandles.close();
        receivedSize.close();
    }
}
