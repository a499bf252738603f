package dev.corridor.cli;

import dev.corridor.auth.CredentialsSource;
import dev.corridor.client.ClientEngine;
import dev.corridor.client.ConnectOptions;
import dev.corridor.client.ConnectionEvent;
import dev.corridor.client.HostTunProvider;
import dev.corridor.client.TunnelSettings;
import dev.corridor.client.TunnelStatistics;
import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.platform.DataDirectory;
import dev.corridor.profile.Profile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code corridor connect}: brings the tunnel up on a real TUN device with the pushed routes and DNS,
 * prints state changes and the login banner, and stays in the foreground until Ctrl-C, SIGTERM, a
 * server HALT or a final failure; every network change is taken back before it exits.
 *
 * <pre>
 *   privileges? ─► profile, credentials ─► engine.connect (HostTunProvider, keep reconnecting)
 *        │                                       │ events ─► stdout
 *        │      Ctrl-C / SIGTERM ─► shutdown hook: engine.disconnect ─► provider.release (undo)
 *        ▼                                       ▼
 *   exit 1 (no rights)             Disconnected ─► exit 0 (asked) | 3 (server HALT) | 1 (failed)
 * </pre>
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = {"Connect and route traffic through the tunnel: a TUN device, the pushed routes and DNS,"
                + " and the IPv6 leak guard. Stays in the foreground; Ctrl-C disconnects and restores the network.",
                "Needs root or CAP_NET_ADMIN. Exit codes: 0 disconnected on request, 1 failed, 3 ended by the"
                        + " server (HALT), 130/143 after Ctrl-C/SIGTERM (the network is restored first)."})
final class ConnectCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** How long the teardown waits for the engine to say goodbye and restore the network. */
    private static final long TEARDOWN_SECONDS = 20;

    @Spec
    private CommandSpec spec;
    @ArgGroup(multiplicity = "1")
    private CheckCommand.Source source;
    @Option(names = "--auth-user-pass", paramLabel = "FILE",
            description = "Username (line 1), password (line 2) and optional MFA code (line 3).")
    private Path authUserPass;
    @Option(names = "--ipv6-leak-guard", paramLabel = "auto|always|never", defaultValue = "auto",
            converter = LeakGuardConverter.class,
            description = {"Route global IPv6 into the tunnel and drop it there when the tunnel carries no IPv6:",
                    "auto (default) for full tunnel only, always, or never."})
    private Ipv6LeakGuard leakGuard;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up one connection attempt after this many seconds (default 60); attempts repeat.")
    private int timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (timeout < 1) {
            err.println("corridor: --timeout must be at least 1");
            return ExitCodes.USAGE;
        }
        Optional<String> missing = NetCommand.privileges.get();
        if (missing.isPresent()) {
            err.println("corridor: connect changes this computer's routes, addresses and DNS, and needs "
                    + missing.get() + ".");
            err.println("To try the profile without changing the network, run: corridor check " + sourceWords());
            return ExitCodes.FAILURE;
        }
        Optional<Profile> profile = CheckCommand.load(source, err);
        if (profile.isEmpty()) {
            return ExitCodes.FAILURE;
        }
        Optional<CredentialsSource> credentials = CheckCommand.credentials(authUserPass, err);
        if (credentials.isEmpty()) {
            return ExitCodes.FAILURE;
        }
        String name = source.name != null ? source.name : source.file.getFileName().toString();
        HostTunProvider tun = HostTunProvider.forThisMachine(profile.get().routing(), DataDirectory.current(),
                leakGuard, line -> say(out, line));
        // maxAttempts 0: keep reconnecting; the engine still honours the profile's connect-retry-max.
        ConnectOptions options = new ConnectOptions(credentials.get(), tun, 0, Duration.ofSeconds(timeout),
                System.getProperty("os.version", ""), Clock.systemUTC(), new SecureRandom());
        ClientEngine engine = new ClientEngine();
        CompletableFuture<ConnectionEvent.Disconnected> ended = new CompletableFuture<>();
        engine.addListener(event -> {
            print(out, event);
            if (event instanceof ConnectionEvent.Disconnected disconnected) {
                ended.complete(disconnected);
            }
        });
        Thread teardown = new Thread(() -> tearDown(engine, tun, out), "corridor-connect-teardown");
        Runtime.getRuntime().addShutdownHook(teardown);
        ConnectionEvent.Disconnected result;
        try {
            engine.connect(name, profile.get(), options);
            result = ended.join();
            engine.awaitTermination(TEARDOWN_SECONDS, TimeUnit.SECONDS);
        } finally {
            tun.release(); // already done by the engine; kept for an engine that died abnormally
            try {
                Runtime.getRuntime().removeShutdownHook(teardown);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and restores the network
            }
        }
        if (result.ending() == ConnectionEvent.Ending.SERVER_HALT) {
            return ExitCodes.SERVER_ENDED;
        }
        return result.ending() == ConnectionEvent.Ending.REQUESTED ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static void tearDown(ClientEngine engine, HostTunProvider tun, PrintWriter out) {
        say(out, "stopping: disconnecting and restoring the network");
        TunnelStatistics statistics = engine.statistics();
        say(out, "traffic: " + statistics.bytesIn() + " bytes in (" + statistics.packetsIn() + " packets), "
                + statistics.bytesOut() + " bytes out (" + statistics.packetsOut() + " packets)"
                + (statistics.dropped().isEmpty() ? "" : "; dropped " + new java.util.TreeMap<>(statistics.dropped())));
        engine.disconnect();
        try {
            engine.awaitTermination(TEARDOWN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tun.release();
        out.flush();
    }

    private String sourceWords() {
        String words = source.name != null ? source.name : "--config " + source.file;
        return authUserPass == null ? words : words + " --auth-user-pass " + authUserPass;
    }

    private static void print(PrintWriter out, ConnectionEvent event) {
        if (event instanceof ConnectionEvent.StateChanged changed) {
            say(out, changed.state() + (changed.detail().isEmpty() ? "" : ": " + changed.detail()));
        } else if (event instanceof ConnectionEvent.Connected connected) {
            TunnelSettings s = connected.settings();
            say(out, "tunnel address " + s.ipv4Address() + " (" + s.topology() + " " + s.ipv4Netmask() + ")"
                    + s.ipv6Address().map(a -> ", " + a).orElse("") + ", cipher " + s.cipher()
                    + (s.redirectGateway().isEmpty() ? ", split tunnel" : ", full tunnel")
                    + (s.routes().isEmpty() ? "" : ", routes " + String.join(" ", s.routes()))
                    + (s.dnsServers().isEmpty() ? "" : ", DNS " + String.join(" ", s.dnsServers())));
        } else if (event instanceof ConnectionEvent.Banner banner) {
            say(out, "message from the server:");
            banner.text().lines().forEach(line -> out.println("  | " + line));
            out.flush();
        } else if (event instanceof ConnectionEvent.AuthenticationFailed failed) {
            say(out, "authentication failed" + (failed.reason().isEmpty() ? "" : ": " + failed.reason()));
        } else if (event instanceof ConnectionEvent.AttemptFailed failed) {
            say(out, "attempt failed: " + failed.reason() + (failed.willRetry() ? " (retrying)" : ""));
        } else if (event instanceof ConnectionEvent.Disconnected disconnected && disconnected.error()) {
            say(out, disconnected.ending() == ConnectionEvent.Ending.SERVER_HALT
                    ? "the server ended the session; not reconnecting" : "giving up: " + disconnected.reason());
        }
    }

    private static void say(PrintWriter out, String line) {
        out.println(LocalTime.now().format(TIME) + " " + line);
        out.flush();
    }

    /** Parses the {@code --ipv6-leak-guard} value with the same words the settings use. */
    static final class LeakGuardConverter implements picocli.CommandLine.ITypeConverter<Ipv6LeakGuard> {
        @Override
        public Ipv6LeakGuard convert(String value) {
            return Ipv6LeakGuard.parse(value);
        }
    }
}
