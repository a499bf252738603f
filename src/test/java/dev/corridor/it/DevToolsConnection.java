package dev.corridor.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket to Chromium's DevTools endpoint, speaking its JSON commands with the JDK's
 * {@code java.net.http} client; events are ignored, only command results are read.
 *
 * <pre>
 * test ─ {"id":7,"method":"Page.navigate","params":{…},"sessionId":"…"} ─► chromium
 *      ◄─ {"id":7,"result":{…}}  or  {"id":7,"error":{"code":…,"message":…}}
 *      ◄─ {"method":"Page.loadEventFired",…}   (events: no id, dropped)
 * </pre>
 * A message may arrive in several WebSocket frames; they are joined before parsing.
 */
final class DevToolsConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Duration commandTimeout;
    private volatile WebSocket socket;

    private DevToolsConnection(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    /** Opens the WebSocket at {@code endpoint} (the {@code ws://…/devtools/browser/…} address). */
    static DevToolsConnection open(URI endpoint, Duration commandTimeout) throws Exception {
        DevToolsConnection connection = new DevToolsConnection(commandTimeout);
        connection.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(commandTimeout)
                .buildAsync(endpoint, connection.new Reader())
                .get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return connection;
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    /**
     * Sends {@code method} (to the page attached as {@code session}, or to the browser when empty)
     * and returns its {@code result}; throws when Chromium answers with an error or not in time.
     */
    JsonNode call(Optional<String> session, String method, ObjectNode params) throws Exception {
        long id = nextId.getAndIncrement();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        session.ifPresent(s -> message.put("sessionId", s));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            socket.sendText(JSON.writeValueAsString(message), true)
                    .get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return answer.get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("DevTools: no answer to " + method + " within " + commandTimeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException("DevTools: " + method + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
        failAll(new IOException("DevTools connection closed"));
    }

    private void failAll(Throwable cause) {
        pending.values().forEach(answer -> answer.completeExceptionally(cause));
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            failAll(new IOException("DevTools sent something that is not JSON: " + e.getMessage()));
            return;
        }
        JsonNode id = message.get("id");
        if (id == null) {
            return;
        }
        CompletableFuture<JsonNode> answer = pending.get(id.asLong());
        if (answer == null) {
            return;
        }
        JsonNode error = message.get("error");
        if (error != null) {
            answer.completeExceptionally(new IOException(error.path("message").asText("error") + " (code "
                    + error.path("code").asText("?") + ")"));
        } else {
            answer.complete(message.path("result"));
        }
    }

    /** Joins frames into messages and hands each to {@link #dispatch}. */
    private final class Reader implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll(new IOException("DevTools closed the connection (" + statusCode + " " + reason + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll(new IOException("DevTools connection failed: " + error.getMessage(), error));
        }
    }
}
