package dev.corridor.net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What undoing a tunnel's host-network changes did, change by change, newest first.
 *
 * @param journal     the journal that was read
 * @param status      whether there was anything to restore
 * @param lines       one line per undone change, in the order they were undone
 * @param journalKept true when some step failed and the journal was kept for another try
 */
public record RestoreReport(Path journal, Status status, List<Line> lines, boolean journalKept) {
    public RestoreReport {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
    }

    /** Whether a journal was there to restore. */
    public enum Status {
        /** No journal: nothing was left over. */
        NO_JOURNAL,
        /** A running Corridor process holds the journal: its tunnel is up, so nothing was touched. */
        IN_USE,
        /** The journal was read and its changes undone (see the lines). */
        RESTORED
    }

    /** One undone change: its description, how its undo ended, and a detail (the error when it failed). */
    public record Line(String change, NetworkApplier.Outcome outcome, String detail) {}

    /** True when every step was undone, was already gone or needed nothing. */
    public boolean complete() {
        return lines.stream().noneMatch(l -> l.outcome() == NetworkApplier.Outcome.FAILED);
    }

    /** The report as lines of text for a terminal. */
    public List<String> describe() {
        switch (status) {
            case NO_JOURNAL:
                return List.of("nothing to restore (no network undo journal at " + journal + ")");
            case IN_USE:
                return List.of("a running Corridor tunnel holds " + journal + "; nothing was changed");
            default:
                break;
        }
        List<String> text = new ArrayList<>();
        for (Line line : lines) {
            text.add("  " + line.outcome().label() + ": " + line.change()
                    + (line.detail().isEmpty() ? "" : " (" + line.detail() + ")"));
        }
        text.add(journalKept ? "some changes could not be undone; the journal was kept at " + journal
                : "restored " + lines.size() + " change(s); journal removed");
        return text;
    }
}
