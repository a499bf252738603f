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
    private Optional<String> bootId = Optional.empty();
    private boolean kernelUndos;
    private final java.util.Map<Undo, String> undoTargets = new java.util.HashMap<>();

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

    /** Reports {@code id} as the machine's boot id. */
    FakeApplier boot(String id) {
        bootId = Optional.of(id);
        return this;
    }

    /**
     * Journals links, addresses and routes with the kernel-state undo kinds a real applier uses
     * (they do not outlive a restart); DNS keeps a command (it does).
     */
    FakeApplier kernelUndos() {
        kernelUndos = true;
        return this;
    }

    /** Knows which host entry each of {@code earlier}'s undo steps removes (a restart of the same fake host). */
    FakeApplier rememberingUndosOf(FakeApplier earlier) {
        undoTargets.putAll(earlier.undoTargets);
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
    public Optional<String> bootId() {
        return bootId;
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
        Undo undo = new Undo.RunCommand(List.of("fake-undo", change.describe()), Optional.empty());
        if (kernelUndos && change instanceof NetworkChange.ConfigureLink link) {
            undo = new Undo.RestoreLink(link.link(), 1500, false);
        } else if (kernelUndos && change instanceof NetworkChange.AddAddress address) {
            undo = new Undo.RemoveAddress(address.link(), address.address(), address.peer());
        } else if (kernelUndos && change instanceof NetworkChange.AddRoute add) {
            undo = new Undo.RemoveRoute(add.route().destination(), add.route().gateway(), add.route().link());
        }
        undoTargets.put(undo, change.describe());
        return List.of(undo);
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
        String what = undo instanceof Undo.RunCommand command ? command.command().get(1) : undoTargets.get(undo);
        undone.add(what);
        return host.remove(what) ? new UndoResult(Outcome.UNDONE, "") : new UndoResult(Outcome.ALREADY_GONE, "");
    }

    private static String jsonText(String text) {
        return text.replace("\"", "\\\"");
    }
}
