package dev.corridor.cli;

import dev.corridor.net.HostNetwork;
import dev.corridor.net.JournalDamagedException;
import dev.corridor.net.RestoreReport;
import dev.corridor.net.UndoJournal;
import dev.corridor.platform.DataDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Runs before every {@code corridor} command: when a Corridor run that ended abruptly left host network
 * changes behind (a journal that no live tunnel holds), undoes them and says so on stderr; without the
 * privileges to do so, says how to. {@code net restore} itself and help/version requests are skipped.
 */
final class LeftoverNetworkCheck implements CommandLine.IExecutionStrategy {
    private final CommandLine.IExecutionStrategy next;

    LeftoverNetworkCheck(CommandLine.IExecutionStrategy next) {
        this.next = next;
    }

    @Override
    public int execute(ParseResult parseResult) {
        if (!skipped(parseResult)) {
            check(parseResult.commandSpec().commandLine().getErr());
        }
        return next.execute(parseResult);
    }

    private static boolean skipped(ParseResult parseResult) {
        List<String> names = new ArrayList<>();
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return true;
            }
            names.add(p.commandSpec().name());
        }
        return names.size() >= 3 && names.get(1).equals("net") && names.get(2).equals("restore");
    }

    private static void check(PrintWriter err) {
        UndoJournal journal = UndoJournal.in(DataDirectory.current());
        if (!Files.exists(journal.file())) {
            return; // the common case: one stat, nothing else
        }
        try {
            HostNetwork network = HostNetwork.forThisMachine(DataDirectory.current());
            if (!network.hasLeftover()) {
                return; // a running tunnel's journal
            }
            journal.read();
            Optional<String> missing = NetCommand.privileges.get();
            if (missing.isPresent()) {
                err.println("corridor: warning: the host network has changes left by a Corridor run that ended"
                        + " abruptly (journal " + journal.file() + "); undoing them needs " + missing.get()
                        + ": sudo corridor net restore");
                return;
            }
            RestoreReport report = network.restoreAfterCrash();
            if (report.status() == RestoreReport.Status.RESTORED) {
                err.println("corridor: a Corridor run ended abruptly; restored the host network it had changed:");
                report.describe().forEach(err::println);
            }
        } catch (JournalDamagedException e) {
            err.println("corridor: warning: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            err.println("corridor: warning: cannot restore the host network from " + journal.file() + ": "
                    + e.getMessage());
        } finally {
            err.flush();
        }
    }
}
