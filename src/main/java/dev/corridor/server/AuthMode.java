package dev.corridor.server;

import java.util.Optional;

/** The authentication choices of {@code corridor server init}. */
public enum AuthMode {
    MUTUAL("mutual"),
    DIRECTORY("directory"),
    MUTUAL_AND_DIRECTORY("mutual+directory");

    private final String label;

    AuthMode(String label) {
        this.label = label;
    }

    /** The name on the command line and in {@code endpoint.json}. */
    public String label() {
        return label;
    }

    /** True when clients present certificates. */
    public boolean usesCertificates() {
        return this != DIRECTORY;
    }

    /** True when clients send a username and password. */
    public boolean usesPasswords() {
        return this != MUTUAL;
    }

    /** The mode named {@code label} exactly ({@code mutual}, {@code directory}, {@code mutual+directory}). */
    public static Optional<AuthMode> fromLabel(String label) {
        for (AuthMode mode : values()) {
            if (mode.label.equals(label)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
