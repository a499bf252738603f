package dev.corridor.net;

/**
 * The host network while a tunnel is up: the plan that was applied and its journal. Closing it
 * takes every change back, newest first, and deletes the journal.
 */
public final class AppliedNetwork implements AutoCloseable {
    private final NetworkPlan plan;
    private final UndoJournal.Writer journal;
    private final HostNetwork owner;
    private RestoreReport undone;

    AppliedNetwork(NetworkPlan plan, UndoJournal.Writer journal, HostNetwork owner) {
        this.plan = plan;
        this.journal = journal;
        this.owner = owner;
    }

    /** What was applied, including the planner's notes. */
    public NetworkPlan plan() {
        return plan;
    }

    /** Takes every change back (once; later calls return the first report). */
    public synchronized RestoreReport undo() {
        if (undone == null) {
            undone = owner.undoAll(journal);
        }
        return undone;
    }

    /** Same as {@link #undo()}. */
    @Override
    public void close() {
        undo();
    }
}
