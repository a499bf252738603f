package dev.corridor.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Asks a running {@code corridor server run} for its connections, to terminate one, or to reload. */
public final class ControlClient {
    private static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    private final Path socket;

    /** The client for the server serving {@code configFile}. */
    public ControlClient(Path configFile) {
        this.socket = ControlSocket.pathFor(configFile);
    }

    /** The connected clients. */
    public List<ConnectionSummary> connections() throws IOException, ServerControlException {
        JsonNode answer = call("connections");
        return ControlSocket.JSON.convertValue(answer.get("connections"), new TypeReference<>() {});
    }

    /** Ends a connection for good (HALT); the exception says why when it does not exist. */
    public void terminate(String connectionId) throws IOException, ServerControlException {
        terminate(connectionId, false);
    }

    /** Ends a connection, or with {@code reconnect} tells the client to reconnect (RESTART, keeping its token). */
    public void terminate(String connectionId, boolean reconnect) throws IOException, ServerControlException {
        call((reconnect ? "reconnect " : "terminate ") + connectionId.replaceAll("\\s", ""));
    }

    /** Makes the server re-read its configuration. */
    public ReloadReport reload() throws IOException, ServerControlException {
        return ControlSocket.JSON.convertValue(call("reload").get("reload"), ReloadReport.class);
    }

    private JsonNode call(String request) throws IOException, ServerControlException {
        if (!Files.exists(socket)) {
            throw new ServerControlException("no corridor server is running for this configuration (no control socket "
                    + socket + ")");
        }
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                received.write(buffer.array(), 0, buffer.limit());
                buffer.clear();
                if (received.size() > MAX_ANSWER_BYTES) {
                    throw new IOException("the server's answer is larger than " + MAX_ANSWER_BYTES + " bytes");
                }
            }
        } catch (java.net.SocketException e) {
            throw new ServerControlException("no corridor server answers on " + socket + " (" + e.getMessage()
                    + "); it may have been stopped");
        }
        JsonNode answer = ControlSocket.JSON.readTree(received.toByteArray());
        if (!answer.path("ok").asBoolean(false)) {
            throw new ServerControlException(answer.path("error").asText("the server refused the request"));
        }
        return answer;
    }
}
