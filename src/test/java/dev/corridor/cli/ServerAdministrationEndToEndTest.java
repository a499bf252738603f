package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.pki.Pem;
import dev.corridor.pki.Revocation;
import dev.corridor.server.AuthMode;
import dev.corridor.server.ConnectionSummary;
import dev.corridor.server.EndpointServer;
import dev.corridor.server.ReloadReport;
import dev.corridor.server.ShiftedClock;
import dev.corridor.server.PacketVerdict;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.TransportProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint's life with clients connected: auth-tokens on reconnects after a reload,
 * terminating a connection, the maximum session duration, client-to-client and the connection list.
 * Clients are {@code corridor check} runs in the background with many pings.
 */
@Timeout(120)
class ServerAdministrationEndToEndTest {
    @TempDir
    Path temp;

    private static CompletableFuture<TestEndpoint.Result> checkInBackground(Path profile, int count,
            String... extra) {
        return CompletableFuture.supplyAsync(() -> TestEndpoint.check(profile, count, 0.25, 10, extra));
    }

    /** Bob's {@code corridor check} (60 pings) in the background, once the server has answered two of them. */
    private static CompletableFuture<TestEndpoint.Result> bobPinging(TestEndpoint endpoint, EndpointServer server,
            String... extra) throws Exception {
        CompletableFuture<TestEndpoint.Result> client = checkInBackground(
                endpoint.profile("bob", server.localAddress().getPort()), 60, extra);
        assertThat(TestEndpoint.waitFor(30, () -> server.packets(PacketVerdict.ANSWERED) >= 2))
                .as(endpoint.serverLog::toString).isTrue();
        return client;
    }

    private static long lines(List<String> log, String prefix, String contains) {
        return log.stream().filter(l -> l.startsWith(prefix) && l.contains(contains)).count();
    }

    @Test
    void aReloadResetsClientsAndAnMfaUserComesBackWithTheAuthTokenInsteadOfANewCode() throws Exception {
        TestEndpoint endpoint = TestEndpoint.init(temp, AuthMode.DIRECTORY, TransportProtocol.UDP);
        endpoint.editConfig(root -> root.put("splitTunnel", true)); // routes are pushed, so a new one resets
        try (EndpointServer server = endpoint.start()) {
            Path profile = endpoint.profile("alice", server.localAddress().getPort());
            CompletableFuture<TestEndpoint.Result> client = checkInBackground(profile, 80, "--auth-user-pass",
                    endpoint.credentialsFile("alice").toString());
            assertThat(TestEndpoint.waitFor(30, () -> server.activeConnections() == 1)).as(endpoint.serverLog::toString)
                    .isTrue();

            endpoint.editConfig(root -> {
                ((ArrayNode) root.get("routes")).addObject().put("destinationCidr", "10.101.0.0/16")
                        .put("target", "local").put("description", "lab");
                return root;
            });
            ReloadReport report = server.reload(EndpointConfigFile.read(endpoint.configFile()));

            assertThat(report.changes()).containsExactly("routes");
            assertThat(report.reset()).isEqualTo(1);
            assertThat(TestEndpoint.waitFor(30, () -> lines(endpoint.serverLog, "connect ", "auth-token") == 1))
                    .as(endpoint.serverLog::toString).isTrue();
            assertThat(lines(endpoint.serverLog, "connect ", " alice ")).isEqualTo(2);
            assertThat(TestEndpoint.waitFor(10, () -> lines(endpoint.serverLog, "disconnect ",
                    "reset to apply the new configuration") == 1)).as(endpoint.serverLog::toString).isTrue();
            assertThat(server.authenticationFailures()).isZero();
            server.stop();
            client.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aChangedDnsServerResetsConnectedClientsButAFullTunnelRouteChangeDoesNot() throws Exception {
        TestEndpoint endpoint = TestEndpoint.init(temp, AuthMode.MUTUAL, TransportProtocol.UDP);
        try (EndpointServer server = endpoint.start()) {
            CompletableFuture<TestEndpoint.Result> client = bobPinging(endpoint, server);
            String first = server.connections().get(0).connectionId();

            endpoint.editConfig(root -> {
                ((ArrayNode) root.get("routes")).addObject().put("destinationCidr", "10.101.0.0/16")
                        .put("target", "local").put("description", "lab");
                return root;
            });
            ReloadReport routes = server.reload(EndpointConfigFile.read(endpoint.configFile()));
            assertThat(routes.changes()).containsExactly("routes");
            assertThat(routes.reset()).isZero(); // full tunnel: no route is pushed, nothing to reset

            endpoint.editConfig(root -> {
                root.putArray("dnsServers").add("10.100.0.2").add("10.100.0.3");
                return root;
            });
            ReloadReport dns = server.reload(EndpointConfigFile.read(endpoint.configFile()));

            assertThat(dns.changes()).containsExactly("DNS servers");
            assertThat(dns.reset()).isEqualTo(1);
            assertThat(TestEndpoint.waitFor(10, () -> lines(endpoint.serverLog, "disconnect " + first,
                    "reset to apply the new configuration") == 1)).as(endpoint.serverLog::toString).isTrue();
            assertThat(TestEndpoint.waitFor(30, () -> lines(endpoint.serverLog, "connect ", " bob ") == 2))
                    .as(endpoint.serverLog::toString).isTrue();
            // corridor check reports its first push only; a fresh client shows what the reconnect was given
            TestEndpoint.Result alice = TestEndpoint.check(endpoint.profile("alice", server.localAddress().getPort()));
            assertThat(alice.json().get("pushed").get("dns").toString()).as(alice.out())
                    .isEqualTo("[\"10.100.0.2\",\"10.100.0.3\"]");
            server.stop();
            client.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aChangedAuthorizationRuleAppliesToAConnectedSessionWithoutAReconnect() throws Exception {
        TestEndpoint endpoint = TestEndpoint.init(temp, AuthMode.MUTUAL, TransportProtocol.UDP);
        try (EndpointServer server = endpoint.start()) {
            CompletableFuture<TestEndpoint.Result> client = bobPinging(endpoint, server, "--ping", "10.100.0.5");
            String connection = server.connections().get(0).connectionId();

            // only 10.100.1.0/24 stays authorized: neither the private network's rule nor 0.0.0.0/0 covers 10.100.0.5
            endpoint.editConfig(root -> {
                root.putArray("authorizationRules").addObject().put("destinationCidr", "10.100.1.0/24")
                        .put("allUsers", true).put("description", "one subnet");
                return root;
            });
            ReloadReport report = server.reload(EndpointConfigFile.read(endpoint.configFile()));
            long answeredAtReload = server.packets(PacketVerdict.ANSWERED);

            assertThat(report.changes()).containsExactly("authorization rules");
            assertThat(report.reset()).isZero();
            assertThat(TestEndpoint.waitFor(10, () -> server.packets(PacketVerdict.UNAUTHORIZED) >= 3))
                    .as(endpoint.serverLog::toString).isTrue();
            // one ping may have been answered between the reload's return and the counter read: none after
            assertThat(server.packets(PacketVerdict.ANSWERED)).isLessThanOrEqualTo(answeredAtReload + 1);
            assertThat(server.connections()).extracting(ConnectionSummary::connectionId).containsExactly(connection);
            assertThat(lines(endpoint.serverLog, "connect ", " bob ")).isEqualTo(1);
            server.stop();
            TestEndpoint.Result result = client.get(60, TimeUnit.SECONDS);
            assertThat(result.json().get("ping").get("received").asInt())
                    .isLessThan(result.json().get("ping").get("sent").asInt());
        }
    }

    @Test
    void theConnectionListShowsTheClientAndTerminateEndsItForGood() throws Exception {
        TestEndpoint endpoint = TestEndpoint.init(temp, AuthMode.MUTUAL, TransportProtocol.UDP);
        try (EndpointServer server = endpoint.start()) {
            Path profile = endpoint.profile("bob", server.localAddress().getPort());
            CompletableFuture<TestEndpoint.Result> client = checkInBackground(profile, 80);
            assertThat(TestEndpoint.waitFor(30, () -> server.activeConnections() == 1)).isTrue();
            assertThat(TestEndpoint.waitFor(10, () -> server.connections().get(0).ingressPackets() > 2)).isTrue();

            ConnectionSummary bob = server.connections().get(0);
            assertThat(bob.connectionId()).matches("cvpn-connection-[0-9a-f]{17}");
            assertThat(bob.identity()).isEqualTo("bob");
            assertThat(bob.clientIp()).isEqualTo("127.0.0.1");
            assertThat(bob.tunnelAddress()).startsWith("10.200.0.");
            assertThat(bob.platform()).isIn("linux", "mac", "win");
            assertThat(bob.clientVersion()).startsWith("2.6");
            assertThat(bob.egressPackets()).isPositive();
            assertThat(Duration.between(bob.connectedSince(), bob.sessionEnds()))
                    .isBetween(Duration.ofHours(24).minusSeconds(10), Duration.ofHours(24));

            assertThat(server.terminate("cvpn-connection-00000000000000000")).isFalse();
            assertThat(server.terminate(bob.connectionId())).isTrue();

            TestEndpoint.Result result = client.get(60, TimeUnit.SECONDS);
            assertThat(result.exit()).isNotZero();
            assertThat(result.out() + result.err()).contains("the administrator ended this connection");
            assertThat(TestEndpoint.waitFor(10, () -> server.connections().isEmpty())).isTrue();
            assertThat(lines(endpoint.serverLog, "connect ", " bob ")).isEqualTo(1);
        }
    }

    @Test
    void theMaximumSessionDurationEndsTheSessionAndACertificateClientReconnects() throws Exception {
        TestEndpoint endpoint = TestEndpoint.init(temp, AuthMode.MUTUAL, TransportProtocol.UDP);
        ShiftedClock clock = new ShiftedClock();
        try (EndpointServer server = endpoint.start(clock)) {
            Path profile = endpoint.profile("bob", server.localAddress().getPort());
            CompletableFuture<TestEndpoint.Result> client = checkInBackground(profile, 80);
            assertThat(TestEndpoint.waitFor(30, () -> server.activeConnections() == 1)).isTrue();

            clock.shift(Duration.ofHours(24).plusMinutes(1));

            assertThat(TestEndpoint.waitFor(20, () -> lines(endpoint.serverLog, "disconnect ",
                    "maximum session duration (24 h)") == 1)).as(endpoint.serverLog::toString).isTrue();
            assertThat(TestEndpoint.waitFor(30, () -> lines(endpoint.serverLog, "connect ", " bob ") == 2))
                    .as(endpoint.serverLog::toString).isTrue();
            server.stop();
            client.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReloadedCrlDisconnectsTheRevokedClientAndRefusesItAfterwards() throws Exception {
        TestEndpoint endpoint = TestEndpoint.init(temp, AuthMode.MUTUAL, TransportProtocol.UDP);
        Path folder = endpoint.configFile().getParent();
        try (EndpointServer server = endpoint.start()) {
            int port = server.localAddress().getPort();
            Path bobProfile = endpoint.profile("bob", port);
            CompletableFuture<TestEndpoint.Result> bob = checkInBackground(bobProfile, 80);
            assertThat(TestEndpoint.waitFor(30, () -> server.activeConnections() == 1)).isTrue();

            String profileText = Files.readString(bobProfile);
            X509Certificate bobCertificate = Pem.readCertificate(profileText.substring(
                    profileText.indexOf("<cert>") + 6, profileText.indexOf("</cert>")));
            CertificateAuthority ca = CertificateAuthority.of(new IssuedCertificate(
                    Pem.readCertificate(Files.readString(folder.resolve("pki/ca.crt"))),
                    Pem.readPrivateKey(Files.readString(folder.resolve("pki/ca.key")))), Clock.systemUTC(),
                    new SecureRandom());
            Files.writeString(folder.resolve("crl.pem"), Pem.crl(ca.crl(List.of(new Revocation(
                    bobCertificate.getSerialNumber(), Instant.now())), Duration.ofDays(30))));

            ReloadReport report = server.reload(EndpointConfigFile.read(endpoint.configFile()));

            assertThat(report.changes()).containsExactly("certificate revocation list");
            assertThat(report.terminated()).isEqualTo(1);
            TestEndpoint.Result first = bob.get(60, TimeUnit.SECONDS);
            assertThat(first.out() + first.err()).contains("your certificate has been revoked");
            TestEndpoint.Result again = TestEndpoint.check(bobProfile, 1, 0.2, 10);
            assertThat(again.exit()).isNotZero();
            assertThat(again.json().get("connected").asBoolean()).isFalse();
            assertThat(server.authenticationFailures()).isGreaterThanOrEqualTo(1);
            TestEndpoint.Result alice = TestEndpoint.check(endpoint.profile("alice", port));
            assertThat(alice.exit()).as(alice.out() + alice.err()).isZero();
        }
    }

    @Test
    void clientToClientLetsOneClientPingAnother() throws Exception {
        TestEndpoint endpoint = TestEndpoint.init(temp, AuthMode.MUTUAL, TransportProtocol.UDP);
        endpoint.editConfig(root -> root.put("clientToClient", true));
        try (EndpointServer server = endpoint.start()) {
            int port = server.localAddress().getPort();
            CompletableFuture<TestEndpoint.Result> bob = checkInBackground(endpoint.profile("bob", port), 60);
            assertThat(TestEndpoint.waitFor(30, () -> server.activeConnections() == 1)).isTrue();
            String bobAddress = server.connections().get(0).tunnelAddress();
            // Bob answers pings only once his check is past connecting: wait until his own pings of the
            // gateway are being answered, so that Alice's first ping does not race his start.
            assertThat(TestEndpoint.waitFor(30, () -> server.packets(PacketVerdict.ANSWERED) >= 2)).isTrue();

            TestEndpoint.Result alice = TestEndpoint.check(endpoint.profile("alice", port), 5, 0.2, 30, "--ping",
                    bobAddress);

            assertThat(alice.exit()).as(alice.out() + alice.err() + endpoint.serverLog).isZero();
            assertThat(alice.json().get("ping").get("sent").asInt()).isEqualTo(5);
            // One lost reply out of five was seen once on a loaded CI machine (cause not found; Alice's
            // log in the description names the ping); more than one means client-to-client is broken.
            assertThat(alice.json().get("ping").get("received").asInt()).as(alice.out()).isGreaterThanOrEqualTo(4);
            assertThat(server.packets(PacketVerdict.TO_CLIENT)).isGreaterThanOrEqualTo(10);
            server.stop();
            bob.get(60, TimeUnit.SECONDS);
        }
    }
}
