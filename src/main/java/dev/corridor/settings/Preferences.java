package dev.corridor.settings;

import dev.corridor.logging.LogLevel;
import java.util.Objects;

/**
 * The user's preferences, as the Preferences dialog edits them and {@link PreferencesStore} keeps them.
 *
 * @param reconnectAutomatically reconnect by itself when an established connection is lost
 * @param maxReconnectAttempts   how many reconnect attempts before giving up; 0 means no limit
 * @param startMinimisedToTray   start with the window hidden and only the tray icon shown
 * @param language               the window's language
 * @param logLevel               the log file's level
 */
public record Preferences(boolean reconnectAutomatically, int maxReconnectAttempts, boolean startMinimisedToTray,
        Language language, LogLevel logLevel) {
    /** The largest attempt limit that can be set (0, no limit, is always allowed). */
    public static final int MAX_ATTEMPTS_LIMIT = 1000;

    /** What a new installation starts with. */
    public static final Preferences DEFAULTS = new Preferences(true, 10, false, Language.SYSTEM, LogLevel.INFO);

    public Preferences {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(logLevel, "logLevel");
        if (maxReconnectAttempts < 0 || maxReconnectAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("maxReconnectAttempts must be between 0 (no limit) and "
                    + MAX_ATTEMPTS_LIMIT + ": " + maxReconnectAttempts);
        }
    }

    public Preferences withReconnect(boolean automatically, int maxAttempts) {
        return new Preferences(automatically, maxAttempts, startMinimisedToTray, language, logLevel);
    }

    public Preferences withStartMinimisedToTray(boolean minimised) {
        return new Preferences(reconnectAutomatically, maxReconnectAttempts, minimised, language, logLevel);
    }

    public Preferences withLanguage(Language newLanguage) {
        return new Preferences(reconnectAutomatically, maxReconnectAttempts, startMinimisedToTray, newLanguage, logLevel);
    }

    public Preferences withLogLevel(LogLevel newLevel) {
        return new Preferences(reconnectAutomatically, maxReconnectAttempts, startMinimisedToTray, language, newLevel);
    }
}
