package dev.corridor.net;

import dev.corridor.net.os.OsAppliers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front-end-neutral service that gives a tunnel its host network and takes it back: plan, journal
 * each change, apply; undo on close; after a crash, undo what the journal recorded.
 *
 * <pre>
 *   apply(request):  snapshot ─▶ plan ─▶ for each change: undoFor ─▶ journal line (fdatasync if it outlives a restart) ─▶ apply
 *                    a failing change: dropped from the journal, earlier ones undone, journal deleted
 *   close():         undo entries newest first ─▶ delete journal (kept if a step failed)
 *   restoreAfterCrash(): journal present and its lock free ─▶ undo newest first ─▶ report ─▶ delete
 *                        (journal of an earlier boot: kernel-state steps are gone with the restart, skipped)
 * </pre>
 */
public final class HostNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(HostNetwork.class);

    private final NetworkApplier applier;
    private final UndoJournal journal;

    public HostNetwork(NetworkApplier applier, UndoJournal journal) {
        this.applier = applier;
        this.journal = journal;
    }

    /** The service for the running OS, journaling into {@code dataFolder}. */
    public static HostNetwork forThisMachine(Path dataFolder) {
        return new HostNetwork(OsAppliers.forThisMachine(), UndoJournal.in(dataFolder));
    }

    public UndoJournal journal() {
        return journal;
    }

    /** The host network as the applier reads it now (default gateways, addresses, main-table routes); changes nothing. */
    public HostSnapshot snapshot() throws NetworkChangeException {
        return applier.snapshot();
    }

    /** The plan that {@link #apply} would carry out now, without changing anything. */
    public NetworkPlan plan(TunnelNetworkRequest request) throws NetworkChangeException {
        return NetworkPlanner.plan(request, applier.snapshot());
    }

    /**
     * Gives the tunnel its addresses, routes and DNS. On failure everything already changed is taken
     * back and the exception says which change failed.
     */
    public AppliedNetwork apply(TunnelNetworkRequest request) throws NetworkChangeException {
        NetworkPlan plan = plan(request);
        UndoJournal.Writer writer;
        try {
            writer = journal.create(applier.os(), applier.bootId());
        } catch (IOException e) {
            throw new NetworkChangeException("cannot start the network undo journal: " + e.getMessage(), e);
        }
        int step = 0;
        for (NetworkChange change : plan.changes()) {
            step++;
            try {
                writer.append(new JournalEntry(step, change.describe(), applier.undoFor(change)));
            } catch (IOException | NetworkChangeException | RuntimeException e) {
                RestoreReport undone = undoAll(writer);
                throw new NetworkChangeException("cannot journal \"" + change.describe() + "\": " + e.getMessage()
                        + undoneSuffix(undone), e);
            }
            try {
                LOG.info("network: {}", change.describe());
                applier.apply(change);
            } catch (NetworkChangeException | RuntimeException e) {
                try {
                    writer.dropLast(); // the failed change made nothing to undo
                } catch (IOException journalError) {
                    e.addSuppressed(journalError);
                }
                RestoreReport undone = undoAll(writer);
                throw new NetworkChangeException("\"" + change.describe() + "\" failed: " + e.getMessage()
                        + undoneSuffix(undone), e);
            }
        }
        plan.notes().forEach(note -> LOG.info("network plan: {}", note));
        return new AppliedNetwork(plan, writer, this);
    }

    /** True when a journal from a crashed run is waiting to be restored (present, and no live tunnel holds it). */
    public boolean hasLeftover() throws IOException {
        return journal.exists() && !journal.inUse();
    }

    /**
     * Undoes what a crashed run left behind, newest change first, tolerating changes that are already
     * gone; deletes the journal when every step succeeded. A live tunnel's journal is left alone.
     */
    public RestoreReport restoreAfterCrash() throws JournalDamagedException, IOException {
        if (!journal.exists()) {
            return new RestoreReport(journal.file(), RestoreReport.Status.NO_JOURNAL, List.of(), false);
        }
        Optional<UndoJournal.Lease> lease = journal.tryLock();
        if (lease.isEmpty()) {
            return new RestoreReport(journal.file(), RestoreReport.Status.IN_USE, List.of(), true);
        }
        try (UndoJournal.Lease held = lease.get()) {
            if (journal.emptyAfterPowerCut()) {
                LOG.info("network: the undo journal {} is empty (its header never reached the disk before a power"
                        + " cut, so nothing in it outlived the cut): deleted", journal.file());
                journal.delete(held);
                return new RestoreReport(journal.file(), RestoreReport.Status.RESTORED, List.of(), false);
            }
            Optional<UndoJournal.Contents> contents = journal.read();
            if (contents.isEmpty()) {
                return new RestoreReport(journal.file(), RestoreReport.Status.NO_JOURNAL, List.of(), false);
            }
            if (!contents.get().os().equals(applier.os())) {
                throw new JournalDamagedException(journal.file(), "it was written on " + contents.get().os()
                        + ", this is " + applier.os());
            }
            boolean restarted = contents.get().boot().isPresent() && applier.bootId().isPresent()
                    && !contents.get().boot().equals(applier.bootId());
            List<RestoreReport.Line> lines = undoEntries(contents.get().entries(), restarted);
            RestoreReport report = new RestoreReport(journal.file(), RestoreReport.Status.RESTORED, lines, false);
            if (report.complete()) {
                journal.delete(held);
                return report;
            }
            return new RestoreReport(journal.file(), RestoreReport.Status.RESTORED, lines, true);
        }
    }

    /** Undoes a live tunnel's journal (newest first) and deletes it unless a step failed; releases the lock. */
    RestoreReport undoAll(UndoJournal.Writer writer) {
        List<RestoreReport.Line> lines = undoEntries(writer.entries(), false);
        boolean complete = lines.stream().noneMatch(l -> l.outcome() == NetworkApplier.Outcome.FAILED);
        try {
            if (complete) {
                writer.delete();
            }
            writer.close();
        } catch (IOException e) {
            LOG.warn("network: cannot finish the undo journal {}: {}", journal.file(), e.getMessage());
            complete = false;
        }
        return new RestoreReport(journal.file(), RestoreReport.Status.RESTORED, lines, !complete);
    }

    /**
     * Runs the undo steps newest first. After a restart of the machine ({@code restarted}) the steps
     * for kernel state are not run: that state went with the restart, and a link, address or route
     * of the same name now is someone else's.
     */
    private List<RestoreReport.Line> undoEntries(List<JournalEntry> entries, boolean restarted) {
        List<RestoreReport.Line> lines = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            JournalEntry entry = entries.get(i);
            NetworkApplier.Outcome worst = NetworkApplier.Outcome.NOTHING_TO_DO;
            List<String> details = new ArrayList<>();
            for (Undo undo : entry.undo()) {
                NetworkApplier.UndoResult result = restarted && !undo.outlivesRestart()
                        ? new NetworkApplier.UndoResult(NetworkApplier.Outcome.ALREADY_GONE,
                                "gone with the restart of the machine")
                        : applier.undo(undo);
                worst = worse(worst, result.outcome());
                if (!result.detail().isEmpty()) {
                    details.add(result.detail());
                }
            }
            LOG.info("network undo: {}: {}", entry.change(), worst.label());
            lines.add(new RestoreReport.Line(entry.change(), worst, String.join("; ", details)));
        }
        return lines;
    }

    /** FAILED beats UNDONE beats ALREADY_GONE beats NOTHING_TO_DO. */
    private static NetworkApplier.Outcome worse(NetworkApplier.Outcome a, NetworkApplier.Outcome b) {
        List<NetworkApplier.Outcome> order = List.of(NetworkApplier.Outcome.NOTHING_TO_DO,
                NetworkApplier.Outcome.ALREADY_GONE, NetworkApplier.Outcome.UNDONE, NetworkApplier.Outcome.FAILED);
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }

    private static String undoneSuffix(RestoreReport undone) {
        return undone.journalKept() ? "; some earlier changes could not be undone, see " + undone.journal()
                : "; the " + undone.lines().size() + " change(s) made before were undone";
    }
}
