package dev.corridor.server.handler;

import dev.corridor.server.config.ClientConnectHandler;
import dev.corridor.server.config.EndpointConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks the client connect handler about new connections without blocking the caller: each call
 * runs on one of at most {@code maxConcurrent} handler threads and completes a future.
 *
 * <pre>
 *   event loop ── authorize(request) ──► future (returned at once)
 *                        │
 *                        ├─ all handler threads busy ─► Failed(client-connect-handler-throttled), at once
 *                        └─ handler thread: transport.exchange(request JSON, timeout)
 *                               Body ─► ConnectResponseReader ─► Allowed | Denied | Failed(invalid-response)
 *                               NoAnswer ─► Failed(timed-out | other-execution-error | throttled | service-error)
 *                           future completes on the handler thread: hop back to the event loop to act on it
 * </pre>
 *
 * A future never completes exceptionally; as a last resort it completes as timed out a few
 * seconds after the timeout.
 */
public final class ConnectAuthorizer implements AutoCloseable {
    /** Handler calls running at once before further ones are refused as throttled. */
    public static final int DEFAULT_MAX_CONCURRENT = 16;
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

    private final HandlerTransport transport;
    private final Duration timeout;
    private final int maxConcurrent;
    private final ThreadPoolExecutor threads;

    /**
     * @param transport     how the handler is called; closed with this authorizer
     * @param timeout       how long one call may take (the guide: 30 s)
     * @param maxConcurrent how many calls may run at once
     */
    public ConnectAuthorizer(HandlerTransport transport, Duration timeout, int maxConcurrent) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the timeout must be positive: " + timeout);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("at least one handler call must be allowed: " + maxConcurrent);
        }
        this.maxConcurrent = maxConcurrent;
        AtomicInteger number = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "corridor-connect-handler-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
    }

    /**
     * The authorizer for an enabled handler in {@code endpoint.json}; a relative command path is
     * taken from {@code configFolder}.
     *
     * @throws IllegalArgumentException when the handler is disabled, or its command or URL is unusable
     */
    public static ConnectAuthorizer forConfig(ClientConnectHandler handler, Path configFolder) {
        if (!handler.enabled()) {
            throw new IllegalArgumentException("the client connect handler is not enabled");
        }
        HandlerTransport transport;
        if (handler.command().isPresent()) {
            transport = CommandTransport.of(EndpointConfig.resolve(configFolder, handler.command().get()));
        } else if (handler.url().isPresent()) {
            transport = HttpTransport.of(handler.url().get());
        } else {
            throw new IllegalArgumentException("an enabled client connect handler needs a command or a URL");
        }
        return new ConnectAuthorizer(transport, handler.timeout(), DEFAULT_MAX_CONCURRENT);
    }

    /** Starts one handler call; the future completes on a handler thread (or at once when throttled). */
    public CompletableFuture<ConnectOutcome> authorize(ConnectRequest request) {
        byte[] json = request.toJson();
        CompletableFuture<ConnectOutcome> outcome = new CompletableFuture<>();
        try {
            threads.execute(() -> outcome.complete(call(json)));
        } catch (RejectedExecutionException e) {
            outcome.complete(new ConnectOutcome.Failed(ConnectFailureReason.THROTTLED, threads.isShutdown()
                    ? "the server is shutting down" : "more than " + maxConcurrent + " handler calls at once"));
        }
        return outcome.completeOnTimeout(new ConnectOutcome.Failed(ConnectFailureReason.TIMED_OUT,
                "no answer within " + timeout.toMillis() + " ms"), timeout.plus(SAFETY_MARGIN).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private ConnectOutcome call(byte[] json) {
        try {
            HandlerReply reply = transport.exchange(json, timeout);
            if (reply instanceof HandlerReply.Body body) {
                return ConnectResponseReader.read(body.bytes());
            }
            return ((HandlerReply.NoAnswer) reply).failure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ConnectOutcome.Failed(ConnectFailureReason.SERVICE_ERROR, "the server is shutting down");
        } catch (RuntimeException e) {
            return new ConnectOutcome.Failed(ConnectFailureReason.SERVICE_ERROR,
                    "calling the handler failed: " + e);
        }
    }

    /** Handler calls running now. */
    public int running() {
        return threads.getActiveCount();
    }

    /** Interrupts running calls (a running command is killed) and releases the transport. */
    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
    }
}
