package dev.corridor.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A tiny HTTP server (the JDK's {@code com.sun.net.httpserver}) that serves the metrics for
 * scraping. One thread answers requests; nothing but {@code GET /metrics} is served.
 *
 * <pre>
 *   GET  /metrics         -> 200, text/plain; version=0.0.4 (the Prometheus text)
 *   HEAD, POST, ... /metrics -> 405, Allow: GET
 *   any other path        -> 404
 * </pre>
 */
public final class MetricsHttpEndpoint implements AutoCloseable {
    /** The only path served. */
    public static final String PATH = "/metrics";

    private final HttpServer server;
    private final ExecutorService thread;
    private final Supplier<String> body;

    private MetricsHttpEndpoint(HttpServer server, ExecutorService thread, Supplier<String> body) {
        this.server = server;
        this.thread = thread;
        this.body = body;
    }

    /**
     * Binds {@code address} (port 0: any free port) and starts serving {@code metrics}.
     *
     * @throws IOException when the address cannot be bound (in use, not local, no permission)
     */
    public static MetricsHttpEndpoint start(InetSocketAddress address, EndpointMetrics metrics) throws IOException {
        Objects.requireNonNull(metrics, "metrics");
        return start(address, metrics::render);
    }

    /** Binds {@code address} and serves whatever {@code body} renders at request time. */
    static MetricsHttpEndpoint start(InetSocketAddress address, Supplier<String> body) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread worker = new Thread(task, "corridor-metrics-http");
            worker.setDaemon(true);
            return worker;
        });
        MetricsHttpEndpoint endpoint = new MetricsHttpEndpoint(server, thread, body);
        server.setExecutor(thread);
        server.createContext("/", endpoint::serve);
        server.start();
        return endpoint;
    }

    /** The bound address, with the actual port. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found; metrics are at " + PATH + "\n");
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "only GET is allowed\n");
            } else {
                send(exchange, 200, PrometheusText.CONTENT_TYPE, body.get());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1); // a HEAD answer has no body
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops serving at once and frees the port. */
    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
