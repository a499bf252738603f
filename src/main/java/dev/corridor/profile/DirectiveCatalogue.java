package dev.corridor.profile;

import dev.corridor.profile.DirectiveRule.Verdict;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The list of every directive Corridor knows, deciding for each one whether it is supported,
 * accepted with a warning, or rejected, and why.
 *
 * <p>Sources: the directives the AWS client documents (see docs/profiles.md), the OpenVPN 2.6
 * manual, and AWS's {@code auth-federate}. Anything not listed is an unknown directive: an error
 * unless the profile marks it optional with {@code setenv opt} or {@code ignore-unknown-option}.
 */
public final class DirectiveCatalogue {
    private static final int MANY = Integer.MAX_VALUE;
    private static final String RUNS_PROGRAMS = "it makes the VPN client run a program or script, which a profile"
            + " downloaded from a portal or mailed by a colleague must never be able to do";

    private static final String TLS_SUITES = "Corridor offers its own list of forward-secret TLS suites"
            + " (ECDHE with AES-GCM or ChaCha20-Poly1305)";

    private final Map<String, DirectiveRule> rules;

    private DirectiveCatalogue(Map<String, DirectiveRule> rules) {
        this.rules = Collections.unmodifiableMap(rules);
    }

    /** The catalogue for the platform Corridor runs on. */
    public static DirectiveCatalogue standard() {
        return forPlatform(PlatformKind.current());
    }

    /** Which family of operating system a catalogue is for; some directives only mean something on one. */
    public enum PlatformKind {
        LINUX, MACOS, WINDOWS;

        static PlatformKind current() {
            String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
            if (os.startsWith("windows")) {
                return WINDOWS;
            }
            return os.startsWith("mac") ? MACOS : LINUX;
        }
    }

    public static DirectiveCatalogue forPlatform(PlatformKind platform) {
        Map<String, DirectiveRule> r = new LinkedHashMap<>();
        Builder b = new Builder(r);

        // --- mode and device
        b.supported("client", 0, 0);
        b.supported("tls-client", 0, 0);
        b.supported("pull", 0, 0);
        b.supported("dev", 1, 1);
        b.supported("dev-type", 1, 1);
        b.supported("topology", 1, 1);
        b.supported("nobind", 0, 0);
        b.supported("persist-key", 0, 0);
        b.supported("persist-tun", 0, 0);
        b.supported("key-method", 1, 1);

        // --- remotes and retries
        b.supported("remote", 1, 3);
        b.supported("proto", 1, 1);
        b.supported("port", 1, 1);
        b.supported("rport", 1, 1);
        b.supported("remote-random", 0, 0);
        b.supported("remote-random-hostname", 0, 0);
        b.supported("resolv-retry", 1, 1);
        b.supported("connect-retry", 1, 2);
        b.supported("connect-retry-max", 1, 1);
        b.supported("server-poll-timeout", 1, 1);
        b.supported("connect-timeout", 1, 1);
        b.supported("float", 0, 0);

        // --- TLS and key material
        b.supported("ca", 1, 1);
        b.supported("cert", 1, 1);
        b.supported("key", 1, 1);
        b.supported("extra-certs", 1, 1);
        b.supported("tls-auth", 1, 2);
        b.supported("tls-crypt", 1, 1);
        b.supported("key-direction", 1, 1);
        b.supported("remote-cert-tls", 1, 1);
        b.supported("verify-x509-name", 1, 2);
        b.supported("crl-verify", 1, 2);
        b.supported("tls-version-min", 1, 2);
        b.supported("tls-version-max", 1, 1);
        b.supported("tls-timeout", 1, 1);
        b.supported("hand-window", 1, 1);
        b.supported("tran-window", 1, 1);
        b.supported("reneg-sec", 1, 2);
        b.supported("auth", 1, 1);

        // --- authentication
        b.supported("auth-user-pass", 0, 1);
        b.supported("auth-federate", 0, 0);
        b.supported("auth-retry", 1, 1);
        b.supported("auth-nocache", 0, 0);
        b.supported("static-challenge", 2, 3);

        // --- data channel
        b.supported("cipher", 1, 1);
        b.supported("data-ciphers", 1, 1);
        b.supported("ncp-ciphers", 1, 1);
        b.supported("data-ciphers-fallback", 1, 1);
        b.supported("comp-lzo", 0, 1);
        b.supported("compress", 0, 1);
        b.supported("allow-compression", 1, 1);
        b.supported("tun-mtu", 1, 2);
        b.supported("tun-mtu-extra", 1, 1);
        b.supported("mssfix", 0, 2);
        b.supported("replay-window", 1, 2);

        // --- timers
        b.supported("ping", 1, 1);
        b.supported("ping-restart", 1, 1);
        b.supported("ping-exit", 1, 1);
        b.supported("keepalive", 2, 2);
        b.supported("inactive", 1, 2);
        b.supported("explicit-exit-notify", 0, 1);

        // --- routing and DNS
        b.supported("route", 1, 4);
        b.supported("route-ipv6", 1, 3);
        b.supported("ifconfig-ipv6", 2, 2);
        b.supported("route-gateway", 1, 1);
        b.supported("route-metric", 1, 1);
        b.supported("route-nopull", 0, 0);
        b.supported("redirect-gateway", 0, 8);
        b.supported("block-ipv6", 0, 0);
        b.supported("dhcp-option", 1, 2);
        b.supported("pull-filter", 2, 2);

        // --- logging and options handling
        b.supported("verb", 1, 1);
        b.supported("mute", 1, 1);
        b.supported("setenv", 1, MANY);
        b.supported("ignore-unknown-option", 1, MANY);

        // --- accepted, but they change nothing in Corridor
        b.ignored("tls-cipher", 1, 1, TLS_SUITES);
        b.ignored("tls-ciphersuites", 1, 1, TLS_SUITES);
        b.ignored("tls-groups", 1, 1, TLS_SUITES);
        b.ignored("reneg-bytes", 1, 1, "it is not supported yet; keys are renewed by time (reneg-sec) and whenever"
                + " the server asks");
        b.ignored("reneg-pkts", 1, 1, "it is not supported yet; keys are renewed by time (reneg-sec) and whenever"
                + " the server asks");
        b.ignored("mute-replay-warnings", 0, 0, "Corridor counts replayed packets instead of logging each one");
        b.ignored("sndbuf", 1, 1, "Corridor sizes its socket buffers itself");
        b.ignored("rcvbuf", 1, 1, "Corridor sizes its socket buffers itself");
        b.ignored("fast-io", 0, 0, "Corridor's data path does not need it");
        b.ignored("push-peer-info", 0, 0, "Corridor always sends its peer information");
        b.ignored("tun-ipv6", 0, 0, "it has had no effect since OpenVPN 2.4");
        b.ignored("user", 1, 1, "Corridor never changes the user it runs as");
        b.ignored("group", 1, 1, "Corridor never changes the group it runs as");
        b.ignored("daemon", 0, 1, "Corridor runs as a desktop application or a foreground command");
        b.ignored("log", 1, 1, "Corridor writes its own log in the user's data folder");
        b.ignored("log-append", 1, 1, "Corridor writes its own log in the user's data folder");
        b.ignored("writepid", 1, 1, "Corridor does not write PID files");
        b.ignored("status", 1, 2, "the connection details are shown in the window and by the CLI");
        b.ignored("status-version", 1, 1, "the connection details are shown in the window and by the CLI");
        b.ignored("management", 2, 3, "Corridor has no management interface");
        b.ignored("management-query-passwords", 0, 0, "Corridor asks for credentials itself");
        b.ignored("management-hold", 0, 0, "Corridor has no management interface");
        b.ignored("management-signal", 0, 0, "Corridor has no management interface");
        b.ignored("txqueuelen", 1, 1, "Corridor uses the system default queue length");
        b.ignored("passtos", 0, 0, "Corridor does not copy the TOS field");
        b.ignored("keysize", 1, 1, "it was removed in OpenVPN 2.6; the cipher name fixes the key size");
        b.ignored("machine-readable-output", 0, 0, "Corridor has its own --json output");
        b.ignored("auth-retry-none", 0, 0, "use auth-retry none");
        b.ignored("remap-usr1", 1, 1, "Corridor handles signals itself");
        b.ignored("single-session", 0, 0, "it is a server-side option with no effect on a client");
        b.ignored("tls-exit", 0, 0, "Corridor ends the attempt on TLS errors anyway");
        b.ignored("dev-node", 1, 1, "Corridor chooses the TUN device itself");
        b.ignored("lport", 1, 1, "Corridor always binds an ephemeral local port");
        b.ignored("bind", 0, 1, "Corridor always binds an ephemeral local port");

        // --- platform-specific
        boolean windows = platform == PlatformKind.WINDOWS;
        for (String name : new String[] {"ip-win32", "route-method", "register-dns", "dhcp-renew", "dhcp-release",
                "tap-sleep", "windows-driver", "block-outside-dns", "route-delay", "dhcp-pre-release"}) {
            int max = name.equals("route-delay") || name.equals("ip-win32") ? 2 : 1;
            b.platform(name, 0, max, windows ? "Corridor configures the adapter itself"
                    : "it only means something on Windows");
        }

        // --- rejected: runs programs or reads arbitrary files
        for (String name : new String[] {"up", "down", "route-up", "route-pre-down", "ipchange", "tls-verify",
                "auth-user-pass-verify", "client-connect", "client-disconnect", "learn-address", "plugin",
                "script-security", "iproute", "dns-updown", "tls-export-cert", "up-restart", "up-delay",
                "down-pre", "client-crresponse"}) {
            b.security(name, RUNS_PROGRAMS);
        }
        b.security("config", "it reads another configuration file from anywhere on this computer");
        b.security("cd", "it changes the folder the VPN client works in");
        b.security("chroot", "it changes the root folder of the VPN client");
        b.security("setcon", "it changes the SELinux context of the VPN client");
        b.security("engine", "it loads a native crypto engine into the VPN client");
        b.security("providers", "it loads native crypto providers into the VPN client");
        b.security("askpass", "it reads a key passphrase from a file; Corridor asks for the passphrase instead");
        b.security("auth-gen-token-secret", "it names a server-side secret file");

        // --- rejected: server-side directives
        for (String name : new String[] {"server", "server-ipv6", "server-bridge", "mode", "tls-server", "dh",
                "push", "push-reset", "push-remove", "client-to-client", "duplicate-cn", "ifconfig-pool",
                "ifconfig-pool-persist", "ifconfig-push", "iroute", "iroute-ipv6", "client-config-dir", "ccd-exclusive",
                "max-clients", "auth-gen-token", "verify-client-cert", "username-as-common-name", "port-share",
                "management-client-auth", "connect-freq", "max-routes-per-client", "stale-routes-check",
                "tls-crypt-v2-verify", "opt-verify", "topology-server", "persist-local-ip", "persist-remote-ip"}) {
            b.server(name);
        }

        // --- rejected: not (yet) supported by Corridor; each says what to do instead
        b.notSupported("tls-crypt-v2", "tls-crypt-v2 is not supported yet; ask for a profile with tls-crypt or tls-auth");
        b.notSupported("pkcs12", "PKCS#12 bundles are not supported yet; convert it to <cert> and <key> blocks"
                + " (openssl pkcs12 -in file.p12 -nodes)");
        b.notSupported("cryptoapicert", "the Windows certificate store is not supported yet; export the"
                + " certificate and key into <cert> and <key> blocks");
        b.notSupported("pkcs11-providers", "smart cards (PKCS#11) are not supported yet");
        b.notSupported("pkcs11-id", "smart cards (PKCS#11) are not supported yet");
        b.notSupported("management-external-key", "external keys through a management interface are not supported");
        b.notSupported("management-external-cert", "external certificates through a management interface are"
                + " not supported");
        b.notSupported("http-proxy", "HTTP proxies are not supported yet");
        b.notSupported("http-proxy-option", "HTTP proxies are not supported yet");
        b.notSupported("socks-proxy", "SOCKS proxies are not supported yet");
        b.notSupported("fragment", "OpenVPN's internal fragmentation is not supported; use mssfix");
        b.notSupported("connection", "<connection> blocks are not supported yet; use several remote lines");
        b.notSupported("secret", "static-key (pre-shared key) mode is not supported; it has no forward secrecy and"
                + " was removed from OpenVPN 2.7");
        b.notSupported("ifconfig", "a client's address comes from the server's push; a fixed ifconfig is only used"
                + " in peer-to-peer setups, which Corridor does not support");
        b.notSupported("http-proxy-user-pass", "HTTP proxies are not supported yet");
        b.notSupported("dns", "the dns option is not supported yet; use dhcp-option DNS");
        b.obsolete("ns-cert-type", "it was removed in OpenVPN 2.5; use remote-cert-tls server");
        b.obsolete("comp-noadapt", "compression is never used by Corridor");
        return new DirectiveCatalogue(r);
    }

    /** The rule for {@code name}, if Corridor knows the directive. */
    public Optional<DirectiveRule> rule(String name) {
        return Optional.ofNullable(rules.get(name));
    }

    /** Every known directive name, in catalogue order. */
    public Set<String> names() {
        return rules.keySet();
    }

    /** Fills the rule map with one call per directive. */
    private record Builder(Map<String, DirectiveRule> rules) {
        void supported(String name, int min, int max) {
            put(new DirectiveRule(name, Verdict.SUPPORTED, Reason.IGNORED, min, max, ""));
        }

        void ignored(String name, int min, int max, String why) {
            put(new DirectiveRule(name, Verdict.ACCEPTED_WITH_WARNING, Reason.IGNORED, min, max, why));
        }

        void platform(String name, int min, int max, String why) {
            put(new DirectiveRule(name, Verdict.ACCEPTED_WITH_WARNING, Reason.IGNORED_ON_PLATFORM, min, max, why));
        }

        void security(String name, String why) {
            put(new DirectiveRule(name, Verdict.REJECTED, Reason.REJECTED_FOR_SECURITY, 0, MANY, why));
        }

        void server(String name) {
            put(new DirectiveRule(name, Verdict.REJECTED, Reason.SERVER_ONLY, 0, MANY,
                    "it configures an OpenVPN server, and this is a client profile"));
        }

        void notSupported(String name, String why) {
            put(new DirectiveRule(name, Verdict.REJECTED, Reason.NOT_SUPPORTED, 0, MANY, why));
        }

        void obsolete(String name, String why) {
            put(new DirectiveRule(name, Verdict.REJECTED, Reason.OBSOLETE, 0, MANY, why));
        }

        private void put(DirectiveRule rule) {
            DirectiveRule previous = rules.put(rule.name(), rule);
            if (previous != null) {
                throw new IllegalStateException("directive listed twice in the catalogue: " + rule.name());
            }
        }
    }
}
