package dev.corridor.ui;

import dev.corridor.auth.Credentials;
import dev.corridor.profile.StaticChallenge;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Asks a username and password, and the MFA code when the profile has a {@code static-challenge}
 * (masked or shown as its echo flag says). Passwords leave the fields as char arrays that are wiped
 * once copied into the {@link Credentials}.
 */
final class CredentialsDialog {
    private CredentialsDialog() {}

    /** Shows the dialog and waits (FX thread, nested event loop); empty when cancelled. */
    static Optional<Credentials> ask(Window owner, Texts t, String profileName, Optional<StaticChallenge> challenge,
            boolean retry) {
        Dialog<ButtonType> dialog = Dialogs.create(owner, t.get("credentials.title"));
        dialog.setHeaderText(retry ? t.format("credentials.header-retry", profileName)
                : t.format("credentials.header", profileName));
        TextField username = Dialogs.field(false, "username", t.get("credentials.username.a11y"));
        TextField password = Dialogs.field(true, "password", t.get("credentials.password.a11y"));
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.addRow(0, Dialogs.labelFor(t.get("credentials.username"), username), username);
        grid.addRow(1, Dialogs.labelFor(t.get("credentials.password"), password), password);
        Optional<TextField> code = challenge.map(c -> Dialogs.field(!c.echo(), "mfa-code",
                t.format("credentials.code.a11y", c.text().strip())));
        code.ifPresent(field -> grid.addRow(2, Dialogs.labelFor(t.format("credentials.code",
                challenge.get().text().strip()), field), field));
        dialog.getDialogPane().setContent(grid);
        ButtonType signIn = Dialogs.addDefault(dialog, t.get("credentials.sign-in"), "sign-in",
                t.get("credentials.sign-in.a11y"));
        Dialogs.addCancel(dialog, t);
        dialog.getDialogPane().lookupButton(signIn).disableProperty().bind(username.textProperty().isEmpty());
        Platform.runLater(username::requestFocus);
        Optional<ButtonType> answer = dialog.showAndWait();
        char[] typed = Dialogs.take(password);
        char[] codeTyped = code.map(Dialogs::take).orElse(null);
        try {
            if (answer.isEmpty() || answer.get() != signIn) {
                return Optional.empty();
            }
            return Optional.of(new Credentials(username.getText().strip(), typed, Optional.ofNullable(codeTyped)));
        } finally {
            Dialogs.wipe(typed);
            Dialogs.wipe(codeTyped);
        }
    }
}
