package dev.corridor.cli;

import dev.corridor.net.HostNetwork;
import dev.corridor.net.JournalDamagedException;
import dev.corridor.net.RestoreReport;
import dev.corridor.net.UndoJournal;
import dev.corridor.net.os.NetworkPrivileges;
import dev.corridor.platform.DataDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code corridor net ...}: the host network changes Corridor makes for a tunnel. */
@Command(name = "net", mixinStandardHelpOptions = true,
        description = "The host network changes (routes, addresses, DNS) Corridor makes while connected.",
        subcommands = {NetCommand.Restore.class})
final class NetCommand implements Runnable {
    /** What this process lacks to change the host network; tests replace it. */
    static Supplier<Optional<String>> privileges = NetworkPrivileges::missing;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code net restore}: undo what a crashed run left behind, and say what was done. */
    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Undo the routes, addresses and DNS settings that a Corridor run which ended abruptly"
                    + " (crash, kill -9, power loss) left on this machine, as recorded in its undo journal,"
                    + " and print what was restored. Needs root or CAP_NET_ADMIN when there is something to undo."})
    static final class Restore implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            HostNetwork network = HostNetwork.forThisMachine(DataDirectory.current());
            UndoJournal journal = network.journal();
            if (!journal.exists()) {
                out.println("Nothing to restore: no network undo journal at " + journal.file() + ".");
                return ExitCodes.OK;
            }
            try {
                journal.read(); // a damaged journal is reported before anything else
            } catch (JournalDamagedException e) {
                err.println("corridor: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            Optional<String> missing = privileges.get();
            if (missing.isPresent()) {
                err.println("corridor: the host network has changes left by a Corridor run that ended abruptly"
                        + " (journal " + journal.file() + "); undoing them needs " + missing.get()
                        + ": sudo corridor net restore");
                return ExitCodes.FAILURE;
            }
            return print(restore(network, err), out, err);
        }

        private static Optional<RestoreReport> restore(HostNetwork network, PrintWriter err) throws IOException {
            try {
                return Optional.of(network.restoreAfterCrash());
            } catch (JournalDamagedException e) {
                err.println("corridor: " + e.getMessage());
                return Optional.empty();
            }
        }

        private static int print(Optional<RestoreReport> report, PrintWriter out, PrintWriter err) {
            if (report.isEmpty()) {
                return ExitCodes.FAILURE;
            }
            RestoreReport restored = report.get();
            if (restored.status() == RestoreReport.Status.IN_USE) {
                err.println("corridor: " + restored.describe().get(0));
                return ExitCodes.FAILURE;
            }
            if (restored.status() == RestoreReport.Status.RESTORED) {
                out.println("Restored the host network from " + restored.journal() + ":");
            }
            restored.describe().forEach(out::println);
            return restored.complete() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
