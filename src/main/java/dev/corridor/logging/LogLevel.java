package dev.corridor.logging;

import ch.qos.logback.classic.Level;
import java.util.Locale;
import java.util.Optional;

/**
 * The log levels a user can choose or filter by, from the most verbose to the quietest, without
 * exposing Logback's own level type to the rest of the code base.
 */
public enum LogLevel {
    TRACE(Level.TRACE),
    DEBUG(Level.DEBUG),
    INFO(Level.INFO),
    WARN(Level.WARN),
    ERROR(Level.ERROR);

    private final Level logback;

    LogLevel(Level logback) {
        this.logback = logback;
    }

    /** True when a line at this level passes a threshold of {@code threshold}. */
    public boolean isAtLeast(LogLevel threshold) {
        return compareTo(threshold) >= 0;
    }

    /** The level named {@code name} (any case, surrounding spaces ignored), or empty. */
    public static Optional<LogLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        for (LogLevel level : values()) {
            if (level.name().equals(wanted)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    Level logback() {
        return logback;
    }

    /** The Corridor level for a Logback level; OFF and ALL map to the nearest end. */
    static LogLevel of(Level level) {
        int value = level.toInt();
        if (value >= Level.ERROR_INT) {
            return ERROR;
        }
        if (value >= Level.WARN_INT) {
            return WARN;
        }
        if (value >= Level.INFO_INT) {
            return INFO;
        }
        return value >= Level.DEBUG_INT ? DEBUG : TRACE;
    }
}
