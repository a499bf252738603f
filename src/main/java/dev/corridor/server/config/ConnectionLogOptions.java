package dev.corridor.server.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Connection logging: whether it is on and the file the JSON entries are appended to (AWS: a
 * CloudWatch Logs group and stream).
 *
 * @param enabled whether connection events are logged
 * @param file    the log file; required when enabled
 */
public record ConnectionLogOptions(boolean enabled, Optional<Path> file) {
    public ConnectionLogOptions {
        Objects.requireNonNull(file, "file");
    }

    /** Logging off. */
    public static ConnectionLogOptions disabled() {
        return new ConnectionLogOptions(false, Optional.empty());
    }
}
