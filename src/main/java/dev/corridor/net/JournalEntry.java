package dev.corridor.net;

import java.util.List;
import java.util.Objects;

/** One journaled change: its number, its description, and the undo steps that take it back. */
public record JournalEntry(int step, String change, List<Undo> undo) {
    public JournalEntry {
        Objects.requireNonNull(change, "change");
        undo = List.copyOf(undo);
    }
}
