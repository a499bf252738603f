package dev.corridor.cli;

/** The exit codes of every Corridor command. */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** The request failed for a reason explained on stderr (bad profile, unknown name, ...). */
    static final int FAILURE = 1;
    /** The command line itself was wrong (picocli's usage error code). */
    static final int USAGE = 2;
    /** {@code connect}: the server ended the connection for good (HALT). */
    static final int SERVER_ENDED = 3;
    /** A bug: something unexpected happened; details are in the log. */
    static final int SOFTWARE = 70;

    private ExitCodes() {}
}
