package dev.corridor.tun.os;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * The {@code struct ifreq} that interface ioctls (TUNSETIFF, SIOCSIFMTU) take: a NUL-terminated
 * interface name followed by a union whose members all start at offset 16.
 *
 * <pre>
 *  0                    16                                   size
 *  +--------------------+-------------------------------------+
 *  | ifr_name[IFNAMSIZ] | union { short ifr_flags;             |
 *  | NUL-terminated     |         int   ifr_mtu, ifr_qlen; ...|
 *  +--------------------+-------------------------------------+
 *  size: 40 on 64-bit Linux (largest member struct ifmap, 24 bytes),
 *        32 on macOS (largest member struct sockaddr, 16 bytes)
 * </pre>
 *
 * @param size the platform's {@code sizeof(struct ifreq)}
 */
record Ifreq(int size) {
    static final Ifreq LINUX = new Ifreq(40);
    static final Ifreq DARWIN = new Ifreq(32);

    /** IFNAMSIZ: name bytes including the terminating NUL. */
    static final int NAME_CAPACITY = 16;
    /** Where every union member (flags, MTU) starts. */
    static final int UNION_OFFSET = 16;

    /** A zeroed ifreq carrying {@code name} (ASCII, at most 15 bytes; empty for "none"). */
    Memory withName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= NAME_CAPACITY) {
            throw new IllegalArgumentException("interface name \"" + name + "\" is longer than "
                    + (NAME_CAPACITY - 1) + " characters");
        }
        Memory request = new Memory(size);
        request.clear();
        request.write(0, bytes, 0, bytes.length);
        return request;
    }

    /** The name in an ifreq the kernel filled in. */
    static String name(Pointer request) {
        byte[] bytes = new byte[NAME_CAPACITY];
        request.read(0, bytes, 0, NAME_CAPACITY);
        int length = 0;
        while (length < NAME_CAPACITY && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }
}
