package dev.corridor.profile;

import java.util.Objects;

/**
 * A {@code static-challenge} line: the prompt shown next to the password (usually for an MFA code)
 * and whether the answer may be echoed on screen.
 *
 * @param text   prompt text, e.g. "Enter MFA code "
 * @param echo   true when the answer is shown while typed ({@code 1}); false masks it ({@code 0})
 * @param format how the answer joins the password: SCRV1 (default) or concatenation
 */
public record StaticChallenge(String text, boolean echo, Format format) {
    /** How the response is sent to the server. */
    public enum Format { SCRV1, CONCAT }

    public StaticChallenge {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
    }
}
