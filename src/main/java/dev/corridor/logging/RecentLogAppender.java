package dev.corridor.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.CoreConstants;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Logback appender that keeps the most recent log lines in memory, redacted, and hands each new
 * line to its listeners; the window's log view is fed by it.
 *
 * <pre>
 *   logger ─► root ─► FILE, CONSOLE (logback.xml)
 *                 └─► RecentLogAppender (added at run time by install())
 *                        ring of the last N LogLines ─► listeners (called on the logging thread)
 * </pre>
 *
 * Lines are redacted with {@link SecretRedactor} before they are stored, exactly like the file and
 * console outputs, so nothing a listener or {@link #snapshot()} sees can hold a secret. The
 * appender sees every event that passes the root level, whatever the file's threshold.
 */
public final class RecentLogAppender extends AppenderBase<ILoggingEvent> {
    /** The appender's name on the root logger. */
    public static final String NAME = "RECENT";
    /** How many lines are kept by default. */
    public static final int DEFAULT_CAPACITY = 5_000;

    private static final SecretRedactor REDACTOR = new SecretRedactor();

    private final int capacity;
    private final ArrayDeque<LogLine> lines;
    private final List<Consumer<LogLine>> listeners = new CopyOnWriteArrayList<>();

    /** An appender that keeps the last {@code capacity} lines; it still has to be started and attached. */
    public RecentLogAppender(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.min(capacity, 1024));
        setName(NAME);
    }

    /**
     * The appender on the root logger of the running Logback, attaching and starting one that keeps
     * {@code capacity} lines the first time; later calls return the same appender.
     */
    public static synchronized RecentLogAppender install(int capacity) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("logging is not Logback (" + factory.getClass().getName() + ")");
        }
        return install(context, capacity);
    }

    /** Same as {@link #install(int)} for a given Logback context. */
    public static synchronized RecentLogAppender install(LoggerContext context, int capacity) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(NAME) instanceof RecentLogAppender existing) {
            return existing;
        }
        RecentLogAppender appender = new RecentLogAppender(capacity);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
        return appender;
    }

    public int capacity() {
        return capacity;
    }

    /** The kept lines, oldest first. */
    public List<LogLine> snapshot() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * Calls {@code listener} with every line appended from now on, on the thread that logged it
     * (so a listener must be quick and must not log). Closing the result removes the listener.
     */
    public AutoCloseable addListener(Consumer<LogLine> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    protected void append(ILoggingEvent event) {
        LogLine line = toLine(event);
        synchronized (lines) {
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
        for (Consumer<LogLine> listener : listeners) {
            try {
                listener.accept(line);
            } catch (RuntimeException e) {
                addError("a log view listener failed", e);
            }
        }
    }

    /** The redacted line for {@code event}: message, then its stack trace on the following lines. */
    static LogLine toLine(ILoggingEvent event) {
        StringBuilder message = new StringBuilder(String.valueOf(event.getFormattedMessage()));
        IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable != null) {
            message.append(CoreConstants.LINE_SEPARATOR).append(ThrowableProxyUtil.asString(throwable));
        }
        return new LogLine(Instant.ofEpochMilli(event.getTimeStamp()), LogLevel.of(event.getLevel()),
                event.getLoggerName(), event.getThreadName(), REDACTOR.redact(message.toString()));
    }
}
