package dev.corridor.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * One log line as the window shows it, already redacted: when, how serious, which logger and
 * thread, and the message with its stack trace (if any) appended on further lines.
 *
 * @param time    when the event was logged
 * @param level   its level
 * @param logger  the logger's full name
 * @param thread  the thread that logged it
 * @param message the formatted message and stack trace, with every secret masked
 */
public record LogLine(Instant time, LogLevel level, String logger, String thread, String message) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    public LogLine {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        logger = logger == null ? "" : logger;
        thread = thread == null ? "" : thread;
        message = message == null ? "" : message;
    }

    /** The logger's last name part, e.g. {@code ProfileStore}. */
    public String shortLogger() {
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }

    /** The line as text, in {@code zone}: {@code 2026-11-28 23:59:01.123 INFO  ProfileStore - message}. */
    public String format(ZoneId zone) {
        return TIME.withZone(zone).format(time) + " " + String.format(Locale.ROOT, "%-5s", level) + " "
                + shortLogger() + " - " + message;
    }
}
