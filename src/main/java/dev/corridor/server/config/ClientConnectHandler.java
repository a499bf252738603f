package dev.corridor.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The client connect handler: an external command (AWS: a Lambda function) that may allow or deny
 * each new connection. The issue also allows an HTTP URL in place of a command.
 *
 * @param enabled whether the handler is called at all
 * @param command the executable to run, when the handler is a command
 * @param url     the http(s) URL to POST to, when the handler is a web service
 */
public record ClientConnectHandler(boolean enabled, Optional<Path> command, Optional<URI> url) {
    public ClientConnectHandler {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(url, "url");
    }

    /** No handler: every authenticated connection is allowed. */
    public static ClientConnectHandler disabled() {
        return new ClientConnectHandler(false, Optional.empty(), Optional.empty());
    }
}
