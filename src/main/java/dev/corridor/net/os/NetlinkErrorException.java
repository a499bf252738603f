package dev.corridor.net.os;

import java.io.IOException;
import java.util.Optional;

/** The kernel refused a netlink request: its errno, and its own explanation when it sent one. */
final class NetlinkErrorException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    NetlinkErrorException(int errno, Optional<String> kernelText) {
        super(NetlinkErrno.describe(errno) + kernelText.map(t -> " (kernel: " + t + ")").orElse(""));
        this.errno = errno;
    }

    /** The positive errno. */
    int errno() {
        return errno;
    }

    /** True when the thing to remove was not there. */
    boolean alreadyGone() {
        return NetlinkErrno.alreadyGone(errno);
    }
}
