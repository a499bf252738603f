package dev.corridor.net;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One operating system's way of reading and changing the host network (Linux, macOS, Windows).
 * {@link HostNetwork} drives it: snapshot, then for every change {@link #undoFor} (journaled) and
 * {@link #apply}, and after a crash the journaled undos are run through {@link #undo}.
 */
public interface NetworkApplier {

    /** The short OS name written to the journal, e.g. {@code linux}. */
    String os();

    /**
     * What tells this boot of the machine from the next (Linux: the kernel's boot id), written to the
     * journal: after a restart, the kernel state a journal recorded is gone, and whatever now carries
     * the same names (another VPN's {@code tun0}, its routes) is not Corridor's to remove. Empty when
     * the OS offers nothing; such journals are restored in full.
     */
    default Optional<String> bootId() {
        return Optional.empty();
    }

    /** The current state the planner needs: default gateways, addresses, main-table routes. */
    HostSnapshot snapshot() throws NetworkChangeException;

    /**
     * How to take {@code change} back, computed before it is applied (e.g. the exact route, the backup
     * of resolv.conf, the link's previous MTU).
     */
    List<Undo> undoFor(NetworkChange change) throws NetworkChangeException;

    /** Makes the change. */
    void apply(NetworkChange change) throws NetworkChangeException;

    /** Runs one undo step; something already gone counts as {@link Outcome#ALREADY_GONE}, not a failure. */
    UndoResult undo(Undo undo);

    /** How one undo step ended, with a detail for the report (the error text when it failed). */
    record UndoResult(Outcome outcome, String detail) {
        public UndoResult {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The kinds of ending of an undo step. */
    enum Outcome {
        UNDONE("undone"),
        ALREADY_GONE("already gone"),
        NOTHING_TO_DO("left alone"),
        FAILED("FAILED");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
