package dev.corridor.server.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Appends connection log entries to a file, one JSON object per line, without ever making the
 * caller wait for the disk: entries go into a bounded queue that one background thread empties.
 *
 * <pre>
 *   event loop ── append(entry) ──► queue (bounded) ──► writer thread: JSON + "\n" ─► file (O_APPEND)
 *                   full or closed?                       per batch of up to 256 entries: fsync
 *                   └─► dropped, counted
 * </pre>
 *
 * {@link #close()} writes what is queued, syncs and closes the file. A write error is counted and
 * the entry lost; later entries are still tried.
 */
public final class ConnectionLogWriter implements AutoCloseable {
    /** Queue capacity unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 4096;
    private static final int BATCH = 256;
    private static final long POLL_MILLIS = 200;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LogSink sink;
    private final BlockingQueue<ConnectionLogEntry> queue;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Thread thread;
    private volatile boolean closing;

    ConnectionLogWriter(LogSink sink, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the queue needs room for at least one entry: " + capacity);
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "corridor-connection-log");
        thread.setDaemon(true);
        thread.start();
    }

    /** Opens (creating owner-only) {@code file} for appending and starts the writer thread. */
    public static ConnectionLogWriter open(Path file, int capacity) throws IOException {
        return new ConnectionLogWriter(FileLogSink.open(file), capacity);
    }

    /** Opens {@code file} with the default queue capacity. */
    public static ConnectionLogWriter open(Path file) throws IOException {
        return open(file, DEFAULT_CAPACITY);
    }

    /** Queues {@code entry} without blocking; false (and counted as dropped) when the queue is full or closed. */
    public boolean append(ConnectionLogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (closing || !queue.offer(entry)) {
            dropped.increment();
            return false;
        }
        return true;
    }

    /** Entries refused because the queue was full or the writer closed. */
    public long dropped() {
        return dropped.sum();
    }

    /** Entries written to the file. */
    public long written() {
        return written.sum();
    }

    /** Entries lost to write errors. */
    public long failed() {
        return failed.sum();
    }

    private void run() {
        List<ConnectionLogEntry> batch = new ArrayList<>(BATCH);
        while (true) {
            ConnectionLogEntry first;
            try {
                first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null; // closing: the flag below ends the loop once the queue is empty
            }
            if (first == null) {
                if (closing && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, BATCH - 1);
            writeBatch(batch);
            batch.clear();
        }
    }

    private void writeBatch(List<ConnectionLogEntry> batch) {
        int done = 0;
        for (ConnectionLogEntry entry : batch) {
            try {
                sink.append(ByteBuffer.wrap(line(entry)));
                done++;
            } catch (IOException e) {
                failed.increment();
            }
        }
        try {
            sink.sync();
            written.add(done);
        } catch (IOException e) {
            failed.add(done);
        }
    }

    private static byte[] line(ConnectionLogEntry entry) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(entry);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an entry of strings always serializes", e);
        }
    }

    /** Writes what is queued (waiting at most {@code patience}), syncs and closes the file. */
    public void close(Duration patience) {
        closing = true;
        try {
            thread.join(patience.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            sink.close();
        } catch (IOException e) {
            failed.increment();
        }
    }

    /** Writes what is queued (waiting at most 10 s), syncs and closes the file. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
