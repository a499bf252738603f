package dev.corridor.client;

/** How one connection attempt ended, which decides what the engine does next. */
sealed interface AttemptOutcome {
    /** The user (or the owner) asked to disconnect. */
    record Stopped() implements AttemptOutcome {}

    /** Something failed; retrying may help (network, timeout, ping-restart, server RESTART). */
    record Failed(String reason, boolean fatal) implements AttemptOutcome {}

    /** The server refused the credentials. */
    record AuthFailed(String reason, boolean sessionExpired) implements AttemptOutcome {}

    /** The server sent a dynamic challenge (CRV1) to answer on the next connection. */
    record Challenge(String stateId, String username, String text, boolean echo) implements AttemptOutcome {}

    /** The server told the client to stop (HALT). */
    record Halted(String reason) implements AttemptOutcome {}

    /** Temporary refusal: retry after {@code backoffSeconds}. */
    record TryLater(String reason, int backoffSeconds) implements AttemptOutcome {}
}
