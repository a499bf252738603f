package dev.corridor.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection log file: one JSON object per line, owner-only, appended by a thread of its own. */
class ConnectionLogWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ConnectionLogEntry ENTRY = ConnectionLogEntry.successfulAttempt(
            ConnectionLogEntryTest.guideExample(), ConnectionLogEntryTest.START);

    @TempDir
    Path folder;

    /** A sink that keeps lines in memory and can be held shut to simulate a slow disk. */
    static final class MemorySink implements LogSink {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release;
        final AtomicInteger syncs = new AtomicInteger();
        volatile boolean failing;

        MemorySink(boolean held) {
            release = new CountDownLatch(held ? 1 : 0);
        }

        @Override
        public void append(ByteBuffer line) throws IOException {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failing) {
                throw new IOException("disk full");
            }
            lines.add(StandardCharsets.UTF_8.decode(line).toString());
        }

        @Override
        public void sync() {
            syncs.incrementAndGet();
        }

        @Override
        public void close() {}
    }

    @Test
    void appendsOneJsonObjectPerLineToAnOwnerOnlyFile() throws Exception {
        Path file = folder.resolve("logs/connections.log");
        try (ConnectionLogWriter writer = ConnectionLogWriter.open(file)) {
            assertThat(writer.append(ENTRY)).isTrue();
            assertThat(writer.append(ConnectionLogEntry.ended(ConnectionLogEntryTest.guideExample(),
                    new TrafficCounters(10, 20, 1, 2), Instant.parse("2020-03-26T21:00:00Z")))).isTrue();
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            JsonNode json = MAPPER.readTree(line);
            assertThat(json.isObject()).isTrue();
            assertThat(ConnectionLogEntryTest.keys(json)).startsWith("connection-log-type");
        }
        assertThat(MAPPER.readTree(lines.get(1)).get("connection-end-time").textValue())
                .isEqualTo("2020-03-26 21:00:00");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file)).endsWith("}\n");
    }

    @Test
    void keepsWhatTheFileHeldAndTightensItsPermissions() throws Exception {
        Path file = folder.resolve("connections.log");
        Files.writeString(file, "{\"old\": \"entry\"}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        try (ConnectionLogWriter writer = ConnectionLogWriter.open(file)) {
            writer.append(ENTRY);
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2).first().isEqualTo("{\"old\": \"entry\"}");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        MemorySink sink = new MemorySink(true);
        ConnectionLogWriter writer = new ConnectionLogWriter(sink, 2);
        writer.append(ENTRY);
        assertThat(sink.entered.await(5, TimeUnit.SECONDS)).isTrue(); // the writer thread holds entry 1

        long started = System.nanoTime();
        boolean second = writer.append(ENTRY);
        boolean third = writer.append(ENTRY);
        int refused = 0;
        for (int i = 0; i < 1000; i++) {
            refused += writer.append(ENTRY) ? 0 : 1;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(second).isTrue();
        assertThat(third).isTrue();
        assertThat(refused).isEqualTo(1000);
        assertThat(writer.dropped()).isEqualTo(1000);
        assertThat(millis).as("appending never waits for the disk").isLessThan(1_000);
        sink.release.countDown();
        writer.close();
        assertThat(sink.lines).hasSize(3);
        assertThat(writer.written()).isEqualTo(3);
        assertThat(sink.syncs.get()).isPositive();
    }

    @Test
    void closeWritesWhatIsQueuedAndRefusesMore() {
        MemorySink sink = new MemorySink(false);
        ConnectionLogWriter writer = new ConnectionLogWriter(sink, 100);
        for (int i = 0; i < 50; i++) {
            writer.append(ENTRY);
        }
        writer.close();

        assertThat(sink.lines).hasSize(50);
        assertThat(writer.append(ENTRY)).isFalse();
        assertThat(writer.dropped()).isEqualTo(1);
    }

    @Test
    void writeErrorsAreCountedAndTheWriterGoesOn() {
        MemorySink sink = new MemorySink(false);
        sink.failing = true;
        ConnectionLogWriter writer = new ConnectionLogWriter(sink, 10);
        writer.append(ENTRY);
        writer.close(Duration.ofSeconds(5));

        assertThat(writer.failed()).isEqualTo(1);
        assertThat(writer.written()).isZero();
    }

    @Test
    void periodicUpdatesComeOncePerIntervalAndStopAtTheEnd() throws Exception {
        MemorySink sink = new MemorySink(false);
        ConnectionLogWriter writer = new ConnectionLogWriter(sink, 100);
        ConnectionLogUpdates updates = new ConnectionLogUpdates(writer, Duration.ofSeconds(60));
        LoggedConnection connection = ConnectionLogEntryTest.guideExample();
        Instant start = ConnectionLogEntryTest.START;

        updates.connected(connection, start);
        assertThat(updates.tick(connection, new TrafficCounters(1, 1, 1, 1), start.plusSeconds(59))).isFalse();
        assertThat(updates.tick(connection, new TrafficCounters(2, 2, 2, 2), start.plusSeconds(60))).isTrue();
        assertThat(updates.tick(connection, new TrafficCounters(3, 3, 3, 3), start.plusSeconds(61))).isFalse();
        assertThat(updates.tick(connection, new TrafficCounters(4, 4, 4, 4), start.plusSeconds(125))).isTrue();
        updates.ended(connection, new TrafficCounters(5, 5, 5, 5), start.plusSeconds(130));
        assertThat(updates.tick(connection, new TrafficCounters(6, 6, 6, 6), start.plusSeconds(500))).isFalse();
        assertThat(updates.tracked()).isZero();
        writer.close();

        List<JsonNode> entries = sink.lines.stream().map(ConnectionLogWriterTest::parse).toList();
        assertThat(entries).extracting(e -> e.get("connection-log-type").textValue()).containsExactly(
                "connection-attempt", "connection-reset", "connection-reset", "connection-reset");
        assertThat(entries).extracting(e -> e.get("ingress-bytes").textValue()).containsExactly("0", "2", "4", "5");
        assertThat(entries).extracting(e -> e.get("connection-end-time").textValue())
                .containsExactly("NA", "NA", "NA", "2020-03-26 20:39:25");
    }

    @Test
    void aRefusalIsLoggedWithItsReason() {
        MemorySink sink = new MemorySink(false);
        ConnectionLogWriter writer = new ConnectionLogWriter(sink, 10);
        new ConnectionLogUpdates(writer, Duration.ofSeconds(60)).refused(ConnectionLogEntryTest.guideExample(),
                "client-connect-failed", ConnectionLogEntryTest.START);
        writer.close();

        JsonNode entry = parse(sink.lines.get(0));
        assertThat(entry.get("connection-attempt-status").textValue()).isEqualTo("failed");
        assertThat(entry.get("connection-attempt-failure-reason").textValue()).isEqualTo("client-connect-failed");
    }

    private static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
