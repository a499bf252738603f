package dev.corridor.ui;

import dev.corridor.auth.Credentials;
import dev.corridor.auth.CredentialsSource;
import dev.corridor.profile.StaticChallenge;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * Credentials asked in dialogs: the engine's thread calls in and blocks while the FX thread shows
 * the dialog; Cancel (or Escape, or closing the dialog) answers empty. Nothing is saved.
 */
final class DialogCredentials implements CredentialsSource {
    private final Labelling labels;
    private final Supplier<Window> owner;

    DialogCredentials(Labelling labels, Supplier<Window> owner) {
        this.labels = labels;
        this.owner = owner;
    }

    @Override
    public Optional<Credentials> credentials(String profileName, Optional<StaticChallenge> challenge, boolean retry) {
        try {
            return FxThread.call(() -> CredentialsDialog.ask(owner.get(), labels.texts(), profileName, challenge,
                    retry));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public Optional<char[]> challengeResponse(String text, boolean echo) {
        try {
            return FxThread.call(() -> ChallengeDialog.ask(owner.get(), labels.texts(), text, echo));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
