package dev.corridor.ui;

import dev.corridor.auth.saml.PortBusyException;
import dev.corridor.client.ConnectionEvent;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns what went wrong into one readable sentence in the window's language (kept as a function of
 * the texts, so that a language switch re-words it). The engine's own reason, an English sentence,
 * is quoted where it adds the detail.
 */
final class FailureText {
    private FailureText() {}

    /** The server refused the credentials or the sign-in. */
    static Function<Texts, String> authentication(String reason) {
        return reason.isBlank() ? t -> t.get("failure.auth")
                : t -> t.format("failure.auth-reason", reason);
    }

    /** True when the engine ended because the SAML listener's port is taken. */
    static boolean isBusyPort(String reason) {
        return reason.startsWith(PortBusyException.MESSAGE);
    }

    /** The SAML listener's port is taken, by {@code holder} when that is known. */
    static Function<Texts, String> busyPort(int port, Optional<String> holder) {
        return holder.isPresent() ? t -> t.format("failure.port-busy-holder", String.valueOf(port), holder.get())
                : t -> t.format("failure.port-busy", String.valueOf(port));
    }

    /** The connection ended for good, not at the user's request. */
    static Function<Texts, String> ended(ConnectionEvent.Disconnected disconnected) {
        String reason = disconnected.reason();
        if (disconnected.ending() == ConnectionEvent.Ending.SERVER_HALT) {
            return t -> t.format("failure.halted", reason);
        }
        return t -> t.format("failure.ended", reason);
    }

    /** The profile could not be read or is not usable. */
    static Function<Texts, String> profile(String name, String problem) {
        return t -> t.format("failure.profile", name, problem);
    }

    /** Something unexpected failed (the engine refused to start, ...). */
    static Function<Texts, String> unexpected(String problem) {
        return t -> t.format("failure.unexpected", problem);
    }
}
