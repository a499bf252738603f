package dev.corridor.server.log;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides when each connection gets a connection log entry: one when it connects or is refused,
 * one with fresh counters every {@code interval} while it lasts ("periodically updated", as the
 * guide says of the byte and packet counts), and a last one when it ends.
 *
 * <pre>
 *   connected(c)    ─► connection-attempt successful     remember c: last entry now
 *   refused(c, why) ─► connection-attempt failed (why)
 *   tick(c, counts) ─► connection-reset with counts      only when interval has passed since c's last entry
 *   ended(c, counts)─► connection-reset with end time    forget c
 * </pre>
 *
 * Safe to call from any thread; the server calls {@link #tick} from its timer pass for every
 * connected client, which costs one map look-up when nothing is due.
 */
public final class ConnectionLogUpdates {
    private final ConnectionLogWriter writer;
    private final Duration interval;
    private final Map<String, Instant> lastEntry = new ConcurrentHashMap<>();

    /**
     * @param writer   where entries go
     * @param interval how often a connected client's counters are logged again
     */
    public ConnectionLogUpdates(ConnectionLogWriter writer, Duration interval) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("the update interval must be positive: " + interval);
        }
    }

    /** Logs an established connection (its start time and address must be set). */
    public void connected(LoggedConnection connection, Instant now) {
        if (connection.startTime().isEmpty() || connection.clientIp().isEmpty()) {
            throw new IllegalArgumentException("a connected client has a start time and an address");
        }
        lastEntry.put(connection.connectionId(), now);
        writer.append(ConnectionLogEntry.successfulAttempt(connection, now));
    }

    /** Logs a refused attempt with the reason for {@code connection-attempt-failure-reason}. */
    public void refused(LoggedConnection connection, String failureReason, Instant now) {
        writer.append(ConnectionLogEntry.failedAttempt(connection, failureReason, now));
    }

    /** Logs {@code counters} when the interval has passed since this connection's last entry; true if it did. */
    public boolean tick(LoggedConnection connection, TrafficCounters counters, Instant now) {
        Instant last = lastEntry.get(connection.connectionId());
        if (last == null || now.isBefore(last.plus(interval))) {
            return false;
        }
        lastEntry.put(connection.connectionId(), now);
        writer.append(ConnectionLogEntry.update(connection, counters, now));
        return true;
    }

    /** Logs the end of a connection with its final counters and forgets it. */
    public void ended(LoggedConnection connection, TrafficCounters counters, Instant end) {
        lastEntry.remove(connection.connectionId());
        writer.append(ConnectionLogEntry.ended(connection, counters, end));
    }

    /** Connections being tracked (connected and not yet ended). */
    public int tracked() {
        return lastEntry.size();
    }
}
