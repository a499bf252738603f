package dev.corridor.tun.os;

import com.sun.jna.Memory;
import dev.corridor.tun.TunDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TUN device behind a file descriptor (Linux {@code /dev/net/tun}, macOS utun socket): reads wait
 * in {@code poll(2)} for the device and for a wake-up pipe, so that {@link #close} from another
 * thread ends a waiting read at once; writes are plain {@code write(2)}s. A write while the interface
 * is down (Linux answers EIO) drops the packet and counts it, as the link would; a deleted interface
 * makes reads and writes fail with an IOException.
 *
 * <pre>
 *  poll set (2 x struct pollfd, 8 bytes each)     scratch memory, one per thread
 *  0      4        6         8                    +--------+----------------------+
 *  | fd   | events | revents |  [0] the device   | header | IP packet            |  read: device -> here -> destination
 *  | fd   | events | revents |  [1] wake pipe    +--------+----------------------+  write: packet -> here -> device
 *                                                  header: PacketFraming (0 or 4 bytes)
 * </pre>
 *
 * The steady state allocates nothing: the poll set, the scratch memories and their ByteBuffer views
 * are made once, and the copies use absolute bulk puts.
 *
 * <p>A descriptor opened non-blocking ({@code readsFirst}, Linux) is read before polling: while
 * packets queue up (a bulk transfer), each costs one {@code read(2)} instead of a {@code poll(2)}
 * and a {@code read(2)}; only an empty queue (EAGAIN) leads to the poll.
 */
final class PollingTun implements TunDevice {
    private static final Logger LOG = LoggerFactory.getLogger(PollingTun.class);

    /** How long one {@link #read} waits when nothing arrives. */
    static final int DEFAULT_POLL_MILLIS = 200;

    /** Largest frame: an IP packet can be 65535 bytes, plus the framing header. */
    private static final int SCRATCH_BYTES = 65535 + 4;
    private static final short POLLIN = 0x001;
    private static final short POLLERR = 0x008;
    private static final short POLLHUP = 0x010;
    private static final short POLLNVAL = 0x020;
    private static final int POLLFD_BYTES = 8;
    private static final int REVENTS_OFFSET = 6;
    /** EAGAIN is 11 on Linux and 35 on macOS; neither number means anything else that read(2) returns. */
    private static final int EAGAIN_LINUX = 11;
    private static final int EAGAIN_DARWIN = 35;
    /** EBADFD: what read(2) on a Linux TUN descriptor returns once its interface was deleted. */
    private static final int EBADFD_LINUX = 77;
    /** What write(2) on a Linux TUN descriptor returns while the interface is down. */
    private static final int EIO = 5;
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final Libc libc;
    private final int deviceFd;
    private final int wakeReadFd;
    private final int wakeWriteFd;
    private final String name;
    private final int mtu;
    private final PacketFraming framing;
    private final int pollMillis;
    private final boolean readsFirst;
    private final InFlightGuard guard = new InFlightGuard();
    private final AtomicLong droppedWrites = new AtomicLong();

    private final Memory pollSet = new Memory(2L * POLLFD_BYTES);
    private final Memory readScratch = new Memory(SCRATCH_BYTES);
    private final ByteBuffer readView = readScratch.getByteBuffer(0, SCRATCH_BYTES);
    private final Memory writeScratch = new Memory(SCRATCH_BYTES);
    private final ByteBuffer writeView = writeScratch.getByteBuffer(0, SCRATCH_BYTES);

    /**
     * Takes over {@code deviceFd} (closed by {@link #close}, or here when the wake-up pipe cannot be
     * made); its reads wait in {@code poll(2)} first.
     */
    PollingTun(Libc libc, int deviceFd, String name, int mtu, PacketFraming framing, int pollMillis)
            throws IOException {
        this(libc, deviceFd, name, mtu, framing, pollMillis, false);
    }

    /**
     * As above; {@code readsFirst} only for a descriptor opened with {@code O_NONBLOCK}, whose reads
     * try {@code read(2)} first and poll only when nothing is queued (a blocking descriptor would
     * wait in that read, deaf to {@link #close}).
     */
    PollingTun(Libc libc, int deviceFd, String name, int mtu, PacketFraming framing, int pollMillis,
            boolean readsFirst) throws IOException {
        this.libc = libc;
        this.readsFirst = readsFirst;
        this.deviceFd = deviceFd;
        this.name = name;
        this.mtu = mtu;
        this.framing = framing;
        this.pollMillis = pollMillis;
        Memory pipeFds = new Memory(8);
        int result = libc.pipe(pipeFds);
        if (result < 0) {
            libc.close(deviceFd);
            throw ErrnoException.of(libc, "pipe for " + name, -result, null);
        }
        this.wakeReadFd = pipeFds.getInt(0);
        this.wakeWriteFd = pipeFds.getInt(4);
        pollSet.setInt(0, deviceFd);
        pollSet.setShort(4, POLLIN);
        pollSet.setInt(POLLFD_BYTES, wakeReadFd);
        pollSet.setShort(POLLFD_BYTES + 4, POLLIN);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /** Packets written while the interface was down (refused with EIO) or had no room (EAGAIN), and so dropped. */
    long droppedWrites() {
        return droppedWrites.get();
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        if (!guard.enter()) {
            return -1;
        }
        try {
            if (readsFirst) {
                long got = libc.read(deviceFd, readScratch, SCRATCH_BYTES);
                if (got == -EBADFD_LINUX) {
                    throw new IOException(name + ": the device failed (read: " + libc.describe(EBADFD_LINUX)
                            + "); was it deleted?");
                }
                if (got != -EAGAIN_LINUX && got != -EAGAIN_DARWIN) {
                    return deliver(got, destination);
                }
            }
            pollSet.setShort(REVENTS_OFFSET, (short) 0);
            pollSet.setShort(POLLFD_BYTES + REVENTS_OFFSET, (short) 0);
            int ready = libc.poll(pollSet, 2, pollMillis);
            if (guard.isClosed() || pollSet.getShort(POLLFD_BYTES + REVENTS_OFFSET) != 0) {
                return -1;
            }
            if (ready == -ErrnoException.EINTR || ready == 0) {
                return 0;
            }
            if (ready < 0) {
                throw ErrnoException.of(libc, name + ": poll", -ready, null);
            }
            short events = pollSet.getShort(REVENTS_OFFSET);
            if ((events & (POLLERR | POLLHUP | POLLNVAL)) != 0) {
                throw new IOException(name + ": the device failed (poll events 0x" + Integer.toHexString(events)
                        + "); was it deleted?");
            }
            return deliver(libc.read(deviceFd, readScratch, SCRATCH_BYTES), destination);
        } finally {
            guard.leave();
        }
    }

    @Override
    public int readQueued(ByteBuffer destination) throws IOException {
        if (!readsFirst) {
            return 0; // a blocking descriptor cannot be asked without waiting
        }
        if (!guard.enter()) {
            return -1;
        }
        try {
            long got = libc.read(deviceFd, readScratch, SCRATCH_BYTES);
            if (got == -EBADFD_LINUX) {
                throw new IOException(name + ": the device failed (read: " + libc.describe(EBADFD_LINUX)
                        + "); was it deleted?");
            }
            return deliver(got, destination);
        } finally {
            guard.leave();
        }
    }

    /** Copies the frame a {@code read(2)} returned {@code got} for into {@code destination}; 0 when there is none. */
    private int deliver(long got, ByteBuffer destination) throws IOException {
        if (got == -ErrnoException.EINTR || got == -EAGAIN_LINUX || got == -EAGAIN_DARWIN) {
            return 0;
        }
        if (got < 0) {
            throw ErrnoException.of(libc, name + ": read", (int) -got, null);
        }
        int frameLength = (int) got;
        if (!framing.accepts(readView, frameLength)) {
            return 0;
        }
        int header = framing.headerLength();
        int length = frameLength - header;
        destination.clear();
        if (length > destination.capacity()) {
            return 0; // larger than the caller's buffer: dropped, as a full link would
        }
        destination.put(0, readView, header, length);
        destination.limit(length);
        return length;
    }

    @Override
    public void write(ByteBuffer packet) throws IOException {
        int length = packet.remaining();
        if (length == 0) {
            return;
        }
        int header = framing.headerLength();
        if (header + length > SCRATCH_BYTES) {
            throw new IOException(name + ": a packet of " + length + " bytes is larger than any IP packet");
        }
        if (!guard.enter()) {
            return; // closed: dropped, as the device is gone
        }
        try {
            if (!framing.writeHeader(writeView, packet.get(packet.position()))) {
                packet.position(packet.limit());
                return; // neither IPv4 nor IPv6: nothing the device could carry
            }
            writeView.put(header, packet, packet.position(), length);
            long written;
            do {
                written = libc.write(deviceFd, writeScratch, header + length);
            } while (written == -ErrnoException.EINTR);
            if (written == -EIO || written == -EAGAIN_LINUX || written == -EAGAIN_DARWIN) {
                // the interface is down (EIO), or a non-blocking descriptor has no room: the OS would drop it anyway
                droppedWrites.incrementAndGet();
            } else if (written < 0) {
                throw ErrnoException.of(libc, name + ": write", (int) -written, null);
            }
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
        Memory one = new Memory(1);
        one.setByte(0, (byte) 1);
        libc.write(wakeWriteFd, one, 1);
        if (!guard.awaitIdle(CLOSE_WAIT_MILLIS)) {
            // a write stuck in the kernel: leaking the descriptors is safer than closing them under it
            LOG.warn("{}: a read or write did not return within {} ms; leaving its descriptors open", name,
                    CLOSE_WAIT_MILLIS);
            return;
        }
        libc.close(deviceFd);
        libc.close(wakeReadFd);
        libc.close(wakeWriteFd);
        pollSet.close();
        readScratch.close();
        writeScratch.close();
        one.close();
    }
}
