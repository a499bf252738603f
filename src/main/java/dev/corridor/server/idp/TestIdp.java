package dev.corridor.server.idp;

import dev.corridor.auth.saml.FormBody;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.pki.Pem;
import dev.corridor.pki.PemException;
import dev.corridor.server.ServerSetupException;
import dev.corridor.server.config.AuthenticationOptions;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.InvalidConfigException;
import dev.corridor.server.users.UsersFile;
import dev.corridor.server.saml.IdpMetadata;
import dev.corridor.server.saml.SamlNames;
import dev.corridor.server.saml.TrustedIdp;
import dev.corridor.server.saml.SecureXml;
import dev.corridor.server.users.UserDirectory;
import dev.corridor.server.users.Verification;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.w3c.dom.Element;

/**
 * The test IdP: {@code GET /sso?SAMLRequest=..&RelayState=..} (HTTP-Redirect binding) shows a
 * login page; {@code POST /sso/login} with {@code username}, {@code password} (and {@code code}
 * for MFA users) checks the users file and answers with a page that auto-POSTs a signed SAML
 * response to the request's ACS URL, which must be on loopback: {@code http://127.0.0.1:<port>}
 * (the client's listener) or {@code http://127.0.0.1:<port>/<path>} (the self-service portal's
 * {@code /api/auth/sso/saml}). {@code GET /metadata} serves its SAML 2.0 IdP metadata.
 *
 * <pre>
 *   GET /metadata ─► EntityDescriptor: entity id, signing certificate, HTTP-Redirect SSO URL
 *   GET /sso ─► inflate + parse AuthnRequest (no DOCTYPE) ─► login id → {request ID, ACS, RelayState}
 *            ─► login form (hidden "login")
 *   POST /sso/login ─► login id taken (single use, 10 min) ─► UserDirectory.verify
 *            ─► ok: Response (Response and Assertion signed) auto-POSTed to ACS; refused: 401 page
 * </pre>
 */
public final class TestIdp implements AutoCloseable {
    private static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);
    private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private static final String METADATA_PATH = "/metadata";
    /** ACS URLs the test IdP posts to: loopback only, with an optional plain path. */
    private static final java.util.regex.Pattern ACS_URL = java.util.regex.Pattern.compile(
            "http://127\\.0\\.0\\.1:\\d{1,5}(/[A-Za-z0-9._~-]+)*");

    private record Login(String requestId, String acsUrl, String relayState, Instant expires) {}

    private final SamlResponseBuilder builder;
    private final TrustedIdp description;
    private final String entityId;
    private final UserDirectory users;
    private final String emailDomain;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Login> logins = new ConcurrentHashMap<>();
    private Undertow server;
    private int port;

    /**
     * @param signer      the IdP's signing certificate and key (the endpoint pins the certificate)
     * @param ssoUrl      the sign-in URL it is to serve at, {@code http://HOST:PORT/sso}
     * @param entityId    the Issuer of the responses
     * @param users       the users who may sign in
     * @param emailDomain appended to user names without {@code @} to form the email NameID
     */
    public TestIdp(IssuedCertificate signer, String ssoUrl, String entityId, UserDirectory users, String emailDomain,
            Clock clock, SecureRandom random) {
        this.builder = new SamlResponseBuilder(signer, random);
        this.description = new TrustedIdp(signer.certificate(), ssoUrl, entityId);
        this.entityId = entityId;
        this.users = users;
        this.emailDomain = emailDomain;
        this.clock = clock;
        this.random = random;
    }

    /** The email domain of test users whose names have no {@code @}. */
    public static final String EMAIL_DOMAIN = "corridor.test";

    /**
     * The test IdP a federated {@code endpoint.json} asks for ({@code testIdp}), not yet started;
     * it is to serve at the IdP URL the endpoint trusts (given directly or in the metadata), which
     * must be {@code http://HOST:PORT/sso}.
     */
    public static TestIdp fromConfig(AuthenticationOptions.Federated federated, Path configFolder, Clock clock,
            SecureRandom random) throws ServerSetupException {
        AuthenticationOptions.Federated.TestIdp files = federated.testIdp()
                .orElseThrow(() -> new ServerSetupException("the endpoint has no testIdp section"));
        TrustedIdp trusted = TrustedIdp.load(federated.idp(), configFolder);
        URI url = URI.create(trusted.ssoUrl());
        if (!"http".equals(url.getScheme()) || url.getPort() < 1 || !"/sso".equals(url.getPath())) {
            throw new ServerSetupException("the test IdP serves http://HOST:PORT/sso; the IdP URL is "
                    + trusted.ssoUrl());
        }
        try {
            PrivateKey key = Pem.readPrivateKey(Files.readString(EndpointConfig.resolve(configFolder,
                    files.keyFile()), StandardCharsets.US_ASCII));
            UserDirectory users = new UserDirectory(UsersFile.read(EndpointConfig.resolve(configFolder,
                    files.usersFile())), true);
            return new TestIdp(new IssuedCertificate(trusted.certificate(), key), trusted.ssoUrl(),
                    trusted.entityId(), users, EMAIL_DOMAIN, clock, random);
        } catch (IOException | PemException | InvalidConfigException e) {
            throw new ServerSetupException("cannot set up the test IdP: " + e.getMessage());
        }
    }

    /** Serves at the host and port of its sign-in URL. */
    public void start() {
        URI url = URI.create(description.ssoUrl());
        start(url.getHost(), url.getPort());
    }

    /** The IdP as its metadata describes it: certificate, sign-in URL, entity id. */
    public TrustedIdp description() {
        return description;
    }

    /** Serves on {@code host:port} (0 picks a free port). */
    public synchronized void start(String host, int requestedPort) {
        server = Undertow.builder().addHttpListener(requestedPort, host).setIoThreads(1).setWorkerThreads(2)
                .setHandler(this::handle).build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** The port served on. */
    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    private void handle(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch((HttpHandler) this::handle);
            return;
        }
        String path = exchange.getRequestPath();
        if (path.equals(METADATA_PATH) && exchange.getRequestMethod().equals(Methods.GET)) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, IdpMetadata.CONTENT_TYPE);
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
            exchange.getResponseSender().send(IdpMetadata.render(description), StandardCharsets.UTF_8);
        } else if (path.equals("/sso") && exchange.getRequestMethod().equals(Methods.GET)) {
            loginPage(exchange);
        } else if (path.equals("/sso/login") && exchange.getRequestMethod().equals(Methods.POST)) {
            signIn(exchange);
        } else if (path.equals("/sso") || path.equals("/sso/login") || path.equals(METADATA_PATH)) {
            page(exchange, StatusCodes.METHOD_NOT_ALLOWED, "Method not allowed", "<p>Method not allowed.</p>");
        } else {
            page(exchange, StatusCodes.NOT_FOUND, "Not found", "<p>Not found.</p>");
        }
    }

    private void loginPage(HttpServerExchange exchange) {
        Map<String, String> query;
        try {
            query = FormBody.parse(Optional.ofNullable(exchange.getQueryString()).orElse(""));
        } catch (IllegalArgumentException e) {
            page(exchange, StatusCodes.BAD_REQUEST, "Bad request", "<p>Malformed query.</p>");
            return;
        }
        Optional<Login> login = parseRequest(query.getOrDefault("SAMLRequest", ""),
                query.getOrDefault("RelayState", ""));
        if (login.isEmpty()) {
            page(exchange, StatusCodes.BAD_REQUEST, "Bad request", "<p>Missing or invalid SAML request.</p>");
            return;
        }
        Instant now = clock.instant();
        logins.values().removeIf(l -> !now.isBefore(l.expires()));
        byte[] id = new byte[16];
        random.nextBytes(id);
        String loginId = HexFormat.of().formatHex(id);
        logins.put(loginId, login.get());
        page(exchange, StatusCodes.OK, "Sign in", "<h1>Corridor test IdP</h1>"
                + "<form method=\"post\" action=\"/sso/login\">"
                + "<input type=\"hidden\" name=\"login\" value=\"" + loginId + "\">"
                + "<label>Username <input name=\"username\" autocomplete=\"username\"></label><br>"
                + "<label>Password <input name=\"password\" type=\"password\"></label><br>"
                + "<label>MFA code (if required) <input name=\"code\" inputmode=\"numeric\"></label><br>"
                + "<button type=\"submit\">Sign in</button></form>");
    }

    private Optional<Login> parseRequest(String samlRequest, String relayState) {
        try {
            Inflater inflater = new Inflater(true);
            byte[] xml;
            try {
                inflater.setInput(Base64.getDecoder().decode(samlRequest));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[1024];
                while (!inflater.finished() && out.size() <= MAX_FORM_BYTES) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        return Optional.empty();
                    }
                    out.write(buffer, 0, n);
                }
                xml = out.toByteArray();
            } finally {
                inflater.end();
            }
            Element request = SecureXml.parse(xml).getDocumentElement();
            String acs = request.getAttribute("AssertionConsumerServiceURL");
            String id = request.getAttribute("ID");
            if (!SamlNames.PROTOCOL_NS.equals(request.getNamespaceURI())
                    || !"AuthnRequest".equals(request.getLocalName()) || id.isEmpty()
                    || !ACS_URL.matcher(acs).matches()) {
                return Optional.empty();
            }
            return Optional.of(new Login(id, acs, relayState, clock.instant().plus(LOGIN_LIFETIME)));
        } catch (IllegalArgumentException | DataFormatException | org.xml.sax.SAXException e) {
            return Optional.empty();
        }
    }

    private void signIn(HttpServerExchange exchange) throws java.io.IOException {
        exchange.startBlocking();
        byte[] body = exchange.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
        Map<String, String> form;
        try {
            form = body.length > MAX_FORM_BYTES ? Map.of() : FormBody.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            form = Map.of();
        }
        Login login = logins.remove(form.getOrDefault("login", ""));
        if (login == null || !clock.instant().isBefore(login.expires())) {
            page(exchange, StatusCodes.BAD_REQUEST, "Sign-in expired", "<p>This sign-in expired. Start again"
                    + " from Corridor.</p>");
            return;
        }
        String username = form.getOrDefault("username", "");
        char[] password = form.getOrDefault("password", "").toCharArray();
        String code = form.getOrDefault("code", "");
        Verification verification;
        try {
            verification = users.verify(username, password, code.isEmpty() ? Optional.empty() : Optional.of(code),
                    clock);
        } finally {
            Arrays.fill(password, '\0');
        }
        if (!(verification instanceof Verification.Ok ok)) {
            page(exchange, StatusCodes.UNAUTHORIZED, "Sign-in failed", "<p>Wrong username, password or code."
                    + " Start again from Corridor.</p>");
            return;
        }
        Instant now = clock.instant();
        String email = ok.username().contains("@") ? ok.username() : ok.username() + "@" + emailDomain;
        String response = builder.base64(new AssertionContent(entityId, SamlNames.CLIENT_VPN_AUDIENCE,
                login.acsUrl(), login.requestId(), now, now, now.plus(ASSERTION_LIFETIME), email, ok.username(),
                "(test user)", ok.groups()), SamlResponseBuilder.Signing.BOTH);
        // The client's listener is posted to at "/"; a URL with a path (the portal's ACS) as it is.
        String target = login.acsUrl().indexOf('/', "http://".length()) < 0 ? login.acsUrl() + "/" : login.acsUrl();
        page(exchange, StatusCodes.OK, "Signing in", "<form method=\"post\" action=\"" + target + "\">"
                + "<input type=\"hidden\" name=\"SAMLResponse\" value=\"" + response + "\">"
                + "<input type=\"hidden\" name=\"RelayState\" value=\"" + html(login.relayState()) + "\">"
                + "<noscript><button type=\"submit\">Continue</button></noscript></form>"
                + "<script>document.forms[0].submit()</script>");
    }

    private static void page(HttpServerExchange exchange, int status, String title, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head><body>" + body + "</body></html>", StandardCharsets.UTF_8);
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
