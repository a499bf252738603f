package dev.corridor.ui;

import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Asks the answer to a challenge the server sent (CRV1 or CR_TEXT): the server's text, one field, masked unless the server allows echo. */
final class ChallengeDialog {
    private ChallengeDialog() {}

    /** Shows the dialog and waits; the answer as a char array the caller wipes, empty when cancelled. */
    static Optional<char[]> ask(Window owner, Texts t, String text, boolean echo) {
        Dialog<ButtonType> dialog = Dialogs.create(owner, t.get("challenge.title"));
        dialog.setHeaderText(t.get("challenge.header"));
        TextField answer = Dialogs.field(!echo, "challenge-answer", t.get("challenge.answer.a11y"));
        Label question = new Label(text);
        question.setId("challenge-text");
        question.setWrapText(true);
        question.setMaxWidth(380);
        VBox box = new VBox(8, question, Dialogs.labelFor(t.get("challenge.answer"), answer), answer);
        dialog.getDialogPane().setContent(box);
        ButtonType send = Dialogs.addDefault(dialog, t.get("challenge.send"), "challenge-send",
                t.get("challenge.send.a11y"));
        Dialogs.addCancel(dialog, t);
        Platform.runLater(answer::requestFocus);
        Optional<ButtonType> chosen = dialog.showAndWait();
        char[] typed = Dialogs.take(answer);
        if (chosen.isEmpty() || chosen.get() != send) {
            Dialogs.wipe(typed);
            return Optional.empty();
        }
        return Optional.of(typed);
    }
}
