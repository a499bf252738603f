package dev.corridor.auth;

import dev.corridor.profile.StaticChallenge;
import java.util.Optional;

/**
 * Where the engine gets a username and password when a profile needs them: a prompt in the
 * terminal, a dialog in the window, or a file given with {@code --auth-user-pass}.
 */
public interface CredentialsSource {
    /**
     * Asks for credentials.
     *
     * @param profileName the profile being connected, for the prompt
     * @param challenge   the static challenge to ask together with the password, if the profile has one
     * @param retry       true after the server refused the previous answer
     * @return the credentials, or empty when the user cancelled
     */
    Optional<Credentials> credentials(String profileName, Optional<StaticChallenge> challenge, boolean retry);

    /**
     * Asks the answer to a dynamic challenge (CRV1) the server sent.
     *
     * @param text the server's challenge text
     * @param echo whether the answer may be shown while typed
     * @return the answer, or empty when the user cancelled
     */
    Optional<char[]> challengeResponse(String text, boolean echo);
}
