package dev.corridor.settings;

import dev.corridor.logging.LogLevel;
import dev.corridor.net.Ipv6LeakGuard;
import java.util.Objects;

/**
 * The user's preferences, as the Preferences dialog edits them and {@link PreferencesStore} keeps them.
 *
 * @param reconnectAutomatically reconnect by itself when an established connection is lost
 * @param maxReconnectAttempts   how many reconnect attempts before giving up; 0 means no limit
 * @param startMinimisedToTray   start with the window hidden and only the tray icon shown
 * @param language               the window's language
 * @param logLevel               the log file's level
 * @param ipv6LeakGuard          the IPv6 leak guard for the window's real-tunnel connects (as {@code corridor
 *                               connect --ipv6-leak-guard}; a profile's {@code block-ipv6} still forces it on)
 */
public record Preferences(boolean reconnectAutomatically, int maxReconnectAttempts, boolean startMinimisedToTray,
        Language language, LogLevel logLevel, Ipv6LeakGuard ipv6LeakGuard) {
    /** The largest attempt limit that can be set (0, no limit, is always allowed). */
    public static final int MAX_ATTEMPTS_LIMIT = 1000;

    /** What a new installation starts with. */
    public static final Preferences DEFAULTS = new Preferences(true, 10, false, Language.SYSTEM, LogLevel.INFO,
            Ipv6LeakGuard.AUTO);

    public Preferences {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(ipv6LeakGuard, "ipv6LeakGuard");
        if (maxReconnectAttempts < 0 || maxReconnectAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("maxReconnectAttempts must be between 0 (no limit) and "
                    + MAX_ATTEMPTS_LIMIT + ": " + maxReconnectAttempts);
        }
    }

    public Preferences withReconnect(boolean automatically, int maxAttempts) {
        return new Preferences(automatically, maxAttempts, startMinimisedToTray, language, logLevel, ipv6LeakGuard);
    }

    public Preferences withStartMinimisedToTray(boolean minimised) {
        return new Preferences(reconnectAutomatically, maxReconnectAttempts, minimised, language, logLevel,
                ipv6LeakGuard);
    }

    public Preferences withLanguage(Language newLanguage) {
        return new Preferences(reconnectAutomatically, maxReconnectAttempts, startMinimisedToTray, newLanguage,
                logLevel, ipv6LeakGuard);
    }

    public Preferences withLogLevel(LogLevel newLevel) {
        return new Preferences(reconnectAutomatically, maxReconnectAttempts, startMinimisedToTray, language, newLevel,
                ipv6LeakGuard);
    }

    public Preferences withIpv6LeakGuard(Ipv6LeakGuard newGuard) {
        return new Preferences(reconnectAutomatically, maxReconnectAttempts, startMinimisedToTray, language, logLevel,
                newGuard);
    }
}
