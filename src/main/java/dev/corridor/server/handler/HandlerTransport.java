package dev.corridor.server.handler;

import java.time.Duration;

/**
 * One way of calling the client connect handler: run a command, or POST to a URL. A call blocks
 * its thread for at most the timeout (plus the time to stop a runaway command).
 */
public sealed interface HandlerTransport extends AutoCloseable permits CommandTransport, HttpTransport {
    /** The largest answer accepted; a larger one is an invalid response. */
    int MAX_ANSWER_BYTES = 64 * 1024;

    /** Sends {@code request} (JSON) and returns the handler's answer or why there is none. */
    HandlerReply exchange(byte[] request, Duration timeout) throws InterruptedException;

    /** Releases what the transport holds (temporary folder, HTTP client); never throws. */
    @Override
    void close();
}
