package dev.corridor.archfixture.logging;

/** Compliant: a logging class that depends on nothing above it. */
public final class FixtureLog {
    public String format(String message) {
        return "[corridor] " + message;
    }
}
