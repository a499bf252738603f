package dev.corridor.tun.os;

import java.io.IOException;

/**
 * A failed C library call, as an {@link IOException} whose message names what failed, the system's
 * text for the errno and, where one helps, what to do about it, e.g.
 * {@code /dev/net/tun: Operation not permitted — run as root or with CAP_NET_ADMIN}.
 */
final class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    /** errno values that are the same on Linux and macOS. */
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EINVAL = 22;

    private final int errno;

    private ErrnoException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** {@code subject: <strerror>} plus {@code — hint} when a hint is given. */
    static ErrnoException of(Libc libc, String subject, int errno, String hint) {
        String text = libc.describe(errno);
        if (text == null || text.isBlank()) {
            text = "errno " + errno;
        }
        String message = subject + ": " + text + (hint == null ? "" : " — " + hint);
        return new ErrnoException(message, errno);
    }

    /** The errno the call failed with. */
    int errno() {
        return errno;
    }
}
