package dev.corridor.tun.os;

import com.sun.jna.Memory;
import dev.corridor.tun.TunDevice;
import java.io.IOException;

/**
 * Opens a Linux TUN device: {@code /dev/net/tun} (non-blocking, so that reads try the queue before
 * polling), {@code TUNSETIFF} with IFF_TUN | IFF_NO_PI (bare IP packets, no packet-information
 * header), then the MTU ({@code SIOCSIFMTU}) and the transmit queue length ({@code SIOCSIFTXQLEN})
 * through an AF_INET datagram socket. The device is not persistent: it disappears when its
 * descriptor is closed. Addresses, routes and bringing the link up are left to the caller.
 */
final class LinuxTun {
    static final String CLONE_DEVICE = "/dev/net/tun";
    /** {@code _IOW('T', 202, int)}: direction write (1 << 30), size 4 (<< 16), type 'T' (<< 8), number 202. */
    static final long TUNSETIFF = 0x400454caL;
    /** Set an interface's MTU from {@code ifr_mtu}. */
    static final long SIOCSIFMTU = 0x8922L;
    /** Set an interface's transmit queue length from {@code ifr_qlen}. */
    static final long SIOCSIFTXQLEN = 0x8943L;
    /**
     * Packets the kernel may queue for the reader. The TUN default of 500 overflowed in bulk TCP
     * uploads (the drops became TCP retransmissions in the tunnel); 1000 is the Ethernet default.
     */
    static final int TX_QUEUE_PACKETS = 1000;
    static final short IFF_TUN = 0x0001;
    static final short IFF_NO_PI = 0x1000;
    static final int O_RDWR = 0x2;
    static final int O_CLOEXEC = 0x80000;
    static final int O_NONBLOCK = 0x800;
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    private static final String PRIVILEGE_HINT = "run as root or with CAP_NET_ADMIN";

    private final Libc libc;

    LinuxTun(Libc libc) {
        this.libc = libc;
    }

    /**
     * Creates (or attaches to) the TUN device {@code requestedName}, or one the kernel names
     * {@code tunN} when the name is empty, and sets its MTU.
     */
    TunDevice open(String requestedName, int mtu, int pollMillis) throws IOException {
        checkName(requestedName);
        int fd = libc.open(CLONE_DEVICE, O_RDWR | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0) {
            int errno = -fd;
            String hint = errno == ErrnoException.ENOENT || errno == ErrnoException.ENODEV
                    ? "the kernel has no TUN support loaded (modprobe tun)"
                    : errno == ErrnoException.EPERM || errno == ErrnoException.EACCES ? PRIVILEGE_HINT : null;
            throw ErrnoException.of(libc, CLONE_DEVICE, errno, hint);
        }
        try {
            String name = attach(fd, requestedName);
            configure(name, mtu);
            return new PollingTun(libc, fd, name, mtu, new PacketFraming.Bare(), pollMillis, true);
        } catch (IOException | RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    private String attach(int fd, String requestedName) throws IOException {
        try (Memory request = Ifreq.LINUX.withName(requestedName)) {
            request.setShort(Ifreq.UNION_OFFSET, (short) (IFF_TUN | IFF_NO_PI));
            int result = libc.ioctl(fd, TUNSETIFF, request);
            if (result < 0) {
                int errno = -result;
                String subject = "TUNSETIFF " + (requestedName.isEmpty() ? "(kernel-chosen name)" : requestedName);
                String hint = errno == ErrnoException.EPERM || errno == ErrnoException.EACCES ? PRIVILEGE_HINT
                        : errno == ErrnoException.EBUSY ? "another program has this TUN device open"
                        : errno == ErrnoException.EINVAL
                                ? "the name belongs to an interface that is not a TUN device, or is not valid"
                                : null;
                throw ErrnoException.of(libc, subject, errno, hint);
            }
            return Ifreq.name(request);
        }
    }

    /** Sets the interface's MTU and transmit queue length. */
    private void configure(String name, int mtu) throws IOException {
        int socket = libc.socket(AF_INET, SOCK_DGRAM | O_CLOEXEC, 0);
        if (socket < 0) {
            throw ErrnoException.of(libc, "socket for setting the MTU of " + name, -socket, null);
        }
        try {
            setInt(socket, name, SIOCSIFMTU, mtu, "SIOCSIFMTU " + name + " " + mtu,
                    "MTU " + mtu + " is out of range for this device");
            setInt(socket, name, SIOCSIFTXQLEN, TX_QUEUE_PACKETS, "SIOCSIFTXQLEN " + name + " " + TX_QUEUE_PACKETS,
                    null);
        } finally {
            libc.close(socket);
        }
    }

    /** One interface ioctl whose ifreq carries an int (MTU, queue length). */
    private void setInt(int socket, String name, long request, int value, String subject, String invalidHint)
            throws IOException {
        try (Memory ifreq = Ifreq.LINUX.withName(name)) {
            ifreq.setInt(Ifreq.UNION_OFFSET, value);
            int result = libc.ioctl(socket, request, ifreq);
            if (result < 0) {
                int errno = -result;
                String hint = errno == ErrnoException.EINVAL ? invalidHint
                        : errno == ErrnoException.EPERM ? PRIVILEGE_HINT : null;
                throw ErrnoException.of(libc, subject, errno, hint);
            }
        }
    }

    /**
     * Rejects names the kernel would refuse: longer than 15 bytes, non-ASCII, "." or "..", or
     * containing '/', ':' or white space. {@code %d} is allowed (the kernel fills in a number).
     */
    static void checkName(String name) {
        if (name.length() >= Ifreq.NAME_CAPACITY) {
            throw new IllegalArgumentException("TUN device name \"" + name + "\" is longer than "
                    + (Ifreq.NAME_CAPACITY - 1) + " characters");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("\"" + name + "\" is not a valid interface name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '/' || c == ':') {
                throw new IllegalArgumentException("TUN device name \"" + name
                        + "\" may not contain '/', ':', white space or non-ASCII characters");
            }
        }
    }
}
