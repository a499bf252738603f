package dev.corridor.ui.manage;

import dev.corridor.ui.Texts;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Small message boxes for a finished or failed action: one readable sentence, an OK button. */
final class Notices {
    private Notices() {}

    static void error(Window owner, Texts texts, String sentence) {
        show(owner, texts, Alert.AlertType.ERROR, texts.get("manage.common.errorTitle"), sentence);
    }

    static void warning(Window owner, Texts texts, String title, String sentence) {
        show(owner, texts, Alert.AlertType.WARNING, title, sentence);
    }

    static void information(Window owner, Texts texts, String title, String sentence) {
        show(owner, texts, Alert.AlertType.INFORMATION, title, sentence);
    }

    private static void show(Window owner, Texts texts, Alert.AlertType type, String title, String sentence) {
        Alert alert = new Alert(type, sentence, ButtonType.OK);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle(title);
        alert.setHeaderText(null);
        Button ok = (Button) alert.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText(texts.get("manage.common.ok"));
        ok.setAccessibleText(texts.get("manage.common.ok"));
        alert.getDialogPane().setAccessibleText(sentence);
        alert.show();
    }
}
