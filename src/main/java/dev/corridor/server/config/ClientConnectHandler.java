package dev.corridor.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The client connect handler: an external command (AWS: a Lambda function) that may allow or deny
 * each new connection. The issue also allows an HTTP URL in place of a command.
 *
 * <p>The guide fixes the handler's timeout at 30 seconds; {@code timeoutSeconds} in
 * {@code endpoint.json} may shorten it (1 to 30) so that tests need not wait half a minute.
 *
 * @param enabled whether the handler is called at all
 * @param command the executable to run, when the handler is a command
 * @param url     the http(s) URL to POST to, when the handler is a web service
 * @param timeout how long one call may take before the connection is refused as timed out
 */
public record ClientConnectHandler(boolean enabled, Optional<Path> command, Optional<URI> url, Duration timeout) {
    /** The guide's timeout: "The Lambda function times out after 30 seconds". */
    public static final Duration GUIDE_TIMEOUT = Duration.ofSeconds(30);

    public ClientConnectHandler {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(GUIDE_TIMEOUT) > 0) {
            throw new IllegalArgumentException("the handler timeout must be more than 0 and at most 30 s: " + timeout);
        }
    }

    /** A handler with the guide's 30-second timeout. */
    public ClientConnectHandler(boolean enabled, Optional<Path> command, Optional<URI> url) {
        this(enabled, command, url, GUIDE_TIMEOUT);
    }

    /** No handler: every authenticated connection is allowed. */
    public static ClientConnectHandler disabled() {
        return new ClientConnectHandler(false, Optional.empty(), Optional.empty());
    }
}
