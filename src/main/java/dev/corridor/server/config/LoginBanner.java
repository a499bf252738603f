package dev.corridor.server.config;

import java.util.Objects;

/**
 * The client login banner: text shown by the client when a new session is established.
 *
 * @param enabled whether the banner is sent
 * @param text    the banner, at most {@value #MAX_CHARACTERS} UTF-8 characters (code points)
 */
public record LoginBanner(boolean enabled, String text) {
    /** The administrator guide's limit. */
    public static final int MAX_CHARACTERS = 1400;

    public LoginBanner {
        Objects.requireNonNull(text, "text");
    }

    /** No banner. */
    public static LoginBanner disabled() {
        return new LoginBanner(false, "");
    }
}
