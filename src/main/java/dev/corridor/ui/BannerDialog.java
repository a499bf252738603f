package dev.corridor.ui;

import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/**
 * The login banner the server sends with a new session, in a dialog the user closes with OK. Text
 * arriving while it is open (INFO messages) is added below.
 */
final class BannerDialog {
    private final Dialog<ButtonType> dialog;
    private final TextArea text = new TextArea();

    BannerDialog(Window owner, Texts t) {
        dialog = Dialogs.create(owner, t.get("banner.title"));
        dialog.setHeaderText(t.get("banner.header"));
        text.setId("banner-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(6);
        text.setAccessibleText(t.get("banner.text.a11y"));
        dialog.getDialogPane().setContent(text);
        Dialogs.addDefault(dialog, t.get("banner.ok"), "banner-ok", t.get("banner.ok.a11y"));
    }

    /** Shows the dialog (without waiting) with {@code message}, or adds it when already open. */
    void show(String message) {
        text.appendText(text.getText().isEmpty() ? message : "\n" + message);
        if (!dialog.isShowing()) {
            dialog.show();
        }
    }

    boolean isShowing() {
        return dialog.isShowing();
    }

    /** The dialog itself, for screenshots. */
    Dialog<ButtonType> dialog() {
        return dialog;
    }
}
