package dev.corridor.server.log;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where the connection log's lines end up: appended, then made durable, batch by batch. */
interface LogSink extends AutoCloseable {
    /** Appends {@code line} (one entry and its newline) whole. */
    void append(ByteBuffer line) throws IOException;

    /** Makes everything appended so far durable. */
    void sync() throws IOException;

    @Override
    void close() throws IOException;
}
