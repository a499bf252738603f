package dev.corridor.profile;

import java.util.Objects;

/**
 * One problem found in a profile, pinned to the file and line where it was found.
 *
 * @param severity error or warning
 * @param reason   machine-readable cause
 * @param file     the name shown to the user (the path given on the command line, or the stored name)
 * @param line     1-based line number; problems about something missing point at the last line
 * @param message  one sentence for a person; never contains key material or passwords
 */
public record Diagnostic(Severity severity, Reason reason, String file, int line, String message) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1: " + line);
        }
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The compiler-style form {@code FILE:LINE: error: MESSAGE}. */
    public String format() {
        return file + ":" + line + ": " + severity.label() + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
