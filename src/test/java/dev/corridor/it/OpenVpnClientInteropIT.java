package dev.corridor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.AuthMode;
import dev.corridor.server.EndpointServer;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.TestUserCredentials;
import dev.corridor.server.PacketVerdict;
import dev.corridor.server.config.Audience;
import dev.corridor.server.config.AuthorizationRule;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.Ipv4Cidr;
import dev.corridor.server.config.TransportProtocol;
import dev.corridor.server.users.Base32;
import dev.corridor.server.users.Totp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's OpenVPN 2.6 as the client, in a network namespace, against Corridor's test server
 * ({@link EndpointServer}, in this JVM, on the host end of the veth): the server role proven
 * against the real thing, with the profiles {@code corridor server init} writes.
 *
 * <pre>
 *   namespace covc-n                                     host (this JVM)
 *   openvpn --config clients/USER.ovpn ──UDP/TCP──► 198.19.n.1:port  EndpointServer
 *   tun0 10.200.0.x ── ping 10.200.0.1 (server) ──►  VirtualNetwork answers
 *                   ── ping 10.100.0.5 (routed)  ──►  answered if an authorization rule admits the user
 * </pre>
 *
 * The profiles are used as written except for the {@code remote} line (the test server listens on a
 * free port). {@code remote-random-hostname} stays: OpenVPN 2.6 accepts it and ignores it for an IP
 * address. Static-challenge MFA goes through the management interface ({@code
 * --management-query-passwords}), because OpenVPN reads a challenge answer from a terminal only; the
 * login banner (pushed {@code echo "msg ..."}) is read from the management interface's echo history.
 */
class OpenVpnClientInteropIT {
    private static final NetnsLab.Naming NAMING = new NetnsLab.Naming("covc-", "cv", 19);
    private static final String ROUTED_HOST = "10.100.0.5";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SHORT = Duration.ofSeconds(5);

    @TempDir
    Path temp;
    private NetnsLab lab;
    private EndpointServer server;
    private OpenVpnClient client;
    private InitResult endpoint;
    private final List<String> serverLog = new CopyOnWriteArrayList<>();

    @BeforeEach
    void createLab() {
        lab = NetnsLab.create(NAMING);
        lab.addDefaultRouteViaHost();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            try {
                if (server != null) {
                    server.close();
                }
            } finally {
                lab.close();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ cases

    @Test
    void udpMutualAuthentication() throws Exception {
        serve(AuthMode.MUTUAL, TransportProtocol.UDP, UnaryOperator.identity());

        connect("alice", Optional.empty());

        assertTunnelWorks("alice");
        assertBannerArrived();
        // Corridor's pushed session end (setenv-safe) is accepted by stock OpenVPN without complaint
        assertThat(client.log()).contains("setenv-safe CORRIDOR_SESSION_SECONDS_LEFT ")
                .contains("OPTIONS IMPORT: environment modified")
                .doesNotContain("Options error").doesNotContain("Unrecognized option");
    }

    @Test
    void tcpMutualAuthentication() throws Exception {
        serve(AuthMode.MUTUAL, TransportProtocol.TCP, UnaryOperator.identity());

        connect("alice", Optional.empty());

        assertTunnelWorks("alice");
        assertThat(client.log()).contains("TCP connection established with");
    }

    @Test
    void udpUsernameAndPassword() throws Exception {
        serve(AuthMode.DIRECTORY, TransportProtocol.UDP, OpenVpnClientInteropIT::financeMayReachThePrivateNetwork);

        connect("carol", Optional.of(credentialsFile("carol", password("carol"))));

        assertTunnelWorks("carol");
        assertBannerArrived();
        assertThat(client.log()).contains("PUSH: Received control message").contains("auth-token");
    }

    @Test
    void tcpUsernameAndPassword() throws Exception {
        serve(AuthMode.DIRECTORY, TransportProtocol.TCP, OpenVpnClientInteropIT::financeMayReachThePrivateNetwork);

        connect("carol", Optional.of(credentialsFile("carol", password("carol"))));

        assertTunnelWorks("carol");
    }

    @Test
    void mfaStaticChallengeAnsweredThroughTheManagementInterface() throws Exception {
        serve(AuthMode.DIRECTORY, TransportProtocol.UDP, UnaryOperator.identity());
        assertThat(Files.readString(profileOf("alice"))).contains("static-challenge \"Enter MFA code \" 1");

        client = OpenVpnClient.start(lab, profile("alice"), temp, Optional.empty(), true);
        answerStaticChallenge("alice", currentCode("alice"));
        Duration connected = client.awaitLine("Initialization Sequence Completed", CONNECT_TIMEOUT);
        System.out.println("alice (MFA) connected " + connected.toMillis() + " ms after openvpn started");

        assertTunnelWorks("alice");
        assertBannerArrived();
    }

    @Test
    void wrongMfaCodeIsRefused() throws Exception {
        serve(AuthMode.DIRECTORY, TransportProtocol.UDP, UnaryOperator.identity());
        String wrong = String.format("%06d", (Integer.parseInt(currentCode("alice")) + 500_000) % 1_000_000);

        client = OpenVpnClient.start(lab, profile("alice"), temp, Optional.empty(), true);
        answerStaticChallenge("alice", wrong);

        client.awaitLine("AUTH_FAILED", CONNECT_TIMEOUT);
        assertThat(client.log()).doesNotContain("Initialization Sequence Completed");
        assertThat(server.authenticationFailures()).isEqualTo(1);
        assertThat(server.activeConnections()).isZero();
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        serve(AuthMode.DIRECTORY, TransportProtocol.UDP, UnaryOperator.identity());

        client = OpenVpnClient.start(lab, profile("bob"), temp,
                Optional.of(credentialsFile("bob", "not-" + password("bob"))), false);

        client.awaitLine("AUTH_FAILED", CONNECT_TIMEOUT);
        assertThat(client.awaitExit(Duration.ofSeconds(20))).as("openvpn gives up after AUTH_FAILED:%n%s",
                client.log()).isPresent();
        assertThat(client.log()).contains("SIGTERM[soft,auth-failure] received, process exiting")
                .doesNotContain("Initialization Sequence Completed");
        assertThat(server.authenticationFailures()).isEqualTo(1);
        assertThat(server.activeConnections()).isZero();
        assertThat(serverLog).anyMatch(line -> line.contains("refused") && line.contains("bob"));
    }

    @Test
    void authorizationRuleBlocksThePrivateNetworkForAUserOutsideTheGroup() throws Exception {
        // As init writes it: 10.100.0.0/16 for group "engineering" only; bob is in no group.
        serve(AuthMode.DIRECTORY, TransportProtocol.UDP, UnaryOperator.identity());
        assertThat(user("bob").groups()).isEmpty();

        connect("bob", Optional.of(credentialsFile("bob", password("bob"))));

        assertThat(client.ping(server.tunnelAddress().toString(), 3)).as("server address").isGreaterThanOrEqualTo(2);
        long unauthorizedBefore = server.packets(PacketVerdict.UNAUTHORIZED);
        assertThat(client.ping(ROUTED_HOST, 3)).as("replies from the blocked network").isZero();
        assertThat(server.packets(PacketVerdict.UNAUTHORIZED) - unauthorizedBefore).isEqualTo(3);
    }

    @Test
    void mutualPlusDirectoryAuthentication() throws Exception {
        serve(AuthMode.MUTUAL_AND_DIRECTORY, TransportProtocol.UDP,
                OpenVpnClientInteropIT::financeMayReachThePrivateNetwork);
        assertThat(Files.readString(profileOf("carol"))).contains("<cert>").contains("auth-user-pass");

        connect("carol", Optional.of(credentialsFile("carol", password("carol"))));

        assertTunnelWorks("carol");
    }

    @Test
    void clientRenegotiationWithTheAuthTokenKeepsTheTunnel() throws Exception {
        serve(AuthMode.DIRECTORY, TransportProtocol.UDP, OpenVpnClientInteropIT::financeMayReachThePrivateNetwork);
        // On the command line after --config, so it overrides the profile's reneg-sec 0.
        client = OpenVpnClient.start(lab, profile("carol"), temp,
                Optional.of(credentialsFile("carol", password("carol"))), false, "--reneg-sec", "5");
        client.awaitLine("Initialization Sequence Completed", CONNECT_TIMEOUT);

        assertThat(waitFor(30, () -> count(client.log(), "Control Channel: TLSv1.3") >= 3))
                .as("two renegotiations within 30 s:%n%s", client.log()).isTrue();

        assertTunnelWorks("carol");
        assertThat(server.authenticationFailures()).isZero();
        assertThat(client.log()).doesNotContain("AUTH_FAILED").doesNotContain("SIGUSR1");
    }

    @Test
    void theServerHearsAClientThatSaysGoodbye() throws Exception {
        serve(AuthMode.MUTUAL, TransportProtocol.UDP, UnaryOperator.identity());
        client = OpenVpnClient.start(lab, profile("alice"), temp, Optional.empty(), false, "--explicit-exit-notify",
                "1");
        client.awaitLine("Initialization Sequence Completed", CONNECT_TIMEOUT);
        assertThat(waitFor(10, () -> server.activeConnections() == 1)).isTrue();

        client.terminate();

        assertThat(client.awaitExit(Duration.ofSeconds(10))).as("openvpn exits").isPresent();
        assertThat(waitFor(5, () -> server.activeConnections() == 0)).as("server log %s", serverLog).isTrue();
        assertThat(serverLog).anyMatch(line -> line.startsWith("disconnect ") && line.contains(" alice ")
                && line.endsWith("the client disconnected"));
    }

    @Test
    void aStoppingServerTellsItsClients() throws Exception {
        serve(AuthMode.MUTUAL, TransportProtocol.UDP, UnaryOperator.identity());
        connect("alice", Optional.empty());

        server.stop();

        // The client announced cc-exit, so the server says goodbye with an EXIT control message.
        client.awaitLine("SIGUSR1[soft,remote-exit] received, process restarting", Duration.ofSeconds(10));
        assertThat(client.log()).contains("CC-EEN exit message received by peer");
    }

    // -------------------------------------------------------------------------------------- set-up

    /** Runs {@code corridor server init}'s initializer for the lab's host address and serves it, changed by {@code change}. */
    private void serve(AuthMode auth, TransportProtocol transport, UnaryOperator<EndpointConfig> change)
            throws Exception {
        endpoint = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(temp.resolve("endpoint"), new InitOptions(auth, transport, 443, false,
                        lab.hostAddress().getHostAddress()));
        EndpointConfig config = change.apply(EndpointConfigFile.read(endpoint.endpointConfig()));
        server = new EndpointServer(config, endpoint.endpointConfig().getParent(), lab.hostAddress(), Optional.of(0),
                Clock.systemUTC(), new SecureRandom(), serverLog::add);
        server.start();
    }

    /** Adds a rule letting group "finance" (carol) reach 10.100.0.0/16 too. */
    private static EndpointConfig financeMayReachThePrivateNetwork(EndpointConfig c) {
        List<AuthorizationRule> rules = new ArrayList<>(c.authorizationRules());
        rules.add(new AuthorizationRule(Ipv4Cidr.parse(ServerInitializer.PRIVATE_NETWORK).orElseThrow(),
                new Audience.Group("finance"), "private network for finance"));
        return new EndpointConfig(c.endpointId(), c.clientCidr(), c.transport(), c.port(), c.serverCertificate(),
                c.authentication(), c.dnsServers(), c.splitTunnel(), c.routes(), rules, c.clientToClient(),
                c.crlFile(), c.clientConnectHandler(), c.connectionLog(), c.maxSessionHours(), c.loginBanner(),
                c.selfServicePortal(), c.metrics());
    }

    private Path profileOf(String user) {
        return endpoint.folder().resolve("clients").resolve(user + ".ovpn");
    }

    /** The user's profile as init wrote it, its {@code remote} line pointing at the server's actual port. */
    private Path profile(String user) throws Exception {
        String text = Files.readString(profileOf(user), StandardCharsets.UTF_8);
        String host = lab.hostAddress().getHostAddress();
        assertThat(text).as("init wrote the lab's address into the profile").contains("remote " + host + " 443\n");
        Path copy = temp.resolve(user + ".ovpn");
        Files.writeString(copy, text.replace("remote " + host + " 443\n",
                "remote " + host + " " + server.localAddress().getPort() + "\n"), StandardCharsets.UTF_8);
        return copy;
    }

    private TestUserCredentials user(String name) {
        return endpoint.credentials().stream().filter(c -> c.username().equals(name)).findFirst().orElseThrow();
    }

    private String password(String name) {
        return user(name).password().orElseThrow();
    }

    /** An owner-only {@code --auth-user-pass} file: username, password. */
    private Path credentialsFile(String name, String password) throws Exception {
        Path file = temp.resolve(name + ".pass");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, name + "\n" + password + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private void connect(String user, Optional<Path> credentials) throws Exception {
        client = OpenVpnClient.start(lab, profile(user), temp, credentials, false);
        Duration connected = client.awaitLine("Initialization Sequence Completed", CONNECT_TIMEOUT);
        System.out.println(user + " connected " + connected.toMillis() + " ms after openvpn started");
    }

    private String currentCode(String name) {
        return new Totp(Base32.decode(user(name).totpSecret().orElseThrow()).orElseThrow())
                .code(Clock.systemUTC().instant());
    }

    /** Answers OpenVPN's management query for credentials as a GUI does: the answer packed as SCRV1. */
    private void answerStaticChallenge(String name, String code) throws Exception {
        String question = client.management().awaitNotification(">PASSWORD:Need 'Auth'", CONNECT_TIMEOUT);
        assertThat(question).isEqualTo(">PASSWORD:Need 'Auth' username/password SC:1,Enter MFA code ");
        assertThat(client.management().command("username \"Auth\" " + name, SHORT)).startsWith("SUCCESS:");
        assertThat(client.management().command("password \"Auth\" \"SCRV1:" + base64(password(name)) + ":"
                + base64(code) + "\"", SHORT)).startsWith("SUCCESS:");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------------------------- assertions

    /**
     * Both ends agree on AES-256-GCM with TLS-EKM key derivation, the server counts the client, and
     * pings through OpenVPN's tun device reach the server's address and the routed network.
     */
    private void assertTunnelWorks(String user) throws Exception {
        assertThat(waitFor(10, () -> server.activeConnections() == 1)).as("server log %s", serverLog).isTrue();
        String log = client.log();
        assertThat(log).contains("Data Channel: cipher 'AES-256-GCM'")
                .contains("Protocol options: protocol-flags cc-exit tls-ekm")
                .contains("Control Channel: TLSv1.3");
        assertThat(serverLog).anyMatch(line -> line.contains("connect ") && line.contains(" " + user + " ")
                && line.contains("(cipher AES-256-GCM, TLS_EKM)"));

        assertThat(client.ping(server.tunnelAddress().toString(), 3)).as("replies from the server address%n%s", log)
                .isGreaterThanOrEqualTo(2);
        long answeredBefore = server.packets(PacketVerdict.ANSWERED);
        assertThat(client.ping(ROUTED_HOST, 3)).as("replies from " + ROUTED_HOST).isGreaterThanOrEqualTo(2);
        assertThat(server.packets(PacketVerdict.ANSWERED) - answeredBefore).isGreaterThanOrEqualTo(2);
    }

    /**
     * The login banner reached OpenVPN as a pushed {@code echo "msg ..."} (BannerEchoes), which lands in the
     * management echo history as {@code msg} and the text.
     */
    private void assertBannerArrived() throws Exception {
        List<String> echoes = client.management().listing("echo all", SHORT);
        assertThat(echoes).as("echo history").anyMatch(line -> line.matches("\\d+,.*")
                && line.substring(line.indexOf(',') + 1).equals("msg " + ServerInitializer.BANNER));
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static boolean waitFor(int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
