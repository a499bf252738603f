package dev.corridor.net.os;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;

/**
 * The real NETLINK_ROUTE socket through JNA (direct mapping): {@code socket}, {@code bind} to a
 * kernel-chosen port, extended acknowledgements switched on (so that errors carry the kernel's own
 * text), then {@code send}/{@code poll}/{@code recv}. Only the calls; encoding and decoding are
 * {@link NetlinkMessage}'s and the request/answer protocol {@link RtnetlinkChannel}'s.
 *
 * <pre>
 *   sockaddr_nl (12 bytes)                       pollfd (8 bytes)
 *   0        2       4         8         12      0      4        6         8
 *   │family  │ pad   │ port id │ groups  │       │ fd   │ events │ revents │
 *   │u16 =16 │ u16   │ u32 = 0 │ u32 = 0 │       │ s32  │ s16    │ s16     │
 * </pre>
 */
final class NativeNetlinkSocket implements NetlinkSocket {
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_ROUTE = 0;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_CAP_ACK = 10;
    private static final int NETLINK_EXT_ACK = 11;
    private static final int MSG_TRUNC = 0x20;
    private static final int POLLIN = 0x1;
    private static final int EINTR = 4;
    /** The kernel answers within microseconds; this only keeps a lost answer from hanging a connect. */
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int BUFFER = 65_536;

    /** The libc calls, bound by direct mapping (primitive and pointer arguments only). */
    private static final class Direct {
        static {
            Native.register(Direct.class, NativeLibrary.getInstance("c"));
        }

        private Direct() {}

        static native int socket(int domain, int type, int protocol);

        static native int bind(int fd, Pointer address, int length);

        static native int setsockopt(int fd, int level, int option, Pointer value, int length);

        static native long send(int fd, Pointer buffer, long length, int flags);

        static native long recv(int fd, Pointer buffer, long length, int flags);

        static native int poll(Pointer fds, long count, int timeoutMillis);

        static native int close(int fd);
    }

    private final int fd;
    private final Memory buffer = new Memory(BUFFER);
    private final Memory pollfd = new Memory(8);
    private boolean closed;

    private NativeNetlinkSocket(int fd) {
        this.fd = fd;
    }

    /** Opens and binds a NETLINK_ROUTE socket in this thread's network namespace. */
    static NativeNetlinkSocket open() throws IOException {
        int fd = Direct.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
        if (fd < 0) {
            throw failure("cannot open a netlink socket", Native.getLastError());
        }
        try (Memory address = new Memory(12); Memory one = new Memory(4)) {
            address.clear();
            address.setShort(0, (short) AF_NETLINK);
            if (Direct.bind(fd, address, 12) < 0) {
                int errno = Native.getLastError();
                Direct.close(fd);
                throw failure("cannot bind the netlink socket", errno);
            }
            one.setInt(0, 1);
            // Both are optional (Linux 4.2 / 4.12): without them errors carry no kernel text, nothing else.
            Direct.setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, one, 4);
            Direct.setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, one, 4);
        }
        return new NativeNetlinkSocket(fd);
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        if (datagram.length > BUFFER) {
            throw new IOException("netlink request of " + datagram.length + " bytes is too large");
        }
        buffer.write(0, datagram, 0, datagram.length);
        long sent = Direct.send(fd, buffer, datagram.length, 0);
        if (sent < 0) {
            throw failure("cannot send to the kernel over netlink", Native.getLastError());
        }
        if (sent != datagram.length) {
            throw new IOException("netlink sent " + sent + " of " + datagram.length + " bytes");
        }
    }

    @Override
    public int receive(byte[] into) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
        while (true) {
            pollfd.setInt(0, fd);
            pollfd.setShort(4, (short) POLLIN);
            pollfd.setShort(6, (short) 0);
            int waitMillis = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            int ready = Direct.poll(pollfd, 1, waitMillis);
            if (ready < 0) {
                int errno = Native.getLastError();
                if (errno == EINTR) {
                    continue;
                }
                throw failure("cannot wait for the kernel's netlink answer", errno);
            }
            if (ready == 0) {
                throw new IOException("the kernel did not answer over netlink within " + TIMEOUT_MILLIS + " ms");
            }
            long length = Direct.recv(fd, buffer, BUFFER, MSG_TRUNC);
            if (length < 0) {
                int errno = Native.getLastError();
                if (errno == EINTR) {
                    continue;
                }
                throw failure("cannot receive the kernel's netlink answer", errno);
            }
            if (length > Math.min(BUFFER, into.length)) {
                throw new IOException("a netlink answer of " + length + " bytes does not fit the buffer of "
                        + Math.min(BUFFER, into.length));
            }
            buffer.read(0, into, 0, (int) length);
            return (int) length;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Direct.close(fd);
            buffer.close();
            pollfd.close();
        }
    }

    private static IOException failure(String what, int errno) {
        return new IOException(what + ": " + NetlinkErrno.describe(errno));
    }
}
