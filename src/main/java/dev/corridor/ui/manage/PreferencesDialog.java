package dev.corridor.ui.manage;

import dev.corridor.logging.LogLevelSwitch;
import dev.corridor.settings.Preferences;
import dev.corridor.settings.PreferencesLoad;
import dev.corridor.settings.PreferencesProblem;
import dev.corridor.settings.PreferencesStore;
import dev.corridor.ui.Texts;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The Preferences dialog: loads the preferences in the background, lets the user edit them in a
 * {@link PreferencesPane}, saves them in the background, applies the log level at once, and tells
 * the caller (which applies the rest: language, reconnect, tray).
 *
 * <pre>
 *   show() ─► background: store.load() ─► dialog (with a notice if the file was damaged)
 *   Save    ─► background: store.save() ─► LogLevelSwitch.apply(level) ─► onSaved(preferences)
 * </pre>
 */
public final class PreferencesDialog {
    private PreferencesDialog() {}

    /**
     * Loads the preferences and opens the dialog over {@code owner}. After a successful save
     * {@code onSaved} runs on the JavaFX thread with the new preferences; a failed save shows a
     * sentence in the dialog's place and keeps the old file.
     */
    public static void show(Window owner, PreferencesStore store, Texts texts, BackgroundWork background,
            Consumer<Preferences> onSaved) {
        Objects.requireNonNull(onSaved, "onSaved");
        background.run(store::load, load -> open(owner, store, texts, background, load, onSaved),
                failure -> Notices.error(owner, texts, UserMessages.of(failure, texts)));
    }

    /** The text shown above the controls when the file was damaged and the defaults are in use. */
    static String problemText(PreferencesProblem problem, Texts texts) {
        return problem.keptAs()
                .map(kept -> texts.format("manage.prefs.damaged", problem.file(), problem.jsonPath(), problem.detail(),
                        kept))
                .orElseGet(() -> texts.format("manage.prefs.damagedNotMoved", problem.file(), problem.jsonPath(),
                        problem.detail()));
    }

    static Dialog<Preferences> dialog(Window owner, Texts texts, PreferencesLoad load) {
        PreferencesPane pane = new PreferencesPane(texts, load.preferences());
        Dialog<Preferences> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(texts.get("manage.prefs.title"));
        dialog.setHeaderText(null);
        VBox content = new VBox(8);
        load.problem().ifPresent(problem -> {
            Label notice = new Label(problemText(problem, texts));
            notice.setWrapText(true);
            notice.setMaxWidth(520);
            notice.setId("prefs-problem");
            notice.setFocusTraversable(true);
            notice.setAccessibleText(notice.getText());
            content.getChildren().add(notice);
        });
        content.getChildren().add(pane);
        dialog.getDialogPane().setContent(content);
        ButtonType save = new ButtonType(texts.get("manage.prefs.save"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(texts.get("manage.common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().setAll(save, cancel);
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
        saveButton.setAccessibleText(texts.get("manage.prefs.saveAccessible"));
        saveButton.setId("prefs-save");
        Button cancelButton = (Button) dialog.getDialogPane().lookupButton(cancel);
        cancelButton.setAccessibleText(texts.get("manage.prefs.cancelAccessible"));
        dialog.setResultConverter(button -> button == save ? pane.value() : null);
        return dialog;
    }

    private static void open(Window owner, PreferencesStore store, Texts texts, BackgroundWork background,
            PreferencesLoad load, Consumer<Preferences> onSaved) {
        Dialog<Preferences> dialog = dialog(owner, texts, load);
        dialog.showAndWait().ifPresent(chosen -> background.run(() -> {
            store.save(chosen);
            LogLevelSwitch.apply(chosen.logLevel());
            return chosen;
        }, onSaved, failure -> Notices.error(owner, texts, texts.format("manage.prefs.saveFailed",
                UserMessages.of(failure, texts)))));
    }
}
