package dev.corridor.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the diagnostics of one profile, all naming the same file. */
final class DiagnosticSink {
    private final String file;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    DiagnosticSink(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void error(Reason reason, int line, String message) {
        diagnostics.add(new Diagnostic(Severity.ERROR, reason, file, Math.max(1, line), message));
    }

    void warning(Reason reason, int line, String message) {
        diagnostics.add(new Diagnostic(Severity.WARNING, reason, file, Math.max(1, line), message));
    }

    boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** All diagnostics sorted by line, in the order they were found within a line. */
    List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(diagnostics);
        copy.sort(Comparator.comparingInt(Diagnostic::line));
        return List.copyOf(copy);
    }
}
