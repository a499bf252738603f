package dev.corridor.settings;

import java.util.Locale;

/** The language the window speaks: the operating system's, or a fixed one. */
public enum Language {
    /** Follow the operating system's language (English when Corridor is not translated into it). */
    SYSTEM,
    ENGLISH,
    JAPANESE;

    /** The locale to show texts in, given the operating system's locale. */
    public Locale locale(Locale system) {
        if (this == ENGLISH) {
            return Locale.ENGLISH;
        }
        if (this == JAPANESE) {
            return Locale.JAPANESE;
        }
        return system;
    }
}
