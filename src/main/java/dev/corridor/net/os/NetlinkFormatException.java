package dev.corridor.net.os;

import java.io.IOException;

/** A netlink message that is truncated or malformed (a length that does not fit, a short header, ...). */
final class NetlinkFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    NetlinkFormatException(String message) {
        super("malformed netlink message: " + message);
    }
}
