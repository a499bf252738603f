package dev.corridor.server.portal;

import dev.corridor.server.ServerSetupException;
import dev.corridor.server.config.AuthenticationOptions;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.InvalidConfigException;
import dev.corridor.server.metrics.EndpointMetric;
import dev.corridor.server.metrics.EndpointMetrics;
import dev.corridor.server.saml.SamlNames;
import dev.corridor.server.saml.TrustedIdp;
import dev.corridor.server.users.UserDirectory;
import dev.corridor.server.users.UsersFile;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The self-service portal (admin guide "Access the self-service portal"), on 127.0.0.1 over plain
 * HTTP: users give the endpoint ID, sign in with their user-based credentials, and download the
 * endpoint's client configuration (the exported file) and the client installers.
 *
 * <pre>
 *   GET  /                               endpoint ID form ─► GET /endpoints?id=ID ─► 303 /endpoints/ID
 *   GET  /endpoints/ID                   unknown ID ─► 404 page
 *                                        session ─► downloads page
 *                                        SAML ─► 302 IdP (AuthnRequest, ACS = /api/auth/sso/saml)
 *                                        directory ─► username / password (/ MFA code) form
 *   POST /api/auth/sso/saml              SAMLResponse + RelayState ─► checked ─► Set-Cookie, page that
 *                                        moves on to /endpoints/ID (refused: 403 page with the reason)
 *   POST /endpoints/ID/sign-in           directory form ─► Set-Cookie, 303 /endpoints/ID (refused: 403 form)
 *   GET  /endpoints/ID/profile           session ─► the configuration file (SelfServicePortalClientConfigurationDownloads)
 *   GET  /endpoints/ID/installers/NAME   session ─► an installer (SelfServicePortalClientDownloads)
 *                                        no session ─► 403 page "Sign in first"
 * </pre>
 * The session cookie is {@code corridor-portal-session}: 256 random bits, HttpOnly, SameSite=Strict,
 * Path=/, one hour. Pages carry no script; every response is no-store, nosniff, frame-denied and
 * sends no Referer (the IdP URL carries the AuthnRequest).
 */
public final class SelfServicePortal implements AutoCloseable {
    /** The portal's ACS path, as on AWS ({@code https://self-service.clientvpn.amazonaws.com/api/auth/sso/saml}). */
    public static final String ACS_PATH = "/api/auth/sso/saml";
    /** The session cookie's name. */
    public static final String SESSION_COOKIE = "corridor-portal-session";
    /** The only address the portal listens on. */
    public static final String HOST = "127.0.0.1";
    /** The Content-Type of the configuration download. */
    public static final String PROFILE_CONTENT_TYPE = "application/x-openvpn-profile";
    private static final int MAX_ACS_BODY = 3 * SamlNames.MAX_RESPONSE_BYTES + 16 * 1024;
    private static final int MAX_FORM_BODY = 16 * 1024;
    private static final String ENDPOINTS = "/endpoints/";

    private final String endpointId;
    private final PortalSignIn signIn;
    private final PortalFiles files;
    private final PortalSessions sessions;
    private final EndpointMetrics metrics;
    private final Consumer<String> log;
    private Undertow server;
    private int port;

    /**
     * @param endpointId the endpoint whose portal this is
     * @param signIn     how users sign in
     * @param files      what is handed out
     * @param sessions   the signed-in sessions
     * @param metrics    where downloads are counted
     * @param log        one line per sign-in and download (no secrets)
     */
    public SelfServicePortal(String endpointId, PortalSignIn signIn, PortalFiles files, PortalSessions sessions,
            EndpointMetrics metrics, Consumer<String> log) {
        this.endpointId = Objects.requireNonNull(endpointId, "endpointId");
        this.signIn = Objects.requireNonNull(signIn, "signIn");
        this.files = Objects.requireNonNull(files, "files");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * The portal {@code endpoint.json} asks for (not started): SAML sign-in through the endpoint's IdP
     * for federated authentication, the users file for directory authentication.
     *
     * @throws ServerSetupException for a mutual-only endpoint, or when a file it needs is missing
     */
    public static SelfServicePortal fromConfig(EndpointConfig config, Path configFolder, EndpointMetrics metrics,
            Clock clock, SecureRandom random, Consumer<String> log) throws ServerSetupException {
        PortalSignIn signIn;
        AuthenticationOptions auth = config.authentication();
        if (auth instanceof AuthenticationOptions.Federated federated) {
            signIn = new SamlPortalSignIn(TrustedIdp.load(federated.idp(), configFolder), clock, random);
        } else if (auth instanceof AuthenticationOptions.Directory directory) {
            signIn = new DirectoryPortalSignIn(directory(directory, configFolder), clock);
        } else if (auth instanceof AuthenticationOptions.MutualAndDirectory both) {
            signIn = new DirectoryPortalSignIn(directory(both.directory(), configFolder), clock);
        } else {
            throw new ServerSetupException("$.selfServicePortal: the self-service portal is not available for"
                    + " mutual authentication");
        }
        Path profile = EndpointConfig.resolve(configFolder, config.portal().profileFile());
        if (!Files.isRegularFile(profile) || !Files.isReadable(profile)) {
            throw new ServerSetupException("$.portal.profileFile: " + profile + " is not a readable file (server init"
                    + " writes clients/downloaded-client-config.ovpn)");
        }
        return new SelfServicePortal(config.endpointId(), signIn, new PortalFiles(profile,
                EndpointConfig.resolve(configFolder, config.portal().installersFolder())),
                new PortalSessions(clock, random), metrics, log);
    }

    private static UserDirectory directory(AuthenticationOptions.Directory directory, Path configFolder)
            throws ServerSetupException {
        Path usersFile = EndpointConfig.resolve(configFolder, directory.usersFile());
        try {
            return new UserDirectory(UsersFile.read(usersFile), directory.mfa());
        } catch (IOException e) {
            throw new ServerSetupException("cannot read " + usersFile + ": " + e.getMessage());
        } catch (InvalidConfigException e) {
            throw new ServerSetupException(e.getMessage());
        }
    }

    /** Serves on 127.0.0.1:{@code requestedPort} (0 picks a free port). */
    public synchronized void start(int requestedPort) {
        server = Undertow.builder().addHttpListener(requestedPort, HOST).setIoThreads(1).setWorkerThreads(4)
                .setHandler(this::handle).build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** The port served on. */
    public int port() {
        return port;
    }

    /** The portal's start page, {@code http://127.0.0.1:PORT/}. */
    public String url() {
        return "http://" + HOST + ":" + port + "/";
    }

    /** The endpoint's own portal page, {@code http://127.0.0.1:PORT/endpoints/ID}. */
    public String endpointUrl() {
        return "http://" + HOST + ":" + port + PortalPages.endpointPath(endpointId);
    }

    /** The ACS URL the IdP posts to, {@code http://127.0.0.1:PORT/api/auth/sso/saml}. */
    public String acsUrl() {
        return "http://" + HOST + ":" + port + ACS_PATH;
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
        PortalHttp.securityHeaders(exchange);
        String path = exchange.getRequestPath();
        if (path.equals("/")) {
            only(exchange, Methods.GET, () -> PortalHttp.html(exchange, StatusCodes.OK, PortalPages.index("")));
        } else if (path.equals("/endpoints") || path.equals("/endpoints/")) {
            only(exchange, Methods.GET, () -> chooseEndpoint(exchange));
        } else if (path.equals(ACS_PATH) && signIn instanceof SamlPortalSignIn saml) {
            only(exchange, Methods.POST, () -> assertionConsumer(exchange, saml));
        } else if (path.startsWith(ENDPOINTS)) {
            endpointRoute(exchange, path.substring(ENDPOINTS.length()).split("/", -1));
        } else {
            PortalHttp.html(exchange, StatusCodes.NOT_FOUND, PortalPages.notFound());
        }
    }

    /** One request's work; may do blocking I/O (requests run on worker threads). */
    private interface Work {
        void run() throws IOException;
    }

    private static void only(HttpServerExchange exchange, HttpString method, Work work) throws IOException {
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, method.toString());
            PortalHttp.html(exchange, StatusCodes.METHOD_NOT_ALLOWED, PortalPages.methodNotAllowed());
            return;
        }
        work.run();
    }

    private void chooseEndpoint(HttpServerExchange exchange) {
        Deque<String> ids = exchange.getQueryParameters().get("id");
        String id = ids == null || ids.isEmpty() ? "" : ids.getFirst().strip();
        if (id.isEmpty()) {
            PortalHttp.html(exchange, StatusCodes.BAD_REQUEST, PortalPages.index("Enter the ID of your Client VPN endpoint."));
            return;
        }
        PortalHttp.redirect(exchange, StatusCodes.SEE_OTHER, PortalPages.endpointPath(id));
    }

    private void endpointRoute(HttpServerExchange exchange, String[] parts) throws IOException {
        if (!parts[0].equals(endpointId)) {
            PortalHttp.html(exchange, StatusCodes.NOT_FOUND, PortalPages.unknownEndpoint(parts[0]));
            return;
        }
        if (parts.length == 1) {
            only(exchange, Methods.GET, () -> endpointPage(exchange));
        } else if (parts.length == 2 && parts[1].equals("sign-in") && signIn instanceof DirectoryPortalSignIn dir) {
            only(exchange, Methods.POST, () -> directorySignIn(exchange, dir));
        } else if (parts.length == 2 && parts[1].equals("profile")) {
            only(exchange, Methods.GET, () -> downloadProfile(exchange));
        } else if (parts.length == 3 && parts[1].equals("installers")) {
            only(exchange, Methods.GET, () -> downloadInstaller(exchange, parts[2]));
        } else {
            PortalHttp.html(exchange, StatusCodes.NOT_FOUND, PortalPages.notFound());
        }
    }

    private void endpointPage(HttpServerExchange exchange) throws IOException {
        Optional<PortalSessions.Session> session = session(exchange);
        if (session.isPresent()) {
            PortalHttp.html(exchange, StatusCodes.OK, PortalPages.downloads(endpointId, session.get().user(),
                    files.profileFile().getFileName().toString(), files.installers()));
        } else if (signIn instanceof SamlPortalSignIn saml) {
            PortalHttp.redirect(exchange, StatusCodes.FOUND, saml.start(acsUrl()));
        } else {
            PortalHttp.html(exchange, StatusCodes.OK, PortalPages.directorySignIn(endpointId,
                    ((DirectoryPortalSignIn) signIn).asksForCode(), ""));
        }
    }

    private void assertionConsumer(HttpServerExchange exchange, SamlPortalSignIn saml) throws IOException {
        Optional<Map<String, String>> form = PortalHttp.form(exchange, MAX_ACS_BODY, true);
        if (form.isEmpty()) {
            return;
        }
        String response = form.get().getOrDefault("SAMLResponse", "");
        String relayState = form.get().getOrDefault("RelayState", "");
        if (response.isEmpty() || relayState.isEmpty()) {
            PortalHttp.html(exchange, StatusCodes.BAD_REQUEST, PortalPages.badRequest("SAMLResponse and RelayState are required."));
            return;
        }
        PortalSignInResult result = saml.finish(relayState, response);
        if (result instanceof PortalSignInResult.SignedIn signedIn) {
            startSession(exchange, signedIn.user());
            PortalHttp.html(exchange, StatusCodes.OK, PortalPages.signedIn(endpointId));
        } else {
            String reason = ((PortalSignInResult.Refused) result).reason();
            log.accept("portal: SAML sign-in refused: " + reason);
            PortalHttp.html(exchange, StatusCodes.FORBIDDEN, PortalPages.refused(endpointId, reason));
        }
    }

    private void directorySignIn(HttpServerExchange exchange, DirectoryPortalSignIn directory) throws IOException {
        Optional<Map<String, String>> form = PortalHttp.form(exchange, MAX_FORM_BODY, false);
        if (form.isEmpty()) {
            return;
        }
        String username = form.get().getOrDefault("username", "");
        char[] password = form.get().getOrDefault("password", "").toCharArray();
        PortalSignInResult result;
        try {
            result = directory.check(username, password, form.get().getOrDefault("code", ""));
        } finally {
            Arrays.fill(password, '\0');
        }
        if (result instanceof PortalSignInResult.SignedIn signedIn) {
            startSession(exchange, signedIn.user());
            PortalHttp.redirect(exchange, StatusCodes.SEE_OTHER, PortalPages.endpointPath(endpointId));
        } else {
            log.accept("portal: directory sign-in refused for \"" + username.replaceAll("[^\\x20-\\x7e]", "?")
                    + "\"");
            PortalHttp.html(exchange, StatusCodes.FORBIDDEN, PortalPages.directorySignIn(endpointId, directory.asksForCode(),
                    ((PortalSignInResult.Refused) result).reason()));
        }
    }

    private void startSession(HttpServerExchange exchange, String user) {
        String id = sessions.create(user);
        exchange.getResponseHeaders().add(Headers.SET_COOKIE, SESSION_COOKIE + "=" + id + "; Path=/; Max-Age="
                + PortalSessions.LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict");
        log.accept("portal: " + user + " signed in");
    }

    private void downloadProfile(HttpServerExchange exchange) throws IOException {
        Optional<PortalSessions.Session> session = session(exchange);
        if (session.isEmpty()) {
            PortalHttp.html(exchange, StatusCodes.FORBIDDEN, PortalPages.signInFirst(endpointId));
            return;
        }
        // Counted when the download starts, so a client that has the file also sees it counted.
        metrics.increment(EndpointMetric.SELF_SERVICE_PORTAL_CLIENT_CONFIGURATION_DOWNLOADS);
        log.accept("portal: " + session.get().user() + " downloaded the client configuration");
        PortalHttp.send(exchange, files.profileFile(), PROFILE_CONTENT_TYPE);
    }

    private void downloadInstaller(HttpServerExchange exchange, String name) throws IOException {
        Optional<PortalSessions.Session> session = session(exchange);
        if (session.isEmpty()) {
            PortalHttp.html(exchange, StatusCodes.FORBIDDEN, PortalPages.signInFirst(endpointId));
            return;
        }
        Optional<Path> installer = files.installer(name);
        if (installer.isEmpty()) {
            PortalHttp.html(exchange, StatusCodes.NOT_FOUND, PortalPages.notFound());
            return;
        }
        metrics.increment(EndpointMetric.SELF_SERVICE_PORTAL_CLIENT_DOWNLOADS);
        log.accept("portal: " + session.get().user() + " downloaded " + name);
        PortalHttp.send(exchange, installer.get(), "application/octet-stream");
    }

    private Optional<PortalSessions.Session> session(HttpServerExchange exchange) {
        Cookie cookie = exchange.getRequestCookie(SESSION_COOKIE);
        return cookie == null ? Optional.empty() : sessions.find(cookie.getValue());
    }

    /** The names of the installers offered now (for the start message). */
    public List<String> installers() throws IOException {
        return files.installers();
    }
}
