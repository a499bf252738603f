package dev.corridor.cli;

import dev.corridor.diagnostics.DiagnosticsArchive;
import dev.corridor.diagnostics.DiagnosticsContents;
import dev.corridor.platform.DataDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corridor diagnostics export [FILE]}: the same redacted archive as the window's "Export diagnostics". */
@Command(name = "diagnostics", mixinStandardHelpOptions = true,
        description = "Collect logs, profiles, preferences and system information for a bug report.",
        subcommands = {DiagnosticsCommand.Export.class})
final class DiagnosticsCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code diagnostics export [FILE]}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a zip with the logs, stored profiles, preferences and system information."
                    + " Every secret (private keys, static keys, passwords, tokens, SAML data, one-time codes) is"
                    + " replaced by [redacted]. The zip appears whole or not at all."})
    static final class Export implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(paramLabel = "FILE", arity = "0..1",
                description = "Where to write the zip (default: corridor-diagnostics-<date>-<time>.zip here).")
        private Path file;

        @Override
        public Integer call() {
            Clock clock = Clock.systemDefaultZone();
            Path target = file != null ? file : Path.of(DiagnosticsArchive.defaultFileName(clock));
            try {
                int entries = new DiagnosticsArchive().write(target,
                        new DiagnosticsContents(DataDirectory.current(), clock).entries());
                spec.commandLine().getOut().println("Wrote " + target.toAbsolutePath() + " (" + entries
                        + " files, secrets redacted)");
                return ExitCodes.OK;
            } catch (IOException e) {
                spec.commandLine().getErr().println("corridor: cannot write " + target + ": " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }
    }
}
