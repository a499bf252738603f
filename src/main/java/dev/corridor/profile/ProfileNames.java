package dev.corridor.profile;

import java.util.Locale;
import java.util.Optional;

/** The rules for profile display names: what is allowed and what name a file gets by default. */
public final class ProfileNames {
    public static final int MAX_LENGTH = 64;

    private ProfileNames() {}

    /** Why {@code name} cannot be a display name, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("a profile name cannot be empty");
        }
        if (!name.equals(name.strip())) {
            return Optional.of("a profile name cannot start or end with spaces");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return Optional.of("a profile name can have at most " + MAX_LENGTH + " characters");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("a profile name cannot contain control characters");
        }
        return Optional.empty();
    }

    /** The default display name for a file: its name without the .ovpn or .conf extension. */
    public static String fromFileName(String fileName) {
        String name = fileName;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String extension : new String[] {".ovpn", ".conf"}) {
            if (lower.endsWith(extension) && name.length() > extension.length()) {
                name = name.substring(0, name.length() - extension.length());
                break;
            }
        }
        name = name.strip().codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_LENGTH)).strip();
        }
        return name.isEmpty() ? "profile" : name;
    }

    /** Names compare without regard to case, so "Work" and "work" cannot both exist. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
