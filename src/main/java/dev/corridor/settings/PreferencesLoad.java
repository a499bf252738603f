package dev.corridor.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * What loading the preferences gave: the preferences to use, and the problem with the file when
 * they are the defaults because the file was damaged.
 */
public record PreferencesLoad(Preferences preferences, Optional<PreferencesProblem> problem) {
    public PreferencesLoad {
        Objects.requireNonNull(preferences, "preferences");
        Objects.requireNonNull(problem, "problem");
    }
}
