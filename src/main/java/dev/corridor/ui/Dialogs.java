package dev.corridor.ui;

import java.util.Arrays;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.Window;

/** The pieces every dialog of the window shares: owner, buttons in the window's language, labelled fields. */
final class Dialogs {
    private Dialogs() {}

    /** A dialog owned by {@code owner} with the window's title. */
    static Dialog<ButtonType> create(Window owner, String title) {
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(title);
        dialog.getDialogPane().setMinWidth(420);
        return dialog;
    }

    /** Adds the default (Enter) button with {@code text} and id {@code id}. */
    static ButtonType addDefault(Dialog<ButtonType> dialog, String text, String id, String accessible) {
        ButtonType type = new ButtonType(text, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().add(type);
        Node button = dialog.getDialogPane().lookupButton(type);
        button.setId(id);
        button.setAccessibleText(accessible);
        return type;
    }

    /** Adds the Cancel (Escape) button. */
    static ButtonType addCancel(Dialog<ButtonType> dialog, Texts t) {
        ButtonType type = new ButtonType(t.get("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().add(type);
        Node button = dialog.getDialogPane().lookupButton(type);
        button.setId("dialog-cancel");
        button.setAccessibleText(t.get("dialog.cancel.a11y"));
        return type;
    }

    /** A text field, masked when {@code masked}, with an id and an accessible name. */
    static TextField field(boolean masked, String id, String accessible) {
        TextField field = masked ? new PasswordField() : new TextField();
        field.setId(id);
        field.setAccessibleText(accessible);
        field.setPrefColumnCount(22);
        return field;
    }

    /** A label with a mnemonic ({@code _} marks the letter) that moves the focus to {@code target}. */
    static Label labelFor(String text, Node target) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(target);
        return label;
    }

    /** The field's characters as a new array, and the field emptied. */
    static char[] take(TextField field) {
        CharSequence text = field.getCharacters();
        char[] chars = new char[text.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = text.charAt(i);
        }
        field.clear();
        return chars;
    }

    static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
