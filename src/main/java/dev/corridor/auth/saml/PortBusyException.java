package dev.corridor.auth.saml;

import java.io.IOException;
import java.util.Optional;

/**
 * The ACS port on 127.0.0.1 is taken, so the SAML flow cannot start; the message is the one AWS's
 * client shows, followed by what holds the port when that could be found.
 */
public final class PortBusyException extends IOException {
    /** The exact text AWS's client shows for this case (admin guide, troubleshooting). */
    public static final String MESSAGE =
            "The authentication flow could not be initiated. There are no available ports.";

    private final int port;
    private final Optional<String> holder;

    public PortBusyException(int port, Optional<String> holder, Throwable cause) {
        super(MESSAGE + " " + holder.map(h -> "Port " + port + " is held by " + h + ".")
                .orElse("Port " + port + " is in use; the process holding it could not be determined."), cause);
        this.port = port;
        this.holder = holder;
    }

    public int port() {
        return port;
    }

    /** A description of the process holding the port (pid and command line), when found. */
    public Optional<String> holder() {
        return holder;
    }
}
