package dev.corridor.tun.os;

import com.sun.jna.Memory;

/**
 * macOS {@code struct sockaddr_ctl} (sys/kern_control.h): the address a PF_SYSTEM socket connects to
 * to reach a kernel control; for utun, unit N + 1 is interface {@code utunN} and unit 0 lets the
 * kernel pick a free one.
 *
 * <pre>
 *  0        1           2             4         8           12                32
 *  +--------+-----------+-------------+---------+-----------+-----------------+
 *  | sc_len | sc_family | ss_sysaddr  | sc_id   | sc_unit   | sc_reserved[5]  |
 *  | = 32   | AF_SYSTEM | AF_SYS_     | from    | utunN:N+1 | zero            |
 *  | u_char | = 32      | CONTROL = 2 | ctl_info| any: 0    | u_int32 x 5     |
 *  +--------+-----------+-------------+---------+-----------+-----------------+
 *   multi-byte fields in host byte order
 * </pre>
 */
final class SockaddrCtl {
    static final int SIZE = 32;
    static final int LEN_OFFSET = 0;
    static final int FAMILY_OFFSET = 1;
    static final int SYSADDR_OFFSET = 2;
    static final int ID_OFFSET = 4;
    static final int UNIT_OFFSET = 8;
    static final int RESERVED_OFFSET = 12;
    static final int AF_SYSTEM = 32;
    static final int AF_SYS_CONTROL = 2;

    private SockaddrCtl() {}

    /** The address of unit {@code unit} of the kernel control {@code controlId}. */
    static Memory of(int controlId, int unit) {
        Memory address = new Memory(SIZE);
        address.clear();
        address.setByte(LEN_OFFSET, (byte) SIZE);
        address.setByte(FAMILY_OFFSET, (byte) AF_SYSTEM);
        address.setShort(SYSADDR_OFFSET, (short) AF_SYS_CONTROL);
        address.setInt(ID_OFFSET, controlId);
        address.setInt(UNIT_OFFSET, unit);
        return address;
    }
}
