package dev.corridor.profile;

/** How serious a profile diagnostic is: an error makes the profile unusable, a warning does not. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The word printed in {@code FILE:LINE: error: MESSAGE}. */
    public String label() {
        return label;
    }
}
