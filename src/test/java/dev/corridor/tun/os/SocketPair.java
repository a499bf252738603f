package dev.corridor.tun.os;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * A connected pair of Unix datagram sockets standing in for a TUN descriptor in unit tests: like a
 * TUN device it keeps packet boundaries, one {@code write(2)} arriving as one {@code read(2)} on the
 * other end, and it needs no root.
 */
final class SocketPair {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    /** Linux's SOCK_NONBLOCK type flag (the same bit as O_NONBLOCK). */
    private static final int SOCK_NONBLOCK = 0x800;

    static {
        Native.register(SocketPair.class, NativeLibrary.getInstance("c"));
    }

    private static native int socketpair(int domain, int type, int protocol, Pointer fds);

    private SocketPair() {}

    /** Two connected descriptors: [0] for the device under test, [1] for the test's "kernel" side. */
    static int[] open() {
        return open(SOCK_DGRAM);
    }

    /** As {@link #open()}, both ends non-blocking (Linux), as {@code LinuxTun} opens its descriptor. */
    static int[] openNonBlocking() {
        return open(SOCK_DGRAM | SOCK_NONBLOCK);
    }

    private static int[] open(int type) {
        try (Memory fds = new Memory(8)) {
            if (socketpair(AF_UNIX, type, 0, fds) != 0) {
                throw new IllegalStateException("socketpair failed: errno " + Native.getLastError());
            }
            return new int[] {fds.getInt(0), fds.getInt(4)};
        }
    }
}
