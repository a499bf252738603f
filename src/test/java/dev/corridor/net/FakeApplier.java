package dev.corridor.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Test double for {@link NetworkApplier}: the "host" is a set of strings; applying a change adds its
 * description, undo removes it. It records whether the journal already named a change when it was
 * applied, and can fail or call a hook at a chosen step.
 */
class FakeApplier implements NetworkApplier {
    final Set<String> host;
    final List<Boolean> journaledBeforeApply = new ArrayList<>();
    final List<String> undone = new ArrayList<>();
    private final Path journalFile;
    private final HostSnapshot snapshot;
    private int failAt = -1;
    private int applied;
    private Consumer<Integer> afterApply = step -> { };

    FakeApplier(Set<String> host, Path journalFile, HostSnapshot snapshot) {
        this.host = host;
        this.journalFile = journalFile;
        this.snapshot = snapshot;
    }

    FakeApplier(Path journalFile, HostSnapshot snapshot) {
        this(new LinkedHashSet<>(), journalFile, snapshot);
    }

    /** The {@code step}-th apply (1-based) fails. */
    FakeApplier failAt(int step) {
        failAt = step;
        return this;
    }

    /** Called with the step number after each successful apply. */
    FakeApplier afterApply(Consumer<Integer> hook) {
        afterApply = hook;
        return this;
    }

    @Override
    public String os() {
        return "fake";
    }

    @Override
    public HostSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public List<Undo> undoFor(NetworkChange change) {
        if (change instanceof NetworkChange.KeepExistingRoute) {
            return List.of(new Undo.Nothing("existed before Corridor"));
        }
        return List.of(new Undo.RunCommand(List.of("fake-undo", change.describe()), Optional.empty()));
    }

    @Override
    public void apply(NetworkChange change) throws NetworkChangeException {
        applied++;
        try {
            journaledBeforeApply.add(Files.readString(journalFile).contains(jsonText(change.describe())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (applied == failAt) {
            throw new NetworkChangeException("RTNETLINK answers: File exists");
        }
        if (!(change instanceof NetworkChange.KeepExistingRoute)) {
            host.add(change.describe());
        }
        afterApply.accept(applied);
    }

    @Override
    public UndoResult undo(Undo undo) {
        if (undo instanceof Undo.Nothing nothing) {
            undone.add("(nothing)");
            return new UndoResult(Outcome.NOTHING_TO_DO, nothing.reason());
        }
        String what = ((Undo.RunCommand) undo).command().get(1);
        undone.add(what);
        return host.remove(what) ? new UndoResult(Outcome.UNDONE, "") : new UndoResult(Outcome.ALREADY_GONE, "");
    }

    private static String jsonText(String text) {
        return text.replace("\"", "\\\"");
    }
}
