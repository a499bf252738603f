package dev.corridor.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Process entry point: runs the picocli command line and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        StartupWarmUp.beginFor(args);
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; used by tests without exiting the JVM. */
    public static int run(String... args) {
        CommandLine commandLine = commandLine(args);
        try {
            return commandLine.execute(args);
        } finally {
            // picocli's writers flush only on println; a command that ends with print() must still show.
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }

    /** Runs one command line writing to {@code out} and {@code err} instead of the console; for tests. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The command line for {@code args}: the subcommands they can reach first, then the settings (which reach those). */
    static CommandLine commandLine(String... args) {
        CommandLine commandLine = new CommandLine(new CorridorCommand());
        Subcommands.addTo(commandLine, args);
        commandLine.setExecutionExceptionHandler(new FriendlyErrors());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionStrategy(new LeftoverNetworkCheck(new CommandLine.RunLast()));
        return commandLine;
    }
}
