package dev.corridor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.AuthMode;
import dev.corridor.server.EndpointServer;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.TestUserCredentials;
import dev.corridor.server.config.AuthenticationOptions;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.TransportProtocol;
import dev.corridor.server.idp.TestIdp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SAML sign-in with a real browser: {@code corridor check --browser-command} hands the IdP URL to
 * this test, which has Debian's headless Chromium (driven over DevTools) open it, fill in the test
 * IdP's login form and submit; the IdP's auto-POST lands on the client's ACS listener, and the client
 * connects with the SAML response and pings through the tunnel.
 *
 * <pre>
 * corridor check ─ CRV1 ─► browser command writes the URL to a file ─► test: Page.navigate(URL)
 * chromium: IdP login page ─ fill + submit ─► auto-POST ─► 127.0.0.1:ACS "You can close this window"
 * corridor check: second connection, PUSH_REPLY, 3 pings ─► JSON report
 * </pre>
 */
class SamlBrowserIT {
    private static final Duration STEP = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void chromiumSignsInAtTheTestIdpAndTheClientConnectsAndPings() throws Exception {
        HeadlessChromium.program();
        InitResult init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(temp.resolve("endpoint"), new InitOptions(AuthMode.FEDERATED, TransportProtocol.TCP, 443,
                        false, "127.0.0.1"));
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode config = (ObjectNode) mapper.readTree(init.endpointConfig().toFile());
        ((ObjectNode) config.get("authentication")).put("idpUrl", "http://127.0.0.1:" + freePort() + "/sso");
        mapper.writeValue(init.endpointConfig().toFile(), config);
        TestUserCredentials user = init.credentials().stream().filter(c -> c.totpSecret().isEmpty()).findFirst()
                .orElse(init.credentials().get(0));
        List<String> serverLog = new CopyOnWriteArrayList<>();
        int acsPort = freePort();
        BrowserCommandHandOver handOver = BrowserCommandHandOver.in(temp);

        long started = System.nanoTime();
        try (TestIdp idp = startIdp(init);
                EndpointServer server = new EndpointServer(EndpointConfigFile.read(init.endpointConfig()),
                        init.endpointConfig().getParent(), InetAddress.getLoopbackAddress(), Optional.of(0),
                        Clock.systemUTC(), new SecureRandom(), serverLog::add);
                HeadlessChromium chromium = HeadlessChromium.start(STEP)) {
            server.start();
            long chromiumReady = System.nanoTime();
            Path profile = profileFor(init, user.username(), server.localAddress().getPort());
            Path out = temp.resolve("check.out");
            Path err = temp.resolve("check.err");
            Process check = new ProcessBuilder(CorridorCommandLine.of(temp.resolve("home"), "check", "--config",
                    profile.toString(), "--json", "--count", "3", "--interval", "0.2", "--timeout", "30",
                    "--browser-command", handOver.command(), "--acs-port", String.valueOf(acsPort),
                    "--sign-in-timeout", "90"))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            Thread killCheck = new Thread(() -> destroy(check), "corridor-check-cleanup");
            Runtime.getRuntime().addShutdownHook(killCheck);
            try {
                String url = handOver.awaitUrl(check, err, STEP);
                assertThat(url).startsWith("http://127.0.0.1:" + idp.port() + "/sso?SAMLRequest=");
                long urlHandedOver = System.nanoTime();

                ChromiumTab tab = chromium.newTab();
                tab.navigate(url);
                TestIdpLoginPage.signIn(tab, user, STEP);
                String page = tab.waitFor("location.href + '\\n' + (document.body ? document.body.innerText : '')",
                        text -> text.startsWith("http://127.0.0.1:" + acsPort + "/")
                                && text.contains("You can close this window"),
                        STEP, "the client's ACS page");
                long acsShown = System.nanoTime();

                assertThat(check.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(err)).isTrue();
                long done = System.nanoTime();
                String stdout = Files.readString(out);
                String stderr = Files.readString(err);
                assertThat(check.exitValue()).as(stdout + stderr + serverLog).isZero();
                JsonNode report = mapper.readTree(stdout);
                assertThat(report.get("connected").asBoolean()).isTrue();
                assertThat(report.get("ping").get("received").asInt()).isEqualTo(3);
                assertThat(report.get("events").toString()).contains("browser sign-in: " + url);
                assertThat(page).contains("Corridor has received your sign-in.");
                assertThat(stderr).contains("Sign in in the browser window that opened");
                assertThat(serverLog).anyMatch(line -> line.contains("SAML sign-in started"));
                assertThat(serverLog).anyMatch(line -> line.startsWith("connect ")
                        && line.contains(user.username() + "@"));
                System.out.printf("SamlBrowserIT timings: chromium+servers %d ms, URL handed over %d ms,"
                        + " sign-in in chromium %d ms, tunnel+pings %d ms, total %d ms%n",
                        millis(started, chromiumReady), millis(chromiumReady, urlHandedOver),
                        millis(urlHandedOver, acsShown), millis(acsShown, done), millis(started, done));
            } catch (AssertionError | Exception e) {
                e.addSuppressed(new AssertionError(chromium.stderrTail()));
                throw e;
            } finally {
                destroy(check);
                try {
                    Runtime.getRuntime().removeShutdownHook(killCheck);
                } catch (IllegalStateException e) {
                    // The JVM is shutting down; the hook does the same.
                }
            }
        }
    }

    private static TestIdp startIdp(InitResult init) throws Exception {
        AuthenticationOptions.Federated federated = (AuthenticationOptions.Federated) EndpointConfigFile
                .read(init.endpointConfig()).authentication();
        TestIdp idp = TestIdp.fromConfig(federated, init.endpointConfig().getParent(), Clock.systemUTC(),
                new SecureRandom());
        idp.start();
        return idp;
    }

    /** The federated profile {@code server init} wrote for {@code user}, pointing at the real port. */
    private static Path profileFor(InitResult init, String user, int port) throws Exception {
        Path original = init.endpointConfig().getParent().resolve("clients").resolve(user + ".ovpn");
        String text = Files.readString(original);
        assertThat(text).contains("auth-user-pass\n").contains("auth-federate\n");
        Path copy = original.resolveSibling(user + "-browser.ovpn");
        Files.writeString(copy, text.replaceAll("(?m)^remote (\\S+) \\d+$", "remote $1 " + port));
        return copy;
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static long millis(long from, long to) {
        return TimeUnit.NANOSECONDS.toMillis(to - from);
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
