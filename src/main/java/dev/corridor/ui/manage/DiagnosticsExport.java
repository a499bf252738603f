package dev.corridor.ui.manage;

import dev.corridor.diagnostics.DiagnosticsArchive;
import dev.corridor.diagnostics.DiagnosticsContents;
import dev.corridor.ui.Texts;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * "Export diagnostics…": asks where to save (a file chooser with a dated default name), then
 * writes the redacted archive in the background and says where it went, or why it failed.
 */
public final class DiagnosticsExport {
    private DiagnosticsExport() {}

    /** Asks for the path and exports the data folder {@code dataFolder}; does nothing if the user cancels. */
    public static void start(Window owner, Path dataFolder, Texts texts, BackgroundWork background, Clock clock) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(texts.get("manage.diag.chooserTitle"));
        chooser.setInitialFileName(DiagnosticsArchive.defaultFileName(clock));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(texts.get("manage.diag.zipFilter"), "*.zip"));
        Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath)
                .ifPresent(target -> export(owner, dataFolder, target, texts, background, clock));
    }

    /** Writes the archive to {@code target} in the background and reports the outcome in a message box. */
    public static void export(Window owner, Path dataFolder, Path target, Texts texts, BackgroundWork background,
            Clock clock) {
        background.run(() -> new DiagnosticsArchive().write(target, new DiagnosticsContents(dataFolder, clock).entries()),
                count -> Notices.information(owner, texts, texts.get("manage.diag.doneTitle"),
                        texts.format("manage.diag.done", target, count)),
                failure -> Notices.error(owner, texts, texts.format("manage.diag.failed", target,
                        UserMessages.of(failure, texts))));
    }
}
