package dev.corridor.transport.os;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.corridor.transport.SegmentedSend;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SegmentedSend} on a connected {@link DatagramChannel}'s socket through {@code sendmsg(2)}
 * with a {@code UDP_SEGMENT} control message (Linux 4.18 and later, 64-bit). All native memory is
 * allocated once; a send copies the bytes into it and makes one call.
 *
 * <pre>
 *   struct msghdr (56 bytes)              struct iovec (16)      struct cmsghdr + u16 (24, CMSG_SPACE(2))
 *   0  msg_name       = NULL (connected)  0 iov_base = payload   0  cmsg_len   = 18 (CMSG_LEN(2))
 *   8  msg_namelen    = 0                 8 iov_len  = length    8  cmsg_level = SOL_UDP (17)
 *   16 msg_iov        = iovec                                    12 cmsg_type  = UDP_SEGMENT (103)
 *   24 msg_iovlen     = 1                                        16 u16 segment size
 *   32 msg_control    = cmsg
 *   40 msg_controllen = 24
 *   48 msg_flags      = 0
 * </pre>
 */
public final class LinuxUdpSegments implements SegmentedSend {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxUdpSegments.class);
    private static final int SOL_UDP = 17;
    private static final int UDP_SEGMENT = 103;
    private static final int EIO = 5;
    private static final int EINVAL = 22;
    private static final int EOPNOTSUPP = 95;
    private static final int EMSGSIZE = 90;
    private static final int ECONNREFUSED = 111;
    private static final int EINTR = 4;
    private static final int MSGHDR_BYTES = 56;
    private static final int CMSG_SPACE_U16 = 24;
    private static final int CMSG_LEN_U16 = 18;

    /** sendmsg(2), bound by direct mapping so that a call allocates nothing. */
    private static final class Direct {
        static {
            Native.register(Direct.class, NativeLibrary.getInstance("c"));
        }

        private Direct() {}

        /** Binds the native method now (class initialisation), so that a JNA failure shows here, not mid-transfer. */
        static void bind() {}

        static native long sendmsg(int fd, Pointer message, int flags);
    }

    private final int fd;
    private final Memory payload = new Memory(MAX_BYTES);
    private final Memory message = new Memory(MSGHDR_BYTES + 16 + CMSG_SPACE_U16);
    private final Pointer iovec = message.share(MSGHDR_BYTES);
    private final Pointer control = message.share(MSGHDR_BYTES + 16);

    private LinuxUdpSegments(int fd) {
        this.fd = fd;
        message.clear();
        message.setPointer(16, iovec);
        message.setLong(24, 1);
        message.setPointer(32, control);
        message.setLong(40, CMSG_SPACE_U16);
        iovec.setPointer(0, payload);
        control.setLong(0, CMSG_LEN_U16);
        control.setInt(8, SOL_UDP);
        control.setInt(12, UDP_SEGMENT);
    }

    /**
     * Segmented sends on {@code channel}'s socket, or empty when this is not 64-bit Linux or the
     * socket's descriptor cannot be reached (the JVM needs {@code --add-exports java.base/sun.nio.ch}).
     */
    public static Optional<SegmentedSend> forChannel(DatagramChannel channel) {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            return Optional.empty();
        }
        try {
            Object fd = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal").invoke(channel);
            Direct.bind();
            return Optional.of(new LinuxUdpSegments((Integer) fd));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.info("UDP segmentation offload is off: the socket or sendmsg(2) is not reachable ({})", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public Outcome sendSegments(byte[] data, int length, int segmentSize) throws IOException {
        if (length > MAX_BYTES || segmentSize <= 0 || segmentSize > 0xffff) {
            throw new IllegalArgumentException("a segmented send of " + length + " bytes in segments of "
                    + segmentSize + " is out of range");
        }
        payload.write(0, data, 0, length);
        iovec.setLong(8, length);
        control.setShort(16, (short) segmentSize);
        long sent;
        do {
            sent = Direct.sendmsg(fd, message, 0);
        } while (sent < 0 && Native.getLastError() == EINTR);
        if (sent >= 0) {
            return Outcome.SENT;
        }
        int errno = Native.getLastError();
        if (errno == EMSGSIZE) {
            return Outcome.SEGMENT_TOO_LARGE;
        }
        if (errno == EIO || errno == EINVAL || errno == EOPNOTSUPP) {
            return Outcome.UNSUPPORTED;
        }
        if (errno == ECONNREFUSED) {
            throw new PortUnreachableException("sendmsg: connection refused (ICMP port unreachable)");
        }
        throw new IOException("sendmsg with UDP_SEGMENT failed: errno " + errno);
    }
}
