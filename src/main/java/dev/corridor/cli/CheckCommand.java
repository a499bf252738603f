package dev.corridor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corridor.auth.CredentialsSource;
import dev.corridor.auth.FileCredentials;
import dev.corridor.auth.saml.CommandBrowser;
import dev.corridor.auth.saml.Crv1Password;
import dev.corridor.client.CheckReport;
import dev.corridor.client.ConnectionEvent;
import dev.corridor.client.SamlSignInOptions;
import dev.corridor.client.ConnectOptions;
import dev.corridor.client.ConnectivityCheck;
import dev.corridor.client.InMemoryTunProvider;
import dev.corridor.client.TunnelSettings;
import dev.corridor.profile.ParseResult;
import dev.corridor.profile.Profile;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ProfileStoreException;
import dev.corridor.profile.ReferencedFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code corridor check}: connects without touching the host network, pings through the tunnel,
 * disconnects and reports. Exit 0 only when connected and at least one reply came back.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Connect without changing this computer's network (in-memory TUN, no routes, no DNS),",
                "ping through the tunnel, disconnect, and report what happened."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** Either a stored profile's name or a file. */
    static final class Source {
        @Parameters(paramLabel = "PROFILE", description = "Name of an imported profile.")
        String name;
        @Option(names = "--config", paramLabel = "FILE", description = "An .ovpn file instead of a stored profile.")
        Path file;
    }

    @ArgGroup(multiplicity = "1")
    private Source source;
    @Option(names = "--auth-user-pass", paramLabel = "FILE",
            description = "Username (line 1), password (line 2) and optional MFA code (line 3).")
    private Path authUserPass;
    @Option(names = "--ping", paramLabel = "ADDR", description = "Address to ping (default: the server's tunnel address).")
    private String target;
    @Option(names = "--count", paramLabel = "N", defaultValue = "3", description = "Echo requests to send (default 3).")
    private int count;
    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between echo requests (default 1).")
    private double interval;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up connecting after this many seconds (default 60).")
    private int timeout;
    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;
    @Option(names = "--browser-command", paramLabel = "CMD",
            description = {"SAML (auth-federate) profiles: open the sign-in page with CMD (the URL is appended)",
                    "instead of the default browser."})
    private String browserCommand;
    @Option(names = "--acs-port", paramLabel = "PORT", defaultValue = "35001",
            description = "SAML profiles: the loopback port of the sign-in listener (default 35001, as AWS).")
    private int acsPort;
    @Option(names = "--sign-in-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "SAML profiles: how long to wait for the browser sign-in (default 300).")
    private int signInTimeout;
    @Option(names = "--saml-response-raw",
            description = "SAML profiles: send the SAMLResponse as raw base64 instead of percent-encoded.")
    private boolean samlRaw;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (count < 0 || count > 10_000 || timeout < 1 || interval < 0) {
            err.println("corridor: --count must be 0..10000, --timeout at least 1, --interval not negative");
            return ExitCodes.USAGE;
        }
        Optional<Profile> profile = load(source, err);
        if (profile.isEmpty()) {
            return ExitCodes.FAILURE;
        }
        Optional<CredentialsSource> credentials = credentials(authUserPass, err);
        if (credentials.isEmpty()) {
            return ExitCodes.FAILURE;
        }
        // A diagnostic tries each remote once, in the profile's order, and then reports.
        ConnectOptions options = new ConnectOptions(credentials.get(), new InMemoryTunProvider(),
                profile.get().remotes().size(),
                Duration.ofSeconds(timeout), System.getProperty("os.version", ""), Clock.systemUTC(),
                new SecureRandom());
        Optional<SamlSignInOptions> saml = samlOptions(err);
        if (saml.isEmpty()) {
            return ExitCodes.USAGE;
        }
        options = options.withSaml(saml.get());
        String name = source.name != null ? source.name : source.file.getFileName().toString();
        CheckReport report = ConnectivityCheck.run(name, profile.get(), options, new ConnectivityCheck.Plan(count,
                Optional.ofNullable(target), Duration.ofSeconds(timeout), Duration.ofMillis((long) (interval * 1000))),
                event -> showSignIn(event, err));
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(asJson(report,
                    Clock.systemUTC().instant())));
        } else {
            printText(out, report);
        }
        return report.success() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private Optional<SamlSignInOptions> samlOptions(PrintWriter err) {
        if (acsPort < 1 || acsPort > 65535 || signInTimeout < 1) {
            err.println("corridor: --acs-port must be 1..65535 and --sign-in-timeout at least 1");
            return Optional.empty();
        }
        SamlSignInOptions saml = SamlSignInOptions.defaults();
        saml = new SamlSignInOptions(saml.acs().withPort(acsPort).withTimeout(Duration.ofSeconds(signInTimeout)),
                saml.browser(), samlRaw ? Crv1Password.Encoding.RAW : Crv1Password.Encoding.PERCENT);
        if (browserCommand != null) {
            try {
                saml = saml.withBrowser(CommandBrowser.parse(browserCommand));
            } catch (IllegalArgumentException e) {
                err.println("corridor: --browser-command: " + e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(saml);
    }

    /** Tells the user where to sign in; on stderr, so that --json output stays one object. */
    private static void showSignIn(ConnectionEvent event, PrintWriter err) {
        if (event instanceof ConnectionEvent.BrowserSignIn signIn) {
            err.println(signIn.browserOpened() ? "Sign in in the browser window that opened (" + signIn.url() + ")"
                    : "No browser could be started. Open this address to sign in: " + signIn.url());
            err.flush();
        }
    }

    /** Loads a stored profile or an .ovpn file, printing its diagnostics; empty when it is unusable. */
    static Optional<Profile> load(Source source, PrintWriter err) throws ProfileStoreException {
        ParseResult result;
        if (source.file != null) {
            byte[] bytes;
            try {
                if (!Files.isRegularFile(source.file)) {
                    err.println("corridor: " + source.file + " does not exist or is not a file");
                    return Optional.empty();
                }
                bytes = Files.readAllBytes(source.file);
            } catch (IOException e) {
                err.println("corridor: cannot read " + source.file + ": " + e.getMessage());
                return Optional.empty();
            }
            result = ProfileParser.standard().parse(source.file.toString(), bytes,
                    ReferencedFiles.inFolder(source.file.toAbsolutePath().getParent()));
        } else {
            result = ProfileCommand.openStore().load(source.name);
        }
        result.diagnostics().forEach(d -> err.println(d.format()));
        return result.profile();
    }

    /** Credentials from {@code --auth-user-pass FILE}, or asked on the console; empty (reported) when unreadable. */
    static Optional<CredentialsSource> credentials(Path authUserPass, PrintWriter err) {
        if (authUserPass == null) {
            return Optional.of(new ConsoleCredentials());
        }
        try {
            return Optional.of(FileCredentials.read(authUserPass));
        } catch (IOException e) {
            err.println("corridor: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static void printText(PrintWriter out, CheckReport report) {
        report.events().forEach(line -> out.println("  " + line));
        if (report.connected()) {
            TunnelSettings s = report.settings().orElseThrow();
            out.println("Connected: " + s.ipv4Address() + " (" + s.topology() + " " + s.ipv4Netmask() + "), cipher "
                    + s.cipher() + ", keys by " + s.keyDerivation() + ", " + report.statistics().tlsSummary()
                    + ", handshake " + report.statistics().handshakeMillis() + " ms");
            if (!s.routes().isEmpty()) {
                out.println("Routes: " + String.join(", ", s.routes()));
            }
            if (!s.redirectGateway().isEmpty()) {
                out.println("Full tunnel: redirect-gateway " + String.join(" ", s.redirectGateway()));
            }
            if (!s.dnsServers().isEmpty()) {
                out.println("DNS: " + String.join(", ", s.dnsServers()));
            }
            out.println("Ping " + report.target().orElse("?") + ": " + report.received() + "/" + report.sent()
                    + " replies" + (report.rttMillis().isEmpty() ? "" : ", rtt ms " + report.rttMillis()));
        }
        report.error().ifPresent(e -> out.println("Problem: " + e));
    }

    static Map<String, Object> asJson(CheckReport report, java.time.Instant now) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("connected", report.connected());
        root.put("cipher", report.settings().map(TunnelSettings::cipher).orElse(null));
        root.put("keyDerivation", report.settings().map(TunnelSettings::keyDerivation).orElse(null));
        root.put("handshakeMs", report.connected() ? report.statistics().handshakeMillis() : null);
        root.put("tls", report.statistics().tlsSummary().isEmpty() ? null : report.statistics().tlsSummary());
        Map<String, Object> pushed = new LinkedHashMap<>();
        report.settings().ifPresent(s -> {
            pushed.put("ifconfig", s.ipv4Address() + " " + s.ipv4Netmask());
            pushed.put("topology", s.topology());
            pushed.put("gateway", s.gateway().orElse(null));
            pushed.put("ifconfigIpv6", s.ipv6Address().orElse(null));
            pushed.put("routes", s.routes());
            pushed.put("routesIpv6", s.routesIpv6());
            pushed.put("redirectGateway", s.redirectGateway());
            pushed.put("dns", s.dnsServers());
            pushed.put("domains", s.searchDomains());
            pushed.put("peerId", s.peerId().isPresent() ? s.peerId().getAsInt() : null);
            pushed.put("ping", s.pingSeconds());
            pushed.put("pingRestart", s.pingRestartSeconds());
            pushed.put("tunMtu", s.tunMtu());
            pushed.put("banner", s.banner());
            pushed.put("options", s.pushedOptions());
            // Corridor's setenv-safe CORRIDOR_SESSION_SECONDS_LEFT (docs/control-channel.md), counted to now
            pushed.put("sessionSecondsLeft", s.sessionEnd()
                    .map(end -> Math.max(0, Duration.between(now, end).getSeconds())).orElse(null));
        });
        root.put("pushed", pushed);
        Map<String, Object> ping = new LinkedHashMap<>();
        ping.put("target", report.target().orElse(null));
        ping.put("sent", report.sent());
        ping.put("received", report.received());
        ping.put("rttMs", report.rttMillis());
        root.put("ping", ping);
        root.put("statistics", Map.of("bytesIn", report.statistics().bytesIn(), "bytesOut",
                report.statistics().bytesOut(), "packetsIn", report.statistics().packetsIn(), "packetsOut",
                report.statistics().packetsOut(), "dropped", report.statistics().dropped(), "renegotiations",
                report.statistics().renegotiations()));
        root.put("events", report.events());
        root.put("error", report.error().orElse(null));
        return root;
    }
}
