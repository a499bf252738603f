package dev.corridor.cli;

import dev.corridor.platform.CorridorVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code corridor} command. Without a subcommand it will open the desktop window once
 * the UI exists; until then it prints this help.
 */
@Command(name = "corridor", mixinStandardHelpOptions = true, versionProvider = CorridorCommand.Version.class,
        description = "Corridor: a desktop client for AWS-style Client VPN endpoints.",
        subcommands = {DemoCommand.class, ProfileCommand.class, CheckCommand.class, ConnectCommand.class,
            ServerCommand.class, NetCommand.class, DiagnosticsCommand.class},
        footer = {"", "Data folder: set CORRIDOR_HOME to use another one (profiles, logs, settings)."})
final class CorridorCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the build's version for {@code --version}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Corridor " + CorridorVersion.version(),
                    "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
                            + System.getProperty("os.arch")};
        }
    }
}
