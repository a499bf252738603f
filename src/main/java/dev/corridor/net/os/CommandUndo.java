package dev.corridor.net.os;

import dev.corridor.net.CommandRunner;
import dev.corridor.net.NetworkApplier.UndoResult;
import dev.corridor.net.NetworkApplier.Outcome;
import dev.corridor.net.Undo;
import java.util.function.Predicate;

/**
 * Undoes one journaled change the same way on every OS: nothing to do, a file put back, or a
 * command run, where each OS only differs in how its tools say "that is already gone".
 */
final class CommandUndo {
    private CommandUndo() {}

    /**
     * @param alreadyGone recognises the OS tool's message for a route, address or key that no longer
     *                    exists (some tools print it and still exit 0)
     */
    static UndoResult run(Undo undo, CommandRunner runner, Predicate<String> alreadyGone) {
        if (undo instanceof Undo.Nothing nothing) {
            return new UndoResult(Outcome.NOTHING_TO_DO, nothing.reason());
        }
        if (undo instanceof Undo.RestoreFile file) {
            return SystemFiles.restore(file);
        }
        if (!(undo instanceof Undo.RunCommand command)) {
            return new UndoResult(Outcome.FAILED, "this OS's applier cannot undo \"" + undo + "\"");
        }
        CommandRunner.Result result = runner.run(command.command(), command.input());
        String message = result.message();
        if (alreadyGone.test(message)) {
            return new UndoResult(Outcome.ALREADY_GONE, "");
        }
        if (result.ok()) {
            return new UndoResult(Outcome.UNDONE, "");
        }
        return new UndoResult(Outcome.FAILED, String.join(" ", command.command()) + ": " + message);
    }
}
