package dev.corridor.cli.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The texts that tell the user what the demo runs and which users, passwords and codes to use. */
public final class DemoInfo {
    private DemoInfo() {}

    /** The full description printed when the demo has started. */
    public static List<String> describe(DemoEnvironment environment, Instant now) {
        List<String> lines = new ArrayList<>();
        if (environment.network() instanceof DemoNetwork.Namespaces namespaces) {
            LabLayout lab = namespaces.layout();
            lines.add("Corridor demo: three test endpoints in the network namespace " + lab.serverNamespace() + " at "
                    + lab.serverAddress() + " (real TUN devices), with the lab host " + LabLayout.LAB_HOST
                    + " behind them in " + lab.lanNamespace() + ".");
            lines.add("Connecting opens a real tunnel: this computer gains only the route to "
                    + LabLayout.ROUTED_NETWORK + " through it (no DNS change), taken back on disconnect.");
        } else {
            lines.add("Corridor demo: three test endpoints on this machine, virtual network (this computer's"
                    + " network is not changed).");
        }
        lines.add("");
        for (DemoEndpoint endpoint : environment.endpoints()) {
            lines.add(String.format(Locale.ROOT, "  %-24s %s %s:%-5d  %s", endpoint.profileName(),
                    endpoint.mode().transport().label(), endpoint.address().getAddress().getHostAddress(),
                    endpoint.address().getPort(), howToSignIn(endpoint)));
        }
        lines.add("");
        lines.add("Demo users (directory and SAML endpoints):");
        for (DemoUser user : DemoUser.ALL) {
            lines.add(String.format(Locale.ROOT, "  %-6s password %-11s groups %-12s %s", user.username(),
                    user.password(), user.groups().isEmpty() ? "(none)" : String.join(",", user.groups()),
                    user.totpSecret().isPresent() ? "MFA" : "no MFA"));
        }
        lines.add("  (alice's group engineering may reach the private network 10.100.0.0/16; everyone may ping"
                + " the server's tunnel address)");
        lines.add(codeLine(now));
        lines.add("  `corridor demo code` prints it at any time; an authenticator app takes the TOTP secret "
                + DemoUser.ALICE.totpSecret().orElseThrow() + ".");
        lines.add("Demo files: " + environment.folder() + " (deleted when the demo stops).");
        environment.warnings().forEach(w -> lines.add("Warning: " + w));
        return lines;
    }

    /** How a profile of {@code endpoint} signs in, in a few words. */
    static String howToSignIn(DemoEndpoint endpoint) {
        DemoMode mode = endpoint.mode();
        if (mode == DemoMode.CERTIFICATE) {
            return "certificate inside the profile (alice's); no password";
        }
        if (mode == DemoMode.DIRECTORY_MFA) {
            return "username and password, then alice's MFA code";
        }
        return "browser sign-in at the test IdP " + endpoint.idpUrl().orElse("") + " (any demo user; alice also"
                + " enters her MFA code there)";
    }

    /** The line with alice's current MFA code. */
    public static String codeLine(Instant now) {
        return "alice's MFA code now: " + DemoUser.ALICE.code(now).orElseThrow() + " (changes in "
                + DemoUser.secondsLeft(now) + " s)";
    }

    /** A {@code corridor check} command line that connects with the profile of {@code mode}. */
    public static String checkCommand(DemoMode mode) {
        return commandLine("check", mode, "carol / demo-carol");
    }

    /** A {@code corridor connect} command line for {@code mode}'s profile (the root demo's real tunnel). */
    public static String connectCommand(DemoMode mode) {
        return commandLine("connect", mode, "alice (engineering)");
    }

    /** {@code corridor VERB "PROFILE"} with a comment on how it signs in, the comments aligned. */
    private static String commandLine(String verb, DemoMode mode, String samlUser) {
        String command = "corridor " + verb + " \"" + mode.profileName() + "\"";
        if (mode == DemoMode.CERTIFICATE) {
            return command;
        }
        String hint = mode == DemoMode.DIRECTORY_MFA ? "asks for username, password and the MFA code"
                : "opens the browser; sign in as " + samlUser;
        return String.format(Locale.ROOT, "%-43s # %s", command, hint);
    }

    /** A short notice for the desktop window: which users to use and where the MFA code comes from. */
    public static String notice(DemoNetwork network) {
        String users = "Demo users: alice / demo-alice (MFA), bob / demo-bob, carol / demo-carol. alice's MFA code is"
                + " printed in the terminal that started the demo, and by `corridor demo code`.";
        if (network instanceof DemoNetwork.Namespaces) {
            return users + " Connecting opens a real tunnel: ping " + LabLayout.LAB_HOST + ", the lab host behind"
                    + " the server (alice and the certificate may reach it).";
        }
        return users;
    }
}
