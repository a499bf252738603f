package dev.corridor.profile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of reading a profile: the profile when it is usable, every diagnostic found, and the
 * self-contained text to store (file references inlined, credentials removed).
 *
 * @param profile       present only when there are no errors
 * @param diagnostics   errors and warnings, by line
 * @param storableText  the profile text as Corridor stores it; empty when there are errors
 */
public record ParseResult(Optional<Profile> profile, List<Diagnostic> diagnostics, Optional<String> storableText) {
    public ParseResult {
        Objects.requireNonNull(profile, "profile");
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(storableText, "storableText");
    }

    public boolean usable() {
        return profile.isPresent();
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }
}
