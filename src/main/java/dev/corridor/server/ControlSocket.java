package dev.corridor.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.InvalidConfigException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;

/**
 * The running server's local control socket, next to its {@code endpoint.json}: the
 * {@code corridor server connections | terminate | reload} commands talk to it.
 *
 * <pre>
 *   client ── "connections\n" | "terminate cvpn-connection-…\n" | "reconnect cvpn-connection-…\n"
 *             | "reload\n" ──► socket (owner-only)
 *          ◄── one JSON object: {"ok":true, ...} or {"ok":false,"error":"…"} ── then close
 * </pre>
 *
 * A Unix-domain socket (Java 16+, also on Windows 10+) keeps the control channel off the network:
 * only the file's owner (and root) can connect.
 */
public final class ControlSocket implements AutoCloseable {
    /** The socket's file name, in the folder of {@code endpoint.json}. */
    public static final String FILE_NAME = ".corridor-server.sock";
    static final int MAX_REQUEST_BYTES = 256;
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ServerSocketChannel channel;
    private final Path path;
    private final Thread acceptor;

    private ControlSocket(ServerSocketChannel channel, Path path, Thread acceptor) {
        this.channel = channel;
        this.path = path;
        this.acceptor = acceptor;
    }

    /** Where the socket for {@code configFile} lives. */
    public static Path pathFor(Path configFile) {
        return configFile.toAbsolutePath().resolveSibling(FILE_NAME);
    }

    /**
     * Opens the socket for {@code server}; {@code reload} re-reads {@code configFile}.
     *
     * @throws ServerSetupException when another server already serves this configuration
     */
    public static ControlSocket open(EndpointServer server, Path configFile, Consumer<String> log)
            throws IOException, ServerSetupException {
        Path path = pathFor(configFile);
        if (Files.exists(path)) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                throw new ServerSetupException("another corridor server is already running for " + configFile
                        + " (its control socket " + path + " answers)");
            } catch (IOException stale) {
                Files.deleteIfExists(path); // left behind by a server that was killed
            }
        }
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(path));
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the folder's ACL protects the socket
        }
        Thread acceptor = new Thread(() -> serve(channel, server, configFile, log), "corridor-server-control");
        acceptor.setDaemon(true);
        acceptor.start();
        return new ControlSocket(channel, path, acceptor);
    }

    private static void serve(ServerSocketChannel channel, EndpointServer server, Path configFile,
            Consumer<String> log) {
        while (channel.isOpen()) {
            try (SocketChannel client = channel.accept()) {
                String request = readLine(client);
                ObjectNode answer = answer(request, server, configFile, log);
                client.write(ByteBuffer.wrap(JSON.writeValueAsBytes(answer)));
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    return;
                }
            }
        }
    }

    static ObjectNode answer(String request, EndpointServer server, Path configFile, Consumer<String> log) {
        ObjectNode answer = JSON.createObjectNode();
        try {
            if (request.equals("connections")) {
                answer.put("ok", true);
                answer.set("connections", JSON.valueToTree(server.connections()));
            } else if (request.startsWith("terminate ") || request.startsWith("reconnect ")) {
                boolean reconnect = request.startsWith("reconnect ");
                String id = request.substring(request.indexOf(' ') + 1).trim();
                boolean ended = server.terminate(id, reconnect);
                answer.put("ok", ended);
                if (!ended) {
                    answer.put("error", "no connection " + id + " is active");
                } else {
                    log.accept((reconnect ? "reconnect " : "terminate ") + id + " (requested on the control socket)");
                }
            } else if (request.equals("reload")) {
                ReloadReport report = server.reload(EndpointConfigFile.read(configFile));
                answer.put("ok", true);
                answer.set("reload", JSON.valueToTree(report));
            } else {
                answer.put("ok", false);
                answer.put("error", "unknown request; expected connections, terminate ID, reconnect ID or reload");
            }
        } catch (InvalidConfigException | ServerSetupException | IOException | RuntimeException e) {
            answer.put("ok", false);
            answer.put("error", e.getMessage());
        }
        return answer;
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_REQUEST_BYTES);
        while (buffer.hasRemaining()) {
            if (client.read(buffer) < 0) {
                break;
            }
            byte[] bytes = buffer.array();
            for (int i = 0; i < buffer.position(); i++) {
                if (bytes[i] == '\n') {
                    return new String(bytes, 0, i, StandardCharsets.UTF_8).trim();
                }
            }
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
    }

    /** Closes the socket and removes its file. */
    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing more to do
        }
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
