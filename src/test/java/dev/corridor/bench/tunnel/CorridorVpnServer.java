package dev.corridor.bench.tunnel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.AuthMode;
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

/**
 * Corridor's {@code corridor server run --tun} as the server under test, in its own JVM: an endpoint
 * from {@code server init} (mutual authentication, UDP, split tunnel) with a local route and an
 * allow-all rule for the host network, no pushed DNS; the server forwards through its TUN device with NAT.
 */
final class CorridorVpnServer implements VpnServer {
    private final Process process;
    private final Path log;
    private final String profile;

    private CorridorVpnServer(Process process, Path log, String profile) {
        this.process = process;
        this.log = log;
        this.profile = profile;
    }

    /** Initialises the endpoint under the lab's folder and starts the server in the server namespace. */
    static CorridorVpnServer start(TunnelLab lab, String javaOptions) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory(lab.folder(), "corridor-server-");
        InitResult init;
        try {
            init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                    .initialize(folder.resolve("endpoint"), new InitOptions(AuthMode.MUTUAL, TransportProtocol.UDP,
                            1194, true, TunnelLab.SERVER_ADDRESS));
        } catch (Exception e) {
            throw new IOException("server init failed: " + e.getMessage(), e);
        }
        Path config = init.endpointConfig();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(config.toFile());
        root.put("clientCidr", "10.77.0.0/22");
        root.putArray("dnsServers");
        ArrayNode routes = root.putArray("routes");
        routes.addObject().put("destinationCidr", TunnelLab.HOST_NETWORK + "/24").put("target", "local")
                .put("description", "iperf3 host");
        ArrayNode rules = root.putArray("authorizationRules");
        rules.addObject().put("destinationCidr", TunnelLab.HOST_NETWORK + "/24").put("allUsers", true)
                .put("description", "iperf3 host");
        Files.writeString(config, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        String profile = Files.readString(config.resolveSibling("clients").resolve("bob.ovpn")) + PINNED_CIPHER;

        lab.enableForwarding();
        Path log = folder.resolve("server.log");
        Process process = lab.spawn(TunnelLab.exec(TunnelLab.SERVER, CorridorJvm.command(folder.resolve("home"),
                javaOptions, "server", "run", "--config", config.toString(), "--listen", TunnelLab.SERVER_ADDRESS,
                "--tun", "cbttun").toArray(String[]::new)), log);
        CorridorVpnServer started = new CorridorVpnServer(process, log, profile);
        try {
            VpnServer.awaitLog(process, log, "Serving ", Duration.ofSeconds(90));
        } catch (RuntimeException | InterruptedException e) {
            started.close();
            throw e;
        }
        return started;
    }

    @Override
    public String label() {
        return "Corridor server";
    }

    @Override
    public String clientProfile() {
        return profile;
    }

    @Override
    public long pid() {
        return ResidentMemory.workerPid(process);
    }

    @Override
    public String log() {
        return VpnServer.read(log);
    }

    @Override
    public void close() throws InterruptedException {
        TunnelLab.stop(process, 20); // SIGTERM: the server removes its TUN device and NAT table
    }
}
