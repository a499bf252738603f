package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.pki.Pem;
import dev.corridor.server.AuthMode;
import dev.corridor.server.EndpointServer;
import dev.corridor.server.InitResult;
import dev.corridor.server.TestUserCredentials;
import dev.corridor.server.config.LoginBanner;
import dev.corridor.server.config.TransportProtocol;
import dev.corridor.server.users.Base32;
import dev.corridor.server.users.Totp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    private TestEndpoint endpoint;
    private List<String> serverLog;

    private TestEndpoint.Result check(Path profile, String... extra) {
        return TestEndpoint.check(profile, extra);
    }

    private TestEndpoint.Result check(Path profile, int count, int timeoutSeconds, String... extra) {
        return TestEndpoint.check(profile, count, 0.2, timeoutSeconds, extra);
    }

    private InitResult init(AuthMode auth) throws Exception {
        return init(auth, TransportProtocol.UDP);
    }

    private InitResult init(AuthMode auth, TransportProtocol transport) throws Exception {
        endpoint = TestEndpoint.init(temp, auth, transport);
        serverLog = endpoint.serverLog;
        return endpoint.init;
    }

    private EndpointServer start(InitResult init) throws Exception {
        return endpoint.start();
    }

    private Path profile(InitResult init, String user, int port) throws Exception {
        return endpoint.profile(user, port);
    }

    private static JsonNode json(TestEndpoint.Result result) throws Exception {
        return result.json();
    }

    @Test
    void mutualAuthenticationConnectsAndThePingIsAnswered() throws Exception {
        InitResult init = init(AuthMode.MUTUAL);
        try (EndpointServer server = start(init)) {
            Path profile = profile(init, "bob", server.localAddress().getPort());

            TestEndpoint.Result result = check(profile);

            assertThat(result.exit()).as(result.out() + result.err() + serverLog).isZero();
            JsonNode report = json(result);
            assertThat(report.get("connected").asBoolean()).isTrue();
            assertThat(report.get("ping").get("target").asText()).isEqualTo(server.tunnelAddress().toString());
            assertThat(report.get("ping").get("received").asInt()).isEqualTo(3);
            assertThat(report.get("ping").get("sent").asInt()).isEqualTo(3);
            assertThat(report.get("pushed").get("ifconfig").asText()).isEqualTo("10.200.0.2 255.255.252.0");
            assertThat(report.get("pushed").get("redirectGateway").toString()).contains("def1");
            assertThat(report.get("pushed").get("dns").toString()).contains("10.100.0.2");
            assertThat(report.get("pushed").get("sessionSecondsLeft").asLong()).isBetween(86_000L, 86_400L);
            assertThat(report.get("keyDerivation").asText()).isEqualTo("tls-ekm");
            assertThat(server.packets(dev.corridor.server.PacketVerdict.ANSWERED)).isEqualTo(3);
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

            TestEndpoint.Result result = check(profile);

            assertThat(result.exit()).as(result.out() + result.err() + serverLog).isZero();
            JsonNode report = json(result);
            assertThat(report.get("connected").asBoolean()).isTrue();
            assertThat(report.get("ping").get("received").asInt()).isEqualTo(3);
            assertThat(server.packets(dev.corridor.server.PacketVerdict.ANSWERED)).isEqualTo(3);
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

            TestEndpoint.Result result = check(profile, "--auth-user-pass", credentials.toString(), "--ping", "10.100.0.5");

            assertThat(result.exit()).as(result.out() + result.err() + serverLog).isZero();
            JsonNode report = json(result);
            assertThat(report.get("connected").asBoolean()).isTrue();
            assertThat(report.get("ping").get("received").asInt()).isEqualTo(3);
            assertThat(server.packets(dev.corridor.server.PacketVerdict.ANSWERED)).isEqualTo(3);
            assertThat(report.get("pushed").get("banner").toString()).contains("Corridor test endpoint");
            assertThat(serverLog).anyMatch(line -> line.startsWith("connect ") && line.contains(" alice "));
        }
    }

    @Test
    void aLoginBannerOf1400CharactersArrivesAtTheClientIntact() throws Exception {
        InitResult init = init(AuthMode.MUTUAL);
        String piece = "Authorized use only, all sessions are logged: 100% \"monitored\" — é ü 🙂. ";
        int[] characters = piece.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < LoginBanner.MAX_CHARACTERS; i++) {
            text.appendCodePoint(characters[i % characters.length]);
        }
        String banner = text.toString();
        endpoint.editConfig(root -> {
            ((ObjectNode) root.get("loginBanner")).put("text", banner);
            return root;
        });
        try (EndpointServer server = start(init)) {
            Path profile = profile(init, "bob", server.localAddress().getPort());

            TestEndpoint.Result result = check(profile);

            assertThat(result.exit()).as(result.out() + result.err() + serverLog).isZero();
            JsonNode report = json(result);
            assertThat(report.get("pushed").get("banner")).hasSize(1);
            assertThat(report.get("pushed").get("banner").get(0).asText()).isEqualTo(banner);
            assertThat(report.get("ping").get("received").asInt()).isEqualTo(3);
        }
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        InitResult init = init(AuthMode.DIRECTORY);
        try (EndpointServer server = start(init)) {
            Path profile = profile(init, "bob", server.localAddress().getPort());
            Path credentials = temp.resolve("bob.pass");
            Files.writeString(credentials, "bob\nnot-the-password\n");

            TestEndpoint.Result result = check(profile, "--auth-user-pass", credentials.toString());

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

            TestEndpoint.Result result = check(profile, 2, 20, "--auth-user-pass", credentials.toString(), "--ping",
                    "10.100.0.5");

            JsonNode report = json(result);
            assertThat(report.get("connected").asBoolean()).as(result.out() + result.err() + serverLog).isTrue();
            assertThat(report.get("ping").get("received").asInt()).isZero();
            assertThat(result.exit()).isEqualTo(1);
            assertThat(server.packets(dev.corridor.server.PacketVerdict.UNAUTHORIZED)).isEqualTo(2);
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

            TestEndpoint.Result result = check(profile);

            assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(1);
            assertThat(json(result).get("connected").asBoolean()).isFalse();
            assertThat(server.authenticationFailures()).isGreaterThanOrEqualTo(1);
            assertThat(serverLog).anyMatch(line -> line.startsWith("refused "));
            assertThat(server.activeConnections()).isZero();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        TestEndpoint.waitFor(10, condition);
    }
}
