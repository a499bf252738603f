package dev.corridor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.AuthMode;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.TestUserCredentials;
import dev.corridor.server.config.TransportProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code corridor server run --tun} in its own namespace forwarding into a private network
 * ({@link ForwardingLab}): Debian's OpenVPN 2.6 and Corridor's own client in the client namespace
 * reach the host 10.100.0.10 behind the server, whose replies find their way back only through the
 * server's source NAT. When the server stops, its TUN device, nft table and forwarding switch are gone.
 *
 * <pre>
 *   for auth in {mutual, directory}:          server init once (UDP), as user bob
 *     for transport in {udp, tcp}:            endpoint.json "transport" and the profile's proto line set
 *       lab + one server process ──► Debian's OpenVPN: connect, ping 10.100.0.10 and 10.100.0.1, stop
 *                                └─► corridor check --ping 10.100.0.10 (in-memory TUN)
 *       each connection's log entry names the mode: common-name bob (mutual) or username bob (directory)
 *       server stopped ──► no TUN device, no nft table, forwarding off
 * </pre>
 */
@Timeout(240)
class ServerTunModeIT {
    private static final String USER = "bob";
    private static final String DEVICE = "crdsrv-it";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final Map<AuthMode, InitResult> ENDPOINTS = new EnumMap<>(AuthMode.class);

    @TempDir
    static Path temp;

    private ForwardingLab lab;

    @BeforeEach
    void createLab() {
        lab = ForwardingLab.create();
    }

    @AfterEach
    void removeLab() {
        lab.close();
    }

    @AfterAll
    static void forgetEndpoints() {
        ENDPOINTS.clear(); // their folder goes with the class's temporary directory
    }

    static Stream<Arguments> authenticationAndTransport() {
        List<Arguments> cases = new ArrayList<>();
        for (AuthMode auth : List.of(AuthMode.MUTUAL, AuthMode.DIRECTORY)) {
            for (TransportProtocol transport : TransportProtocol.values()) {
                cases.add(Arguments.of(auth, transport));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("authenticationAndTransport")
    void debiansOpenVpnAndCorridorsClientPingTheHostBehindTheServer(AuthMode auth, TransportProtocol transport)
            throws Exception {
        Endpoint endpoint = Endpoint.of(auth, transport);
        String profileText = Files.readString(endpoint.profile());
        assertThat(profileText).contains("proto " + transport.label() + "\n");
        if (auth.usesPasswords()) {
            assertThat(profileText).contains("auth-user-pass").doesNotContain("<cert>");
        } else {
            assertThat(profileText).contains("<cert>").doesNotContain("auth-user-pass");
        }

        try (TunModeServer server = TunModeServer.start(lab.server, endpoint.init().endpointConfig(),
                ForwardingLab.SERVER_ADDRESS, DEVICE)) {
            assertThat(server.output().toString()).contains("forwarding through " + DEVICE);
            assertThat(inServer("cat", "/proc/sys/net/ipv4/ip_forward").strip()).isEqualTo("1");
            assertThat(inServer("nft", "list", "ruleset")).contains("table ip corridor-" + DEVICE, "masquerade");

            assertAll(auth + " over " + transport.label(),
                    () -> debiansOpenVpn(server, endpoint),
                    () -> corridorsClient(server, endpoint));

            server.close();
            assertThat(Shell.run(lab.server.exec("ip", "link", "show", DEVICE)).exit()).isNotZero();
            assertThat(inServer("nft", "list", "ruleset")).doesNotContain("corridor-" + DEVICE);
            assertThat(inServer("cat", "/proc/sys/net/ipv4/ip_forward").strip()).isEqualTo("0");
        }
    }

    private void debiansOpenVpn(TunModeServer server, Endpoint endpoint) throws Exception {
        int before = server.output().size();
        Path folder = Files.createTempDirectory(temp, "openvpn-");
        try (OpenVpnClient client = OpenVpnClient.start(lab.client, endpoint.profile(), folder,
                endpoint.credentials(), false)) {
            client.awaitLine("Initialization Sequence Completed", CONNECT_TIMEOUT);

            // every ping counts: the first packet right after the PUSH_REPLY used to be dropped over TCP, when the
            // server installed the data keys only on its next event after sending the reply
            assertThat(client.ping(ForwardingLab.PRIVATE_HOST, 3)).as(client.log() + server.output()).isEqualTo(3);
            assertThat(client.ping("10.100.0.1", 2)).isEqualTo(2);
        }
        endpoint.assertLogged(server.awaitConnect(before, Duration.ofSeconds(5)));
    }

    private void corridorsClient(TunModeServer server, Endpoint endpoint) throws Exception {
        int before = server.output().size();
        List<String> args = new ArrayList<>(List.of("check", "--config", endpoint.profile().toString(), "--ping",
                ForwardingLab.PRIVATE_HOST, "--count", "3", "--interval", "0.2", "--timeout", "30", "--json"));
        endpoint.credentials().ifPresent(file -> args.addAll(List.of("--auth-user-pass", file.toString())));

        Shell.Result check = Shell.run(lab.client.exec(CorridorCommandLine.of(TunModeServer.home(),
                args.toArray(String[]::new)).toArray(String[]::new)));

        JsonNode report = new ObjectMapper().readTree(check.output().substring(check.output().indexOf('{')));
        assertThat(report.get("connected").asBoolean()).as(check.output() + server.output()).isTrue();
        assertThat(report.get("ping").get("received").asInt()).as(check.output() + server.output()).isEqualTo(3);
        endpoint.assertLogged(server.awaitConnect(before, Duration.ofSeconds(5)));
    }

    /**
     * The endpoint of one case: {@code server init} for the mode (once per mode), set to the
     * transport; its {@code endpoint.json} and the user's profile differ between UDP and TCP only in
     * that word.
     *
     * @param credentials   the {@code auth-user-pass} file with bob's generated password (directory)
     * @param logLinesSoFar the connection log's lines before this case (connection ids restart with every
     *                      server process)
     */
    private record Endpoint(AuthMode auth, TransportProtocol transport, InitResult init, Optional<Path> credentials,
            int logLinesSoFar) {
        static Endpoint of(AuthMode auth, TransportProtocol transport) throws Exception {
            InitResult init = ENDPOINTS.get(auth);
            if (init == null) {
                init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                        .initialize(temp.resolve(auth.toString().toLowerCase() + "-endpoint"), new InitOptions(auth,
                                TransportProtocol.UDP, 1194, false, ForwardingLab.SERVER_ADDRESS));
                ENDPOINTS.put(auth, init);
            }
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = (ObjectNode) mapper.readTree(init.endpointConfig().toFile());
            root.put("transport", transport.label());
            // with directory users init lets only the group "engineering" reach the /16, and bob is in no
            // group: let every user reach the private host's /24 (with mutual authentication init's /16 rule
            // is for all)
            ArrayNode rules = (ArrayNode) root.get("authorizationRules");
            if (rules.findValuesAsText("description").stream().noneMatch("private host"::equals)) {
                rules.addObject().put("destinationCidr", "10.100.0.0/24").put("allUsers", true)
                        .put("description", "private host");
            }
            Files.writeString(init.endpointConfig(),
                    mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            Path profile = profile(init);
            Files.writeString(profile, Files.readString(profile).replaceFirst("(?m)^proto (udp|tcp)$",
                    "proto " + transport.label()));
            Path log = log(init);
            return new Endpoint(auth, transport, init,
                    auth.usesPasswords() ? Optional.of(credentialsFile(init)) : Optional.empty(),
                    Files.exists(log) ? Files.readAllLines(log).size() : 0);
        }

        private static Path profile(InitResult init) {
            return init.folder().resolve("clients").resolve(USER + ".ovpn");
        }

        private static Path log(InitResult init) {
            return init.folder().resolve("connections.log");
        }

        Path profile() {
            return profile(init);
        }

        /**
         * The server's connection log shows the connection {@code id} of this case's server as a successful
         * attempt over the transport by the mode's identity: the certificate's common name and no username
         * (mutual), or the username and no certificate (directory; the guide's "NA" for the common name).
         */
        void assertLogged(String id) throws Exception {
            JsonNode entry = awaitLogEntry(log(init), logLinesSoFar, id);
            assertThat(entry.get("connection-attempt-status").asText()).as(entry.toString()).isEqualTo("successful");
            assertThat(entry.get("transport-protocol").asText()).as(entry.toString()).isEqualTo(transport.label());
            if (auth.usesPasswords()) {
                assertThat(entry.get("username").asText()).as(entry.toString()).isEqualTo(USER);
                assertThat(entry.get("common-name").asText()).as(entry.toString()).isEqualTo("NA");
            } else {
                assertThat(entry.get("common-name").asText()).as(entry.toString()).isEqualTo(USER);
                assertThat(entry.has("username")).as(entry.toString()).isFalse();
            }
        }
    }

    /**
     * The connection-attempt entry of {@code id} after the first {@code skip} lines of the log, waiting for the
     * log's writer thread to append it.
     */
    private static JsonNode awaitLogEntry(Path log, int skip, String id) throws IOException, InterruptedException {
        ObjectMapper mapper = new ObjectMapper();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            if (Files.exists(log)) {
                // complete lines only: the writer may be in the middle of one
                String text = Files.readString(log, StandardCharsets.UTF_8);
                List<String> lines = text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
                for (String line : lines.subList(Math.min(skip, lines.size()), lines.size())) {
                    JsonNode entry = mapper.readTree(line);
                    if (id.equals(entry.path("connection-id").asText())
                            && "connection-attempt".equals(entry.path("connection-log-type").asText())) {
                        return entry;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no connection-attempt entry for " + id + " in " + log + ":\n"
                        + (Files.exists(log) ? Files.readString(log) : "(no file)"));
            }
            Thread.sleep(100);
        }
    }

    /** An owner-only {@code auth-user-pass} file with the user's generated password. */
    private static Path credentialsFile(InitResult init) throws IOException {
        Path file = init.folder().getParent().resolve(init.folder().getFileName() + "-" + USER + ".pass");
        if (!Files.exists(file)) {
            TestUserCredentials user = init.credentials().stream().filter(c -> c.username().equals(USER))
                    .findFirst().orElseThrow();
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, USER + "\n" + user.password().orElseThrow() + "\n", StandardCharsets.UTF_8);
        }
        return file;
    }

    private String inServer(String... command) {
        return Shell.ok(lab.server.exec(command).toArray(String[]::new));
    }
}
