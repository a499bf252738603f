package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.pki.Pem;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.AuthMode;
import dev.corridor.server.EndpointServer;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.TestUserCredentials;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.TransportProtocol;
import dev.corridor.server.users.Base32;
import dev.corridor.server.users.Totp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corridor server init}, an {@link EndpointServer} on loopback with a free port, and
 * {@code corridor check} against it: mutual authentication, directory authentication with MFA, and
 * a wrong password.
 */
@Timeout(120)
class ServerRunEndToEndTest {
    @TempDir
    Path temp;

    private final List<String> serverLog = new CopyOnWriteArrayList<>();

    private record Result(int exit, String out, String err) {}

    private static Result check(Path profile, String... extra) {
        return check(profile, 3, 20, extra);
    }

    private static Result check(Path profile, int count, int timeoutSeconds, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[10 + extra.length];
        String[] base = {"check", "--config", profile.toString(), "--json", "--count", String.valueOf(count),
            "--interval", "0.2", "--timeout", String.valueOf(timeoutSeconds)};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private InitResult init(AuthMode auth) throws Exception {
        return init(auth, TransportProtocol.UDP);
    }

    private InitResult init(AuthMode auth, TransportProtocol transport) throws Exception {
        return new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(temp.resolve("endpoint"), new InitOptions(auth, transport, 443, false, "127.0.0.1"));
    }

    private EndpointServer start(InitResult init) throws Exception {
        EndpointServer server = new EndpointServer(EndpointConfigFile.read(init.endpointConfig()),
                init.endpointConfig().getParent(), InetAddress.getLoopbackAddress(), Optional.of(0),
                Clock.systemUTC(), new SecureRandom(), serverLog::add);
        server.start();
        return server;
    }

    /** The profile of {@code user}, pointing at the server's real port. */
    private static Path profile(InitResult init, String user, int port) throws Exception {
        Path original = init.endpointConfig().getParent().resolve("clients").resolve(user + ".ovpn");
        String text = Files.readString(original).replaceAll("(?m)^remote (\\S+) \\d+$", "remote $1 " + port);
        Path copy = original.resolveSibling(user + "-test.ovpn");
        Files.writeString(copy, text);
        return copy;
    }

    private static JsonNode json(Result result) throws Exception {
        return new ObjectMapper().readTree(result.out());
    }

    @Test
    void mutualAuthenticationConnectsAndThePingIsAnswered() throws Exception {
        InitResult init = init(AuthMode.MUTUAL);
        try (EndpointServer server = start(init)) {
            Path profile = profile(init, "bob", server.localAddress().getPort());

            Result result = check(profile);

            assertThat(result.exit()).as(result.out() + result.err() + serverLog).isZero();
            JsonNode report = json(result);
            assertThat(report.get("connected").asBoolean()).isTrue();
            assertThat(report.get("ping").get("target").asText()).isEqualTo(server.tunnelAddress().toString());
            assertThat(report.get("ping").get("received").asInt()).isEqualTo(3);
            assertThat(report.get("ping").get("sent").asInt()).isEqualTo(3);
            assertThat(report.get("pushed").get("ifconfig").asText()).isEqualTo("10.200.0.2 255.255.252.0");
            assertThat(report.get("pushed").get("redirectGateway").toString()).contains("def1");
            assertThat(report.get("pushed").get("dns").toString()).contains("10.100.0.2");
            assertThat(report.get("keyDerivation").asText()).isEqualTo("tls-ekm");
            assertThat(server.packets(dev.corridor.server.VirtualNetwork.Verdict.ANSWERED)).isEqualTo(3);
            assertThat(serverLog).anyMatch(line -> line.startsWith("connect ") && line.contains(" bob "));
            waitFor(() -> server.activeConnections() == 0);
            assertThat(serverLog).anyMatch(line -> line.startsWith("disconnect ") && line.contains(" bob "));
        }
    }

    @Test
    void aTcpEndpointServesClientsOverTheFramedStream() throws Exception {
        InitResult init = init(AuthMode.MUTUAL, TransportProtocol.TCP);
        try (EndpointServer server = start(init)) {
            Path profile = profile(init, "bob", server.localAddress().getPort());
            assertThat(Files.readString(profile)).contains("proto tcp");

            Result result = check(profile);

            assertThat(result.exit()).as(result.out() + result.err() + serverLog).isZero();
            JsonNode report = json(result);
            assertThat(report.get("connected").asBoolean()).isTrue();
            assertThat(report.get("ping").get("received").asInt()).isEqualTo(3);
            assertThat(server.packets(dev.corridor.server.VirtualNetwork.Verdict.ANSWERED)).isEqualTo(3);
            waitFor(() -> server.activeConnections() == 0);
            assertThat(serverLog).anyMatch(line -> line.startsWith("disconnect ") && line.contains(" bob "));
        }
    }

    @Test
    void directoryAuthenticationWithMfaConnects() throws Exception {
        InitResult init = init(AuthMode.DIRECTORY);
        TestUserCredentials alice = init.credentials().stream().filter(c -> c.username().equals("alice"))
                .findFirst().orElseThrow();
        try (EndpointServer server = start(init)) {
            Path profile = profile(init, "alice", server.localAddress().getPort());
            String code = new Totp(Base32.decode(alice.totpSecret().orElseThrow()).orElseThrow())
                    .code(Clock.systemUTC().instant());
            Path credentials = temp.resolve("alice.pass");
            Files.writeString(credentials, "alice\n" + alice.password().orElseThrow() + "\n" + code + "\n");

            Result result = check(profile, "--auth-user-pass", credentials.toString(), "--ping", "10.100.0.5");

            assertThat(result.exit()).as(result.out() + result.err() + serverLog).isZero();
            JsonNode report = json(result);
            assertThat(report.get("connected").asBoolean()).isTrue();
            assertThat(report.get("ping").get("received").asInt()).isEqualTo(3);
            assertThat(server.packets(dev.corridor.server.VirtualNetwork.Verdict.ANSWERED)).isEqualTo(3);
            assertThat(report.get("pushed").get("banner").toString()).contains("Corridor test endpoint");
            assertThat(serverLog).anyMatch(line -> line.startsWith("connect ") && line.contains(" alice "));
        }
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        InitResult init = init(AuthMode.DIRECTORY);
        try (EndpointServer server = start(init)) {
            Path profile = profile(init, "bob", server.localAddress().getPort());
            Path credentials = temp.resolve("bob.pass");
            Files.writeString(credentials, "bob\nnot-the-password\n");

            Result result = check(profile, "--auth-user-pass", credentials.toString());

            assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(1);
            assertThat(result.out() + result.err()).containsIgnoringCase("authentication failed");
            assertThat(server.authenticationFailures()).isEqualTo(1);
            assertThat(server.activeConnections()).isZero();
            assertThat(serverLog).anyMatch(line -> line.startsWith("refused ") && line.contains("WRONG_PASSWORD"));
        }
    }

    @Test
    void mutualPlusDirectoryEnforcesTheGroupRuleOnEveryPacket() throws Exception {
        InitResult init = init(AuthMode.MUTUAL_AND_DIRECTORY);
        TestUserCredentials carol = init.credentials().stream().filter(c -> c.username().equals("carol"))
                .findFirst().orElseThrow();
        try (EndpointServer server = start(init)) {
            Path profile = profile(init, "carol", server.localAddress().getPort());
            Path credentials = temp.resolve("carol.pass");
            Files.writeString(credentials, "carol\n" + carol.password().orElseThrow() + "\n");

            Result result = check(profile, 2, 20, "--auth-user-pass", credentials.toString(), "--ping",
                    "10.100.0.5");

            JsonNode report = json(result);
            assertThat(report.get("connected").asBoolean()).as(result.out() + result.err() + serverLog).isTrue();
            assertThat(report.get("ping").get("received").asInt()).isZero();
            assertThat(result.exit()).isEqualTo(1);
            assertThat(server.packets(dev.corridor.server.VirtualNetwork.Verdict.UNAUTHORIZED)).isEqualTo(2);
            assertThat(serverLog).anyMatch(line -> line.startsWith("connect ") && line.contains(" carol "));
        }
    }

    @Test
    void anExpiredCrlRefusesCertificates() throws Exception {
        InitResult init = init(AuthMode.MUTUAL);
        Path pki = init.endpointConfig().getParent().resolve("pki");
        CertificateAuthority ca = CertificateAuthority.of(new IssuedCertificate(
                Pem.readCertificate(Files.readString(pki.resolve("ca.crt"))),
                Pem.readPrivateKey(Files.readString(pki.resolve("ca.key")))), Clock.systemUTC(), new SecureRandom());
        Instant now = Instant.now();
        Files.writeString(init.endpointConfig().getParent().resolve("crl.pem"),
                Pem.crl(ca.crl(List.of(), now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))));
        try (EndpointServer server = start(init)) {
            Path profile = profile(init, "bob", server.localAddress().getPort());

            Result result = check(profile);

            assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(1);
            assertThat(json(result).get("connected").asBoolean()).isFalse();
            assertThat(server.authenticationFailures()).isGreaterThanOrEqualTo(1);
            assertThat(serverLog).anyMatch(line -> line.startsWith("refused "));
            assertThat(server.activeConnections()).isZero();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }
}
