package dev.corridor.tun.os;

import com.sun.jna.Memory;
import dev.corridor.tun.TunDevice;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a macOS utun interface through the kernel-control socket:
 *
 * <pre>
 *  fd = socket(PF_SYSTEM, SOCK_DGRAM, SYSPROTO_CONTROL)
 *  ioctl(fd, CTLIOCGINFO, ctl_info{name = "com.apple.net.utun_control"})  -> ctl_id
 *  connect(fd, sockaddr_ctl{sc_id = ctl_id, sc_unit = N + 1 or 0})       -> utunN exists
 *  getsockopt(fd, SYSPROTO_CONTROL, UTUN_OPT_IFNAME)                       -> "utunN"
 *  ioctl(AF_INET socket, SIOCSIFMTU, ifreq{"utunN", mtu})
 * </pre>
 *
 * Every packet read or written carries the 4-byte address-family header
 * ({@link PacketFraming.AddressFamilyHeader#DARWIN}). The interface goes away when the socket closes.
 */
final class DarwinUtun {
    static final int PF_SYSTEM = 32;
    static final int SOCK_DGRAM = 2;
    static final int SYSPROTO_CONTROL = 2;
    static final int UTUN_OPT_IFNAME = 2;
    static final int AF_INET = 2;
    /** {@code _IOW('i', 52, struct ifreq)}: direction write (1 << 31), size 32 (<< 16), type 'i' (<< 8), number 52. */
    static final long SIOCSIFMTU = 0x80206934L;
    private static final Pattern UTUN_NAME = Pattern.compile("utun(\\d{1,5})");
    private static final String PRIVILEGE_HINT = "creating a utun interface needs root";

    private final Libc libc;

    DarwinUtun(Libc libc) {
        this.libc = libc;
    }

    /** The sc_unit that asks for {@code requestedName}: 0 (any) when empty, N + 1 for {@code utunN}. */
    static int unitFor(String requestedName) {
        if (requestedName.isEmpty()) {
            return 0;
        }
        Matcher matcher = UTUN_NAME.matcher(requestedName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("on macOS a TUN device is named utunN (e.g. utun7), not \""
                    + requestedName + "\"; leave the name empty to let the system choose");
        }
        return Integer.parseInt(matcher.group(1)) + 1;
    }

    TunDevice open(String requestedName, int mtu, int pollMillis) throws IOException {
        int unit = unitFor(requestedName);
        int fd = libc.socket(PF_SYSTEM, SOCK_DGRAM, SYSPROTO_CONTROL);
        if (fd < 0) {
            throw ErrnoException.of(libc, "utun control socket", -fd, privilegeHint(-fd));
        }
        try {
            connect(fd, unit, requestedName);
            String name = interfaceName(fd);
            setMtu(name, mtu);
            return new PollingTun(libc, fd, name, mtu, PacketFraming.AddressFamilyHeader.DARWIN, pollMillis);
        } catch (IOException | RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    private void connect(int fd, int unit, String requestedName) throws IOException {
        int controlId;
        try (Memory info = CtlInfo.request(CtlInfo.UTUN_CONTROL)) {
            int result = libc.ioctl(fd, CtlInfo.CTLIOCGINFO, info);
            if (result < 0) {
                throw ErrnoException.of(libc, "CTLIOCGINFO " + CtlInfo.UTUN_CONTROL, -result, null);
            }
            controlId = CtlInfo.id(info);
        }
        try (Memory address = SockaddrCtl.of(controlId, unit)) {
            int result = libc.connect(fd, address, SockaddrCtl.SIZE);
            if (result < 0) {
                int errno = -result;
                String hint = errno == ErrnoException.EBUSY ? requestedName + " is in use" : privilegeHint(errno);
                throw ErrnoException.of(libc, "connect to utun unit "
                        + (unit == 0 ? "(any)" : requestedName), errno, hint);
            }
        }
    }

    private String interfaceName(int fd) throws IOException {
        try (Memory name = new Memory(Ifreq.NAME_CAPACITY); Memory length = new Memory(4)) {
            name.clear();
            length.setInt(0, Ifreq.NAME_CAPACITY);
            int result = libc.getsockopt(fd, SYSPROTO_CONTROL, UTUN_OPT_IFNAME, name, length);
            if (result < 0) {
                throw ErrnoException.of(libc, "getsockopt UTUN_OPT_IFNAME", -result, null);
            }
            return Ifreq.name(name);
        }
    }

    private void setMtu(String name, int mtu) throws IOException {
        int socket = libc.socket(AF_INET, SOCK_DGRAM, 0);
        if (socket < 0) {
            throw ErrnoException.of(libc, "socket for setting the MTU of " + name, -socket, null);
        }
        try (Memory request = Ifreq.DARWIN.withName(name)) {
            request.setInt(Ifreq.UNION_OFFSET, mtu);
            int result = libc.ioctl(socket, SIOCSIFMTU, request);
            if (result < 0) {
                int errno = -result;
                String hint = errno == ErrnoException.EINVAL ? "MTU " + mtu + " is out of range for this device"
                        : privilegeHint(errno);
                throw ErrnoException.of(libc, "SIOCSIFMTU " + name + " " + mtu, errno, hint);
            }
        } finally {
            libc.close(socket);
        }
    }

    private static String privilegeHint(int errno) {
        return errno == ErrnoException.EPERM || errno == ErrnoException.EACCES ? PRIVILEGE_HINT : null;
    }
}
