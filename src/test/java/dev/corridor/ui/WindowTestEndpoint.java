package dev.corridor.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.auth.saml.AcsSettings;
import dev.corridor.auth.saml.BrowserLauncher;
import dev.corridor.auth.saml.PortHolderLookup;
import dev.corridor.client.ClientEngine;
import dev.corridor.client.InMemoryTunProvider;
import dev.corridor.client.SamlSignInOptions;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ProfileStore;
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
import dev.corridor.server.users.Base32;
import dev.corridor.server.users.Totp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bundled test endpoint for the window's tests: {@code server init} into a folder, served
 * in-process on loopback (a free port), its client profiles imported into a profile store of
 * their own, and (federated) the test IdP on a free port.
 */
final class WindowTestEndpoint implements AutoCloseable {
    final InitResult init;
    final EndpointServer server;
    final ProfileStore store;
    final List<String> serverLog;
    private final Optional<TestIdp> idp;

    private WindowTestEndpoint(InitResult init, EndpointServer server, ProfileStore store, Optional<TestIdp> idp,
            List<String> serverLog) {
        this.serverLog = serverLog;
        this.init = init;
        this.server = server;
        this.store = store;
        this.idp = idp;
    }

    /** Makes and starts an endpoint with {@code auth}; imports every user's profile under the user's name. */
    static WindowTestEndpoint start(Path folder, AuthMode auth) throws Exception {
        InitResult init = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                .initialize(folder.resolve("endpoint"), new InitOptions(auth, TransportProtocol.UDP, 443, false,
                        "127.0.0.1"));
        Optional<TestIdp> idp = Optional.empty();
        if (auth == AuthMode.FEDERATED) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode config = (ObjectNode) mapper.readTree(init.endpointConfig().toFile());
            ((ObjectNode) config.get("authentication")).put("idpUrl", "http://127.0.0.1:" + freePort() + "/sso");
            mapper.writeValue(init.endpointConfig().toFile(), config);
            AuthenticationOptions.Federated federated = (AuthenticationOptions.Federated) EndpointConfigFile
                    .read(init.endpointConfig()).authentication();
            TestIdp started = TestIdp.fromConfig(federated, init.endpointConfig().getParent(), Clock.systemUTC(),
                    new SecureRandom());
            started.start();
            idp = Optional.of(started);
        }
        List<String> log = new CopyOnWriteArrayList<>();
        EndpointServer server = new EndpointServer(EndpointConfigFile.read(init.endpointConfig()),
                init.endpointConfig().getParent(), InetAddress.getLoopbackAddress(), Optional.of(0),
                Clock.systemUTC(), new SecureRandom(), log::add);
        server.start();
        ProfileStore store = ProfileStore.open(folder.resolve("home"), ProfileParser.standard(), Clock.systemUTC());
        WindowTestEndpoint endpoint = new WindowTestEndpoint(init, server, store, idp, log);
        int port = server.localAddress().getPort();
        for (TestUserCredentials user : init.credentials()) {
            Path original = init.endpointConfig().getParent().resolve("clients").resolve(user.username() + ".ovpn");
            String text = Files.readString(original).replaceAll("(?m)^remote (\\S+) \\d+$", "remote $1 " + port);
            store.importText(user.username(), text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    original.toString());
        }
        return endpoint;
    }

    /** The window's set-up for this endpoint: in-memory TUN, {@code browser} on a free ACS port. */
    WindowSetup setup(BrowserLauncher browser, Locale locale, Optional<String> notice) throws Exception {
        SamlSignInOptions saml = SamlSignInOptions.defaults()
                .withAcs(AcsSettings.defaults().withPort(freePort()).withTimeout(Duration.ofSeconds(60)))
                .withBrowser(browser);
        return new WindowSetup(ProfileSource.of(store), ClientEngine::new, (profile, guard) -> new InMemoryTunProvider(),
                saml, PortHolderLookup.system(), Duration.ofSeconds(20), locale, notice, Optional.empty());
    }

    TestUserCredentials user(String name) {
        return init.credentials().stream().filter(c -> c.username().equals(name)).findFirst().orElseThrow();
    }

    String password(String name) {
        return user(name).password().orElseThrow();
    }

    /** The user's current TOTP code, from the secret the users file holds. */
    String totp(String name) {
        return new Totp(Base32.decode(user(name).totpSecret().orElseThrow()).orElseThrow())
                .code(Clock.systemUTC().instant());
    }

    static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.close();
        idp.ifPresent(TestIdp::close);
    }
}
