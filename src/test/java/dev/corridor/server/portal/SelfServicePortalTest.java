package dev.corridor.server.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.pki.Pem;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.AuthMode;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.ServerSetupException;
import dev.corridor.server.ShiftedClock;
import dev.corridor.server.TestUserCredentials;
import dev.corridor.server.config.AuthenticationOptions;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.TransportProtocol;
import dev.corridor.server.idp.AssertionContent;
import dev.corridor.server.idp.SamlResponseBuilder;
import dev.corridor.server.idp.TestIdp;
import dev.corridor.server.metrics.EndpointMetric;
import dev.corridor.server.metrics.EndpointMetrics;
import dev.corridor.server.saml.SamlNames;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal of a federated endpoint over real HTTP: a real Undertow listener, the test IdP, and a
 * cookie-keeping HTTP client playing the browser (redirect to the IdP, login form, POST of the
 * SAMLResponse to the portal's ACS, downloads), plus the refusals.
 */
class SelfServicePortalTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] INSTALLER = "#!/bin/sh\necho corridor installer\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path temp;
    private static InitResult init;
    private static Path folder;
    private static EndpointConfig config;
    private static TestIdp idp;

    private final ShiftedClock clock = new ShiftedClock();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private EndpointMetrics metrics;
    private SelfServicePortal portal;

    @BeforeAll
    static void createEndpointAndIdp() throws Exception {
        init = new ServerInitializer(Clock.systemUTC(), RANDOM, new AtomicFileWriter()).initialize(
                temp.resolve("endpoint"), new InitOptions(AuthMode.FEDERATED, TransportProtocol.UDP, 443, false,
                        "127.0.0.1"));
        folder = init.endpointConfig().getParent();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(init.endpointConfig().toFile());
        ((ObjectNode) tree.get("authentication")).put("idpUrl", "http://127.0.0.1:" + freePort() + "/sso");
        mapper.writeValue(init.endpointConfig().toFile(), tree);
        Files.createDirectories(folder.resolve("installers"));
        Files.write(folder.resolve("installers/corridor-linux.sh"), INSTALLER);
        Files.writeString(folder.resolve("installers/.hidden"), "not offered");
        config = EndpointConfigFile.read(init.endpointConfig());
        assertThat(config.selfServicePortal()).isTrue();
        idp = TestIdp.fromConfig((AuthenticationOptions.Federated) config.authentication(), folder,
                Clock.systemUTC(), RANDOM);
        idp.start();
    }

    @org.junit.jupiter.api.AfterAll
    static void stopIdp() {
        if (idp != null) {
            idp.close();
        }
    }

    @BeforeEach
    void startPortal() throws Exception {
        metrics = new EndpointMetrics(config.endpointId());
        portal = SelfServicePortal.fromConfig(config, folder, metrics, clock, RANDOM, log::add);
        portal.start(0);
    }

    @AfterEach
    void stopPortal() {
        portal.close();
    }

    private static TestUserCredentials carol() {
        return init.credentials().stream().filter(c -> c.username().equals("carol")).findFirst().orElseThrow();
    }

    /** From the endpoint-ID form to the page the IdP auto-posts: the IdP's answer page. */
    private String signInAtTheIdp(PortalBrowser browser) throws Exception {
        HttpResponse<String> index = browser.get(portal.url());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<form method=\"get\" action=\"/endpoints\">", "name=\"id\"");
        HttpResponse<String> login = browser.get(portal.url() + "endpoints?id=" + config.endpointId());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.uri().toString()).startsWith(idp.description().ssoUrl() + "?SAMLRequest=");
        String request = PortalBrowser.authnRequest(login.uri().toString());
        assertThat(PortalBrowser.attribute(request, "AssertionConsumerServiceURL"))
                .isEqualTo(portal.acsUrl()).endsWith("/api/auth/sso/saml");
        HttpResponse<String> answer = browser.post(URI.create(idp.description().ssoUrl()).resolve("/sso/login")
                .toString(), Map.of("login", PortalBrowser.field(login.body(), "login"), "username", "carol",
                        "password", carol().password().orElseThrow(), "code", ""));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(PortalBrowser.formAction(answer.body())).isEqualTo(portal.acsUrl());
        return answer.body();
    }

    private HttpResponse<String> postToAcs(PortalBrowser browser, String samlResponse, String relayState)
            throws Exception {
        return browser.post(portal.acsUrl(), Map.of("SAMLResponse", samlResponse, "RelayState", relayState));
    }

    @Test
    void signsInThroughTheIdpAndDownloadsTheProfileAndAnInstaller() throws Exception {
        long started = System.nanoTime();
        PortalBrowser browser = new PortalBrowser(true);
        String answer = signInAtTheIdp(browser);

        HttpResponse<String> signedIn = postToAcs(browser, PortalBrowser.field(answer, "SAMLResponse"),
                PortalBrowser.field(answer, "RelayState"));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.body()).contains("http-equiv=\"refresh\" content=\"0;url=/endpoints/"
                + config.endpointId() + "\"");
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).matches(SelfServicePortal.SESSION_COOKIE + "=[0-9a-f]{64}; Path=/; Max-Age=3600;"
                + " HttpOnly; SameSite=Strict");
        assertThat(signedIn.headers().firstValue("Referrer-Policy")).contains("no-referrer");

        HttpResponse<String> page = browser.get(portal.endpointUrl());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Signed in as carol@corridor.test", "downloaded-client-config.ovpn",
                "/installers/corridor-linux.sh").doesNotContain(".hidden");

        HttpResponse<byte[]> profile = browser.download(portal.endpointUrl() + "/profile");
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).isEqualTo(Files.readAllBytes(folder.resolve(
                "clients/downloaded-client-config.ovpn")));
        assertThat(new String(profile.body(), StandardCharsets.UTF_8)).contains("auth-federate\n")
                .doesNotContain("<key>");
        assertThat(profile.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"downloaded-client-config.ovpn\"");
        HttpResponse<byte[]> installer = browser.download(portal.endpointUrl() + "/installers/corridor-linux.sh");
        assertThat(installer.statusCode()).isEqualTo(200);
        assertThat(installer.body()).isEqualTo(INSTALLER);

        assertThat(metrics.value(EndpointMetric.SELF_SERVICE_PORTAL_CLIENT_CONFIGURATION_DOWNLOADS)).hasValue(1);
        assertThat(metrics.value(EndpointMetric.SELF_SERVICE_PORTAL_CLIENT_DOWNLOADS)).hasValue(1);
        assertThat(log).contains("portal: carol@corridor.test signed in",
                "portal: carol@corridor.test downloaded the client configuration",
                "portal: carol@corridor.test downloaded corridor-linux.sh");
        assertThat(String.join("\n", log)).doesNotContain(setCookie.substring(
                SelfServicePortal.SESSION_COOKIE.length() + 1, SelfServicePortal.SESSION_COOKIE.length() + 65));
        System.out.printf("SelfServicePortalTest: sign-in and two downloads in %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @Test
    void aReplayedResponseIsRefused() throws Exception {
        PortalBrowser browser = new PortalBrowser(true);
        String answer = signInAtTheIdp(browser);
        String response = PortalBrowser.field(answer, "SAMLResponse");
        String relayState = PortalBrowser.field(answer, "RelayState");
        assertThat(postToAcs(browser, response, relayState).statusCode()).isEqualTo(200);

        PortalBrowser attacker = new PortalBrowser(true);
        HttpResponse<String> replayed = postToAcs(attacker, response, relayState);
        assertThat(replayed.statusCode()).isEqualTo(403);
        assertThat(replayed.body()).contains("the sign-in is unknown, already used or expired");
        assertThat(replayed.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(attacker.download(portal.endpointUrl() + "/profile").statusCode()).isEqualTo(403);
    }

    @Test
    void forgedAndMisdirectedResponsesAreRefused() throws Exception {
        PortalBrowser browser = new PortalBrowser(false);
        IssuedCertificate realKey = new IssuedCertificate(idp.description().certificate(), Pem.readPrivateKey(
                Files.readString(folder.resolve("idp/idp.key"))));
        IssuedCertificate otherKey = CertificateAuthority.create("Forger", Clock.systemUTC(), RANDOM).certificate();

        String forged = signedFor(browser, otherKey, portal.acsUrl());
        assertThat(forged).isEqualTo("403 the SAML signature does not verify with the IdP certificate");
        // Signed by the real IdP but for the client's listener: not for the portal.
        String misdirected = signedFor(browser, realKey, SamlNames.acsUrl(35001));
        assertThat(misdirected).isEqualTo("403 the SAML response is for another Destination");
        // And the real IdP's response for the portal is accepted (the two above fail for their reason only).
        assertThat(signedFor(browser, realKey, portal.acsUrl())).startsWith("200 ");
    }

    /** Starts a sign-in, answers it with a response signed by {@code signer} for {@code acsUrl}. */
    private String signedFor(PortalBrowser browser, IssuedCertificate signer, String acsUrl) throws Exception {
        HttpResponse<String> redirect = browser.get(portal.endpointUrl());
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        String requestId = PortalBrowser.attribute(PortalBrowser.authnRequest(location), "ID");
        Instant now = Instant.now();
        String response = new SamlResponseBuilder(signer, RANDOM).base64(new AssertionContent(
                idp.description().entityId(), SamlNames.CLIENT_VPN_AUDIENCE, acsUrl, requestId, now, now,
                now.plusSeconds(300), "carol@corridor.test", "carol", "x", List.of("finance")),
                SamlResponseBuilder.Signing.BOTH);
        HttpResponse<String> answer = postToAcs(browser, response, PortalBrowser.query(location).get("RelayState"));
        String reason = answer.body().replaceAll("(?s).*<h1>Sign-in refused</h1><p>(.*?)\\.</p>.*", "$1");
        return answer.statusCode() + " " + (answer.statusCode() == 200 ? "signed in" : reason);
    }

    @Test
    void refusesUnknownEndpointsMissingSessionsAndExpiredOnes() throws Exception {
        PortalBrowser browser = new PortalBrowser(true);
        HttpResponse<String> unknown = browser.get(portal.url() + "endpoints/cvpn-endpoint-00000000000000000");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("There is no Client VPN endpoint <code>cvpn-endpoint-00000000000000000"
                + "</code> with a self-service portal here");
        HttpResponse<String> escaped = browser.get(portal.url() + "endpoints/%3Cscript%3E");
        assertThat(escaped.statusCode()).isEqualTo(404);
        assertThat(escaped.body()).contains("&lt;script&gt;").doesNotContain("<script>");
        assertThat(browser.get(portal.url() + "endpoints?id=").statusCode()).isEqualTo(400);

        assertThat(browser.download(portal.endpointUrl() + "/profile").statusCode()).isEqualTo(403);
        assertThat(browser.download(portal.endpointUrl() + "/installers/corridor-linux.sh").statusCode())
                .isEqualTo(403);
        browser.cookies.getCookieStore().add(URI.create(portal.url()), new HttpCookie(
                SelfServicePortal.SESSION_COOKIE, "00".repeat(32)));
        assertThat(browser.download(portal.endpointUrl() + "/profile").statusCode()).isEqualTo(403);
        assertThat(metrics.value(EndpointMetric.SELF_SERVICE_PORTAL_CLIENT_CONFIGURATION_DOWNLOADS)).hasValue(0);

        PortalBrowser signedIn = new PortalBrowser(true);
        String answer = signInAtTheIdp(signedIn);
        assertThat(postToAcs(signedIn, PortalBrowser.field(answer, "SAMLResponse"),
                PortalBrowser.field(answer, "RelayState")).statusCode()).isEqualTo(200);
        assertThat(signedIn.download(portal.endpointUrl() + "/installers/.hidden").statusCode()).isEqualTo(404);
        assertThat(signedIn.download(portal.endpointUrl() + "/installers/..%2Fendpoint.json").statusCode())
                .isEqualTo(404);
        assertThat(signedIn.download(portal.endpointUrl() + "/profile").statusCode()).isEqualTo(200);
        clock.shift(PortalSessions.LIFETIME.plusSeconds(1));
        assertThat(signedIn.download(portal.endpointUrl() + "/profile").statusCode()).isEqualTo(403);
        assertThat(metrics.value(EndpointMetric.SELF_SERVICE_PORTAL_CLIENT_CONFIGURATION_DOWNLOADS)).hasValue(1);
    }

    @Test
    void answersWrongMethodsAndMalformedPosts() throws Exception {
        PortalBrowser browser = new PortalBrowser(false);
        assertThat(browser.post(portal.url(), Map.of()).statusCode()).isEqualTo(405);
        assertThat(browser.get(portal.acsUrl()).statusCode()).isEqualTo(405);
        assertThat(browser.post(portal.acsUrl(), Map.of("RelayState", "x")).statusCode()).isEqualTo(400);
        assertThat(postToAcs(browser, "bm90IFhNTA==", "no-such-state").statusCode()).isEqualTo(403);
        assertThat(browser.get(portal.url() + "nothing").statusCode()).isEqualTo(404);
        assertThat(browser.post(portal.endpointUrl() + "/sign-in", Map.of("username", "carol")).statusCode())
                .as("a federated endpoint has no directory form").isEqualTo(404);
    }

    @Test
    void aMutualEndpointHasNoPortal() throws Exception {
        EndpointConfig mutual = new EndpointConfig(config.endpointId(), config.clientCidr(), config.transport(),
                config.port(), config.serverCertificate(), new AuthenticationOptions.Mutual(Path.of("pki/ca.crt")),
                config.dnsServers(), config.splitTunnel(), config.routes(), List.of(), false, config.crlFile(),
                config.clientConnectHandler(), config.connectionLog(), config.maxSessionHours(),
                config.loginBanner(), true, config.metrics(), config.portal());
        assertThatThrownBy(() -> SelfServicePortal.fromConfig(mutual, folder, metrics, clock, RANDOM, log::add))
                .isInstanceOf(ServerSetupException.class)
                .hasMessage("$.selfServicePortal: the self-service portal is not available for mutual authentication");
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
