package dev.corridor.tun.os;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * macOS {@code struct ctl_info} (sys/kern_control.h), which {@code CTLIOCGINFO} fills with the id of
 * a kernel control named in it.
 *
 * <pre>
 *  0          4                                         100
 *  +----------+-----------------------------------------+
 *  | ctl_id   | ctl_name[MAX_KCTL_NAME = 96], NUL-ended |
 *  | u_int32  | in: "com.apple.net.utun_control"        |
 *  +----------+-----------------------------------------+
 *   out: filled in by the kernel (host byte order)
 * </pre>
 */
final class CtlInfo {
    static final int SIZE = 100;
    static final int ID_OFFSET = 0;
    static final int NAME_OFFSET = 4;
    static final int NAME_CAPACITY = 96;
    /**
     * {@code _IOWR('N', 3, struct ctl_info)}: direction read|write (3 << 30), size 100 (<< 16),
     * type 'N' (<< 8), number 3.
     */
    static final long CTLIOCGINFO = 0xC0644E03L;
    /** The kernel control behind utun interfaces. */
    static final String UTUN_CONTROL = "com.apple.net.utun_control";

    private CtlInfo() {}

    /** A zeroed ctl_info asking for the control called {@code name}. */
    static Memory request(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= NAME_CAPACITY) {
            throw new IllegalArgumentException("kernel control name too long: " + name);
        }
        Memory info = new Memory(SIZE);
        info.clear();
        info.write(NAME_OFFSET, bytes, 0, bytes.length);
        return info;
    }

    /** The control id the kernel wrote. */
    static int id(Pointer info) {
        return info.getInt(ID_OFFSET);
    }
}
