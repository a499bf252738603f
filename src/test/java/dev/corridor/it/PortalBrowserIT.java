package dev.corridor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.AuthMode;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-service portal with a real browser, against {@code corridor server run}: headless
 * Chromium (driven over DevTools) enters the endpoint ID, signs in at the test IdP's page, lands on
 * the portal's downloads and saves the client configuration and an installer; the downloaded
 * configuration is imported ({@code corridor profile import}) and used to connect
 * ({@code corridor check}, SAML sign-in in the same Chromium) and ping through the tunnel.
 *
 * <pre>
 * server init --auth federated ─► IdP metadata fetched from /metadata ─► endpoint.json: idpMetadataFile
 * corridor server run (child JVM): endpoint + test IdP + portal (--portal-port 0) + metrics
 * chromium: portal / ─ endpoint ID ─► IdP login ─► POST /api/auth/sso/saml ─► downloads ─► 2 files saved
 * corridor profile import downloaded-client-config.ovpn ─► corridor check NAME --browser-command … ─► 3 pings
 * metrics: SelfServicePortalClientConfigurationDownloads 1, SelfServicePortalClientDownloads 1
 * </pre>
 */
class PortalBrowserIT {
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final Pattern SERVING = Pattern.compile("Serving (\\S+) on tcp 127\\.0\\.0\\.1:(\\d+);.*"
            + "metrics on (http://\\S+/metrics);");
    private static final Pattern PORTAL = Pattern.compile("self-service portal at (http://127\\.0\\.0\\.1:\\d+/)");
    private static final byte[] INSTALLER = "#!/bin/sh\necho 'Corridor for Linux'\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    @Test
    void chromiumDownloadsTheProfileFromThePortalAndTheImportedProfileConnects() throws Exception {
        HeadlessChromium.program();
        long started = System.nanoTime();
        InitResult init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(temp.resolve("endpoint"), new InitOptions(AuthMode.FEDERATED, TransportProtocol.TCP, 443,
                        false, "127.0.0.1"));
        Path folder = init.endpointConfig().getParent();
        TestUserCredentials user = init.credentials().stream().filter(c -> c.totpSecret().isEmpty()).findFirst()
                .orElseThrow();
        int vpnPort = freePort();
        prepareEndpoint(init, folder, vpnPort);

        Path home = temp.resolve("home");
        Path downloads = Files.createDirectories(temp.resolve("downloads"));
        Path serverOut = temp.resolve("server.out");
        Process server = new ProcessBuilder(CorridorCommandLine.of(home, "server", "run", "--config",
                init.endpointConfig().toString(), "--port-override", String.valueOf(vpnPort), "--portal-port", "0"))
                .redirectErrorStream(true).redirectOutput(serverOut.toFile()).start();
        Thread killServer = new Thread(() -> destroy(server), "corridor-server-cleanup");
        Runtime.getRuntime().addShutdownHook(killServer);
        Process check = null;
        try (HeadlessChromium chromium = HeadlessChromium.start(STEP)) {
            ServerProcessLog log = new ServerProcessLog("corridor server run", server, serverOut);
            log.await("Serving ", STEP);
            Matcher serving = SERVING.matcher(log.text());
            Matcher portal = PORTAL.matcher(log.text());
            assertThat(serving.find() && portal.find()).as(log.text()).isTrue();
            String endpointId = serving.group(1);
            assertThat(serving.group(2)).isEqualTo(String.valueOf(vpnPort));
            long serverReady = System.nanoTime();

            // The portal in Chromium: endpoint ID, IdP sign-in, downloads.
            chromium.allowDownloads(downloads);
            ChromiumTab tab = chromium.newTab();
            tab.navigate(portal.group(1));
            tab.waitFor("document.querySelector('input[name=id]') !== null ? 'form' : ''", "form"::equals, STEP,
                    "the portal's endpoint ID form");
            tab.evaluate("(() => { const f = document.forms[0]; f.elements['id'].value = '" + endpointId + "';"
                    + " f.querySelector('button[type=submit]').click(); return 'submitted'; })()");
            TestIdpLoginPage.signIn(tab, user, STEP);
            String page = tab.waitFor("location.href + '\\n' + (document.body ? document.body.innerText : '')",
                    text -> text.contains("Signed in as " + user.username() + "@"), STEP, "the portal's downloads");
            assertThat(page).startsWith(portal.group(1) + "endpoints/" + endpointId + "\n")
                    .contains("downloaded-client-config.ovpn", "corridor-linux.sh");
            tab.evaluate("document.querySelector('#profile').click()");
            Path profile = HeadlessChromium.awaitDownload(downloads, "downloaded-client-config.ovpn", STEP);
            tab.evaluate("document.querySelector('#installers a').click()");
            Path installer = HeadlessChromium.awaitDownload(downloads, "corridor-linux.sh", STEP);
            assertThat(Files.readAllBytes(profile)).isEqualTo(Files.readAllBytes(folder.resolve(
                    "clients/downloaded-client-config.ovpn")));
            assertThat(Files.readAllBytes(installer)).isEqualTo(INSTALLER);
            long downloaded = System.nanoTime();

            // The downloaded configuration is imported and connects (SAML sign-in in the same Chromium).
            Process importing = new ProcessBuilder(CorridorCommandLine.of(home, "profile", "import",
                    profile.toString(), "--name", "From portal")).redirectErrorStream(true).start();
            String imported = new String(importing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(importing.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(importing.exitValue()).as(imported).isZero();
            assertThat(imported).contains("Imported \"From portal\"");

            BrowserCommandHandOver handOver = BrowserCommandHandOver.in(temp);
            Path out = temp.resolve("check.out");
            Path err = temp.resolve("check.err");
            check = new ProcessBuilder(CorridorCommandLine.of(home, "check", "From portal", "--json", "--count", "3",
                    "--interval", "0.2", "--timeout", "30", "--browser-command", handOver.command(), "--acs-port",
                    String.valueOf(freePort()), "--sign-in-timeout", "90"))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            String url = handOver.awaitUrl(check, err, STEP);
            ChromiumTab signIn = chromium.newTab();
            signIn.navigate(url);
            TestIdpLoginPage.signIn(signIn, user, STEP);
            signIn.waitFor("document.body ? document.body.innerText : ''",
                    text -> text.contains("You can close this window"), STEP, "the client's ACS page");
            assertThat(check.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(err)).isTrue();
            String stdout = Files.readString(out);
            assertThat(check.exitValue()).as(stdout + Files.readString(err) + log.text()).isZero();
            JsonNode report = new ObjectMapper().readTree(stdout);
            assertThat(report.get("connected").asBoolean()).isTrue();
            assertThat(report.get("ping").get("received").asInt()).isEqualTo(3);
            long connected = System.nanoTime();

            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(serving.group(3)))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("SelfServicePortalClientConfigurationDownloads{endpoint=\"" + endpointId
                    + "\"} 1\n", "SelfServicePortalClientDownloads{endpoint=\"" + endpointId + "\"} 1\n");
            assertThat(log.text()).contains("portal: " + user.username() + "@corridor.test signed in",
                    "portal: " + user.username() + "@corridor.test downloaded the client configuration");
            System.out.printf("PortalBrowserIT timings: init+server %d ms, portal sign-in and downloads %d ms,"
                    + " import+connect+pings %d ms, total %d ms%n", millis(started, serverReady),
                    millis(serverReady, downloaded), millis(downloaded, connected), millis(started, connected));
        } catch (AssertionError | Exception e) {
            e.addSuppressed(new AssertionError("server output:\n" + Files.readString(serverOut)));
            throw e;
        } finally {
            if (check != null) {
                destroy(check);
            }
            destroy(server);
            try {
                Runtime.getRuntime().removeShutdownHook(killServer);
            } catch (IllegalStateException e) {
                // The JVM is shutting down; the hook does the same.
            }
        }
    }

    /**
     * Moves the test IdP to a free port, replaces its certificate and URL in endpoint.json by the
     * metadata the IdP itself serves, points the exported profile (the portal's download) at the
     * port the server will use, adds an installer and turns the metrics on.
     */
    private static void prepareEndpoint(InitResult init, Path folder, int vpnPort) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(init.endpointConfig().toFile());
        assertThat(tree.get("selfServicePortal").asBoolean()).as("server init turns the portal on").isTrue();
        ObjectNode auth = (ObjectNode) tree.get("authentication");
        auth.put("idpUrl", "http://127.0.0.1:" + freePort() + "/sso");
        mapper.writeValue(init.endpointConfig().toFile(), tree);
        try (TestIdp idp = TestIdp.fromConfig((AuthenticationOptions.Federated) EndpointConfigFile.read(
                init.endpointConfig()).authentication(), folder, Clock.systemUTC(), new SecureRandom())) {
            idp.start();
            HttpResponse<byte[]> metadata = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + idp.port() + "/metadata")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(metadata.statusCode()).isEqualTo(200);
            Files.write(folder.resolve("idp/metadata.xml"), metadata.body());
        }
        auth.remove("idpCertificateFile");
        auth.remove("idpUrl");
        auth.remove("idpEntityId");
        auth.put("idpMetadataFile", "idp/metadata.xml");
        ((ObjectNode) tree.get("metrics")).put("enabled", true).put("port", 0);
        mapper.writeValue(init.endpointConfig().toFile(), tree);

        Path exported = folder.resolve("clients/downloaded-client-config.ovpn");
        Files.writeString(exported, Files.readString(exported).replaceAll("(?m)^remote (\\S+) \\d+$",
                "remote $1 " + vpnPort));
        Files.createDirectories(folder.resolve("installers"));
        Files.write(folder.resolve("installers/corridor-linux.sh"), INSTALLER);
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
