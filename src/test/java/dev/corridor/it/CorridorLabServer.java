package dev.corridor.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.AuthMode;
import dev.corridor.server.ConnectionSummary;
import dev.corridor.server.ControlClient;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.config.TransportProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Corridor's own {@code corridor server run --tun} as the {@link LabServer}: an endpoint made by
 * {@code server init} (mutual authentication), edited to the lab's networks, forwarding through its
 * TUN device into the private network.
 */
final class CorridorLabServer implements LabServer {
    private final Process process;
    private final Path config;
    private final Path log;

    private CorridorLabServer(Process process, Path config, Path log) {
        this.process = process;
        this.config = config;
        this.log = log;
    }

    /** Starts the server in the lab's server namespace. */
    static LabServer start(ConnectLab lab, Push push) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory(lab.folder(), "corridor-server-");
        InitResult init;
        try {
            init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                    .initialize(folder.resolve("endpoint"), new InitOptions(AuthMode.MUTUAL, TransportProtocol.UDP,
                            1194, push == Push.SPLIT_TUNNEL, ConnectLab.SERVER_ADDRESS));
        } catch (Exception e) {
            throw new IOException("server init failed: " + e.getMessage(), e);
        }
        Path config = init.endpointConfig();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(config.toFile());
        root.put("clientCidr", "10.77.0.0/22"); // the guide's smallest pool; the server takes 10.77.0.1
        root.putArray("dnsServers").add(ConnectLab.PRIVATE_HOST);
        ArrayNode routes = root.putArray("routes");
        routes.addObject().put("destinationCidr", ConnectLab.PRIVATE_NETWORK + "/24").put("target", "local")
                .put("description", "private network");
        ArrayNode rules = root.putArray("authorizationRules");
        rules.addObject().put("destinationCidr", ConnectLab.PRIVATE_NETWORK + "/24").put("allUsers", true)
                .put("description", "private network");
        rules.addObject().put("destinationCidr", "0.0.0.0/0").put("allUsers", true).put("description", "internet");
        ((ObjectNode) root.get("loginBanner")).put("enabled", true).put("text", "Welcome to the Corridor connect lab");
        Files.writeString(config, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        Path log = folder.resolve("server.log");
        Process process = new ProcessBuilder(ConnectLab.exec(ConnectLab.SERVER, CorridorCommandLine.of(
                folder.resolve("home"), "server", "run", "--config", config.toString(), "--listen",
                ConnectLab.SERVER_ADDRESS, "--tun").toArray(String[]::new)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        CorridorLabServer started = new CorridorLabServer(process, config, log);
        try {
            started.awaitLog("Serving ", Duration.ofSeconds(60));
        } catch (RuntimeException | InterruptedException e) {
            started.close();
            throw e;
        }
        return started;
    }

    @Override
    public Path writeClientProfile(Path target) throws IOException {
        Path file = target.resolve("client.ovpn");
        Files.copy(config.resolveSibling("clients").resolve("bob.ovpn"), file);
        return file;
    }

    /** Asks the control socket for the connection and ends it with HALT, or RESTART to reconnect. */
    @Override
    public void endClientSession(boolean halt) throws InterruptedException {
        try {
            ControlClient control = new ControlClient(config);
            List<ConnectionSummary> connections = control.connections();
            if (connections.isEmpty()) {
                throw new IllegalStateException("no client is connected:\n" + log());
            }
            control.terminate(connections.get(0).connectionId(), !halt);
        } catch (IOException | dev.corridor.server.ServerControlException e) {
            throw new IllegalStateException("cannot end the client's session: " + e.getMessage(), e);
        }
    }

    @Override
    public String log() {
        return new ServerProcessLog("corridor server", process, log).text();
    }

    @Override
    public void awaitLog(String text, Duration timeout) throws InterruptedException {
        new ServerProcessLog("corridor server", process, log).await(text, timeout);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: the server says EXIT to the client and removes its TUN device and NAT
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
