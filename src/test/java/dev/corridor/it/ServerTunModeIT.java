package dev.corridor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.AuthMode;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.config.TransportProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corridor server run --tun} in its own namespace forwarding into a private network
 * ({@link ForwardingLab}): Debian's OpenVPN 2.6 and Corridor's own client in the client namespace
 * reach the host 10.100.0.10 behind the server, whose replies find their way back only through the
 * server's source NAT. When the server stops, its TUN device, nft table and forwarding switch are gone.
 */
@Timeout(240)
class ServerTunModeIT {
    @TempDir
    Path temp;

    private ForwardingLab lab;
    private Process server;
    private final List<String> serverOutput = new CopyOnWriteArrayList<>();

    @BeforeEach
    void createLab() {
        lab = ForwardingLab.create();
    }

    @AfterEach
    void removeLab() throws InterruptedException {
        stopServer();
        lab.close();
    }

    private InitResult endpoint(TransportProtocol transport) throws Exception {
        InitResult init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(temp.resolve("endpoint"), new InitOptions(AuthMode.MUTUAL, transport, 1194, false,
                        ForwardingLab.SERVER_ADDRESS));
        // certificate users have no groups: let everyone reach the private host's /24 (the /16 stays group-only)
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(init.endpointConfig().toFile());
        ((ArrayNode) root.get("authorizationRules")).addObject().put("destinationCidr", "10.100.0.0/24")
                .put("allUsers", true).put("description", "private host");
        Files.writeString(init.endpointConfig(), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return init;
    }

    private static List<String> java(String... args) {
        return CorridorCommandLine.of(Path.of(System.getProperty("corridor.home", "target/test-home")), args);
    }

    private void startServer(InitResult init) throws Exception {
        server = new ProcessBuilder(lab.server.exec(java("server", "run", "--config",
                init.endpointConfig().toString(), "--listen", ForwardingLab.SERVER_ADDRESS, "--tun", "crdsrv-it")
                .toArray(String[]::new))).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    serverOutput.add(line);
                }
            } catch (IOException e) {
                // the server ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (serverOutput.stream().noneMatch(l -> l.startsWith("Serving "))) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the server did not start: " + serverOutput);
            }
            Thread.sleep(100);
        }
    }

    private void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy(); // SIGTERM: the shutdown hook removes the TUN device, the nft table and forwarding
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private String inServer(String... command) {
        return Shell.ok(lab.server.exec(command).toArray(String[]::new));
    }

    @Test
    void corridorsOwnClientReachesTheHostBehindTheServerThroughNat() throws Exception {
        InitResult init = endpoint(TransportProtocol.UDP);
        startServer(init);
        assertThat(serverOutput.toString()).contains("forwarding through crdsrv-it");
        assertThat(inServer("cat", "/proc/sys/net/ipv4/ip_forward").strip()).isEqualTo("1");
        assertThat(inServer("nft", "list", "ruleset")).contains("table ip corridor-crdsrv-it", "masquerade");
        Path profile = init.endpointConfig().getParent().resolve("clients/bob.ovpn");

        Shell.Result check = Shell.run(lab.client.exec(java("check", "--config", profile.toString(), "--ping",
                ForwardingLab.PRIVATE_HOST, "--count", "3", "--interval", "0.2", "--timeout", "30", "--json")
                .toArray(String[]::new)));

        JsonNode report = new ObjectMapper().readTree(check.output().substring(check.output().indexOf('{')));
        assertThat(report.get("connected").asBoolean()).as(check.output() + serverOutput).isTrue();
        assertThat(report.get("ping").get("received").asInt()).as(check.output() + serverOutput).isEqualTo(3);

        stopServer();
        assertThat(Shell.run(lab.server.exec("ip", "link", "show", "crdsrv-it")).exit()).isNotZero();
        assertThat(inServer("nft", "list", "ruleset")).doesNotContain("corridor-crdsrv-it");
        assertThat(inServer("cat", "/proc/sys/net/ipv4/ip_forward").strip()).isEqualTo("0");
    }

    @Test
    void debiansOpenVpnClientOverTcpPingsTheHostBehindTheServer() throws Exception {
        InitResult init = endpoint(TransportProtocol.TCP);
        startServer(init);
        Path profile = init.endpointConfig().getParent().resolve("clients/bob.ovpn");

        try (OpenVpnClient client = OpenVpnClient.start(lab.client, profile, temp, Optional.empty(), false)) {
            client.awaitLine("Initialization Sequence Completed", Duration.ofSeconds(60));

            // every ping counts: the first packet right after the PUSH_REPLY used to be dropped over TCP, when the
            // server installed the data keys only on its next event after sending the reply
            assertThat(client.ping(ForwardingLab.PRIVATE_HOST, 3)).as(client.log() + serverOutput).isEqualTo(3);
            assertThat(client.ping("10.100.0.1", 2)).isEqualTo(2);
        }
    }
}
