package dev.corridor.tun.os;

import com.sun.jna.Pointer;

/**
 * The C library calls the Linux and macOS TUN backends make, in kernel style: every call returns a
 * negative errno on failure instead of -1, so that fakes in tests can fail a call without touching
 * the thread's errno.
 */
interface Libc {
    /** {@code open(2)}: a file descriptor or {@code -errno}. */
    int open(String path, int flags);

    /** {@code ioctl(2)} with a pointer argument: 0 (or a non-negative result) or {@code -errno}. */
    int ioctl(int fd, long request, Pointer argument);

    /** {@code socket(2)}: a file descriptor or {@code -errno}. */
    int socket(int domain, int type, int protocol);

    /** {@code connect(2)}: 0 or {@code -errno}. */
    int connect(int fd, Pointer address, int addressLength);

    /** {@code getsockopt(2)}: 0 or {@code -errno}; {@code length} points to a 4-byte socklen_t. */
    int getsockopt(int fd, int level, int option, Pointer value, Pointer length);

    /** {@code pipe(2)} into two ints (read end, write end): 0 or {@code -errno}. */
    int pipe(Pointer twoInts);

    /** {@code poll(2)} on {@code count} 8-byte {@code struct pollfd}s: how many are ready, or {@code -errno}. */
    int poll(Pointer fds, int count, int timeoutMillis);

    /** {@code read(2)}: bytes read or {@code -errno}. */
    long read(int fd, Pointer buffer, long length);

    /** {@code write(2)}: bytes written or {@code -errno}. */
    long write(int fd, Pointer buffer, long length);

    /** {@code close(2)}: 0 or {@code -errno}. */
    int close(int fd);

    /** {@code strerror(3)}: the text for an errno. */
    String describe(int errno);
}
