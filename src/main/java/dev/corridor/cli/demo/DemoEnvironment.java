package dev.corridor.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.auth.saml.AcsSettings;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ProfileStore;
import dev.corridor.profile.ProfileStoreException;
import dev.corridor.server.EndpointServer;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.ServerSetupException;
import dev.corridor.server.config.AuthenticationOptions;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.InvalidConfigException;
import dev.corridor.server.idp.TestIdp;
import dev.corridor.server.users.PasswordHash;
import dev.corridor.server.users.User;
import dev.corridor.server.users.UsersFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything {@code corridor demo} runs: three test endpoints, the test IdP of the SAML one, and
 * their profiles in the user's profile store. The endpoints run either in this process on free
 * 127.0.0.1 ports with the virtual network (no root), or as {@code server run --tun} children in a
 * {@link DemoLab} of network namespaces (root). {@link #close()} stops and removes all of it; it is
 * safe to call twice and from a shutdown hook.
 *
 * <pre>
 *   start: lock &lt;data&gt;/demo ─► remove earlier demo profiles ─► [namespaces: build the DemoLab]
 *          ─► per mode, side by side:
 *          server init &lt;data&gt;/demo/MODE ─► users.json with the fixed demo users (directory, SAML)
 *          ─► SAML: test IdP in this process on a free 127.0.0.1 port, endpoint.json's idpUrl set to it
 *          ─► virtual:    server on 127.0.0.1:0
 *             namespaces: endpoint.json for the lab (own client CIDR, split tunnel, no DNS, no testIdp)
 *                         ─► child `server run --tun` on the lab's server address
 *          ─► then, in mode order: profile with "remote ADDRESS PORT" imported
 *   close: servers and IdP stopped ─► [lab deleted] ─► demo profiles deleted ─► &lt;data&gt;/demo deleted,
 *          lock released
 * </pre>
 *
 * Any failure while starting undoes what was started so far.
 */
public final class DemoEnvironment implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    private static final Pattern REMOTE_LINE = Pattern.compile("(?m)^remote (\\S+) \\d+$");

    private final DemoFolder folder;
    private final DemoProfiles profiles;
    private final DemoNetwork network;
    private DemoLab lab;
    private final List<DemoEndpoint> endpoints = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Clock clock;
    private boolean closed;

    private DemoEnvironment(DemoFolder folder, DemoProfiles profiles, DemoNetwork network, Clock clock) {
        this.folder = folder;
        this.profiles = profiles;
        this.network = network;
        this.clock = clock;
    }

    /**
     * Starts the demo in {@code dataFolder} (the Corridor data folder) with the virtual network.
     *
     * @param log receives the servers' log lines, prefixed with the mode
     */
    public static DemoEnvironment start(Path dataFolder, Clock clock, SecureRandom random, Consumer<String> log)
            throws DemoException {
        return start(dataFolder, new DemoNetwork.Virtual(), clock, random, log);
    }

    /**
     * Starts the demo in {@code dataFolder} (the Corridor data folder) on {@code network}.
     *
     * @param log receives the servers' log lines, prefixed with the mode
     */
    public static DemoEnvironment start(Path dataFolder, DemoNetwork network, Clock clock, SecureRandom random,
            Consumer<String> log) throws DemoException {
        DemoFolder folder;
        try {
            folder = DemoFolder.open(dataFolder);
        } catch (IOException e) {
            throw new DemoException("cannot prepare the demo folder in " + dataFolder + ": " + e.getMessage(), e);
        }
        DemoEnvironment environment;
        try {
            ProfileStore store = ProfileStore.open(dataFolder, ProfileParser.standard(), clock);
            environment = new DemoEnvironment(folder, new DemoProfiles(store), network, clock);
        } catch (ProfileStoreException e) {
            closeQuietly(folder);
            throw new DemoException("cannot open the profile store: " + e.getMessage(), e);
        }
        try {
            try {
                environment.profiles.checkNamesFree();
                environment.profiles.removeAll();
            } catch (ProfileStoreException e) {
                throw new DemoException(e.getMessage(), e);
            }
            if (network instanceof DemoNetwork.Namespaces namespaces) {
                DemoLab lab = DemoLab.open(namespaces.layout(), log);
                synchronized (environment) {
                    environment.lab = lab;
                }
            }
            environment.startEndpoints(random, log);
            environment.importProfiles();
            if (portBusy(AcsSettings.AWS_PORT)) {
                environment.warnings.add("port " + AcsSettings.AWS_PORT + " on 127.0.0.1 is in use: the SAML"
                        + " profile's sign-in listener needs it (AWS's fixed port); free it before connecting");
            }
        } catch (DemoException | RuntimeException e) {
            environment.close();
            throw e;
        }
        return environment;
    }

    /**
     * Starts the endpoints side by side (key generation and password hashing dominate; the machine's
     * cores share them). Every endpoint that started is kept for {@link #close()}, also when another
     * failed.
     */
    private void startEndpoints(SecureRandom random, Consumer<String> log) throws DemoException {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService starters = Executors.newFixedThreadPool(DemoMode.values().length, task -> {
            Thread thread = new Thread(task, "corridor-demo-start-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<DemoEndpoint>> started = new ArrayList<>();
            for (DemoMode mode : DemoMode.values()) {
                started.add(starters.submit(() -> startEndpoint(mode, random, log)));
            }
            DemoException failure = null;
            boolean interrupted = false;
            for (Future<DemoEndpoint> future : started) {
                // Every start is waited for, even when interrupted, so that no server runs untracked.
                while (true) {
                    try {
                        DemoEndpoint endpoint = future.get();
                        synchronized (this) {
                            endpoints.add(endpoint);
                        }
                        break;
                    } catch (ExecutionException e) {
                        DemoException cause = e.getCause() instanceof DemoException demo ? demo
                                : new DemoException("an endpoint cannot start: " + e.getCause(), e.getCause());
                        failure = failure == null ? cause : failure;
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                failure = failure == null ? new DemoException("interrupted while starting the demo") : failure;
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            starters.shutdown();
        }
    }

    /** Imports each endpoint's profile (alice's, pointing at the endpoint's port), in mode order. */
    private void importProfiles() throws DemoException {
        for (DemoEndpoint endpoint : endpoints()) {
            try {
                String text = profileText(endpoint.folder().resolve("clients").resolve("alice.ovpn"),
                        endpoint.address().getPort());
                profiles.importProfile(endpoint.mode(), text);
            } catch (IOException | ProfileStoreException e) {
                throw new DemoException("the " + endpoint.mode().profileName() + " profile cannot be imported: "
                        + e.getMessage(), e);
            }
        }
    }

    private DemoEndpoint startEndpoint(DemoMode mode, SecureRandom random, Consumer<String> log)
            throws DemoException {
        Path endpointFolder = folder.path().resolve(mode.folderName());
        Consumer<String> prefixed = line -> log.accept("[" + mode.folderName() + "] " + line);
        AtomicFileWriter writer = new AtomicFileWriter();
        Optional<TestIdp> idp = Optional.empty();
        Optional<LabLayout> layout = network instanceof DemoNetwork.Namespaces namespaces
                ? Optional.of(namespaces.layout()) : Optional.empty();
        DemoServer server = null;
        try {
            InitOptions options = layout.isPresent()
                    ? new InitOptions(mode.auth(), mode.transport(), LabLayout.port(mode), true,
                            layout.get().serverAddress())
                    : new InitOptions(mode.auth(), mode.transport(), 443, false, LOOPBACK);
            InitResult init = new ServerInitializer(clock, random, writer).initialize(endpointFolder, options);
            if (mode.auth().usesPasswords()) {
                writeDemoUsers(endpointFolder, writer, random);
            }
            Path configFile = init.endpointConfig();
            if (mode == DemoMode.SAML) {
                idp = Optional.of(startIdp(configFile, random, writer));
                prefixed.accept("test IdP signing in the demo users at http://127.0.0.1:" + idp.get().port() + "/sso");
            }
            InetSocketAddress address;
            if (layout.isPresent()) {
                adaptToLab(configFile, mode, layout.get(), writer);
                server = NamespaceServer.start(layout.get(), mode, configFile, folder.path().resolve("server-home"),
                        prefixed);
                address = new InetSocketAddress(InetAddress.getByName(layout.get().serverAddress()),
                        LabLayout.port(mode));
            } else {
                EndpointServer inProcess = new EndpointServer(EndpointConfigFile.read(configFile), endpointFolder,
                        InetAddress.getByName(LOOPBACK), Optional.of(0), clock, random, prefixed);
                inProcess.start();
                server = new InProcessServer(inProcess);
                address = inProcess.localAddress();
            }
            return new DemoEndpoint(mode, endpointFolder, server, address, idp,
                    idp.map(i -> "http://" + LOOPBACK + ":" + i.port() + "/sso"), mode.profileName());
        } catch (IOException | ServerSetupException | InvalidConfigException | DemoException e) {
            if (server != null) {
                server.stop();
            }
            if (e instanceof DemoException demo) {
                idp.ifPresent(TestIdp::close);
                throw demo;
            }
            idp.ifPresent(TestIdp::close);
            throw new DemoException("the " + mode.profileName() + " endpoint cannot start: " + e.getMessage(), e);
        }
    }

    /**
     * Edits endpoint.json for a {@code server run --tun} child in the lab: the endpoint's own client
     * CIDR (three TUN devices share the server namespace), no pushed DNS server (a connection changes
     * only the route to the lab on this machine, never its resolver), and no {@code testIdp} (the IdP
     * runs in this process, where this machine's browser reaches it on 127.0.0.1).
     */
    private static void adaptToLab(Path configFile, DemoMode mode, LabLayout layout, AtomicFileWriter writer)
            throws IOException {
        ObjectMapper mapper = EndpointConfigFile.strictMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(Files.readAllBytes(configFile));
        tree.put("clientCidr", layout.clientCidr(mode));
        tree.putArray("dnsServers");
        tree.put("selfServicePortal", false); // it would listen on the namespace's 127.0.0.1, out of reach
        ((ObjectNode) tree.get("authentication")).remove("testIdp");
        writer.write(configFile, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
    }

    /** Replaces the generated users (random passwords) with the fixed, documented demo users. */
    private static void writeDemoUsers(Path endpointFolder, AtomicFileWriter writer, SecureRandom random)
            throws IOException {
        List<User> users = new ArrayList<>();
        for (DemoUser user : DemoUser.ALL) {
            char[] password = user.password().toCharArray();
            users.add(new User(user.username(), PasswordHash.create(password, random), user.groups(),
                    user.totpSecretBytes()));
        }
        new UsersFile(writer).write(endpointFolder.resolve(UsersFile.FILE_NAME), users);
        // init's copy of its random passwords no longer applies.
        Files.deleteIfExists(endpointFolder.resolve("users-credentials.txt"));
    }

    /** Starts the test IdP on a free port and points endpoint.json's idpUrl at it. */
    private TestIdp startIdp(Path configFile, SecureRandom random, AtomicFileWriter writer)
            throws IOException, InvalidConfigException, ServerSetupException {
        EndpointConfig config = EndpointConfigFile.read(configFile);
        if (!(config.authentication() instanceof AuthenticationOptions.Federated federated)) {
            throw new ServerSetupException("the SAML endpoint is not federated");
        }
        TestIdp idp = TestIdp.fromConfig(federated, configFile.getParent(), clock, random);
        idp.start(LOOPBACK, 0);
        try {
            ObjectMapper mapper = EndpointConfigFile.strictMapper();
            ObjectNode tree = (ObjectNode) mapper.readTree(Files.readAllBytes(configFile));
            ((ObjectNode) tree.get("authentication")).put("idpUrl", "http://" + LOOPBACK + ":" + idp.port() + "/sso");
            writer.write(configFile, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
        } catch (IOException | RuntimeException e) {
            idp.close();
            throw e;
        }
        return idp;
    }

    /** The profile of {@code file} with its {@code remote} line pointing at {@code port}. */
    static String profileText(Path file, int port) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher remote = REMOTE_LINE.matcher(text);
        if (!remote.find()) {
            throw new IOException(file + " has no \"remote HOST PORT\" line");
        }
        return remote.replaceAll("remote $1 " + port);
    }

    private static boolean portBusy(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** The running endpoints, one per {@link DemoMode}, in that order. */
    public synchronized List<DemoEndpoint> endpoints() {
        return endpoints.stream().sorted(java.util.Comparator.comparing(DemoEndpoint::mode)).toList();
    }

    /** The endpoint of {@code mode}. */
    public synchronized DemoEndpoint endpoint(DemoMode mode) {
        return endpoints.stream().filter(e -> e.mode() == mode).findFirst().orElseThrow();
    }

    /** Problems worth telling the user that do not stop the demo (e.g. the ACS port is taken). */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Where the endpoints forward their clients' traffic. */
    public DemoNetwork network() {
        return network;
    }

    /** The demo folder, {@code <data>/demo}. */
    public Path folder() {
        return folder.path();
    }

    /** The clock the servers use; front ends show MFA codes with it. */
    public Clock clock() {
        return clock;
    }

    /** Stops the servers and the IdP, deletes the demo profiles and the demo folder. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Exception> problems = new ArrayList<>();
        endpoints.forEach(endpoint -> endpoint.server().beginStop());
        for (DemoEndpoint endpoint : endpoints) {
            try {
                endpoint.close();
            } catch (RuntimeException e) {
                problems.add(e);
            }
        }
        endpoints.clear();
        if (lab != null) {
            try {
                lab.close();
            } catch (RuntimeException e) {
                problems.add(e);
            }
        }
        try {
            profiles.removeAll();
        } catch (ProfileStoreException | RuntimeException e) {
            problems.add(e);
        }
        try {
            folder.close();
        } catch (IOException | RuntimeException e) {
            problems.add(e);
        }
        if (!problems.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("the demo did not stop cleanly: "
                    + problems.get(0).getMessage());
            problems.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static void closeQuietly(DemoFolder folder) {
        try {
            folder.close();
        } catch (IOException e) {
            // The folder stays; the next demo empties it.
        }
    }
}
