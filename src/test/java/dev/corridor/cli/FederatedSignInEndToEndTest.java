package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.server.AuthMode;
import dev.corridor.server.EndpointServer;
import dev.corridor.server.config.AuthenticationOptions;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.TransportProtocol;
import dev.corridor.server.idp.TestIdp;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SAML sign-in end to end without a real browser: {@code corridor check --browser-command} runs a
 * small curl script that plays the browser (GET the IdP URL from the CRV1 challenge, POST the login
 * form, follow the auto-POST to the client's ACS listener); the client then connects with the
 * SAML response and pings through the tunnel.
 */
class FederatedSignInEndToEndTest {
    private static final String BROWSER_SCRIPT = """
            #!/bin/sh
            # Plays the browser: $1 user, $2 password, $3 the IdP URL (appended by corridor).
            set -e
            user="$1"; pass="$2"; url="$3"
            base=$(printf %s "$url" | sed -E 's#^(https?://[^/]+).*#\\1#')
            page=$(curl -sS --fail "$url")
            login=$(printf %s "$page" | sed -n 's/.*name="login" value="\\([0-9a-f]*\\)".*/\\1/p')
            post=$(curl -sS --fail --data-urlencode "login=$login" --data-urlencode "username=$user" \\
                --data-urlencode "password=$pass" "$base/sso/login")
            action=$(printf %s "$post" | sed -n 's/.*<form method="post" action="\\([^"]*\\)".*/\\1/p')
            saml=$(printf %s "$post" | sed -n 's/.*name="SAMLResponse" value="\\([^"]*\\)".*/\\1/p')
            relay=$(printf %s "$post" | sed -n 's/.*name="RelayState" value="\\([^"]*\\)".*/\\1/p')
            curl -sS --fail --data-urlencode "SAMLResponse=$saml" --data-urlencode "RelayState=$relay" \\
                "$action" > "$(dirname "$0")/acs-page.html"
            """;

    @TempDir
    Path temp;

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** A federated endpoint from {@code server init --auth federated}, its IdP moved to a free port. */
    private TestEndpoint federatedEndpoint() throws Exception {
        TestEndpoint endpoint = TestEndpoint.init(temp, AuthMode.FEDERATED, TransportProtocol.TCP);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode config = (ObjectNode) mapper.readTree(endpoint.configFile().toFile());
        ObjectNode auth = (ObjectNode) config.get("authentication");
        assertThat(auth.get("type").asText()).isEqualTo("federated");
        auth.put("idpUrl", "http://127.0.0.1:" + freePort() + "/sso");
        mapper.writeValue(endpoint.configFile().toFile(), config);
        return endpoint;
    }

    private static TestIdp startIdp(TestEndpoint endpoint) throws Exception {
        AuthenticationOptions.Federated federated = (AuthenticationOptions.Federated) EndpointConfigFile
                .read(endpoint.configFile()).authentication();
        TestIdp idp = TestIdp.fromConfig(federated, endpoint.configFile().getParent(), Clock.systemUTC(),
                new SecureRandom());
        idp.start();
        return idp;
    }

    @Test
    void signsInThroughTheTestIdpConnectsAndPings() throws Exception {
        assumeTrue(onPath("curl") && onPath("sh"), "needs curl and sh to play the browser");
        TestEndpoint endpoint = federatedEndpoint();
        Path original = endpoint.configFile().getParent().resolve("clients").resolve("carol.ovpn");
        assertThat(Files.readString(original)).contains("auth-user-pass\n").contains("auth-federate\n")
                .doesNotContain("static-challenge");
        try (TestIdp idp = startIdp(endpoint); EndpointServer server = endpoint.start()) {
            Path profile = endpoint.profile("carol", server.localAddress().getPort());
            Path script = temp.resolve("browser.sh");
            Files.writeString(script, BROWSER_SCRIPT);
            String password = endpoint.user("carol").password().orElseThrow();

            TestEndpoint.Result result = TestEndpoint.check(profile, 3, 0.2, 30,
                    "--browser-command", "sh " + script + " carol " + password,
                    "--acs-port", String.valueOf(freePort()));

            assertThat(result.exit()).as(result.out() + result.err() + endpoint.serverLog).isZero();
            JsonNode report = result.json();
            assertThat(report.get("connected").asBoolean()).isTrue();
            assertThat(report.get("ping").get("received").asInt()).isEqualTo(3);
            assertThat(report.get("events").toString()).contains("browser sign-in: http://127.0.0.1:"
                    + idp.port() + "/sso?SAMLRequest=");
            assertThat(result.err()).contains("Sign in in the browser window that opened");
            assertThat(Files.readString(temp.resolve("acs-page.html"))).contains("You can close this window");
            assertThat(endpoint.serverLog).anyMatch(line -> line.startsWith("challenge ")
                    && line.contains("SAML sign-in started"));
            assertThat(endpoint.serverLog).anyMatch(line -> line.startsWith("connect ")
                    && line.contains("carol@corridor.test"));
            assertThat(server.authenticationFailures()).as("the CRV1 challenge is not a failed sign-in").isZero();
        }
    }

    @Test
    void aWrongIdpPasswordNeverReachesTheListenerAndTheWaitTimesOut() throws Exception {
        assumeTrue(onPath("curl") && onPath("sh"), "needs curl and sh to play the browser");
        TestEndpoint endpoint = federatedEndpoint();
        try (TestIdp idp = startIdp(endpoint); EndpointServer server = endpoint.start()) {
            Path profile = endpoint.profile("carol", server.localAddress().getPort());
            Path script = temp.resolve("browser.sh");
            Files.writeString(script, BROWSER_SCRIPT);

            TestEndpoint.Result result = TestEndpoint.check(profile, 1, 0.2, 5,
                    "--browser-command", "sh " + script + " carol wrong-password",
                    "--acs-port", String.valueOf(freePort()), "--sign-in-timeout", "3");

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.json().get("error").asText()).isEqualTo("no browser sign-in arrived within 3 s");
        }
    }

    @Test
    void aTokenRefusedByARestartedServerStartsTheBrowserSignInAgain() throws Exception {
        assumeTrue(onPath("curl") && onPath("sh"), "needs curl and sh to play the browser");
        TestEndpoint endpoint = federatedEndpoint();
        Path script = temp.resolve("browser.sh");
        Files.writeString(script, BROWSER_SCRIPT);
        String password = endpoint.user("carol").password().orElseThrow();
        Path dummy = temp.resolve("unused.pass");
        Files.writeString(dummy, "unused\nunused\n");
        java.util.List<dev.corridor.client.ConnectionEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TestIdp idp = startIdp(endpoint)) {
            EndpointServer first = endpoint.start();
            int port = first.localAddress().getPort();
            Path profileFile = endpoint.profile("carol", port);
            dev.corridor.profile.Profile profile = dev.corridor.profile.ProfileParser.standard().parse("carol",
                    Files.readAllBytes(profileFile), dev.corridor.profile.ReferencedFiles.NONE).profile().orElseThrow();
            dev.corridor.client.ConnectOptions options = new dev.corridor.client.ConnectOptions(
                    dev.corridor.auth.FileCredentials.read(dummy), new dev.corridor.client.InMemoryTunProvider(), 0,
                    java.time.Duration.ofSeconds(10), "", Clock.systemUTC(), new SecureRandom())
                    .withSaml(dev.corridor.client.SamlSignInOptions.defaults()
                            .withAcs(dev.corridor.auth.saml.AcsSettings.defaults().withPort(freePort())
                                    .withTimeout(java.time.Duration.ofSeconds(20)))
                            .withBrowser(dev.corridor.auth.saml.CommandBrowser.parse("sh " + script + " carol "
                                    + password)));
            dev.corridor.client.ClientEngine engine = new dev.corridor.client.ClientEngine();
            EndpointServer second = null;
            try {
                engine.addListener(events::add);
                engine.connect("carol", profile, options);
                assertThat(TestEndpoint.waitFor(30, () -> count(events, dev.corridor.client.ConnectionEvent
                        .Connected.class) == 1)).as(events.toString() + endpoint.serverLog).isTrue();
                // A new server on the same port knows none of the first one's auth-tokens.
                first.close();
                second = new EndpointServer(EndpointConfigFile.read(endpoint.configFile()),
                        endpoint.configFile().getParent(), InetAddress.getLoopbackAddress(), Optional.of(port),
                        Clock.systemUTC(), new SecureRandom(), endpoint.serverLog::add);
                second.start();
                assertThat(TestEndpoint.waitFor(60, () -> count(events, dev.corridor.client.ConnectionEvent
                        .Connected.class) == 2)).as(events.toString() + endpoint.serverLog).isTrue();
                assertThat(count(events, dev.corridor.client.ConnectionEvent.BrowserSignIn.class)).isEqualTo(2);
                assertThat(count(events, dev.corridor.client.ConnectionEvent.AuthenticationFailed.class))
                        .isEqualTo(1);
                assertThat(endpoint.serverLog).anyMatch(line -> line.contains("auth-token of \"N/A\" unknown"));
            } finally {
                engine.close();
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    private static long count(java.util.List<dev.corridor.client.ConnectionEvent> events, Class<?> type) {
        return events.stream().filter(type::isInstance).count();
    }
}
