package dev.corridor.auth.saml;

import io.undertow.Undertow;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The SAML assertion consumer service on {@code 127.0.0.1:<port>}: bound before the first
 * connection of the flow, it waits for the browser's one {@code POST /} with a SAMLResponse.
 *
 * <pre>
 *   start(settings) ──bind fails──► PortBusyException (AWS's message + holder of the port)
 *        │
 *      WAITING ──POST / SAMLResponse──► Received ─┐
 *        ├──────timeout────────────────► TimedOut ├─► await() returns it; later POSTs get 409
 *        └──────cancel()───────────────► Cancelled┘
 *   close(): stops the HTTP server (idempotent)
 * </pre>
 */
public final class AcsListener implements AutoCloseable {
    private final Undertow server;
    private final int port;
    private final Duration timeout;
    private final CompletableFuture<AcsOutcome> result;

    private AcsListener(Undertow server, int port, Duration timeout, CompletableFuture<AcsOutcome> result) {
        this.server = server;
        this.port = port;
        this.timeout = timeout;
        this.result = result;
    }

    /** Binds 127.0.0.1 on the configured port; throws PortBusyException when the port is taken. */
    public static AcsListener start(AcsSettings settings) throws PortBusyException {
        return start(settings, PortHolderLookup.system());
    }

    /** As {@link #start(AcsSettings)}, asking {@code lookup} who holds a busy port. */
    public static AcsListener start(AcsSettings settings, PortHolderLookup lookup) throws PortBusyException {
        Objects.requireNonNull(settings, "settings");
        CompletableFuture<AcsOutcome> result = new CompletableFuture<>();
        Undertow server = Undertow.builder()
                .addHttpListener(settings.port(), "127.0.0.1")
                .setIoThreads(1)
                .setWorkerThreads(2)
                .setHandler(new AcsRequestHandler(result, settings.maxBodyBytes()))
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            try {
                server.stop();
            } catch (RuntimeException ignored) {
                // partially started; nothing more to release
            }
            if (causedByBind(e)) {
                throw new PortBusyException(settings.port(), lookup.describe(settings.port()), e);
            }
            throw e;
        }
        int bound = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        return new AcsListener(server, bound, settings.timeout(), result);
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** The port actually bound (differs from the setting only when that was 0). */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}, the ACS URL a SAML IdP posts to. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits up to the configured timeout for the browser's POST, a cancel, or the timeout. */
    public AcsOutcome await() throws InterruptedException {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.complete(new AcsOutcome.TimedOut(timeout));
            return result.join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("ACS wait failed", e.getCause());
        }
    }

    /** Ends the wait with {@link AcsOutcome.Cancelled} unless it already ended; safe from any thread. */
    public void cancel() {
        result.complete(new AcsOutcome.Cancelled());
    }

    /** Cancels a pending wait and stops the HTTP server. */
    @Override
    public void close() {
        cancel();
        server.stop();
    }
}
