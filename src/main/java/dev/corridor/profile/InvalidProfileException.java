package dev.corridor.profile;

import java.util.List;

/** An import was refused because the profile has errors; carries every diagnostic found. */
public final class InvalidProfileException extends ProfileStoreException {
    private final transient List<Diagnostic> diagnostics;

    public InvalidProfileException(List<Diagnostic> diagnostics) {
        super(Kind.INVALID_PROFILE, "the profile has " + diagnostics.stream().filter(Diagnostic::isError).count()
                + " error(s) and was not imported");
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
