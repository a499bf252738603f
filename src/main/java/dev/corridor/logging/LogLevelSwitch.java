package dev.corridor.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Iterator;
import java.util.Objects;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Changes the log file's level while Corridor runs (the Preferences dialog's "log level").
 *
 * <pre>
 *   apply(DEBUG):  FILE appender's ThresholdFilter  := DEBUG
 *                  root level := the most verbose of DEBUG and every other appender's threshold
 *                                (CONSOLE stays at its own threshold, WARN by default)
 * </pre>
 *
 * The file threshold is the one from logback.xml ({@code corridor.log.level}); changing it here
 * lasts until the program ends. Without Logback (or without a FILE appender) only the root level
 * changes.
 */
public final class LogLevelSwitch {
    /** The name of the file appender in logback.xml. */
    static final String FILE_APPENDER = "FILE";

    private LogLevelSwitch() {}

    /** Applies {@code level} to the running Logback; false when logging is not Logback. */
    public static boolean apply(LogLevel level) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return false;
        }
        apply(context, level);
        return true;
    }

    /** Applies {@code level} to {@code context}: the file threshold and the root level. */
    public static void apply(LoggerContext context, LogLevel level) {
        Objects.requireNonNull(level, "level");
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level wanted = level.logback();
        Level rootLevel = wanted;
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            ThresholdFilter threshold = threshold(appender);
            if (threshold == null) {
                continue;
            }
            if (FILE_APPENDER.equals(appender.getName())) {
                threshold.setLevel(wanted.levelStr);
            } else {
                Level other = thresholdLevel(threshold);
                if (other != null && !other.isGreaterOrEqual(rootLevel)) {
                    rootLevel = other;
                }
            }
        }
        root.setLevel(rootLevel);
    }

    /** The level the file appender writes from, or the root level when there is no such filter. */
    public static LogLevel fileLevel(LoggerContext context) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> file = root.getAppender(FILE_APPENDER);
        ThresholdFilter threshold = file == null ? null : threshold(file);
        Level level = threshold == null ? null : thresholdLevel(threshold);
        return LogLevel.of(level != null ? level : root.getEffectiveLevel());
    }

    private static ThresholdFilter threshold(Appender<ILoggingEvent> appender) {
        for (Filter<ILoggingEvent> filter : appender.getCopyOfAttachedFiltersList()) {
            if (filter instanceof ThresholdFilter threshold) {
                return threshold;
            }
        }
        return null;
    }

    /**
     * ThresholdFilter keeps its level private; asking it about an event at each level finds it.
     * The answer is the lowest level the filter lets through.
     */
    private static Level thresholdLevel(ThresholdFilter filter) {
        for (Level candidate : new Level[] {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR}) {
            LoggingEvent probe = new LoggingEvent();
            probe.setLevel(candidate);
            if (filter.decide(probe) != FilterReply.DENY) {
                return candidate;
            }
        }
        return null;
    }
}
