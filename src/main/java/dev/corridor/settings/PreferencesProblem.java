package dev.corridor.settings;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Why the preferences file could not be used: where in the JSON the problem is, what it is, and
 * where the damaged file was kept (empty when it could not be moved aside).
 *
 * @param file     the preferences file
 * @param jsonPath the location of the problem, e.g. {@code $.logLevel}; {@code $} for the whole file
 * @param detail   what is wrong there, in a few words
 * @param keptAs   the copy of the damaged file, e.g. {@code preferences.json.bad}
 */
public record PreferencesProblem(Path file, String jsonPath, String detail, Optional<Path> keptAs) {
    public PreferencesProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(jsonPath, "jsonPath");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(keptAs, "keptAs");
    }

    /** One English sentence for logs and the command line. */
    public String describe() {
        return file + " is damaged at " + jsonPath + " (" + detail + "); the default preferences are used. "
                + keptAs.map(p -> "The damaged file was kept as " + p + ".")
                        .orElse("The damaged file could not be moved aside and will be replaced on the next save.");
    }
}
