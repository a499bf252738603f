package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corridor.server.AuthMode;
import dev.corridor.server.ControlSocket;
import dev.corridor.server.EndpointServer;
import dev.corridor.server.config.TransportProtocol;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corridor server connections | terminate | reload} against a running server's control
 * socket, and SIGHUP reaching a {@code corridor server run} process.
 */
@Timeout(120)
class ServerControlCommandsTest {
    @TempDir
    Path temp;

    private record Run(int exit, String out, String err) {}

    private static Run corridor(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void connectionsTerminateAndReloadTalkToTheRunningServer() throws Exception {
        TestEndpoint endpoint = TestEndpoint.init(temp, AuthMode.MUTUAL, TransportProtocol.UDP);
        String config = endpoint.configFile().toString();
        try (EndpointServer server = endpoint.start();
                ControlSocket control = ControlSocket.open(server, endpoint.configFile(), endpoint.serverLog::add)) {
            assertThat(Files.getPosixFilePermissions(ControlSocket.pathFor(endpoint.configFile())))
                    .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            assertThat(corridor("server", "connections", "--config", config).out())
                    .contains("No clients are connected.");

            Path profile = endpoint.profile("bob", server.localAddress().getPort());
            CompletableFuture<TestEndpoint.Result> bob = CompletableFuture.supplyAsync(() -> TestEndpoint.check(
                    profile, 80, 0.25, 10));
            assertThat(TestEndpoint.waitFor(30, () -> server.activeConnections() == 1)).isTrue();

            Run table = corridor("server", "connections", "--config", config);
            assertThat(table.exit()).isZero();
            assertThat(table.out()).contains("CONNECTION", "bob", "10.200.0.", "127.0.0.1:", "OpenVPN 2.6");
            Run json = corridor("server", "connections", "--config", config, "--json");
            JsonNode list = new ObjectMapper().readTree(json.out());
            assertThat(list).hasSize(1);
            String id = list.get(0).get("connectionId").asText();

            Run reload = corridor("server", "reload", "--config", config);
            assertThat(reload.exit()).as(reload.err()).isZero();
            assertThat(reload.out()).isEqualTo("Reloaded; nothing changed.\n");

            Run unknown = corridor("server", "terminate", "--config", config, "cvpn-connection-00000000000000099");
            assertThat(unknown.exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(unknown.err()).contains("no connection cvpn-connection-00000000000000099 is active");

            Run terminate = corridor("server", "terminate", "--config", config, id);
            assertThat(terminate.exit()).as(terminate.err()).isZero();
            assertThat(bob.get(60, TimeUnit.SECONDS).out()).contains("the administrator ended this connection");
        }
        Run stopped = corridor("server", "connections", "--config", config);
        assertThat(stopped.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(stopped.err()).contains("no corridor server is running for this configuration");
    }

    @Test
    void aSecondServerForTheSameConfigurationIsRefused() throws Exception {
        TestEndpoint endpoint = TestEndpoint.init(temp, AuthMode.MUTUAL, TransportProtocol.UDP);
        try (EndpointServer server = endpoint.start();
                ControlSocket control = ControlSocket.open(server, endpoint.configFile(), line -> { })) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ControlSocket.open(server,
                    endpoint.configFile(), line -> { })).hasMessageContaining("already running");
        }
    }

    @Test
    void aRunningServerRehearsesTheAskedHandshakesAfterItServesAndSaysSo() throws Exception {
        TestEndpoint endpoint = TestEndpoint.init(temp, AuthMode.MUTUAL, TransportProtocol.UDP);
        List<String> lines = new CopyOnWriteArrayList<>();
        ServerProcess server = ServerProcess.start(endpoint.configFile(), lines, "--rehearse-handshakes", "2");
        try {
            assertThat(TestEndpoint.waitFor(60, () -> lines.stream().anyMatch(l -> l.contains(
                    "handshake rehearsal: ")))).as(lines::toString).isTrue();
            List<String> rehearsal = lines.stream().filter(l -> l.contains("handshake rehearsal: ")).toList();
            assertThat(rehearsal).singleElement().asString().contains("handshake rehearsal: 2 handshake(s) in ")
                    .doesNotContain("stopped");
            // it began once the server served: its line comes after "Serving"
            assertThat(lines.indexOf(rehearsal.get(0))).isGreaterThan(lines.stream()
                    .filter(l -> l.startsWith("Serving ")).findFirst().map(lines::indexOf).orElseThrow());
            assertThat(server.process().isAlive()).isTrue();
        } finally {
            server.stop();
        }
    }

    @Test
    void sighupMakesARunningServerReloadAndABrokenFileKeepsTheOldConfiguration() throws Exception {
        TestEndpoint endpoint = TestEndpoint.init(temp, AuthMode.MUTUAL, TransportProtocol.UDP);
        Path config = endpoint.configFile();
        List<String> lines = new CopyOnWriteArrayList<>();
        ServerProcess server = ServerProcess.start(config, lines);
        Process process = server.process();
        try {
            assertThat(TestEndpoint.waitFor(30, () -> lines.stream().anyMatch(l -> l.startsWith("Serving "))))
                    .as(lines::toString).isTrue();

            Files.writeString(config, Files.readString(config).replace("\"maxSessionHours\" : 24",
                    "\"maxSessionHours\" : 12"));
            new ProcessBuilder("kill", "-HUP", String.valueOf(process.pid())).start().waitFor();
            assertThat(TestEndpoint.waitFor(20, () -> lines.stream().anyMatch(l -> l.contains(
                    "reload: maximum session duration changed")))).as(lines::toString).isTrue();

            Files.writeString(config, "{ not json");
            new ProcessBuilder("kill", "-HUP", String.valueOf(process.pid())).start().waitFor();
            assertThat(TestEndpoint.waitFor(20, () -> lines.stream().anyMatch(l -> l.contains(
                    "reload refused, the running configuration stays")))).as(lines::toString).isTrue();
            assertThat(process.isAlive()).isTrue();
        } finally {
            server.stop();
        }
        assertThat(Files.exists(ControlSocket.pathFor(config))).isFalse();
    }

    /** {@code corridor server run} on any free port as a child JVM, its output lines collected as they come. */
    private record ServerProcess(Process process, Thread reader) {
        static ServerProcess start(Path config, List<String> lines, String... options) throws java.io.IOException {
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), "dev.corridor.cli.Main", "server", "run", "--config",
                    config.toString(), "--port-override", "0"));
            command.addAll(List.of(options));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the process ended
                }
            });
            reader.start();
            return new ServerProcess(process, reader);
        }

        /** SIGTERM (the server's shutdown hook runs), SIGKILL if it has not ended after 20 s. */
        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            process.destroyForcibly();
            reader.join(5_000);
        }
    }
}
