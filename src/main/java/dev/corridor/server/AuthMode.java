package dev.corridor.server;

import java.util.Optional;

/** The authentication choices of {@code corridor server init}. */
public enum AuthMode {
    MUTUAL("mutual"),
    DIRECTORY("directory"),
    MUTUAL_AND_DIRECTORY("mutual+directory"),
    /** SAML through the bundled test IdP, whose users sign in with passwords (and MFA codes). */
    FEDERATED("federated");

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
        return this == MUTUAL || this == MUTUAL_AND_DIRECTORY;
    }

    /** True when users have passwords (for federated: at the test IdP). */
    public boolean usesPasswords() {
        return this != MUTUAL;
    }

    /** The mode named {@code label} exactly: mutual, directory, mutual+directory or federated. */
    public static Optional<AuthMode> fromLabel(String label) {
        for (AuthMode mode : values()) {
            if (mode.label.equals(label)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
