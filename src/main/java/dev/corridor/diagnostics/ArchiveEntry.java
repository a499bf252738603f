package dev.corridor.diagnostics;

import java.io.IOException;
import java.util.Objects;

/**
 * One file of a diagnostics archive: its name inside the zip and a way to produce its text,
 * which the writer redacts before it is stored.
 */
public interface ArchiveEntry {
    /** The entry's path inside the zip, with forward slashes, e.g. {@code logs/corridor.log}. */
    String name();

    /** The entry's text before redaction; may fail, which fails the whole export. */
    String text() throws IOException;

    /** How the text must be redacted. */
    Redaction redaction();

    /** What must be masked in an entry. */
    enum Redaction {
        /** Log lines, JSON, system information: every secret the log redactor knows. */
        TEXT,
        /** A profile: the secret inline blocks emptied first, then everything {@link #TEXT} masks. */
        PROFILE
    }

    /** An entry with fixed text. */
    static ArchiveEntry of(String name, String text, Redaction redaction) {
        Objects.requireNonNull(text, "text");
        return new Fixed(name, text, redaction);
    }

    /** An entry with fixed text. */
    record Fixed(String name, String fixedText, Redaction redaction) implements ArchiveEntry {
        public Fixed {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(fixedText, "fixedText");
            Objects.requireNonNull(redaction, "redaction");
        }

        @Override
        public String text() {
            return fixedText;
        }
    }
}
