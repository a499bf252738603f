package dev.corridor.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Connection logging: whether it is on, the file the JSON entries are appended to (AWS: a
 * CloudWatch Logs group and stream), and how often a connected client's counters are logged
 * again (the guide only says "periodically"; {@code updateIntervalSeconds}, default 60).
 *
 * @param enabled        whether connection events are logged
 * @param file           the log file; required when enabled
 * @param updateInterval how often an entry with fresh byte and packet counters is written per connection
 */
public record ConnectionLogOptions(boolean enabled, Optional<Path> file, Duration updateInterval) {
    /** The update interval when {@code endpoint.json} names none. */
    public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofSeconds(60);
    /** The longest update interval accepted. */
    public static final Duration MAX_UPDATE_INTERVAL = Duration.ofHours(1);

    public ConnectionLogOptions {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(updateInterval, "updateInterval");
        if (updateInterval.toSeconds() < 1 || updateInterval.compareTo(MAX_UPDATE_INTERVAL) > 0) {
            throw new IllegalArgumentException("the update interval must be 1 s to 1 h: " + updateInterval);
        }
    }

    /** Logging with the default update interval. */
    public ConnectionLogOptions(boolean enabled, Optional<Path> file) {
        this(enabled, file, DEFAULT_UPDATE_INTERVAL);
    }

    /** Logging off. */
    public static ConnectionLogOptions disabled() {
        return new ConnectionLogOptions(false, Optional.empty());
    }
}
