package dev.corridor.cli;

import dev.corridor.client.HandshakeRehearsal;
import dev.corridor.client.RehearsalPace;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.AuthMode;
import dev.corridor.server.config.AuthenticationOptions;
import dev.corridor.server.idp.TestIdp;
import dev.corridor.server.portal.SelfServicePortal;
import dev.corridor.server.ControlSocket;
import dev.corridor.server.EndpointServer;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.InvalidConfigException;
import dev.corridor.server.config.PortalOptions;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.ServerSetupException;
import dev.corridor.server.TestUserCredentials;
import dev.corridor.server.config.TransportProtocol;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corridor server ...}: set up and run the bundled test endpoint. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "The bundled test server: a Client VPN endpoint on this machine.",
        subcommands = {ServerCommand.Init.class, ServerCommand.Run.class, ServerControlCommands.Connections.class,
            ServerControlCommands.Terminate.class, ServerControlCommands.Reload.class})
final class ServerCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code server init DIR [--auth ...] [--proto ...] [--port ...] [--split-tunnel] [--hostname ...]}. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Create a test endpoint in DIR: a CA, server and client certificates, an empty CRL,"
                    + " endpoint.json, users.json (directory authentication) and client profiles in DIR/clients."})
    static final class Init implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "A new or empty folder for the endpoint.")
        private Path folder;
        @Option(names = "--auth", paramLabel = "MODE", defaultValue = "mutual", converter = AuthModeConverter.class,
                description = "mutual, directory, mutual+directory or federated (SAML through the bundled test IdP)"
                        + " (default: ${DEFAULT-VALUE}).")
        private AuthMode auth;
        @Option(names = "--proto", paramLabel = "PROTO", defaultValue = "udp",
                converter = TransportConverter.class, description = "udp or tcp (default: ${DEFAULT-VALUE}).")
        private TransportProtocol transport;
        @Option(names = "--port", paramLabel = "PORT", defaultValue = "443",
                description = "443 or 1194 (default: ${DEFAULT-VALUE}).")
        private int port;
        @Option(names = "--split-tunnel", description = "Push only the route table's routes.")
        private boolean splitTunnel;
        @Option(names = "--hostname", paramLabel = "NAME", defaultValue = InitOptions.DEFAULT_HOSTNAME,
                description = "Host name or address the profiles connect to (default: ${DEFAULT-VALUE}).")
        private String hostname;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            InitOptions options;
            try {
                options = new InitOptions(auth, transport, port, splitTunnel, hostname);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            InitResult result;
            try {
                result = new ServerInitializer(Clock.systemUTC(), new SecureRandom(), new AtomicFileWriter())
                        .initialize(folder, options);
            } catch (ServerSetupException e) {
                err.println("corridor: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            out.println("Created a test endpoint in " + result.folder() + " (" + auth.label() + ", "
                    + transport.label() + " " + port + (splitTunnel ? ", split tunnel" : ", full tunnel") + ")");
            out.println("  configuration: " + result.endpointConfig());
            result.profiles().forEach(p -> out.println("  profile:       " + p));
            if (result.credentialsFile().isPresent()) {
                out.println();
                out.println("Test users (shown once here; also saved owner-only for the demo in "
                        + result.credentialsFile().get() + "):");
                for (TestUserCredentials user : result.credentials()) {
                    out.println("  " + user.username() + "  groups: "
                            + (user.groups().isEmpty() ? "(none)" : String.join(",", user.groups()))
                            + "  password: " + user.password().orElse("-")
                            + user.totpSecret().map(s -> "  TOTP secret: " + s).orElse(""));
                }
            }
            if (auth == AuthMode.FEDERATED) {
                out.println();
                out.println("Self-service portal: on (\"selfServicePortal\": true); server run serves it on"
                        + " http://127.0.0.1:" + PortalOptions.DEFAULT_PORT + "/ (\"portal\": {\"port\": ...} or"
                        + " --portal-port), handing out clients/" + PortalOptions.EXPORTED_PROFILE_NAME
                        + " and the files in " + result.folder().resolve("installers"));
            }
            out.println();
            out.println("Serve it with: corridor server run --config " + result.endpointConfig());
            return ExitCodes.OK;
        }
    }

    /** {@code server run --config DIR/endpoint.json [--listen ADDR] [--port-override PORT]}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Serve the endpoint (UDP or TCP) until Ctrl-C: clients get addresses from the client CIDR"
                    + " and an in-process network that answers ping for the server's tunnel address and routed"
                    + " networks."})
    static final class Run implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Option(names = "--config", paramLabel = "FILE", required = true, description = "The endpoint.json to serve.")
        private Path configFile;
        @Option(names = "--listen", paramLabel = "ADDR", defaultValue = EndpointServer.DEFAULT_LISTEN_ADDRESS,
                description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        private String listen;
        @Option(names = "--port-override", paramLabel = "PORT",
                description = "Listen on this port instead of the configured 443/1194 (for unprivileged tests).")
        private Integer portOverride;
        @Option(names = "--portal-port", paramLabel = "PORT",
                description = "Serve the self-service portal (when endpoint.json turns it on) on 127.0.0.1:PORT"
                        + " instead of the configured port (0: any free port).")
        private Integer portalPort;
        @Option(names = "--tun", paramLabel = "NAME", arity = "0..1", fallbackValue = "",
                description = {"Forward clients' traffic through a TUN device of the server's own (root, Linux):"
                    + " IPv4 forwarding and source NAT into the networks behind this machine, instead of the"
                    + " in-process network. NAME is the device name (default: crdsrv0, crdsrv1, ...)."})
        private String tun;
        @Option(names = "--stop-with-stdin", description = {"Stop when standard input closes: for a parent process"
                + " that runs the server as its child (corridor demo as root), so that the server ends with it."})
        private boolean stopWithStdin;
        @Option(names = "--rehearse-handshakes", paramLabel = "N", defaultValue = "-1",
                description = {"After start, rehearse N TLS handshakes in memory on a background thread (throwaway"
                    + " certificates) until the first client arrives, so that its handshake runs compiled;"
                    + " 0: none; by default until a handshake's cost stops falling."})
        private int rehearseHandshakes;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            EndpointConfig config;
            try {
                config = EndpointConfigFile.read(configFile);
            } catch (InvalidConfigException e) {
                err.println("corridor: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            InetAddress address;
            try {
                address = InetAddress.getByName(listen);
            } catch (UnknownHostException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--listen: cannot resolve " + listen);
            }
            if (portOverride != null && (portOverride < 0 || portOverride > 65535)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--port-override: 0 to 65535");
            }
            if (portalPort != null && (portalPort < 0 || portalPort > 65535)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--portal-port: 0 to 65535");
            }
            if (rehearseHandshakes < -1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--rehearse-handshakes: 0 or more");
            }
            Path folder = configFile.toAbsolutePath().getParent();
            EndpointServer server;
            try {
                server = new EndpointServer(config, folder, address, Optional.ofNullable(portOverride),
                        Optional.ofNullable(tun).map(name -> name.isEmpty() ? "crdsrv%d" : name), Clock.systemUTC(),
                        new SecureRandom(), line -> log(out, line));
                server.start();
            } catch (ServerSetupException e) {
                err.println("corridor: " + e.getMessage());
                return ExitCodes.FAILURE;
            } catch (IOException e) {
                err.println("corridor: cannot listen on " + listen + ": " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            Optional<TestIdp> idp;
            try {
                idp = startTestIdp(config, folder, out);
            } catch (ServerSetupException | RuntimeException e) {
                server.stop();
                err.println("corridor: the test IdP cannot start: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            Optional<SelfServicePortal> portal;
            try {
                portal = startPortal(config, folder, server, out);
            } catch (ServerSetupException | IOException | RuntimeException e) {
                idp.ifPresent(TestIdp::close);
                server.stop();
                err.println("corridor: the self-service portal cannot start: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            ControlSocket control;
            try {
                control = ControlSocket.open(server, configFile, line -> log(out, line));
            } catch (ServerSetupException e) {
                portal.ifPresent(SelfServicePortal::close);
                idp.ifPresent(TestIdp::close);
                server.stop();
                err.println("corridor: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            ReloadSignal.install(() -> {
                try {
                    server.reload(EndpointConfigFile.read(configFile));
                } catch (ServerSetupException | InvalidConfigException | IOException e) {
                    log(out, "reload refused, the running configuration stays: " + e.getMessage());
                }
            });
            CountDownLatch stopped = new CountDownLatch(1);
            AtomicBoolean stopping = new AtomicBoolean();
            Runnable stop = () -> {
                if (stopping.compareAndSet(false, true)) {
                    control.close();
                    portal.ifPresent(SelfServicePortal::close);
                    idp.ifPresent(TestIdp::close);
                    server.stop();
                }
                stopped.countDown();
            };
            Runtime.getRuntime().addShutdownHook(new Thread(stop, "corridor-server-shutdown"));
            if (stopWithStdin) {
                Thread watcher = new Thread(() -> {
                    drain(System.in);
                    log(out, "standard input closed: stopping");
                    stop.run();
                }, "corridor-server-stdin");
                watcher.setDaemon(true);
                watcher.start();
            }
            Optional<HandshakeRehearsal> rehearsal = rehearse(server, out);
            out.println("Serving " + config.endpointId() + " on " + config.transport().name().toLowerCase(
                    java.util.Locale.ROOT) + " " + server.localAddress().getAddress().getHostAddress() + ":"
                    + server.localAddress().getPort() + "; server tunnel address " + server.tunnelAddress()
                    + server.tunName().map(name -> "; forwarding through " + name).orElse("")
                    + server.metricsAddress().map(a -> "; metrics on http://" + a.getAddress().getHostAddress() + ":"
                            + a.getPort() + "/metrics").orElse("")
                    + "; Ctrl-C stops, SIGHUP or `corridor server reload` re-reads the configuration");
            out.flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.stop();
            }
            rehearsal.ifPresent(HandshakeRehearsal::stop);
            return ExitCodes.OK;
        }

        /** Reads {@code in} until its end (or an error, which also means the parent is gone). */
        private static void drain(java.io.InputStream in) {
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // the parent writes nothing; only the end matters
                }
            } catch (IOException e) {
                // treated as the end
            }
        }

        /** Starts the bundled test IdP when a federated endpoint.json asks for it (testIdp). */
        private static Optional<TestIdp> startTestIdp(EndpointConfig config, Path folder, PrintWriter out)
                throws ServerSetupException {
            if (!(config.authentication() instanceof AuthenticationOptions.Federated federated)
                    || federated.testIdp().isEmpty()) {
                return Optional.empty();
            }
            TestIdp idp = TestIdp.fromConfig(federated, folder, Clock.systemUTC(), new SecureRandom());
            idp.start();
            String ssoUrl = idp.description().ssoUrl();
            log(out, "test IdP signing in users of the users file at " + ssoUrl + "; its metadata is at "
                    + ssoUrl.substring(0, ssoUrl.length() - "/sso".length()) + "/metadata");
            return Optional.of(idp);
        }

        /** Starts the self-service portal when endpoint.json turns it on. */
        private Optional<SelfServicePortal> startPortal(EndpointConfig config, Path folder, EndpointServer server,
                PrintWriter out) throws ServerSetupException, IOException {
            if (!config.selfServicePortal()) {
                return Optional.empty();
            }
            SelfServicePortal portal = SelfServicePortal.fromConfig(config, folder, server.metrics(),
                    Clock.systemUTC(), new SecureRandom(), line -> log(out, line));
            portal.start(portalPort != null ? portalPort : config.portal().port());
            List<String> installers = portal.installers();
            log(out, "self-service portal at " + portal.url() + " (this endpoint: " + portal.endpointUrl() + "; "
                    + (installers.isEmpty() ? "no client installers" : installers.size() + " client installer(s)")
                    + ")");
            return Optional.of(portal);
        }

        /**
         * Starts the handshake rehearsal (lowest priority, a daemon) that the first client ends; logs how it
         * ended. The server accepts clients meanwhile. Empty with {@code --rehearse-handshakes 0}.
         */
        private Optional<HandshakeRehearsal> rehearse(EndpointServer server, PrintWriter out) {
            if (rehearseHandshakes == 0) {
                return Optional.empty();
            }
            HandshakeRehearsal rehearsal = HandshakeRehearsal.begin(rehearseHandshakes < 0 ? RehearsalPace.ADAPTIVE
                    : RehearsalPace.exactly(rehearseHandshakes), Clock.systemUTC(), new SecureRandom());
            server.atFirstClient(rehearsal::stop);
            rehearsal.ended().thenAccept(summary -> log(out, summary.describe()
                    + (summary.stopped() ? " (by the first client or the server's stop)" : "")));
            return Optional.of(rehearsal);
        }

        private static void log(PrintWriter out, String line) {
            synchronized (out) {
                out.println(Instant.now() + " " + line);
                out.flush();
            }
        }
    }

    /** Reads {@code --auth}: the labels contain '+', which enum names cannot. */
    static final class AuthModeConverter implements ITypeConverter<AuthMode> {
        @Override
        public AuthMode convert(String value) {
            return AuthMode.fromLabel(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not one of mutual, directory, mutual+directory"));
        }
    }

    /** Reads {@code --proto}. */
    static final class TransportConverter implements ITypeConverter<TransportProtocol> {
        @Override
        public TransportProtocol convert(String value) {
            return TransportProtocol.fromLabel(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not one of udp, tcp"));
        }
    }
}
