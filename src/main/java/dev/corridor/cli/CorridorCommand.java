package dev.corridor.cli;

import dev.corridor.platform.CorridorVersion;
import dev.corridor.ui.DesktopWindow;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code corridor} command. Without a subcommand it opens the desktop window; where
 * no window can be opened (no display) it says so in one line naming the commands, exit code 2. Its
 * subcommands are added by {@link Subcommands} (only the invoked one for {@code connect} and {@code check}).
 */
@Command(name = "corridor", mixinStandardHelpOptions = true, versionProvider = CorridorCommand.Version.class,
        description = "Corridor: a desktop client for AWS-style Client VPN endpoints.",
        footer = {"", "Data folder: set CORRIDOR_HOME to use another one (profiles, logs, settings)."})
final class CorridorCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return DesktopWindow.run(DesktopWindow.Options.defaults());
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
