package dev.corridor.profile;

import dev.corridor.profile.DataChannelSettings.Compression;
import dev.corridor.profile.DirectiveRule.Verdict;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Gives meaning to the elements of a profile: checks each directive against the catalogue and its
 * arguments, gathers key material from inline blocks and referenced files, and builds the
 * {@link Profile} when nothing is wrong. Also records how to rewrite the text self-contained.
 */
final class ProfileInterpreter {
    /** Directives whose argument may name a file instead of {@code [inline]}. */
    static final Set<String> FILE_DIRECTIVES = Set.of("ca", "cert", "key", "extra-certs", "tls-auth", "tls-crypt",
            "crl-verify");
    static final Set<String> SUPPORTED_CIPHERS = Set.of("AES-128-GCM", "AES-256-GCM", "CHACHA20-POLY1305",
            "AES-128-CBC", "AES-256-CBC");
    private static final Set<String> REDIRECT_FLAGS = Set.of("def1", "local", "autolocal", "bypass-dhcp",
            "bypass-dns", "block-local", "ipv6", "!ipv4");
    private static final Set<String> DHCP_TYPES = Set.of("DNS", "DNS6", "DOMAIN", "DOMAIN-SEARCH",
            "ADAPTER_DOMAIN_SUFFIX", "WINS", "NBDD", "NTP", "NBT", "NBS", "DISABLE-NBT", "PROXY_HTTP",
            "PROXY_AUTO_CONFIG_URL");
    private static final Set<String> ROUTE_KEYWORDS = Set.of("vpn_gateway", "net_gateway", "remote_host", "default");

    private final DirectiveCatalogue catalogue;
    private final ReferencedFiles files;
    private final KeyMaterialInspector inspector;
    private final DiagnosticSink sink;

    // --- what the directives said
    private final List<Directive> accepted = new ArrayList<>();
    private final Set<String> optionalNames = new HashSet<>();
    private final Map<String, Material> material = new HashMap<>();
    private final List<Directive> remoteLines = new ArrayList<>();
    /** Material and remotes the profile tried to give, even if that failed: no "missing" error for them. */
    private final Set<String> attempted = new HashSet<>();
    private final Map<Integer, List<String>> rewrites = new HashMap<>();
    private final Set<Integer> droppedLines = new HashSet<>();
    private boolean client;
    private boolean tlsClient;
    private boolean pull;
    private Transport.Choice defaultTransport = new Transport.Choice(Transport.UDP, Transport.Family.ANY);
    private int defaultPort = 1194;
    private boolean remoteRandom;
    private boolean remoteRandomHostname;
    private int connectRetry = 1;
    private int connectRetryMaxSeconds = 300;
    private OptionalInt connectRetryMax = OptionalInt.empty();
    private int serverPollTimeout = 120;
    private OptionalInt resolvRetry = OptionalInt.empty();
    private OptionalInt keyDirection = OptionalInt.empty();
    private OptionalInt tlsAuthDirection = OptionalInt.empty();
    private boolean remoteCertTlsServer;
    private Optional<VerifyX509Name> verifyX509Name = Optional.empty();
    private String tlsVersionMin = "1.2";
    private Optional<String> tlsVersionMax = Optional.empty();
    private boolean userPass;
    private boolean federated;
    private Optional<StaticChallenge> staticChallenge = Optional.empty();
    private int staticChallengeLine;
    private Authentication.AuthRetry authRetry = Authentication.AuthRetry.NONE;
    private boolean authNoCache;
    private List<String> dataCiphers;
    private Optional<String> fallbackCipher = Optional.empty();
    private String authDigest = "SHA1";
    private Compression compression = Compression.NONE;
    private int renegSeconds = 3600;
    private int tunMtu = 1500;
    /** OpenVPN's default: 1450 bytes of UDP payload (its manual, {@code --mssfix}). */
    private int mssfix = 1450;
    private boolean mssfixIncludesHeaders;
    private int ping;
    private int pingRestart;
    private int pingExit;
    private int inactive;
    private long inactiveBytes;
    private int explicitExitNotify;
    private int handWindow = 60;
    private int tlsTimeout = 2;
    private final List<Routing.Route> routes = new ArrayList<>();
    private final List<Routing.Route6> routes6 = new ArrayList<>();
    private Optional<Routing.Ifconfig6> ifconfig6 = Optional.empty();
    private Optional<Set<String>> redirectGateway = Optional.empty();
    private boolean blockIpv6;
    private boolean routeNoPull;
    private Optional<String> routeGateway = Optional.empty();
    private OptionalInt routeMetric = OptionalInt.empty();
    private final List<Routing.DhcpOption> dhcpOptions = new ArrayList<>();
    private final List<Routing.PullFilter> pullFilters = new ArrayList<>();
    private int verb = 1;

    /** Key material of one kind and where it came from. */
    private record Material(String text, int line) {}

    ProfileInterpreter(DirectiveCatalogue catalogue, ReferencedFiles files, Clock clock, DiagnosticSink sink) {
        this.catalogue = catalogue;
        this.files = files;
        this.inspector = new KeyMaterialInspector(clock);
        this.sink = sink;
    }

    /** Lines to replace (by line number) and to drop when writing the self-contained copy. */
    record Rewrite(Map<Integer, List<String>> replacements, Set<Integer> dropped) {}

    Rewrite rewrite() {
        return new Rewrite(Map.copyOf(rewrites), Set.copyOf(droppedLines));
    }

    Optional<Profile> interpret(List<ProfileElement> elements, Set<String> unterminatedBlocks, int lastLine) {
        attempted.addAll(unterminatedBlocks);
        for (ProfileElement element : elements) {
            if (element instanceof Directive d && d.name().equals("ignore-unknown-option")) {
                d.args().forEach(a -> optionalNames.add(a.toLowerCase(Locale.ROOT)));
            }
        }
        for (ProfileElement element : elements) {
            if (element instanceof InlineBlock block) {
                block(block);
            } else if (element instanceof Directive directive) {
                directive(directive, false);
            }
        }
        return finish(lastLine);
    }

    private void block(InlineBlock block) {
        switch (block.tag()) {
            case "auth-user-pass" -> {
                sink.warning(Reason.CREDENTIALS_NOT_STORED, block.line(), "the inline <auth-user-pass> block is"
                        + " not kept: Corridor never stores passwords in profiles and asks for them when connecting");
                for (int l = block.line(); l <= block.endLine(); l++) {
                    droppedLines.add(l);
                }
            }
            case "connection" -> sink.error(Reason.NOT_SUPPORTED, block.line(),
                    "<connection> blocks are not supported yet; use several remote lines");
            case "pkcs12" -> sink.error(Reason.NOT_SUPPORTED, block.line(), "PKCS#12 bundles are not supported yet;"
                    + " convert it to <cert> and <key> blocks (openssl pkcs12 -in file.p12 -nodes)");
            case "tls-crypt-v2" -> sink.error(Reason.NOT_SUPPORTED, block.line(),
                    "tls-crypt-v2 is not supported yet; ask for a profile with tls-crypt or tls-auth");
            case "secret" -> sink.error(Reason.NOT_SUPPORTED, block.line(), "static-key (pre-shared key) mode is not"
                    + " supported; it has no forward secrecy and was removed from OpenVPN 2.7");
            case "dh" -> sink.error(Reason.SERVER_ONLY, block.line(),
                    "<dh> configures an OpenVPN server, and this is a client profile");
            case "http-proxy-user-pass" -> sink.error(Reason.NOT_SUPPORTED, block.line(),
                    "HTTP proxies are not supported yet");
            default -> addMaterial(block.tag(), block.content(), block.line());
        }
    }

    private void addMaterial(String kind, String text, int line) {
        attempted.add(kind);
        Material previous = material.putIfAbsent(kind, new Material(text, line));
        if (previous != null) {
            sink.error(Reason.DUPLICATE, line, kind + " is given twice (also on line " + previous.line() + ")");
        }
    }

    private void directive(Directive d, boolean optional) {
        Optional<DirectiveRule> found = catalogue.rule(d.name());
        if (found.isEmpty()) {
            if (optional || optionalNames.contains(d.name())) {
                sink.warning(Reason.IGNORED, d.line(), "unknown directive \"" + Arguments.shorten(d.name())
                        + "\" skipped because the profile marks it optional");
            } else {
                sink.error(Reason.UNKNOWN_DIRECTIVE, d.line(), "unknown directive \"" + Arguments.shorten(d.name())
                        + "\" (mark it optional with \"setenv opt\" if the profile is also used elsewhere)");
            }
            return;
        }
        DirectiveRule rule = found.get();
        if (rule.verdict() == Verdict.REJECTED) {
            String prefix = switch (rule.reason()) {
                case REJECTED_FOR_SECURITY -> "refused for security: ";
                case SERVER_ONLY -> "server directive: ";
                case OBSOLETE -> "obsolete: ";
                default -> "not supported: ";
            };
            sink.error(rule.reason(), d.line(), prefix + d.name() + " — " + rule.note());
            return;
        }
        if (!rule.acceptsArgCount(d.argCount())) {
            sink.error(Reason.WRONG_ARGUMENT_COUNT, d.line(), d.name() + " takes " + rule.expectedArgs() + ", not "
                    + d.argCount());
            return;
        }
        if (rule.verdict() == Verdict.ACCEPTED_WITH_WARNING) {
            sink.warning(rule.reason(), d.line(), d.name() + " is ignored: " + rule.note());
            accepted.add(d);
            return;
        }
        accepted.add(d);
        apply(d, new Arguments(d, sink));
    }

    private void apply(Directive d, Arguments a) {
        switch (d.name()) {
            case "client" -> client = true;
            case "tls-client" -> tlsClient = true;
            case "pull" -> pull = true;
            case "dev" -> {
                if (!d.arg(0).toLowerCase(Locale.ROOT).startsWith("tun")) {
                    a.bad(0, "is not supported: Corridor only creates tun (layer 3) devices");
                }
            }
            case "dev-type" -> a.word(0, Set.of("tun")).isPresent();
            case "topology" -> a.word(0, Set.of("subnet", "net30", "p2p"));
            case "key-method" -> a.word(0, Set.of("2"));
            case "nobind", "persist-key", "persist-tun", "float" -> { }
            case "remote" -> remote(d, a);
            case "proto" -> {
                Optional<Transport.Choice> choice = Transport.parse(d.arg(0));
                if (choice.isPresent()) {
                    defaultTransport = choice.get();
                } else {
                    a.bad(0, "is not a protocol (udp, tcp, tcp-client, udp4, tcp6, ...)");
                }
            }
            case "port", "rport" -> a.port(0).ifPresent(p -> defaultPort = p);
            case "remote-random" -> remoteRandom = true;
            case "remote-random-hostname" -> remoteRandomHostname = true;
            case "resolv-retry" -> {
                if (d.arg(0).equalsIgnoreCase("infinite")) {
                    resolvRetry = OptionalInt.empty();
                } else {
                    a.integer(0, 0, Integer.MAX_VALUE).ifPresent(v -> resolvRetry = OptionalInt.of(v));
                }
            }
            case "connect-retry" -> {
                a.integer(0, 0, 86400).ifPresent(v -> connectRetry = v);
                if (d.argCount() > 1) {
                    a.integer(1, 1, 86400).ifPresent(v -> connectRetryMaxSeconds = v);
                }
            }
            case "connect-retry-max" -> a.integer(0, 1, Integer.MAX_VALUE)
                    .ifPresent(v -> connectRetryMax = OptionalInt.of(v));
            case "server-poll-timeout", "connect-timeout" -> a.integer(0, 1, 86400)
                    .ifPresent(v -> serverPollTimeout = v);
            case "ca", "cert", "key", "extra-certs", "tls-crypt" -> fileOrInline(d, d.name(), List.of());
            case "crl-verify" -> {
                if (d.argCount() > 1) {
                    if (d.arg(1).equalsIgnoreCase("dir")) {
                        sink.error(Reason.NOT_SUPPORTED, d.line(), "crl-verify with a folder of revoked serials"
                                + " is not supported; use a PEM CRL");
                    } else {
                        a.bad(1, "must be \"dir\" or absent");
                    }
                    return;
                }
                fileOrInline(d, "crl-verify", List.of());
            }
            case "tls-auth" -> {
                List<String> extra = new ArrayList<>();
                if (d.argCount() > 1) {
                    a.word(1, Set.of("0", "1")).ifPresent(v -> {
                        tlsAuthDirection = OptionalInt.of(Integer.parseInt(v));
                        extra.add("key-direction " + v);
                    });
                }
                fileOrInline(d, "tls-auth", extra);
            }
            case "key-direction" -> a.word(0, Set.of("0", "1", "bidirectional"))
                    .ifPresent(v -> keyDirection = v.equals("bidirectional")
                            ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v)));
            case "remote-cert-tls" -> {
                if (d.arg(0).equalsIgnoreCase("server")) {
                    remoteCertTlsServer = true;
                } else {
                    a.bad(0, "must be \"server\": a client checks the server's certificate");
                }
            }
            case "verify-x509-name" -> {
                VerifyX509Name.Type type = VerifyX509Name.Type.SUBJECT;
                if (d.argCount() > 1) {
                    Optional<String> t = a.word(1, Set.of("subject", "name", "name-prefix"));
                    if (t.isEmpty()) {
                        return;
                    }
                    type = switch (t.get()) {
                        case "name" -> VerifyX509Name.Type.NAME;
                        case "name-prefix" -> VerifyX509Name.Type.NAME_PREFIX;
                        default -> VerifyX509Name.Type.SUBJECT;
                    };
                }
                verifyX509Name = Optional.of(new VerifyX509Name(d.arg(0), type));
            }
            case "tls-version-min" -> a.word(0, Set.of("1.0", "1.1", "1.2", "1.3")).ifPresent(v -> {
                if (v.equals("1.0") || v.equals("1.1")) {
                    sink.warning(Reason.IGNORED, d.line(), "tls-version-min " + v + " is raised to 1.2:"
                            + " Corridor never uses TLS versions older than 1.2");
                } else {
                    tlsVersionMin = v;
                }
            });
            case "tls-version-max" -> a.word(0, Set.of("1.2", "1.3")).ifPresent(v -> tlsVersionMax = Optional.of(v));
            case "tls-timeout" -> a.integer(0, 1, 3600).ifPresent(v -> tlsTimeout = v);
            case "hand-window" -> a.integer(0, 1, 3600).ifPresent(v -> handWindow = v);
            case "tran-window" -> a.integer(0, 1, Integer.MAX_VALUE);
            case "reneg-sec" -> {
                a.integer(0, 0, Integer.MAX_VALUE).ifPresent(v -> renegSeconds = v);
                if (d.argCount() > 1) {
                    a.integer(1, 0, Integer.MAX_VALUE);
                }
            }
            case "auth" -> {
                String digest = d.arg(0).toUpperCase(Locale.ROOT).replace("-", "");
                if (Set.of("SHA1", "SHA256", "SHA512").contains(digest)) {
                    authDigest = digest;
                } else {
                    a.bad(0, "is not supported; Corridor supports SHA1, SHA256 and SHA512");
                }
            }
            case "auth-user-pass" -> {
                userPass = true;
                if (d.argCount() == 1) {
                    sink.warning(Reason.CREDENTIALS_NOT_STORED, d.line(), "the credentials file \""
                            + Arguments.shorten(d.arg(0)) + "\" is not read or kept: Corridor never stores passwords"
                            + " in profiles and asks for them when connecting");
                    rewrites.put(d.line(), List.of("auth-user-pass"));
                }
            }
            case "auth-federate" -> federated = true;
            case "auth-retry" -> a.word(0, Set.of("none", "nointeract", "interact"))
                    .ifPresent(v -> authRetry = Authentication.AuthRetry.valueOf(v.toUpperCase(Locale.ROOT)));
            case "auth-nocache" -> authNoCache = true;
            case "static-challenge" -> staticChallenge(d, a);
            case "cipher", "data-ciphers-fallback" -> {
                String name = d.arg(0).toUpperCase(Locale.ROOT);
                if (SUPPORTED_CIPHERS.contains(name)) {
                    fallbackCipher = Optional.of(name);
                } else {
                    sink.warning(Reason.BAD_ARGUMENT, d.line(), d.name() + " \"" + Arguments.shorten(d.arg(0))
                            + "\" is not supported and is ignored; the cipher is negotiated from data-ciphers");
                }
            }
            case "data-ciphers", "ncp-ciphers" -> dataCiphers(d);
            case "comp-lzo" -> {
                if (d.argCount() == 1 && d.arg(0).equalsIgnoreCase("no")) {
                    compression = Compression.LZO_NO;
                } else {
                    sink.error(Reason.NOT_SUPPORTED, d.line(), "LZO compression is not supported: compressing"
                            + " encrypted traffic leaks its content (VORACLE); use \"comp-lzo no\" or remove the line");
                }
            }
            case "compress" -> {
                String algorithm = d.argCount() == 0 ? "stub" : d.arg(0).toLowerCase(Locale.ROOT);
                switch (algorithm) {
                    case "stub" -> compression = Compression.STUB;
                    case "stub-v2" -> compression = Compression.STUB_V2;
                    default -> sink.error(Reason.NOT_SUPPORTED, d.line(), "compress " + Arguments.shorten(algorithm)
                            + " is not supported: compressing encrypted traffic leaks its content (VORACLE);"
                            + " use \"compress stub-v2\" or remove the line");
                }
            }
            case "allow-compression" -> a.word(0, Set.of("no", "asym", "yes")).ifPresent(v -> {
                if (v.equals("yes")) {
                    sink.warning(Reason.IGNORED, d.line(), "allow-compression yes is ignored: Corridor never"
                            + " compresses");
                }
            });
            case "tun-mtu" -> {
                a.integer(0, 576, 65535).ifPresent(v -> tunMtu = v);
                if (d.argCount() > 1) {
                    a.integer(1, 576, 65535);
                }
            }
            case "tun-mtu-extra" -> a.integer(0, 0, 65535);
            case "mssfix" -> {
                if (d.argCount() > 0) {
                    a.integer(0, 0, 65535).ifPresent(v -> mssfix = v);
                }
                if (d.argCount() > 1) {
                    // "fixed" (an older 2.6 spelling) is read like no flag: max is the UDP payload
                    a.word(1, Set.of("mtu", "fixed")).ifPresent(flag -> mssfixIncludesHeaders = flag.equals("mtu"));
                }
            }
            case "replay-window" -> {
                a.integer(0, 1, 65536);
                if (d.argCount() > 1) {
                    a.integer(1, 1, 3600);
                }
            }
            case "ping" -> a.integer(0, 0, 86400).ifPresent(v -> ping = v);
            case "ping-restart" -> a.integer(0, 0, 86400).ifPresent(v -> pingRestart = v);
            case "ping-exit" -> a.integer(0, 0, 86400).ifPresent(v -> pingExit = v);
            case "keepalive" -> {
                OptionalInt interval = a.integer(0, 1, 86400);
                OptionalInt timeout = a.integer(1, 1, 86400);
                if (interval.isPresent() && timeout.isPresent()) {
                    ping = interval.getAsInt();
                    pingRestart = timeout.getAsInt();
                    if (pingRestart < ping * 2) {
                        sink.warning(Reason.BAD_ARGUMENT, d.line(), "keepalive timeout should be at least twice the"
                                + " interval");
                    }
                }
            }
            case "inactive" -> {
                a.integer(0, 0, Integer.MAX_VALUE).ifPresent(v -> inactive = v);
                if (d.argCount() > 1) {
                    a.integer(1, 0, Integer.MAX_VALUE).ifPresent(v -> inactiveBytes = v);
                }
            }
            case "explicit-exit-notify" -> {
                explicitExitNotify = 1;
                if (d.argCount() > 0) {
                    a.integer(0, 0, 60).ifPresent(v -> explicitExitNotify = v);
                }
            }
            case "route" -> route(d, a);
            case "route-ipv6" -> {
                if (!Addresses.isIpv6Prefix(d.arg(0))) {
                    a.bad(0, "is not an IPv6 prefix such as 2000::/3");
                    return;
                }
                Optional<String> gateway = Optional.empty();
                OptionalInt metric = OptionalInt.empty();
                if (d.argCount() > 1) {
                    if (!Addresses.isIpv6(d.arg(1)) && !ROUTE_KEYWORDS.contains(d.arg(1))) {
                        a.bad(1, "is not an IPv6 gateway");
                        return;
                    }
                    gateway = Optional.of(d.arg(1));
                }
                if (d.argCount() > 2) {
                    metric = a.integer(2, 0, Integer.MAX_VALUE);
                }
                routes6.add(new Routing.Route6(d.arg(0), gateway, metric, d.line()));
            }
            case "ifconfig-ipv6" -> {
                if (!Addresses.isIpv6Prefix(d.arg(0))) {
                    a.bad(0, "is not an IPv6 address with prefix length such as fd15:53b6:dead::2/64");
                } else if (!Addresses.isIpv6(d.arg(1))) {
                    a.bad(1, "is not an IPv6 address");
                } else {
                    ifconfig6 = Optional.of(new Routing.Ifconfig6(d.arg(0), d.arg(1)));
                }
            }
            case "route-gateway" -> {
                if (d.arg(0).equalsIgnoreCase("dhcp")) {
                    routeGateway = Optional.of("dhcp");
                } else {
                    a.ipv4(0).ifPresent(v -> routeGateway = Optional.of(v));
                }
            }
            case "route-metric" -> a.integer(0, 0, 255).ifPresent(v -> routeMetric = OptionalInt.of(v));
            case "route-nopull" -> routeNoPull = true;
            case "redirect-gateway" -> {
                Set<String> flags = new LinkedHashSet<>();
                for (int i = 0; i < d.argCount(); i++) {
                    String flag = d.arg(i).toLowerCase(Locale.ROOT);
                    if (REDIRECT_FLAGS.contains(flag)) {
                        flags.add(flag);
                    } else {
                        a.bad(i, "is not a redirect-gateway flag (def1, local, autolocal, bypass-dhcp, bypass-dns,"
                                + " block-local, ipv6, !ipv4)");
                    }
                }
                redirectGateway = Optional.of(flags);
            }
            case "block-ipv6" -> blockIpv6 = true;
            case "dhcp-option" -> dhcpOption(d, a);
            case "pull-filter" -> a.word(0, Set.of("accept", "ignore", "reject")).ifPresent(v -> pullFilters.add(
                    new Routing.PullFilter(Routing.PullFilter.Action.valueOf(v.toUpperCase(Locale.ROOT)), d.arg(1))));
            case "verb" -> a.integer(0, 0, 11).ifPresent(v -> verb = v);
            case "mute" -> a.integer(0, 0, Integer.MAX_VALUE);
            case "setenv" -> setenv(d);
            case "ignore-unknown-option" -> { }
            default -> throw new IllegalStateException("catalogue lists " + d.name() + " as supported but nothing"
                    + " interprets it");
        }
    }

    private void remote(Directive d, Arguments a) {
        attempted.add("remote");
        if (!Addresses.isHostName(d.arg(0)) && !Addresses.isIpv6(d.arg(0))) {
            a.bad(0, "is not a host name or IP address");
            return;
        }
        if (d.argCount() > 1 && a.port(1).isEmpty()) {
            return;
        }
        if (d.argCount() > 2 && Transport.parse(d.arg(2)).isEmpty()) {
            a.bad(2, "is not a protocol (udp, tcp, tcp-client, udp4, tcp6, ...)");
            return;
        }
        remoteLines.add(d);
    }

    private void fileOrInline(Directive d, String kind, List<String> extraLines) {
        String reference = d.arg(0);
        attempted.add(kind);
        if (reference.equals("[inline]")) {
            return; // the block with the same name supplies it
        }
        try {
            String text = files.read(reference);
            addMaterial(kind, text, d.line());
            List<String> replacement = new ArrayList<>();
            replacement.add("<" + kind + ">");
            replacement.addAll(ProfileText.splitLines(text));
            replacement.add("</" + kind + ">");
            replacement.addAll(extraLines);
            rewrites.put(d.line(), replacement);
        } catch (ReferencedFiles.UnavailableException e) {
            sink.error(e.reason(), d.line(), d.name() + ": " + e.getMessage());
        }
    }

    private void staticChallenge(Directive d, Arguments a) {
        Optional<String> echo = a.word(1, Set.of("0", "1"));
        StaticChallenge.Format format = StaticChallenge.Format.SCRV1;
        if (d.argCount() > 2) {
            Optional<String> f = a.word(2, Set.of("scrv1", "concat"));
            if (f.isEmpty()) {
                return;
            }
            format = f.get().equals("concat") ? StaticChallenge.Format.CONCAT : StaticChallenge.Format.SCRV1;
        }
        if (echo.isPresent()) {
            staticChallenge = Optional.of(new StaticChallenge(d.arg(0), echo.get().equals("1"), format));
            staticChallengeLine = d.line();
        }
    }

    private void dataCiphers(Directive d) {
        if (d.name().equals("ncp-ciphers")) {
            sink.warning(Reason.OBSOLETE, d.line(), "ncp-ciphers is the old name of data-ciphers");
        }
        List<String> chosen = new ArrayList<>();
        boolean refused = false;
        for (String entry : d.arg(0).split(":")) {
            boolean optional = entry.startsWith("?");
            String name = (optional ? entry.substring(1) : entry).toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (SUPPORTED_CIPHERS.contains(name)) {
                if (!chosen.contains(name)) {
                    chosen.add(name);
                }
            } else if (optional) {
                sink.warning(Reason.IGNORED, d.line(), "optional data cipher " + Arguments.shorten(name)
                        + " is not supported and is skipped");
            } else {
                refused = true;
                sink.error(Reason.BAD_ARGUMENT, d.line(), d.name() + ": cipher \"" + Arguments.shorten(name)
                        + "\" is not supported (Corridor supports " + String.join(", ",
                        new java.util.TreeSet<>(SUPPORTED_CIPHERS)) + "; prefix it with ? to make it optional)");
            }
        }
        if (chosen.isEmpty() && !refused) {
            sink.error(Reason.BAD_ARGUMENT, d.line(), d.name() + " names no cipher Corridor supports");
        }
        dataCiphers = chosen;
    }

    private void route(Directive d, Arguments a) {
        String network = d.arg(0);
        if (!Addresses.isIpv4(network) && !ROUTE_KEYWORDS.contains(network) && !Addresses.isHostName(network)) {
            a.bad(0, "is not an IPv4 network or host name");
            return;
        }
        String netmask = "255.255.255.255";
        if (d.argCount() > 1 && !d.arg(1).equals("default")) {
            if (!Addresses.isNetmask(d.arg(1))) {
                a.bad(1, "is not a netmask such as 255.255.0.0");
                return;
            }
            netmask = d.arg(1);
        }
        if (Addresses.isIpv4(network)
                && (Addresses.toLong(network) & ~Addresses.toLong(netmask) & 0xffffffffL) != 0) {
            sink.warning(Reason.BAD_ARGUMENT, d.line(), "route " + network + " " + netmask
                    + ": the network has host bits set; the host bits are ignored");
        }
        Optional<String> gateway = Optional.empty();
        if (d.argCount() > 2 && !d.arg(2).equals("default")) {
            if (!Addresses.isIpv4(d.arg(2)) && !ROUTE_KEYWORDS.contains(d.arg(2))) {
                a.bad(2, "is not a gateway (an IPv4 address, vpn_gateway, net_gateway or remote_host)");
                return;
            }
            gateway = Optional.of(d.arg(2));
        }
        OptionalInt metric = OptionalInt.empty();
        if (d.argCount() > 3) {
            metric = a.integer(3, 0, Integer.MAX_VALUE);
        }
        routes.add(new Routing.Route(network, netmask, gateway, metric, d.line()));
    }

    private void dhcpOption(Directive d, Arguments a) {
        String type = d.arg(0).toUpperCase(Locale.ROOT);
        if (!DHCP_TYPES.contains(type)) {
            a.bad(0, "is not a dhcp-option type (DNS, DNS6, DOMAIN, DOMAIN-SEARCH, ...)");
            return;
        }
        Optional<String> value = d.argCount() > 1 ? Optional.of(d.arg(1)) : Optional.empty();
        if (!type.equals("DISABLE-NBT") && value.isEmpty()) {
            sink.error(Reason.WRONG_ARGUMENT_COUNT, d.line(), "dhcp-option " + type + " needs a value");
            return;
        }
        if (type.equals("DNS") && !Addresses.isIpv4(value.get()) && !Addresses.isIpv6(value.get())) {
            a.bad(1, "is not an IP address");
            return;
        }
        if (type.equals("DNS6") && !Addresses.isIpv6(value.get())) {
            a.bad(1, "is not an IPv6 address");
            return;
        }
        dhcpOptions.add(new Routing.DhcpOption(type, value));
    }

    private void setenv(Directive d) {
        if (d.arg(0).equalsIgnoreCase("opt")) {
            if (d.argCount() < 2) {
                sink.error(Reason.WRONG_ARGUMENT_COUNT, d.line(), "setenv opt needs a directive after it");
                return;
            }
            accepted.remove(d);
            directive(new Directive(d.arg(1).toLowerCase(Locale.ROOT), d.args().subList(2, d.argCount()), d.line()),
                    true);
            return;
        }
        sink.warning(Reason.IGNORED, d.line(), "setenv " + Arguments.shorten(d.arg(0)) + " is ignored: it sets a"
                + " variable for scripts, and Corridor runs none");
    }

    private Optional<Profile> finish(int lastLine) {
        if (!client && !(tlsClient && pull)) {
            sink.error(Reason.NOT_A_CLIENT, lastLine, "the profile is not a client profile: it needs a \"client\""
                    + " line (or \"tls-client\" and \"pull\")");
        }
        List<Remote> remotes = new ArrayList<>();
        for (Directive r : remoteLines) {
            int port = r.argCount() > 1 ? Integer.parseInt(r.arg(1)) : defaultPort;
            Transport.Choice transport = r.argCount() > 2 ? Transport.parse(r.arg(2)).orElseThrow() : defaultTransport;
            remotes.add(new Remote(r.arg(0), port, transport.transport(), transport.family(), r.line()));
        }
        if (remotes.isEmpty() && !attempted.contains("remote")) {
            sink.error(Reason.MISSING_REMOTE, lastLine, "the profile has no \"remote\" line naming the server");
        }

        Optional<Material> ca = Optional.ofNullable(material.get("ca"));
        Optional<Material> cert = Optional.ofNullable(material.get("cert"));
        Optional<Material> key = Optional.ofNullable(material.get("key"));
        Optional<Material> tlsAuth = Optional.ofNullable(material.get("tls-auth"));
        Optional<Material> tlsCrypt = Optional.ofNullable(material.get("tls-crypt"));
        Optional<Material> extraCerts = Optional.ofNullable(material.get("extra-certs"));
        Optional<Material> crl = Optional.ofNullable(material.get("crl-verify"));

        if (ca.isEmpty() && !attempted.contains("ca")) {
            sink.error(Reason.MISSING_CA, lastLine, "the profile has no CA certificate (<ca> block or ca line);"
                    + " without it the server cannot be verified");
        }
        ca.ifPresent(c -> inspector.certificates(c.text(), "the CA", c.line(), sink));
        List<X509Certificate> clientChain = cert
                .map(c -> inspector.certificates(c.text(), "the client certificate", c.line(), sink))
                .orElse(List.of());
        Optional<KeyMaterialInspector.KeyFacts> keyFacts = key.flatMap(k -> inspector.privateKey(k.text(), k.line(),
                sink));
        if (!clientChain.isEmpty() && keyFacts.flatMap(KeyMaterialInspector.KeyFacts::key).isPresent()) {
            inspector.checkPair(clientChain.get(0), keyFacts.get().key().get(), key.get().line(), sink);
        }
        extraCerts.ifPresent(e -> inspector.certificates(e.text(), "extra-certs", e.line(), sink));
        crl.ifPresent(c -> inspector.crl(c.text(), c.line(), sink));
        if (cert.isPresent() && key.isEmpty()) {
            sink.error(Reason.CERT_WITHOUT_KEY, cert.get().line(), "the profile has a client certificate but no"
                    + " private key (<key> block)");
        }
        if (key.isPresent() && cert.isEmpty()) {
            sink.error(Reason.KEY_WITHOUT_CERT, key.get().line(), "the profile has a private key but no client"
                    + " certificate (<cert> block)");
        }
        boolean certificate = cert.isPresent() && key.isPresent();
        boolean triedCertificate = attempted.contains("cert") || attempted.contains("key");
        if (!certificate && !userPass && !federated && !triedCertificate) {
            sink.error(Reason.MISSING_AUTHENTICATION, lastLine, "the profile has no way to authenticate: it needs"
                    + " a client certificate and key, auth-user-pass, or auth-federate");
        }
        if (staticChallenge.isPresent() && !userPass) {
            sink.warning(Reason.IGNORED, staticChallengeLine, "static-challenge is ignored without auth-user-pass");
        }
        for (Material staticKey : new Material[] {tlsAuth.orElse(null), tlsCrypt.orElse(null)}) {
            if (staticKey != null) {
                StaticKeyFile.Result parsed = StaticKeyFile.parse(staticKey.text());
                if (!parsed.ok()) {
                    sink.error(Reason.BAD_STATIC_KEY, staticKey.line(), "the static key is not valid: "
                            + parsed.error());
                }
            }
        }
        if (tlsAuth.isPresent() && tlsCrypt.isPresent()) {
            sink.error(Reason.CONFLICT, tlsCrypt.get().line(), "tls-auth and tls-crypt cannot be used together");
        }
        OptionalInt direction = tlsAuthDirection.isPresent() ? tlsAuthDirection : keyDirection;
        if (!remoteCertTlsServer && verifyX509Name.isEmpty() && ca.isPresent()) {
            sink.warning(Reason.IGNORED, lastLine, "neither remote-cert-tls server nor verify-x509-name is set:"
                    + " any certificate from the same CA, including another client's, could pose as the server");
        }
        if (sink.hasErrors()) {
            return Optional.empty();
        }
        List<String> ciphers = new ArrayList<>(dataCiphers != null ? dataCiphers : DataChannelSettings.DEFAULT_CIPHERS);
        if (dataCiphers == null && fallbackCipher.isPresent() && !ciphers.contains(fallbackCipher.get())) {
            ciphers.add(fallbackCipher.get()); // OpenVPN 2.6 appends --cipher to the default list
        }
        TlsSettings tls = new TlsSettings(ca.get().text(), cert.map(Material::text), key.map(Material::text),
                keyFacts.map(KeyMaterialInspector.KeyFacts::encrypted).orElse(false), extraCerts.map(Material::text),
                tlsAuth.map(Material::text), direction, tlsCrypt.map(Material::text), remoteCertTlsServer,
                verifyX509Name, crl.map(Material::text), tlsVersionMin, tlsVersionMax);
        Authentication authentication = new Authentication(certificate, userPass, federated,
                userPass ? staticChallenge : Optional.empty(), authRetry, authNoCache);
        DataChannelSettings dataChannel = new DataChannelSettings(ciphers, fallbackCipher, authDigest, compression,
                renegSeconds, tunMtu, mssfix, mssfixIncludesHeaders);
        Timers timers = new Timers(ping, pingRestart, pingExit, inactive, inactiveBytes, explicitExitNotify,
                handWindow, tlsTimeout);
        Routing routing = new Routing(routes, routes6, ifconfig6, redirectGateway, blockIpv6, routeNoPull,
                routeGateway, routeMetric, dhcpOptions, pullFilters);
        RemoteSelection selection = new RemoteSelection(remoteRandom, remoteRandomHostname, connectRetry,
                connectRetryMaxSeconds, connectRetryMax, serverPollTimeout, resolvRetry);
        return Optional.of(new Profile(remotes, selection, tls, authentication, dataChannel, timers, routing, verb,
                accepted));
    }
}
